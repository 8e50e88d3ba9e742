import { z } from '@hono/zod-openapi';

/** The dashboard's summary cards: figures over the communes assessed (the what-if preview compares two of them). */
export const SummaryCounts = z.object({
  assessedCount: z.number().int(),
  criteriaMetSum: z.number().int(),
  indicatorsMetSum: z.number().int(),
  averageCriteria: z.number().nullable(),
  averageIndicators: z.number().nullable(),
  criteriaTotal: z.number().int().nullable(),
  indicatorsTotal: z.number().int().nullable(),
  standardCount: z.number().int(),
  advancedCount: z.number().int(),
  modelCount: z.number().int(),
});
