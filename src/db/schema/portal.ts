import { date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { files } from './criteria';
import { petitions } from './oversight';
import { users } from './people';
import { units } from './units';

export const PUBLICATION_KINDS = ['period', 'project'] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];

/**
 * What the office has published on the public portal: a unit's verified criteria figures up to a
 * month (covering the units below it), or a capital project. A row exists only while published;
 * unpublishing deletes it (the audit trail keeps both acts). OCOP products carry their own flag.
 */
export const publications = pgTable(
  'publications',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').$type<PublicationKind>().notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    /** period: the month (yyyy-mm-01); project: null. */
    period: date('period'),
    projectId: integer('project_id'),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    publishedBy: integer('published_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('publications_period_uq').on(t.unitId, t.period),
    uniqueIndex('publications_project_uq').on(t.projectId),
    index('publications_kind_idx').on(t.kind),
  ],
);

export const FEEDBACK_TARGETS = ['unit', 'project', 'product'] as const;
export type FeedbackTarget = (typeof FEEDBACK_TARGETS)[number];
export const FEEDBACK_CATEGORIES = ['question', 'suggestion', 'complaint', 'praise', 'other'] as const;
export type FeedbackCategory = (typeof FEEDBACK_CATEGORIES)[number];
export const FEEDBACK_STATUSES = ['pending', 'published', 'rejected'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

/** Citizens' feedback from the public pages; held for moderation, answered in public. */
export const feedback = pgTable(
  'feedback',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    target: text('target').$type<FeedbackTarget>().notNull(),
    /** The public code of the page: unit code, project code or product code. */
    targetCode: text('target_code').notNull(),
    targetTitle: text('target_title').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    category: text('category').$type<FeedbackCategory>().notNull(),
    text: text('text').notNull(),
    photoFileId: integer('photo_file_id').references(() => files.id),
    /** Optional and never shown publicly. */
    contactName: text('contact_name'),
    contact: text('contact'),
    status: text('status').$type<FeedbackStatus>().notNull().default('pending'),
    answer: text('answer'),
    answeredOn: date('answered_on'),
    moderatedBy: integer('moderated_by').references(() => users.id),
    petitionId: integer('petition_id').references(() => petitions.id),
    /** SHA-256 of the sender's address and a server secret: enough to rate-limit, not to identify. */
    senderHash: text('sender_hash').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('feedback_status_idx').on(t.status), index('feedback_sender_idx').on(t.senderHash, t.createdAt)],
);
