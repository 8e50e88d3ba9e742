import { z } from '@hono/zod-openapi';
import { COST_CLASSES, ROADMAP_STATUSES } from '../../db/schema';
import { ROADMAP_ITEM_STEPS } from '../../domain/lifecycles/roadmap-item';

/** An item of work as the board, the budget list and the item page show it. */
export const RoadmapItem = z
  .object({
    id: z.number().int(),
    unitId: z.number().int(),
    unitName: z.string(),
    setCode: z.string(),
    indicatorCode: z.string(),
    indicatorText: z.string(),
    criterionNumber: z.string(),
    title: z.string(),
    task: z.string().nullable().openapi({ description: 'What will be done, in the words of whoever leads it' }),
    leadAgencyId: z.number().int().nullable(),
    leadAgencyName: z.string().nullable(),
    leadUserId: z.number().int().nullable(),
    leadUserName: z.string().nullable(),
    supportingAgencies: z.array(z.object({ id: z.number().int(), name: z.string() })),
    targetMonth: z.string().nullable().openapi({ description: 'yyyy-mm' }),
    costClass: z.enum(COST_CLASSES),
    costEstimate: z.number().int().nullable().openapi({ description: 'đồng' }),
    status: z.enum(ROADMAP_STATUSES),
    priority: z.number().int(),
    progress: z.number().int(),
    confirmed: z.boolean(),
    closedReason: z.enum(['verified_met', 'manual']).nullable(),
    reopenedCount: z.number().int(),
    escalated: z.boolean(),
    overdueDays: z.number().int(),
    dueInDays: z.number().int().nullable(),
    note: z.string().nullable(),
    version: z.number().int(),
    lastCheckin: z.object({ month: z.string(), percent: z.number().int(), note: z.string(), at: z.string() }).nullable(),
    actions: z
      .array(z.enum(ROADMAP_ITEM_STEPS))
      .openapi({ description: 'The steps the caller may take on the item now (its lifecycle and their rights)' }),
  })
  .openapi('RoadmapItem');

export const RoadmapCheckin = z
  .object({
    id: z.number().int(),
    month: z.string(),
    percent: z.number().int(),
    note: z.string(),
    files: z.array(z.object({ fileId: z.number().int(), name: z.string() })),
    at: z.string(),
    by: z.string().nullable(),
  })
  .openapi('RoadmapCheckin');

export const RoadmapItemDetail = RoadmapItem.extend({ checkins: z.array(RoadmapCheckin) }).openapi('RoadmapItemDetail');
