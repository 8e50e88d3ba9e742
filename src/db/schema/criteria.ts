import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import type { CriterionCounts } from '../../domain/criteria/cell-status';
import type { IndicatorStatus } from '../../domain/criteria/engine';
import type { CriteriaSetDoc, IndicatorValue } from '../../domain/criteria/schema';
import { units } from './units';
import { users } from './people';

/**
 * Criteria sets: one row per (code, version). The document holds the whole set (criteria,
 * indicators, thresholds by class and year, legal basis). A draft may change; publishing freezes it.
 */
export const criteriaSets = pgTable(
  'criteria_sets',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    status: text('status').$type<'draft' | 'published' | 'retired'>().notNull(),
    level: text('level').$type<CriteriaSetDoc['level']>().notNull(),
    phase: text('phase').notNull(),
    nameVi: text('name_vi').notNull(),
    dimension: text('dimension').$type<'region7' | 'group3'>().notNull(),
    effectiveFrom: date('effective_from').notNull(),
    effectiveTo: date('effective_to'),
    baseCode: text('base_code'),
    derivation: text('derivation').$type<'advanced' | 'model' | 'overlay'>(),
    /** The unit whose territory the set governs: the country for national sets, a province for overlays. */
    ownerUnitId: integer('owner_unit_id')
      .notNull()
      .references(() => units.id),
    document: jsonb('document').$type<CriteriaSetDoc>().notNull(),
    verified: boolean('verified').notNull(),
    rowVersion: integer('row_version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: integer('created_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: integer('published_by'),
  },
  (t) => [unique('criteria_sets_code_version_uq').on(t.code, t.version), index('criteria_sets_status_idx').on(t.status, t.level)],
);

/** Which region (2021–2025) or commune group (2026–2030) a unit belongs to, over time. */
export const unitClassifications = pgTable(
  'unit_classifications',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    dimension: text('dimension').$type<'region7' | 'group3'>().notNull(),
    value: text('value').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    effectiveTo: date('effective_to'),
    legalBasis: text('legal_basis'),
    verified: boolean('verified').notNull().default(false),
    note: text('note'),
  },
  (t) => [index('unit_classifications_unit_idx').on(t.unitId, t.dimension)],
);

export const ASSESSMENT_STATUSES = ['draft', 'submitted', 'returned', 'verified'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

/** One count-and-check per unit per month. */
export const assessments = pgTable(
  'assessments',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    setId: integer('set_id')
      .notNull()
      .references(() => criteriaSets.id),
    /** First day of the month assessed. */
    period: date('period').notNull(),
    /** Derived sets the unit is also assessed against, fixed when the month is opened. */
    advancedSetId: integer('advanced_set_id').references(() => criteriaSets.id),
    modelSetId: integer('model_set_id').references(() => criteriaSets.id),
    classCode: text('class_code').notNull(),
    targetLevel: text('target_level').$type<'ntm' | 'advanced' | 'model'>().notNull().default('ntm'),
    status: text('status').$type<AssessmentStatus>().notNull().default('draft'),
    version: integer('version').notNull().default(1),
    returnComment: text('return_comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: integer('created_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: integer('submitted_by').references(() => users.id),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    verifiedBy: integer('verified_by').references(() => users.id),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [
    unique('assessments_unit_period_uq').on(t.unitId, t.period),
    index('assessments_period_idx').on(t.period, t.status),
    check('assessments_period_ck', sql`extract(day from ${t.period}) = 1`),
  ],
);

export const assessmentValues = pgTable(
  'assessment_values',
  {
    assessmentId: integer('assessment_id')
      .notNull()
      .references(() => assessments.id),
    indicatorCode: text('indicator_code').notNull(),
    value: jsonb('value').$type<IndicatorValue | null>(),
    note: text('note'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: integer('updated_by').references(() => users.id),
    review: text('review').$type<'pending' | 'accepted' | 'returned'>().notNull().default('pending'),
    reviewComment: text('review_comment'),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.indicatorCode] })],
);

/** Stored files, content-addressed: the same bytes are kept once whoever uploads them. */
export const files = pgTable(
  'files',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    mime: text('mime').notNull(),
    hasThumbnail: boolean('has_thumbnail').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('files_sha256_uq').on(t.sha256)],
);

export const evidence = pgTable(
  'evidence',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    assessmentId: integer('assessment_id')
      .notNull()
      .references(() => assessments.id),
    indicatorCode: text('indicator_code').notNull(),
    fileId: integer('file_id')
      .notNull()
      .references(() => files.id),
    originalName: text('original_name').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
    addedBy: integer('added_by').references(() => users.id),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedBy: integer('removed_by').references(() => users.id),
  },
  (t) => [index('evidence_assessment_idx').on(t.assessmentId, t.indicatorCode)],
);

export type { CriterionCounts };

/**
 * Results of the evaluation engine per assessment, kept in step with its values in the same
 * transaction, so dashboards read counts instead of re-evaluating. `recomputeAllResults` rebuilds
 * them from the values; a test proves the two agree.
 */
export const assessmentResults = pgTable('assessment_results', {
  assessmentId: integer('assessment_id')
    .primaryKey()
    .references(() => assessments.id),
  criteriaMet: integer('criteria_met').notNull(),
  criteriaTotal: integer('criteria_total').notNull(),
  indicatorsMet: integer('indicators_met').notNull(),
  indicatorsTotal: integer('indicators_total').notNull(),
  indicatorsMissing: integer('indicators_missing').notNull(),
  standardMet: boolean('standard_met').notNull(),
  advancedMet: boolean('advanced_met'),
  modelMet: boolean('model_met'),
  /** Per criterion of the base set (see `CriterionCounts`). */
  criteria: jsonb('criteria').$type<CriterionCounts[]>().notNull(),
  /** Per indicator status of the target set: code → 'met' | 'unmet' | 'missing' | 'not_applicable' */
  indicatorStatus: jsonb('indicator_status').$type<Record<string, IndicatorStatus>>().notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
});

/**
 * One row per verified month: the unit, the month and the counts of its result, kept by database
 * triggers on `assessments` and `assessment_results` (migration 0013) in the transaction that
 * verifies, reopens or re-evaluates the month — whichever code path or import makes the change.
 * Each row depends only on its own assessment, so concurrent verifications never contend for it.
 * Dashboards find each commune's latest verified month up to any chosen month with one backward
 * step on the primary key, without joining the much wider `assessment_results`.
 */
export const verifiedResults = pgTable(
  'verified_results',
  {
    unitId: integer('unit_id').notNull(),
    period: date('period').notNull(),
    assessmentId: integer('assessment_id')
      .notNull()
      .references(() => assessments.id, { onDelete: 'cascade' }),
    setId: integer('set_id').notNull(),
    criteriaMet: integer('criteria_met').notNull(),
    criteriaTotal: integer('criteria_total').notNull(),
    indicatorsMet: integer('indicators_met').notNull(),
    indicatorsTotal: integer('indicators_total').notNull(),
    standardMet: boolean('standard_met').notNull(),
    advancedMet: boolean('advanced_met'),
    modelMet: boolean('model_met'),
    /**
     * Per criterion of the base set, in the set's order, as JSON text of
     * `[number, met (0|1), indicatorsMet, indicatorsTotal, missing][]`: a third of the size of
     * `assessment_results.criteria`, and parsed by the reader only (`decodeCells`).
     */
    cells: text('cells').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.period] }), unique('verified_results_assessment_uq').on(t.assessmentId)],
);

/**
 * Change counters for derived views. A deferred trigger adds one to `dashboard` in every transaction
 * that touches assessments, their results or the units (migration 0008), so the counter becomes
 * visible together with the data: an application node may keep dashboard aggregates in memory as
 * long as the counter it read before computing them has not moved.
 */
export const dataEpochs = pgTable('data_epochs', {
  name: text('name').primaryKey(),
  n: bigint('n', { mode: 'number' }).notNull().default(0),
});
