/** Capital plans: the versions of a unit, a draft's lines and allocations, approval by resolution, adjustments. */
import { createRoute, z } from '@hono/zod-openapi';
import { and, desc, eq, inArray, notInArray } from 'drizzle-orm';
import type { Context } from 'hono';
import type { AppEnv } from '../../../context';
import { capitalPlans } from '../../../db/schema';
import { conflictResponse, createRouter, errorResponses, json, jsonBody } from '../../../lib/http';
import { actorOf, metaOf } from '../../../lib/request';
import { authorize } from '../../access/authorize';
import { IdParam, IsoDate } from '../../units/schemas';
import { CapitalPlan, Dong, Year } from '../schemas';
import { adjustPlan, approvePlan, createPlan, getPlan, planDetail, setAllocations, setPlanLines } from '../plans';
import { underUnit } from '../queries';
import { cleanString } from '../../../lib/text';

export const planRoutes = createRouter();

/** Who reads the plan, and when: the steps it offers are theirs. */
const viewerOf = (c: Context<AppEnv>) => ({ actor: actorOf(c), now: c.get('deps').clock.now() });

planRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/plans',
    tags: ['Capital'],
    summary: 'Capital plans of a unit (all versions)',
    request: { query: z.object({ unitId: z.coerce.number().int().positive(), year: Year.optional() }) },
    responses: { 200: json(z.object({ items: z.array(CapitalPlan) })), ...errorResponses },
  }),
  async (c) => {
    const { unitId, year } = c.req.valid('query');
    const db = c.get('deps').db;
    await authorize(db, actorOf(c), 'capital.read', unitId);
    const rows = await db
      .select()
      .from(capitalPlans)
      .where(
        and(
          inArray(capitalPlans.unitId, underUnit(db, unitId)),
          year ? eq(capitalPlans.year, year) : undefined,
          notInArray(capitalPlans.status, ['superseded']),
        ),
      )
      .orderBy(desc(capitalPlans.year), desc(capitalPlans.version));
    return c.json({ items: await Promise.all(rows.map((p) => planDetail(db, viewerOf(c), p))) }, 200);
  },
);

const Lines = z.array(z.object({ sourceCode: z.string().min(1).max(30), amount: Dong })).max(20);

planRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/plans',
    tags: ['Capital'],
    summary: 'Create a draft annual or medium-term plan with the capital it provides by source',
    request: {
      body: jsonBody(
        z.object({
          unitId: z.number().int().positive(),
          kind: z.enum(['annual', 'medium_term']),
          year: Year,
          endYear: Year.optional(),
          name: cleanString().min(3).max(300),
          lines: Lines,
        }),
      ),
    },
    responses: { 201: json(CapitalPlan, 'Created'), ...errorResponses },
  }),
  async (c) => {
    const row = await createPlan(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('json'));
    return c.json(await planDetail(c.get('deps').db, viewerOf(c), row), 201);
  },
);

planRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/plans/{id}',
    tags: ['Capital'],
    summary: 'A plan with its lines, allocations and unallocated remainder',
    request: { params: IdParam },
    responses: { 200: json(CapitalPlan), ...errorResponses },
  }),
  async (c) => {
    const db = c.get('deps').db;
    const plan = await getPlan(db, c.req.valid('param').id);
    await authorize(db, actorOf(c), 'capital.read', plan.unitId);
    return c.json(await planDetail(db, viewerOf(c), plan), 200);
  },
);

planRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/plans/{id}/lines',
    tags: ['Capital'],
    summary: 'Set what a draft plan provides by source',
    request: { params: IdParam, body: jsonBody(z.object({ rowVersion: z.number().int().positive(), lines: Lines })) },
    responses: { 200: json(CapitalPlan), ...errorResponses, ...conflictResponse },
  }),
  async (c) => {
    const row = await setPlanLines(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json(await planDetail(c.get('deps').db, viewerOf(c), row), 200);
  },
);

planRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/plans/{id}/allocations',
    tags: ['Capital'],
    summary: 'Allocate a draft plan to projects by source',
    request: {
      params: IdParam,
      body: jsonBody(
        z.object({
          rowVersion: z.number().int().positive(),
          allocations: z
            .array(
              z.object({
                projectId: z.number().int().positive(),
                sourceCode: z.string().min(1).max(30),
                amount: Dong,
                addedOn: IsoDate.nullable().optional().openapi({
                  description:
                    'the date this tranche of capital was added (it decides its deadline); empty: the date of the approving resolution',
                }),
              }),
            )
            .max(2000),
        }),
      ),
    },
    responses: { 200: json(CapitalPlan), ...errorResponses, ...conflictResponse },
  }),
  async (c) => {
    const row = await setAllocations(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json(await planDetail(c.get('deps').db, viewerOf(c), row), 200);
  },
);

planRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/plans/{id}/approve',
    tags: ['Capital'],
    summary: "Approve a plan by the council's resolution",
    request: {
      params: IdParam,
      body: jsonBody(
        z.object({
          rowVersion: z.number().int().positive(),
          resolutionNo: cleanString().min(3).max(100),
          resolutionDate: IsoDate,
          body: cleanString().min(3).max(200),
        }),
      ),
    },
    responses: { 200: json(CapitalPlan), ...errorResponses, ...conflictResponse },
  }),
  async (c) => {
    const row = await approvePlan(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json(await planDetail(c.get('deps').db, viewerOf(c), row), 200);
  },
);

planRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/plans/{id}/adjust',
    tags: ['Capital'],
    summary: 'Start an adjustment: a new draft version of an approved plan',
    request: { params: IdParam },
    responses: { 201: json(CapitalPlan, 'Draft created'), ...errorResponses, ...conflictResponse },
  }),
  async (c) => {
    const row = await adjustPlan(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id);
    return c.json(await planDetail(c.get('deps').db, viewerOf(c), row), 201);
  },
);
