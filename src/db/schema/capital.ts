import type { PlanState } from '../../domain/lifecycles/capital-plan';
import { PROJECT_STATES, type ProjectState } from '../../domain/lifecycles/project';
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { units } from './units';
import { users } from './people';

/**
 * Capital sources as data: central and local budget (investment / recurrent / counterpart),
 * integrated programmes, credit, enterprises, community contributions in money, land and working days.
 */
export const fundingSources = pgTable('funding_sources', {
  code: text('code').primaryKey(),
  nameVi: text('name_vi').notNull(),
  nameEn: text('name_en').notNull(),
  kind: text('kind').$type<'central' | 'local' | 'integrated' | 'credit' | 'enterprise' | 'community'>().notNull(),
  /** 'vnd' for money; in-kind community contributions are counted in m² of land or working days. */
  measure: text('measure').$type<'vnd' | 'm2' | 'workday'>().notNull().default('vnd'),
  /** Whether disbursement deadlines of the public-investment law apply. */
  publicInvestment: boolean('public_investment').notNull().default(false),
  sortOrder: integer('sort_order').notNull().default(0),
  legalBasis: text('legal_basis'),
  verified: boolean('verified').notNull().default(true),
});

/** Deadline rules of annual capital, by the law in force: e.g. until 31/01 of the next year. */
export const disbursementRules = pgTable('disbursement_rules', {
  code: text('code').primaryKey(),
  legalBasis: text('legal_basis').notNull(),
  effectiveFrom: date('effective_from').notNull(),
  effectiveTo: date('effective_to'),
  /** { normal: { months: 1, day: 31 } after the plan year; addedAfter: 'MM-DD'; added: { months: 12, day: 31 } } */
  rule: jsonb('rule')
    .$type<{ normalMonth: number; normalDay: number; addedAfter: string | null; addedMonth: number; addedDay: number }>()
    .notNull(),
  verified: boolean('verified').notNull(),
  source: text('source'),
});

/** The project's states are its lifecycle's (`domain/lifecycles/project.ts`). */
export const PROJECT_STATUSES = PROJECT_STATES;
export type ProjectStatus = ProjectState;

export const projects = pgTable(
  'projects',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** The unit whose people manage it (scope); `unitIds` lists every unit it serves. */
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    unitIds: jsonb('unit_ids').$type<number[]>().notNull(),
    owner: text('owner').notNull(),
    type: text('type').$type<'standard' | 'small_community' | 'recurrent'>().notNull().default('standard'),
    status: text('status').$type<ProjectStatus>().notNull().default('proposed'),
    /** Planned total investment in đồng, all sources. */
    totalInvestment: bigint('total_investment', { mode: 'number' }).notNull(),
    approvalDecision: text('approval_decision'),
    approvalDate: date('approval_date'),
    startDate: date('start_date'),
    endDate: date('end_date'),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    contractor: text('contractor'),
    description: text('description'),
    /** Indicators it serves: [{ setCode, code }] */
    indicators: jsonb('indicators').$type<{ setCode: string; code: string }[]>().notNull().default([]),
    searchKey: text('search_key').notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: integer('created_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('projects_code_uq').on(t.code), index('projects_unit_idx').on(t.unitId)],
);

/** Planned investment of a project by source (đồng). */
export const projectSources = pgTable(
  'project_sources',
  {
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    sourceCode: text('source_code')
      .notNull()
      .references(() => fundingSources.code),
    amount: bigint('amount', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.sourceCode] })],
);

/** The dossier a project needs before the council can allocate capital to it. */
export const readinessItems = pgTable(
  'readiness_items',
  {
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    code: text('code').notNull(),
    label: text('label').notNull(),
    done: boolean('done').notNull().default(false),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: integer('done_by').references(() => users.id),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.code] })],
);

/**
 * Medium-term and annual capital plans, allocated by council resolution. An adjustment is a new
 * version of the plan (same plan key), never an edit of the approved one.
 */
export const capitalPlans = pgTable(
  'capital_plans',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    kind: text('kind').$type<'annual' | 'medium_term'>().notNull(),
    /** For annual plans the year; for medium-term the first year of the period. */
    year: integer('year').notNull(),
    endYear: integer('end_year').notNull(),
    name: text('name').notNull(),
    version: integer('version').notNull().default(1),
    /** A plan's states are its lifecycle's (`domain/lifecycles/capital-plan.ts`). */
    status: text('status').$type<PlanState>().notNull().default('draft'),
    resolutionNo: text('resolution_no'),
    resolutionDate: date('resolution_date'),
    body: text('body'),
    previousId: integer('previous_id'),
    isDemo: boolean('is_demo').notNull().default(false),
    rowVersion: integer('row_version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: integer('created_by').references(() => users.id),
  },
  (t) => [
    index('capital_plans_unit_idx').on(t.unitId, t.year),
    // One current (approved) plan per unit, kind and year; one pending adjustment per plan.
    uniqueIndex('capital_plans_current_uq')
      .on(t.unitId, t.kind, t.year)
      .where(sql`${t.status} = 'approved'`),
    uniqueIndex('capital_plans_one_draft_adjustment_uq')
      .on(t.previousId)
      .where(sql`${t.status} = 'draft' and ${t.previousId} is not null`),
  ],
);

/** Capital the plan provides, by source (đồng). */
export const planLines = pgTable(
  'plan_lines',
  {
    planId: integer('plan_id')
      .notNull()
      .references(() => capitalPlans.id),
    sourceCode: text('source_code')
      .notNull()
      .references(() => fundingSources.code),
    amount: bigint('amount', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.sourceCode] })],
);

/**
 * Capital of a plan allocated to a project from a source, in tranches: each row is the capital added
 * on one date, and that date decides its disbursement deadline. An adjustment carries the tranches of
 * the version before it and adds new ones; `addedOn` is empty only in a draft, for capital dated by
 * the resolution that will approve it.
 */
export const allocations = pgTable(
  'allocations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    planId: integer('plan_id')
      .notNull()
      .references(() => capitalPlans.id),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    sourceCode: text('source_code')
      .notNull()
      .references(() => fundingSources.code),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    addedOn: date('added_on'),
  },
  (t) => [
    unique('allocations_tranche_uq').on(t.planId, t.projectId, t.sourceCode, t.addedOn).nullsNotDistinct(),
    index('allocations_project_idx').on(t.projectId),
    check('allocations_amount_ck', sql`${t.amount} > 0`),
  ],
);

/** The disbursement ledger: every Treasury payment, never edited (a correction is another entry). */
export const disbursements = pgTable(
  'disbursements',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    planYear: integer('plan_year').notNull(),
    sourceCode: text('source_code')
      .notNull()
      .references(() => fundingSources.code),
    date: date('date').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    paymentType: text('payment_type').$type<'advance' | 'acceptance'>().notNull(),
    voucherRef: text('voucher_ref').notNull(),
    /** The voucher as compared: Unicode NFC, trimmed, inner spaces collapsed, upper case. */
    voucherKey: text('voucher_key').notNull(),
    /** Identity of the Treasury line: importing the same file twice adds nothing. */
    importKey: text('import_key').notNull(),
    /** A negative entry is only ever the reversal of this payment (never more than what is left of it). */
    reversesId: integer('reverses_id').references((): AnyPgColumn => disbursements.id),
    /** The tranche a payment names, by the date its capital was added; otherwise first in, first out. */
    trancheOn: date('tranche_on'),
    note: text('note'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: integer('created_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('disbursements_import_key_uq').on(t.importKey),
    index('disbursements_project_idx').on(t.projectId, t.planYear),
    index('disbursements_reverses_idx').on(t.reversesId),
    check(
      'disbursements_sign_ck',
      sql`(${t.amount} > 0 and ${t.reversesId} is null) or (${t.amount} < 0 and ${t.reversesId} is not null)`,
    ),
  ],
);

/** Extensions of a year's capital by decision (Prime Minister or provincial chair). */
export const deadlineExtensions = pgTable(
  'deadline_extensions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    planYear: integer('plan_year').notNull(),
    newDeadline: date('new_deadline').notNull(),
    decisionNo: text('decision_no').notNull(),
    decisionDate: date('decision_date').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('deadline_extensions_project_idx').on(t.projectId)],
);

/** Community contributions in kind: land (m²) and working days, with their money equivalent. */
export const contributions = pgTable(
  'contributions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    sourceCode: text('source_code')
      .notNull()
      .references(() => fundingSources.code),
    date: date('date').notNull(),
    quantity: bigint('quantity', { mode: 'number' }).notNull(),
    valueVnd: bigint('value_vnd', { mode: 'number' }).notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('contributions_project_idx').on(t.projectId)],
);

/** Key/value settings that offices tune (e.g. red-flag thresholds), with the unit they apply to. */
export const settings = pgTable(
  'settings',
  {
    key: text('key').notNull(),
    unitId: integer('unit_id').notNull(),
    value: jsonb('value').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.unitId] })],
);

/** Progress photos of a project (images only), for its page and the public portal. */
export const projectPhotos = pgTable(
  'project_photos',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    fileId: integer('file_id').notNull(),
    caption: text('caption'),
    takenOn: date('taken_on'),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
    addedBy: integer('added_by').references(() => users.id),
  },
  (t) => [index('project_photos_project_idx').on(t.projectId)],
);
