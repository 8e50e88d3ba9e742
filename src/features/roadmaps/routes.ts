import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { AGENCY_KINDS, COST_CLASSES, ROADMAP_STATUSES, units } from '../../db/schema';
import { AppError } from '../../lib/errors';
import {
  conflictResponse,
  createRouter,
  documented,
  errorResponses,
  fileUpload,
  formInt,
  json,
  jsonBody,
  validationError,
} from '../../lib/http';
import { actorOf, metaOf } from '../../lib/request';
import { authorize } from '../access/authorize';
import { IdParam, Month } from '../units/schemas';
import { todayVn } from '../../shared/vi';
import { budgetProposals, budgetWorkbook } from './budget';
import { checkIn } from './check-in';
import { agenciesFor, responsiblePeopleFor } from './assignees';
import { agencyMembers } from '../notifications/notify';
import { itemDetail, listItems } from './queries';
import { suggestItems } from './suggest-items';
import { confirmItems, updateItem } from './update-item';
import { RoadmapItem, RoadmapItemDetail } from './schemas';
import { cleanString } from '../../lib/text';

export const roadmapRoutes = createRouter();

const STATUSES = ROADMAP_STATUSES;
const COSTS = COST_CLASSES;
const list = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)))
    .optional();

const Item = RoadmapItem;

roadmapRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['Roadmaps'],
    summary: 'Roadmap board: by unit, by agency or my work; filters; "dễ trước khó sau" ordering by default',
    request: {
      query: z.object({
        unitId: z.coerce.number().int().positive().optional(),
        agencyId: z.coerce.number().int().positive().optional(),
        mine: z.enum(['1', 'true']).optional(),
        status: list(STATUSES),
        cost: list(COSTS),
        overdue: z.enum(['1', 'true']).optional(),
        confirmed: z.enum(['true', 'false']).optional(),
        sort: z.enum(['easy', 'target', 'priority']).optional(),
      }),
    },
    responses: { 200: json(z.object({ items: z.array(Item) })), ...errorResponses },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const items = await listItems(c.get('deps'), actorOf(c), {
      unitId: q.unitId,
      agencyId: q.agencyId,
      mine: Boolean(q.mine),
      status: q.status,
      cost: q.cost,
      overdue: Boolean(q.overdue),
      confirmed: q.confirmed === undefined ? undefined : q.confirmed === 'true',
      sort: q.sort,
    });
    return c.json({ items }, 200);
  },
);

roadmapRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/suggest',
    tags: ['Roadmaps'],
    summary: "Suggest items from a unit's gap list (the office then confirms each)",
    request: { body: jsonBody(z.object({ unitId: z.number().int().positive() })) },
    responses: { 201: json(z.object({ created: z.number().int() }), 'Suggested'), ...errorResponses },
  }),
  async (c) => {
    const created = await suggestItems(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('json').unitId);
    return c.json({ created: created.length }, 201);
  },
);

roadmapRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/agencies',
    tags: ['Roadmaps'],
    summary: 'Agencies that can lead work for a unit',
    request: { query: z.object({ unitId: z.coerce.number().int().positive() }) },
    responses: {
      200: json(
        z.object({
          items: z.array(
            z
              .object({
                id: z.number().int(),
                name: z.string(),
                unitId: z.number().int(),
                kind: z.enum(AGENCY_KINDS),
                reachable: z
                  .number()
                  .int()
                  .openapi({ description: 'How many active people would be told about work this agency leads' }),
              })
              .openapi('LeadAgency'),
          ),
        }),
      ),
      ...errorResponses,
    },
  }),
  async (c) => {
    const { unitId } = c.req.valid('query');
    await authorize(c.get('deps').db, actorOf(c), 'roadmap.read', unitId);
    const deps = c.get('deps');
    const items = await agenciesFor(deps.db, unitId, todayVn(deps.clock.now()));
    const reach = new Map<number, number>();
    for (const m of await agencyMembers(
      deps.db,
      items.map((a) => a.id),
    ))
      reach.set(m.agencyId, (reach.get(m.agencyId) ?? 0) + 1);
    return c.json(
      {
        items: items.map((a) => ({ id: a.id, name: a.name, unitId: a.unitId, kind: a.kind, reachable: reach.get(a.id) ?? 0 })),
      },
      200,
    );
  },
);

roadmapRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/people',
    tags: ['Roadmaps'],
    summary: "People who can be in charge of a unit's work: staff of the agencies that can lead it and officials over the unit",
    request: { query: z.object({ unitId: z.coerce.number().int().positive() }) },
    responses: {
      200: json(
        z.object({
          items: z.array(
            z
              .object({ id: z.number().int(), name: z.string(), agencyId: z.number().int().nullable() })
              .openapi('ResponsiblePerson'),
          ),
        }),
      ),
      ...errorResponses,
    },
  }),
  async (c) => {
    const { unitId } = c.req.valid('query');
    const deps = c.get('deps');
    await authorize(deps.db, actorOf(c), 'roadmap.manage', unitId);
    return c.json({ items: await responsiblePeopleFor(deps.db, unitId, todayVn(deps.clock.now())) }, 200);
  },
);

roadmapRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/confirm',
    tags: ['Roadmaps'],
    summary:
      'Confirm several suggested items at once, optionally with one lead agency, person and month — all or none (send each version you read)',
    request: {
      body: jsonBody(
        z.object({
          items: z
            .array(z.object({ id: z.number().int().positive(), version: z.number().int().positive() }))
            .min(1)
            .max(100),
          leadAgencyId: z.number().int().positive().optional(),
          leadUserId: z.number().int().positive().nullable().optional(),
          targetMonth: Month.optional(),
        }),
      ),
    },
    responses: {
      200: json(z.object({ confirmed: z.number().int() }), 'Confirmed'),
      ...errorResponses,
      ...conflictResponse,
    },
  }),
  async (c) => {
    const done = await confirmItems(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('json'));
    return c.json({ confirmed: done.length }, 200);
  },
);

roadmapRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/budget',
    tags: ['Roadmaps'],
    summary: 'Budget proposals: unmet items that need money under a unit',
    request: { query: z.object({ unitId: z.coerce.number().int().positive() }) },
    responses: {
      200: json(z.object({ items: z.array(Item), total: z.number().int(), withoutEstimate: z.number().int() })),
      ...errorResponses,
    },
  }),
  async (c) => c.json(await budgetProposals(c.get('deps'), actorOf(c), c.req.valid('query').unitId), 200),
);

roadmapRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/budget.xlsx',
    tags: ['Roadmaps'],
    summary: "Budget proposals as the next year's public investment plan proposal (XLSX, triệu đồng)",
    request: {
      query: z.object({
        unitId: z.coerce.number().int().positive(),
        year: z.coerce.number().int().min(2000).max(2100).optional(),
      }),
    },
    responses: {
      200: {
        description: 'XLSX',
        content: {
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
            schema: z.string().openapi({ format: 'binary' }),
          },
        },
      },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { unitId, year } = c.req.valid('query');
    const deps = c.get('deps');
    const actor = actorOf(c);
    await authorize(deps.db, actor, 'roadmap.read', unitId);
    const [unit] = await deps.db.select().from(units).where(eq(units.id, unitId));
    const buf = await budgetWorkbook(deps, actor, unitId, unit!.name, year ?? deps.clock.now().getFullYear() + 1);
    c.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    c.header('content-disposition', `attachment; filename="de-xuat-von-${unitId}.xlsx"`);
    return c.body(new Uint8Array(buf), 200);
  },
);

roadmapRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/{id}',
    tags: ['Roadmaps'],
    summary: 'An item with its check-in history',
    request: { params: IdParam },
    responses: { 200: json(RoadmapItemDetail), ...errorResponses },
  }),
  async (c) => c.json(await itemDetail(c.get('deps'), actorOf(c), c.req.valid('param').id), 200),
);

roadmapRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/{id}',
    tags: ['Roadmaps'],
    summary: 'Assign, edit or confirm an item (send the version you read)',
    request: {
      params: IdParam,
      body: jsonBody(
        z.object({
          version: z.number().int().positive(),
          title: cleanString().min(3).max(500).optional(),
          task: cleanString().max(4000).nullable().optional(),
          leadAgencyId: z.number().int().positive().nullable().optional(),
          leadUserId: z.number().int().positive().nullable().optional(),
          supportingAgencyIds: z.array(z.number().int().positive()).max(20).optional(),
          targetMonth: Month.nullable().optional(),
          costClass: z.enum(COSTS).optional(),
          costEstimate: z.number().int().min(0).max(1e15).nullable().optional(),
          status: z.enum(STATUSES).optional(),
          priority: z.number().int().min(1).max(3).optional(),
          note: cleanString().max(2000).nullable().optional(),
          confirm: z.boolean().optional(),
        }),
      ),
    },
    responses: { 200: json(RoadmapItemDetail), ...errorResponses, ...conflictResponse },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await updateItem(c.get('deps'), actorOf(c), metaOf(c), id, c.req.valid('json'));
    return c.json(await itemDetail(c.get('deps'), actorOf(c), id), 200);
  },
);

roadmapRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/{id}/checkins',
    tags: ['Roadmaps'],
    summary: 'Monthly check-in: percent, note, optional evidence (JSON, or multipart with "file")',
    request: {
      params: IdParam,
      body: jsonBody(
        z.object({
          version: z.number().int().positive(),
          month: Month,
          percent: z.number().int().min(0).max(100),
          note: cleanString().min(3).max(4000),
        }),
      ),
    },
    responses: { 201: json(z.object({ id: z.number().int() }), 'Recorded'), ...errorResponses, ...conflictResponse },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const row = await checkIn(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, body);
    return c.json({ id: row.id }, 201);
  },
);

/** The check-in's form fields beside its evidence file. */
const CheckInForm = z.object({
  version: formInt().pipe(z.number().positive()),
  month: Month,
  percent: formInt().pipe(z.number().min(0).max(100)),
  note: cleanString().min(3).max(4000),
});

documented(roadmapRoutes, {
  method: 'post',
  path: '/{id}/checkins/upload',
  tags: ['Roadmaps'],
  summary: 'Monthly check-in with an evidence file (multipart)',
  request: { params: IdParam, body: fileUpload(CheckInForm.shape) },
  responses: { 201: json(z.object({ id: z.number().int() }), 'Recorded'), ...errorResponses, ...conflictResponse },
});

/** The same check-in with an evidence file. */
roadmapRoutes.post('/:id/checkins/upload', async (c) => {
  const id = Number(c.req.param('id'));
  if (!Number.isInteger(id) || id <= 0) throw new AppError('NOT_FOUND');
  const form = await c.req.parseBody();
  const parsed = CheckInForm.safeParse(form);
  if (!parsed.success) throw validationError(parsed.error, c.get('lang'));
  const file = form.file;
  const upload =
    file && typeof file !== 'string' ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : undefined;
  const row = await checkIn(c.get('deps'), actorOf(c), metaOf(c), id, { ...parsed.data, file: upload });
  return c.json({ id: row.id }, 201);
});
