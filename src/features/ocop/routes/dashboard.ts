/** The office's view of a unit and year: the pipeline board, the dashboard and the yearly targets. */
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, errorResponses, json, jsonBody } from '../../../lib/http';
import { actorOf, metaOf } from '../../../lib/request';
import { ocopDashboard, pipeline, setTarget } from '../queries';
import { Dashboard, Pipeline, Target } from '../schemas';
import { Opt, tags, Year } from './params';

export const dashboardRoutes = createRouter();

dashboardRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/pipeline',
    tags,
    summary: 'Pipeline board: products of a unit and year by cycle step',
    request: { query: z.object({ unitId: z.coerce.number().int().positive(), year: Year }) },
    responses: { 200: json(Pipeline), ...errorResponses },
  }),
  async (c) => {
    const { unitId, year } = c.req.valid('query');
    return c.json(await pipeline(c.get('deps'), actorOf(c), unitId, year), 200);
  },
);

dashboardRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/dashboard',
    tags,
    summary: 'Targets vs actual, counts by star / group / unit / year, expiring and expired certificates',
    request: { query: z.object({ unitId: z.coerce.number().int().positive(), year: Year }) },
    responses: { 200: json(Dashboard), ...errorResponses },
  }),
  async (c) => {
    const { unitId, year } = c.req.valid('query');
    return c.json(await ocopDashboard(c.get('deps'), actorOf(c), unitId, year), 200);
  },
);

dashboardRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/targets',
    tags,
    summary: 'Yearly OCOP targets of a unit',
    request: {
      body: jsonBody(
        z.object({
          unitId: z.number().int().positive(),
          year: z.number().int().min(2018).max(2100),
          newProducts: z.number().int().min(0).max(10_000),
          newRated34: z.number().int().min(0).max(10_000),
          newOrganisations: z.number().int().min(0).max(10_000),
          legalBasis: Opt(300),
        }),
      ),
    },
    responses: { 200: json(Target), ...errorResponses },
  }),
  async (c) => c.json(await setTarget(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('json')), 200),
);
