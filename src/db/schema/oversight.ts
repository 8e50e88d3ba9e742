import { ACTIVITY_STATES, type ActivityState } from '../../domain/lifecycles/activity';
import { PETITION_STATES, type PetitionState } from '../../domain/lifecycles/petition';
import { RECOMMENDATION_STATES, type RecommendationState } from '../../domain/lifecycles/recommendation';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { RecommendationLink, SnapshotData } from '../../domain/oversight/types';
import { files } from './criteria';
import { users } from './people';
import { units } from './units';

/** A People's Council (HĐND) of a unit for a term; a province, a commune, or a former city (2022). */
export const councils = pgTable(
  'councils',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    name: text('name').notNull(),
    term: text('term').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('councils_unit_idx').on(t.unitId)],
);

/** What happened to one open item of an ended council at its handover. */
export type HandoverItem = {
  kind: 'recommendation' | 'petition';
  id: number;
  outcome: 'handed_over' | 'closed';
  /** Why it was closed rather than handed over. */
  reason?: string;
  /** A new addressee or deadline set by the successor council. */
  addresseeUnitId?: number;
  deadline?: string;
};

/**
 * A council ends when its level is abolished or its unit dissolved (1/7/2025 for district-level
 * councils). Its open recommendations and petitions are handed over to a successor council, or
 * closed with a reason, by one recorded handover (who, when, legal basis).
 */
export const councilHandovers = pgTable(
  'council_handovers',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    fromCouncilId: integer('from_council_id')
      .notNull()
      .references(() => councils.id),
    toCouncilId: integer('to_council_id').references(() => councils.id),
    handedOverOn: date('handed_over_on').notNull(),
    legalBasis: text('legal_basis').notNull(),
    note: text('note'),
    items: jsonb('items').$type<HandoverItem[]>().notNull().default([]),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: integer('created_by').references(() => users.id),
  },
  (t) => [uniqueIndex('council_handovers_from_uq').on(t.fromCouncilId)],
);

export const COUNCIL_BODY_KINDS = ['standing_committee', 'committee', 'delegate_group'] as const;
export type CouncilBodyKind = (typeof COUNCIL_BODY_KINDS)[number];

/** Standing committee (Thường trực), committees (Ban) and delegate groups (Tổ đại biểu). */
export const councilBodies = pgTable('council_bodies', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  councilId: integer('council_id')
    .notNull()
    .references(() => councils.id),
  kind: text('kind').$type<CouncilBodyKind>().notNull(),
  name: text('name').notNull(),
});

/** Delegates of a council; `userId` links a delegate who signs in. `bodyIds` are their bodies. */
export const councilDelegates = pgTable('council_delegates', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  councilId: integer('council_id')
    .notNull()
    .references(() => councils.id),
  fullName: text('full_name').notNull(),
  position: text('position'),
  bodyIds: jsonb('body_ids').$type<number[]>().notNull().default([]),
  userId: integer('user_id').references(() => users.id),
});

export const ACTIVITY_KINDS = ['explanatory_session', 'thematic_supervision', 'questioning', 'plenary_item'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
/** An activity's states are its lifecycle's (`domain/lifecycles/activity.ts`). */
export const ACTIVITY_STATUSES = ACTIVITY_STATES;
export type ActivityStatus = ActivityState;

/** A supervision activity of a council: an explanatory session, thematic supervision, questioning… */
export const oversightActivities = pgTable(
  'oversight_activities',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    councilId: integer('council_id')
      .notNull()
      .references(() => councils.id),
    kind: text('kind').$type<ActivityKind>().notNull(),
    title: text('title').notNull(),
    topic: text('topic').notNull(),
    /** The law the activity is held under (87/2015/QH13 before 1 March 2026, 121/2025/QH15 after). */
    legalBasis: text('legal_basis').notNull(),
    leadBodyId: integer('lead_body_id').references(() => councilBodies.id),
    scheduledOn: date('scheduled_on').notNull(),
    heldOn: date('held_on'),
    chair: text('chair'),
    plan: text('plan'),
    explainingBodies: jsonb('explaining_bodies').$type<string[]>().notNull().default([]),
    invitees: jsonb('invitees').$type<string[]>().notNull().default([]),
    status: text('status').$type<ActivityStatus>().notNull().default('planned'),
    /** The follow-up of an earlier activity (re-supervision), when it is one. */
    followsId: integer('follows_id'),
    conclusionNo: text('conclusion_no'),
    conclusionDate: date('conclusion_date'),
    conclusionText: text('conclusion_text'),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: integer('created_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('oversight_activities_council_idx').on(t.councilId)],
);

export const DOCUMENT_KINDS = [
  'plan',
  'explanatory_report',
  'verification_report',
  'minutes',
  'conclusion',
  'follow_up_report',
  'other',
] as const;
export type OversightDocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Documents of an activity; a new upload of the same kind is its next version, never a replacement. */
export const oversightDocuments = pgTable(
  'oversight_documents',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    activityId: integer('activity_id')
      .notNull()
      .references(() => oversightActivities.id),
    kind: text('kind').$type<OversightDocumentKind>().notNull(),
    title: text('title').notNull(),
    number: text('number'),
    version: integer('version').notNull(),
    fileId: integer('file_id')
      .notNull()
      .references(() => files.id),
    fileName: text('file_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: integer('created_by').references(() => users.id),
  },
  (t) => [uniqueIndex('oversight_documents_version_uq').on(t.activityId, t.kind, t.version)],
);

/** The figures a briefing relied on, frozen with their "as of" date. Never updated once written. */
export const oversightSnapshots = pgTable(
  'oversight_snapshots',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    activityId: integer('activity_id')
      .notNull()
      .references(() => oversightActivities.id),
    asOf: date('as_of').notNull(),
    data: jsonb('data').$type<SnapshotData>().notNull(),
    /** SHA-256 of the canonical JSON of `data`: a pack names the snapshot it came from. */
    sha256: text('sha256').notNull(),
    frozenAt: timestamp('frozen_at', { withTimezone: true }).notNull(),
    frozenBy: integer('frozen_by').references(() => users.id),
  },
  (t) => [index('oversight_snapshots_activity_idx').on(t.activityId)],
);

/** A recommendation's states are its lifecycle's (`domain/lifecycles/recommendation.ts`). */
export const RECOMMENDATION_STATUSES = RECOMMENDATION_STATES;
export type RecommendationStatus = RecommendationState;

/** A structured request of a conclusion: to whom, by when, about what, and whether it was met. */
export const recommendations = pgTable(
  'recommendations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    activityId: integer('activity_id')
      .notNull()
      .references(() => oversightActivities.id),
    seq: integer('seq').notNull(),
    text: text('text').notNull(),
    addresseeUnitId: integer('addressee_unit_id')
      .notNull()
      .references(() => units.id),
    addresseeLabel: text('addressee_label').notNull(),
    deadline: date('deadline').notNull(),
    links: jsonb('links').$type<RecommendationLink[]>().notNull().default([]),
    status: text('status').$type<RecommendationStatus>().notNull().default('open'),
    decidedOn: date('decided_on'),
    decidedBy: integer('decided_by').references(() => users.id),
    decisionNote: text('decision_note'),
    /** The council that follows it up after its own council ended (a recorded handover); null = its own. */
    followUpCouncilId: integer('follow_up_council_id').references(() => councils.id),
    handoverId: integer('handover_id').references(() => councilHandovers.id),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: integer('created_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('recommendations_seq_uq').on(t.activityId, t.seq),
    index('recommendations_addressee_idx').on(t.addresseeUnitId),
  ],
);

/** Progress reported by the addressee, with evidence. */
export const recommendationReports = pgTable('recommendation_reports', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  recommendationId: integer('recommendation_id')
    .notNull()
    .references(() => recommendations.id),
  reportedOn: date('reported_on').notNull(),
  text: text('text').notNull(),
  done: boolean('done').notNull().default(false),
  fileId: integer('file_id').references(() => files.id),
  fileName: text('file_name'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  createdBy: integer('created_by').references(() => users.id),
});

/** A petition's states are its lifecycle's (`domain/lifecycles/petition.ts`). */
export const PETITION_STATUSES = PETITION_STATES;
export type PetitionStatus = PetitionState;
export const PETITION_CATEGORIES = ['economy_budget', 'legal', 'culture_social', 'ethnic', 'urban', 'other'] as const;
export type PetitionCategory = (typeof PETITION_CATEGORIES)[number];
export const PETITION_SOURCES = ['voter_meeting', 'portal', 'delegate', 'other'] as const;
export type PetitionSource = (typeof PETITION_SOURCES)[number];

/** Voters' petitions (kiến nghị cử tri): received, classified, assigned, answered. */
export const petitions = pgTable(
  'petitions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    councilId: integer('council_id')
      .notNull()
      .references(() => councils.id),
    /** Where the voters live (the commune the petition concerns). */
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    source: text('source').$type<PetitionSource>().notNull(),
    sourceNote: text('source_note'),
    receivedOn: date('received_on').notNull(),
    text: text('text').notNull(),
    category: text('category').$type<PetitionCategory>(),
    assigneeUnitId: integer('assignee_unit_id').references(() => units.id),
    assigneeLabel: text('assignee_label'),
    deadline: date('deadline'),
    status: text('status').$type<PetitionStatus>().notNull().default('received'),
    answer: text('answer'),
    answeredOn: date('answered_on'),
    /** The council that follows it up after its own council ended (a recorded handover); null = its own. */
    followUpCouncilId: integer('follow_up_council_id').references(() => councils.id),
    handoverId: integer('handover_id').references(() => councilHandovers.id),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: integer('created_by').references(() => users.id),
  },
  (t) => [index('petitions_council_idx').on(t.councilId)],
);
