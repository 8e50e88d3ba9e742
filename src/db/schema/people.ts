import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { Role } from '../../shared/roles';
import { units } from './units';

export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    username: text('username').notNull(),
    fullName: text('full_name').notNull(),
    email: text('email'),
    phone: text('phone'),
    title: text('title'),
    /** The unit the person works for; user administration is scoped by it. */
    homeUnitId: integer('home_unit_id')
      .notNull()
      .references(() => units.id),
    /** The agency (sở, phòng, ban) the person works in, when they act for one. */
    agencyId: integer('agency_id'),
    /** For OCOP producers: the subject (chủ thể) whose products the person manages. */
    producerId: integer('producer_id'),
    passwordHash: text('password_hash').notNull(),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    active: boolean('active').notNull().default(true),
    locale: text('locale').$type<'vi' | 'en'>().notNull().default('vi'),
    searchKey: text('search_key').notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_username_uq').on(t.username),
    index('users_home_unit_idx').on(t.homeUnitId),
    check('users_username_ck', sql`${t.username} = lower(${t.username})`),
  ],
);

export const roleGrants = pgTable(
  'role_grants',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').$type<Role>().notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    grantedBy: integer('granted_by'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: integer('revoked_by'),
  },
  (t) => [
    index('role_grants_user_idx').on(t.userId),
    uniqueIndex('role_grants_active_uq')
      .on(t.userId, t.role, t.unitId)
      .where(sql`${t.revokedAt} is null`),
  ],
);

/** Server-side sessions. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/** Sign-in attempts, by username and address; the lockout and the rate limit are computed from them. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    username: text('username').notNull(),
    ip: text('ip').notNull(),
    kind: text('kind').$type<'failure' | 'success' | 'unlock' | 'lock'>().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('login_attempts_user_idx').on(t.username, t.at), index('login_attempts_ip_idx').on(t.ip, t.at)],
);

/**
 * Sign-in throttles, one row per account (`u:<username>`) and per address (`ip:<address>`). An attempt
 * takes a slot with one atomic upsert *before* the password is checked, so however many requests
 * arrive at once, on however many app instances, at most `max` of them are ever evaluated.
 */
export const loginThrottles = pgTable('login_throttles', {
  key: text('key').primaryKey(),
  /** Slots taken in the current window (failures, and attempts still being checked). */
  slots: integer('slots').notNull().default(0),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});
