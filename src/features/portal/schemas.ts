import { z } from '@hono/zod-openapi';
import type { feedback, publications } from '../../db/schema';
import { FEEDBACK_CATEGORIES, FEEDBACK_STATUSES, FEEDBACK_TARGETS } from '../../db/schema';

/**
 * What the office's portal API answers. The sender's fingerprint (rate limiting) and who published or
 * moderated stay inside.
 */
const Int = z.number().int();

export const Publication = z
  .object({
    id: Int,
    unitId: Int,
    kind: z.enum(['period', 'project']),
    period: z.string().nullable(),
    projectId: Int.nullable(),
    publishedAt: z.string(),
  })
  .openapi('PortalPublication');

export const PublicationListItem = Publication.extend({
  unitName: z.string(),
  projectCode: z.string().nullable(),
  projectName: z.string().nullable(),
});

export const Feedback = z
  .object({
    id: Int,
    target: z.enum(FEEDBACK_TARGETS),
    targetCode: z.string(),
    targetTitle: z.string(),
    unitId: Int,
    category: z.enum(FEEDBACK_CATEGORIES),
    text: z.string(),
    photoFileId: Int.nullable(),
    contactName: z.string().nullable(),
    contact: z.string().nullable(),
    status: z.enum(FEEDBACK_STATUSES),
    answer: z.string().nullable(),
    answeredOn: z.string().nullable(),
    petitionId: Int.nullable(),
    version: Int,
    createdAt: z.string(),
  })
  .openapi('PortalFeedback');

export const FeedbackListItem = Feedback.extend({ unitName: z.string() });

export function publicationView(p: typeof publications.$inferSelect): z.input<typeof Publication> {
  return {
    id: p.id,
    unitId: p.unitId,
    kind: p.kind,
    period: p.period,
    projectId: p.projectId,
    publishedAt: p.publishedAt.toISOString(),
  };
}

export function feedbackView(f: typeof feedback.$inferSelect): z.input<typeof Feedback> {
  return {
    id: f.id,
    target: f.target,
    targetCode: f.targetCode,
    targetTitle: f.targetTitle,
    unitId: f.unitId,
    category: f.category,
    text: f.text,
    photoFileId: f.photoFileId,
    contactName: f.contactName,
    contact: f.contact,
    status: f.status,
    answer: f.answer,
    answeredOn: f.answeredOn,
    petitionId: f.petitionId,
    version: f.version,
    createdAt: f.createdAt.toISOString(),
  };
}
