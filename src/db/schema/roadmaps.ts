import { sql } from 'drizzle-orm';
import { ROADMAP_STATUSES, type RoadmapStatus } from '../../domain/lifecycles/roadmap-item';
import { bigint, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { units } from './units';
import { users } from './people';

export const AGENCY_KINDS = ['department', 'people_committee'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** Departments and offices that own criteria work: provincial sở, commune offices, … */
export const agencies = pgTable(
  'agencies',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    name: text('name').notNull(),
    shortName: text('short_name'),
    /** A department or office, or the People's Committee of its unit (whose people are the unit's officials). */
    kind: text('kind').$type<AgencyKind>().notNull().default('department'),
    email: text('email'),
    active: boolean('active').notNull().default(true),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [index('agencies_unit_idx').on(t.unitId)],
);

/** An item's statuses are its lifecycle's (`domain/lifecycles/roadmap-item.ts`). */
export { ROADMAP_STATUSES, type RoadmapStatus };
export const COST_CLASSES = ['none', 'budget', 'investment'] as const;
export type CostClass = (typeof COST_CLASSES)[number];

/**
 * One piece of work to bring an unmet indicator of a unit up to standard: who leads it, who helps,
 * by which month, what it costs. Suggested from the gap list, confirmed by the office.
 */
export const roadmapItems = pgTable(
  'roadmap_items',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    setCode: text('set_code').notNull(),
    indicatorCode: text('indicator_code').notNull(),
    criterionNumber: text('criterion_number').notNull(),
    title: text('title').notNull(),
    /** The work itself, in the words of whoever leads it: what will be done, where, with whom. */
    task: text('task'),
    leadAgencyId: integer('lead_agency_id').references(() => agencies.id),
    leadUserId: integer('lead_user_id').references(() => users.id),
    supportingAgencyIds: jsonb('supporting_agency_ids').$type<number[]>().notNull().default([]),
    targetMonth: date('target_month'),
    costClass: text('cost_class').$type<CostClass>().notNull().default('none'),
    /** Estimated cost in đồng (integer, never floating point). */
    costEstimate: bigint('cost_estimate', { mode: 'number' }),
    projectId: integer('project_id'),
    status: text('status').$type<RoadmapStatus>().notNull().default('not_started'),
    priority: integer('priority').notNull().default(2),
    progress: integer('progress').notNull().default(0),
    confirmed: boolean('confirmed').notNull().default(false),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmedBy: integer('confirmed_by').references(() => users.id),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedReason: text('closed_reason').$type<'verified_met' | 'manual'>(),
    reopenedCount: integer('reopened_count').notNull().default(0),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    note: text('note'),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: integer('created_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('roadmap_items_unit_idx').on(t.unitId, t.status),
    index('roadmap_items_agency_idx').on(t.leadAgencyId),
    index('roadmap_items_target_idx').on(t.targetMonth),
    uniqueIndex('roadmap_items_open_uq')
      .on(t.unitId, t.setCode, t.indicatorCode)
      .where(sql`${t.status} <> 'done'`),
  ],
);

/** Monthly check-ins: how far along, what happened, with evidence. */
export const roadmapCheckins = pgTable(
  'roadmap_checkins',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    itemId: integer('item_id')
      .notNull()
      .references(() => roadmapItems.id),
    month: date('month').notNull(),
    percent: integer('percent').notNull(),
    note: text('note').notNull(),
    files: jsonb('files').$type<{ fileId: number; name: string }[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: integer('created_by').references(() => users.id),
  },
  (t) => [index('roadmap_checkins_item_idx').on(t.itemId)],
);

/** In-app inbox. `dedupe_key` makes every reminder, warning and escalation arrive once. */
export const notifications = pgTable(
  'notifications',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    /** The values for the kind's templates; the text is rendered in the reader's language. Null on older rows. */
    params: jsonb('params').$type<Record<string, unknown>>(),
    /** The Vietnamese text as written: what older rows (without params) and unknown kinds show. */
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notifications_dedupe_uq').on(t.userId, t.dedupeKey),
    index('notifications_user_idx').on(t.userId, t.readAt),
  ],
);

/**
 * E-mails to send. Written in the transaction that causes them (outbox); a job delivers them.
 * Without SMTP configured they stay 'held' and an administrator can read them in the outbox page.
 */
export const outboxEmails = pgTable(
  'outbox_emails',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id').references(() => users.id),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    status: text('status').$type<'pending' | 'sending' | 'sent' | 'held' | 'failed'>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('outbox_emails_dedupe_uq').on(t.toAddress, t.dedupeKey), index('outbox_emails_status_idx').on(t.status)],
);

export const notificationPrefs = pgTable('notification_prefs', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id),
  email: boolean('email').notNull().default(true),
  digest: boolean('digest').notNull().default(true),
  mutedKinds: jsonb('muted_kinds').$type<string[]>().notNull().default([]),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
