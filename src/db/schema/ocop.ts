import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { RoundState } from '../../domain/lifecycles/ocop-round';
import type { ScoringSheetDoc } from '../../domain/ocop/schema';
import { units } from './units';
import { users } from './people';

/** OCOP subjects (chủ thể): enterprises, cooperatives, cooperative groups, household businesses. */
export const ocopProducers = pgTable(
  'ocop_producers',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    name: text('name').notNull(),
    kind: text('kind').$type<'enterprise' | 'cooperative' | 'coop_group' | 'household'>().notNull(),
    registrationNo: text('registration_no'),
    taxCode: text('tax_code'),
    address: text('address'),
    contactName: text('contact_name'),
    phone: text('phone'),
    email: text('email'),
    womenLed: boolean('women_led').notNull().default(false),
    ethnicMinorityLed: boolean('ethnic_minority_led').notNull().default(false),
    /** Date of business registration (or of the producer's entry in the programme for households). */
    registeredOn: date('registered_on'),
    searchKey: text('search_key').notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: integer('created_by').references(() => users.id),
    /** The producer account that registered this subject itself; an account registers one subject. */
    accountUserId: integer('account_user_id').references(() => users.id),
  },
  (t) => [index('ocop_producers_unit_idx').on(t.unitId), uniqueIndex('ocop_producers_account_uq').on(t.accountUserId)],
);

export const OCOP_STAGES = [
  'awareness',
  'idea_registered',
  'idea_returned',
  'plan_submitted',
  'plan_returned',
  'implementing',
  'evaluation',
  'promotion',
] as const;
export type OcopStage = (typeof OCOP_STAGES)[number];

export const ocopProducts = pgTable(
  'ocop_products',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull(),
    producerId: integer('producer_id')
      .notNull()
      .references(() => ocopProducers.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    name: text('name').notNull(),
    groupName: text('group_name').notNull(),
    setNo: integer('set_no').notNull(),
    description: text('description'),
    brandTags: jsonb('brand_tags').$type<string[]>().notNull().default([]),
    /** VietGAP, organic, geographical indication / IP, food-safety certificate… with expiry dates. */
    standards: jsonb('standards')
      .$type<{ kind: string; number: string | null; issuedBy: string | null; expiresOn: string | null }[]>()
      .notNull()
      .default([]),
    stage: text('stage').$type<OcopStage>().notNull().default('awareness'),
    cycleYear: integer('cycle_year').notNull(),
    published: boolean('published').notNull().default(false),
    searchKey: text('search_key').notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: integer('created_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('ocop_products_code_uq').on(t.code), index('ocop_products_unit_idx').on(t.unitId, t.stage)],
);

/** Every step of a product through the cycle, with the documents that went with it. */
export const ocopTransitions = pgTable(
  'ocop_transitions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    productId: integer('product_id')
      .notNull()
      .references(() => ocopProducts.id),
    action: text('action').notNull(),
    fromStage: text('from_stage').$type<OcopStage>().notNull(),
    toStage: text('to_stage').$type<OcopStage>().notNull(),
    documents: jsonb('documents').$type<string[]>().notNull().default([]),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull(),
    by: integer('by').references(() => users.id),
  },
  (t) => [index('ocop_transitions_product_idx').on(t.productId)],
);

export const ocopProductPhotos = pgTable('ocop_product_photos', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  productId: integer('product_id')
    .notNull()
    .references(() => ocopProducts.id),
  fileId: integer('file_id').notNull(),
  caption: text('caption'),
  addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
});

/** Versioned scoring sheets: one per product set and legal regime. */
export const ocopSheets = pgTable(
  'ocop_sheets',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    setNo: integer('set_no').notNull(),
    regime: text('regime').notNull(),
    document: jsonb('document').$type<ScoringSheetDoc>().notNull(),
    verified: boolean('verified').notNull(),
    /** A draft is edited and never used by a council; a published sheet is frozen. */
    status: text('status').$type<'draft' | 'published'>().notNull().default('published'),
    /** The edit counter of a draft (optimistic concurrency), not the sheet's version. */
    rowVersion: integer('row_version').notNull().default(1),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('ocop_sheets_code_version_uq').on(t.code, t.version),
    // One draft at a time per set: two offices editing two drafts of one sheet would publish over each other.
    uniqueIndex('ocop_sheets_one_draft_uq')
      .on(t.code)
      .where(sql`${t.status} = 'draft'`),
  ],
);

/** An evaluation round: a council at a level (province, central; district before 7/2025). */
export const ocopRounds = pgTable('ocop_rounds', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  unitId: integer('unit_id')
    .notNull()
    .references(() => units.id),
  level: text('level').$type<'district' | 'province' | 'central'>().notNull(),
  regime: text('regime').notNull(),
  name: text('name').notNull(),
  year: integer('year').notNull(),
  quorum: integer('quorum').notNull(),
  spreadLimit: integer('spread_limit').notNull().default(10),
  /** A round's states are its lifecycle's (`domain/lifecycles/ocop-round.ts`). */
  status: text('status').$type<RoundState>().notNull().default('open'),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  createdBy: integer('created_by').references(() => users.id),
});

export const ocopRoundMembers = pgTable(
  'ocop_round_members',
  {
    roundId: integer('round_id')
      .notNull()
      .references(() => ocopRounds.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').$type<'chair' | 'member'>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.userId] })],
);

export const ocopRoundProducts = pgTable(
  'ocop_round_products',
  {
    roundId: integer('round_id')
      .notNull()
      .references(() => ocopRounds.id),
    productId: integer('product_id')
      .notNull()
      .references(() => ocopProducts.id),
    sheetId: integer('sheet_id')
      .notNull()
      .references(() => ocopSheets.id),
    status: text('status').$type<'scoring' | 'rescore' | 'decided'>().notNull().default('scoring'),
    /** How many times the council was asked to rescore because members' totals spread too far. */
    rescoreCount: integer('rescore_count').notNull().default(0),
    /** When members were last asked to rescore: a new request needs a sheet submitted after it. */
    rescoreAskedAt: timestamp('rescore_asked_at', { withTimezone: true }),
    /** Mean of the members' totals ×100 (integer hundredths of a point). */
    scoreX100: integer('score_x100'),
    star: integer('star'),
    forwarded: boolean('forwarded').notNull().default(false),
    recognised: boolean('recognised').notNull().default(false),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.productId] })],
);

export const ocopMemberScores = pgTable(
  'ocop_member_scores',
  {
    roundId: integer('round_id')
      .notNull()
      .references(() => ocopRounds.id),
    productId: integer('product_id')
      .notNull()
      .references(() => ocopProducts.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    /** criterion code → chosen option index */
    answers: jsonb('answers').$type<Record<string, number>>().notNull(),
    total: integer('total').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.productId, t.userId] })],
);

/** Recognition certificates: valid 36 months; a re-evaluation or upgrade links to the one before. */
export const ocopCertificates = pgTable(
  'ocop_certificates',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    productId: integer('product_id')
      .notNull()
      .references(() => ocopProducts.id),
    number: text('number').notNull(),
    decisionNo: text('decision_no').notNull(),
    decisionDate: date('decision_date').notNull(),
    issuedBy: text('issued_by').notNull(),
    star: integer('star').notNull(),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to').notNull(),
    previousId: integer('previous_id'),
    roundId: integer('round_id'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('ocop_certificates_product_idx').on(t.productId), uniqueIndex('ocop_certificates_number_uq').on(t.number)],
);

export const ocopTargets = pgTable(
  'ocop_targets',
  {
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    year: integer('year').notNull(),
    newProducts: integer('new_products').notNull(),
    newRated34: integer('new_rated_3_4').notNull(),
    newOrganisations: integer('new_organisations').notNull(),
    legalBasis: text('legal_basis'),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.year] })],
);
