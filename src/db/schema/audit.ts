import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The audit trail. `seq` is assigned under a transaction-scoped advisory lock, so it has no gaps;
 * `hash` = SHA-256(prev_hash ‖ canonical event). `audit_head` holds the last seq and hash so that
 * removing the newest events is detected too.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorUserId: integer('actor_user_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    unitId: integer('unit_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    ip: text('ip'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    /** HMAC-SHA-256 of (seq, hash) with the installation's audit key: a chain recomputed without the key fails it. */
    mac: text('mac'),
  },
  (t) => [
    index('audit_events_at_idx').on(t.at),
    index('audit_events_entity_idx').on(t.entityType, t.entityId),
    index('audit_events_unit_idx').on(t.unitId),
    index('audit_events_actor_idx').on(t.actorUserId),
  ],
);

export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});
