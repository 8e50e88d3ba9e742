/** The red-flag thresholds of a unit: read, and changed for the unit and everything under it. */
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, errorResponses, json, jsonBody } from '../../../lib/http';
import { actorOf, metaOf } from '../../../lib/request';
import { authorize } from '../../access/authorize';
import { RedFlagSettings } from '../schemas';
import { redFlagSettings } from '../queries';
import { setRedFlagSettings } from '../set-red-flag-settings';

export const settingsRoutes = createRouter();

settingsRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/settings',
    tags: ['Capital'],
    summary: 'Red-flag thresholds for a unit',
    request: { query: z.object({ unitId: z.coerce.number().int().positive() }) },
    responses: { 200: json(RedFlagSettings), ...errorResponses },
  }),
  async (c) => {
    const { unitId } = c.req.valid('query');
    await authorize(c.get('deps').db, actorOf(c), 'capital.read', unitId);
    return c.json(await redFlagSettings(c.get('deps').db, unitId), 200);
  },
);

settingsRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/settings',
    tags: ['Capital'],
    summary: 'Change the red-flag thresholds for a unit and everything under it',
    request: { query: z.object({ unitId: z.coerce.number().int().positive() }), body: jsonBody(RedFlagSettings) },
    responses: { 200: json(RedFlagSettings), ...errorResponses },
  }),
  async (c) => {
    const { unitId } = c.req.valid('query');
    const deps = c.get('deps');
    const actor = actorOf(c);
    const meta = metaOf(c);
    const value = c.req.valid('json');
    await setRedFlagSettings(deps, actor, meta, unitId, value);
    return c.json(value, 200);
  },
);
