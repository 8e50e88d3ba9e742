import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, errorResponses, json } from '../../lib/http';
import { actorOf, metaOf } from '../../lib/request';
import { IdParam, Month } from '../units/schemas';
import { SummaryCounts } from './schemas';
import { previewDraftImpact } from './preview-draft-impact';
import { draftImpactWorkbook } from './what-if-excel';

/** "What if this draft were published": mounted under /api/criteria-sets next to the set routes. */
export const whatIfRoutes = createRouter();

const Query = z.object({
  month: Month,
  unitId: z.coerce.number().int().positive().optional().openapi({ description: 'Default: the unit that owns the draft' }),
});

const Side = SummaryCounts.openapi('WhatIfSummary');

const Standing = z
  .object({
    criteriaMet: z.number().int(),
    criteriaTotal: z.number().int(),
    indicatorsMet: z.number().int(),
    indicatorsTotal: z.number().int(),
    standard: z.boolean(),
    advanced: z.boolean().nullable(),
    model: z.boolean().nullable(),
  })
  .openapi('WhatIfStanding');

const Level = z.enum(['ntm', 'advanced', 'model']);

export const DraftImpactSchema = z
  .object({
    set: z.object({
      id: z.number().int(),
      code: z.string(),
      version: z.number().int(),
      name: z.string(),
      level: z.string(),
      derivation: z.string().nullable(),
    }),
    unit: z.object({ id: z.number().int(), name: z.string() }),
    month: z.string(),
    unitCount: z.number().int(),
    before: Side,
    after: Side,
    criteria: z.array(z.object({ number: z.string(), name: z.string(), before: z.number().int(), after: z.number().int() })),
    changed: z.array(
      z.object({
        unitId: z.number().int(),
        name: z.string(),
        month: z.string(),
        before: Standing,
        after: Standing,
        criteria: z.array(
          z.object({ level: Level, criterion: z.string(), name: z.string(), before: z.boolean(), after: z.boolean() }),
        ),
      }),
    ),
    publishing: z.object({
      precedenceUnclear: z.boolean(),
      collisions: z.array(z.object({ code: z.string(), version: z.number().int(), name: z.string() })),
    }),
  })
  .openapi('DraftImpact');

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const xlsxResponse = { description: 'XLSX workbook', content: { [XLSX]: { schema: z.string().openapi({ format: 'binary' }) } } };
const WHAT_IF_SUMMARY =
  "What publishing this draft would change for a month: each commune's latest verified month up to it, evaluated under the sets in force and with the draft published";

whatIfRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/{id}/what-if',
    tags: ['Criteria'],
    summary: WHAT_IF_SUMMARY,
    request: { params: IdParam, query: Query },
    responses: { 200: json(DraftImpactSchema), ...errorResponses },
  }),
  async (c) => {
    const { month, unitId } = c.req.valid('query');
    const impact = await previewDraftImpact(c.get('deps'), actorOf(c), metaOf(c), {
      setId: c.req.valid('param').id,
      month,
      unitId,
    });
    return c.json(impact, 200);
  },
);

whatIfRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/{id}/what-if.xlsx',
    tags: ['Criteria'],
    summary: 'The communes that would gain or lose a criterion if this draft were published, as an Excel workbook',
    request: { params: IdParam, query: Query },
    responses: { 200: xlsxResponse, ...errorResponses },
  }),
  async (c) => {
    const { month, unitId } = c.req.valid('query');
    const impact = await previewDraftImpact(c.get('deps'), actorOf(c), metaOf(c), {
      setId: c.req.valid('param').id,
      month,
      unitId,
    });
    c.header('content-type', XLSX);
    c.header('content-disposition', `attachment; filename="tac-dong-${impact.set.code}-v${impact.set.version}-${month}.xlsx"`);
    return c.body(new Uint8Array(await draftImpactWorkbook(impact)), 200);
  },
);
