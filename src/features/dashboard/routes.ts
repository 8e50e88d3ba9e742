import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, errorResponses, json } from '../../lib/http';
import { actorOf } from '../../lib/request';
import { readerOf } from '../../db/client';
import { Month } from '../units/schemas';
import { heatmapWorkbook, scorecardWorkbook } from './excel';
import { gaps, heatmap, latestVerified, scorecard, summarise } from './queries';
import { DashboardSummary, Gaps, Heatmap, Scorecard } from './schemas';

export const dashboardRoutes = createRouter();
const UnitMonth = z.object({ unitId: z.coerce.number().int().positive(), month: Month });

dashboardRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/summary',
    tags: ['Dashboard'],
    summary:
      'Communes under a unit: averages of criteria and indicators met, units at standard / advanced / model (latest verified month)',
    request: { query: UnitMonth },
    responses: { 200: json(DashboardSummary), ...errorResponses },
  }),
  async (c) => {
    const { unitId, month } = c.req.valid('query');
    return c.json(summarise(await latestVerified(readerOf(c.get('deps')), actorOf(c), unitId, month, { detail: 'none' })), 200);
  },
);

dashboardRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/heatmap',
    tags: ['Dashboard'],
    summary: 'Units × criteria, met / unmet / missing',
    request: { query: UnitMonth },
    responses: { 200: json(Heatmap), ...errorResponses },
  }),
  async (c) => {
    const { unitId, month } = c.req.valid('query');
    return c.json(await heatmap(readerOf(c.get('deps')), actorOf(c), unitId, month), 200);
  },
);

dashboardRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/gaps',
    tags: ['Dashboard'],
    summary: 'What is missing where: per indicator, the units where it is unmet or has no value',
    request: { query: UnitMonth },
    responses: { 200: json(Gaps), ...errorResponses },
  }),
  async (c) => {
    const { unitId, month } = c.req.valid('query');
    return c.json(await gaps(readerOf(c.get('deps')), actorOf(c), unitId, month), 200);
  },
);

dashboardRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/scorecard',
    tags: ['Dashboard'],
    summary: "A unit's year: criteria and indicators by month, with its predecessors' history",
    request: {
      query: z.object({ unitId: z.coerce.number().int().positive(), year: z.coerce.number().int().min(2000).max(2100) }),
    },
    responses: { 200: json(Scorecard), ...errorResponses },
  }),
  async (c) => {
    const { unitId, year } = c.req.valid('query');
    return c.json(await scorecard(readerOf(c.get('deps')), actorOf(c), unitId, year), 200);
  },
);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const xlsxResponse = { description: 'XLSX workbook', content: { [XLSX]: { schema: z.string().openapi({ format: 'binary' }) } } };

dashboardRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/heatmap.xlsx',
    tags: ['Dashboard'],
    summary: 'The heat map as an Excel workbook',
    request: { query: UnitMonth },
    responses: { 200: xlsxResponse, ...errorResponses },
  }),
  async (c) => {
    const { unitId, month } = c.req.valid('query');
    const buf = await heatmapWorkbook(readerOf(c.get('deps')), actorOf(c), unitId, month);
    c.header('content-type', XLSX);
    c.header('content-disposition', `attachment; filename="ban-do-nhiet-${month}.xlsx"`);
    return c.body(new Uint8Array(buf), 200);
  },
);

dashboardRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/scorecard.xlsx',
    tags: ['Dashboard'],
    summary: 'The scorecard as an Excel workbook',
    request: {
      query: z.object({ unitId: z.coerce.number().int().positive(), year: z.coerce.number().int().min(2000).max(2100) }),
    },
    responses: { 200: xlsxResponse, ...errorResponses },
  }),
  async (c) => {
    const { unitId, year } = c.req.valid('query');
    const buf = await scorecardWorkbook(readerOf(c.get('deps')), actorOf(c), unitId, year);
    c.header('content-type', XLSX);
    c.header('content-disposition', `attachment; filename="bang-theo-doi-${unitId}-${year}.xlsx"`);
    return c.body(new Uint8Array(buf), 200);
  },
);
