import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';
import type { SuccessionKind, UnitType } from '../../shared/roles';

/**
 * Administrative units. One row per unit *identity*; a rename, merge, split or reclassification
 * ends a row (`effective_to`, exclusive) and starts another, linked by a succession event.
 */
export const units = pgTable(
  'units',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    type: text('type').$type<UnitType>().notNull(),
    effectiveFrom: date('effective_from').notNull(),
    effectiveTo: date('effective_to'),
    searchKey: text('search_key').notNull(),
    /** False when the code or composition comes from an unofficial source; the UI shows the mark. */
    verified: boolean('verified').notNull().default(true),
    sourceNote: text('source_note'),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('units_code_from_uq').on(t.code, t.effectiveFrom),
    index('units_search_idx').on(t.searchKey),
    check('units_dates_ck', sql`${t.effectiveTo} is null or ${t.effectiveTo} > ${t.effectiveFrom}`),
  ],
);

/** Parent of a unit over time. Districts were abolished in 2025: communes got a new parent, same identity. */
export const unitParents = pgTable(
  'unit_parents',
  {
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    parentId: integer('parent_id')
      .notNull()
      .references(() => units.id),
    effectiveFrom: date('effective_from').notNull(),
    effectiveTo: date('effective_to'),
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.effectiveFrom] }),
    index('unit_parents_parent_idx').on(t.parentId),
    check('unit_parents_self_ck', sql`${t.unitId} <> ${t.parentId}`),
  ],
);

/** Succession events: merge, split, rename, commune → ward, new parent, dissolution. */
export const unitEvents = pgTable('unit_events', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  kind: text('kind').$type<SuccessionKind>().notNull(),
  effectiveDate: date('effective_date').notNull(),
  legalBasis: text('legal_basis').notNull(),
  legalBasisDate: date('legal_basis_date'),
  note: text('note'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const unitEventUnits = pgTable(
  'unit_event_units',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => unitEvents.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    role: text('role').$type<'from' | 'to'>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.unitId, t.role] }), index('unit_event_units_unit_idx').on(t.unitId)],
);

/**
 * Access closure, rebuilt whenever units change: (ancestor, descendant) for every pair where the
 * descendant was ever under the ancestor, or is a (transitive) predecessor of such a unit.
 * Scoped queries join on it; it is derived data and `rebuildUnitScope()` recomputes it fully.
 */
export const unitScope = pgTable(
  'unit_scope',
  {
    ancestorId: integer('ancestor_id').notNull(),
    descendantId: integer('descendant_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ancestorId, t.descendantId] }), index('unit_scope_desc_idx').on(t.descendantId)],
);
