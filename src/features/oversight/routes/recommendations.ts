import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { files, recommendationReports } from '../../../db/schema';
import { LINK_TYPES } from '../../../domain/oversight/types';
import { AppError } from '../../../lib/errors';
import {
  errorResponses,
  conflictResponse,
  fileResponse,
  createRouter,
  documented,
  EVIDENCE_TYPES,
  json,
  jsonBody,
  validationError,
} from '../../../lib/http';
import { actorOf, metaOf } from '../../../lib/request';
import { IsoDate } from '../../units/schemas';
import { recommendationFor } from '../access';
import {
  createRecommendation,
  decideRecommendation,
  listRecommendations,
  recommendationDetail,
  reportProgress,
  updateRecommendation,
} from '../recommendations';
import { Recommendation, RecommendationDetail, RecommendationListItem, Report } from '../schemas';
import { recommendationView, reportView } from '../views';
import { tags, Id, Text, Opt, Version, Flag, items, id, stepsOf } from './common';
import { cleanString } from '../../../lib/text';

/** Recommendations of a conclusion: recorded and edited by the council, reported on by the addressee, decided. */
export const recommendationRoutes = createRouter();

const LinkSchema = z.object({ type: z.enum(LINK_TYPES), ref: Text(100), label: Text(300) });
const RecommendationFields = {
  text: Text(4000),
  addresseeUnitId: z.number().int().positive(),
  addresseeLabel: Text(300),
  deadline: IsoDate,
  links: z.array(LinkSchema).max(20).optional(),
};

recommendationRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/activities/{id}/recommendations',
    tags,
    summary: 'Record a recommendation of the conclusion (addressee, deadline, linked objects)',
    request: { params: Id, body: jsonBody(z.object(RecommendationFields)) },
    responses: { 201: json(Recommendation), ...errorResponses },
  }),
  async (c) => {
    const row = await createRecommendation(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json(recommendationView(row, await stepsOf(c).recommendation(row)), 201);
  },
);

recommendationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/recommendations',
    tags,
    summary: 'Recommendations of readable councils and those addressed to the actor (mine=1: only those)',
    request: {
      query: z.object({
        councilId: z.coerce.number().int().positive().optional(),
        status: z.enum(['open', 'reported', 'accepted', 'not_accepted']).optional(),
        mine: Flag,
        overdue: Flag,
      }),
    },
    responses: { 200: items(RecommendationListItem), ...errorResponses },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const items = await listRecommendations(
      c.get('deps'),
      actorOf(c),
      {
        councilId: q.councilId,
        status: q.status,
        mine: q.mine === '1',
        overdue: q.overdue === '1',
      },
      stepsOf(c),
    );
    return c.json({ items }, 200);
  },
);

recommendationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/recommendations/{id}',
    tags,
    summary: 'A recommendation with its progress reports',
    request: { params: Id },
    responses: { 200: json(RecommendationDetail), ...errorResponses },
  }),
  async (c) => c.json(await recommendationDetail(c.get('deps'), actorOf(c), c.req.valid('param').id, stepsOf(c)), 200),
);

recommendationRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/recommendations/{id}',
    tags,
    summary: 'Edit a recommendation (council)',
    request: { params: Id, body: jsonBody(z.object({ ...z.object(RecommendationFields).partial().shape, version: Version })) },
    responses: { 200: json(Recommendation), ...errorResponses, ...conflictResponse },
  }),
  async (c) => {
    const row = await updateRecommendation(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json(recommendationView(row, await stepsOf(c).recommendation(row)), 200);
  },
);

documented(recommendationRoutes, {
  method: 'post',
  path: '/recommendations/{id}/reports',
  tags,
  summary: 'The addressee reports progress (JSON, or multipart with an evidence file)',
  request: {
    params: Id,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({ text: cleanString().min(3).max(4000), done: z.boolean(), version: z.number().int().positive() }),
        },
        'multipart/form-data': {
          schema: z.object({
            text: cleanString().min(3).max(4000),
            done: z.enum(['true', 'false', '1', '0']),
            version: z.coerce.number().int().positive(),
            file: z.string().openapi({ type: 'string', format: 'binary' }).optional(),
          }),
        },
      },
    },
  },
  responses: {
    201: json(z.object({ recommendation: Recommendation, report: Report }), 'Reported'),
    ...errorResponses,
    ...conflictResponse,
  },
});

/** Progress report by the addressee: JSON, or multipart with an evidence file. */
recommendationRoutes.post('/recommendations/:id/reports', async (c) => {
  const recId = id(c);
  const multipart = (c.req.header('content-type') ?? '').startsWith('multipart/form-data');
  const raw: Record<string, unknown> = multipart
    ? await c.req.parseBody()
    : ((await c.req.json().catch(() => ({}))) as Record<string, unknown>);
  const parsed = z
    .object({
      text: Text(4000),
      done: z.union([z.boolean(), z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true')]),
      version: z.coerce.number().int().positive(),
    })
    .safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error, c.get('lang'));
  const file = raw.file;
  const upload = file instanceof File ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : undefined;
  const out = await reportProgress(c.get('deps'), actorOf(c), metaOf(c), recId, { ...parsed.data, file: upload });
  const steps = await stepsOf(c).recommendation(out.recommendation);
  return c.json({ recommendation: recommendationView(out.recommendation, steps), report: reportView(out.report) }, 201);
});

documented(recommendationRoutes, {
  method: 'get',
  path: '/reports/{id}/file',
  tags,
  summary: 'The evidence file of a report',
  request: { params: Id },
  responses: { ...fileResponse(EVIDENCE_TYPES, 'The file'), ...errorResponses },
});
recommendationRoutes.get('/reports/:id/file', async (c) => {
  const deps = c.get('deps');
  const [row] = await deps.db
    .select({ r: recommendationReports, f: files })
    .from(recommendationReports)
    .innerJoin(files, eq(files.id, recommendationReports.fileId))
    .where(eq(recommendationReports.id, id(c)));
  if (!row) throw new AppError('NOT_FOUND');
  await recommendationFor(deps.db, actorOf(c), row.r.recommendationId, 'read');
  c.header('content-type', row.f.mime);
  c.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.r.fileName ?? 'minh-chung')}`);
  return c.body(new Uint8Array(await deps.files.read(row.f.sha256)), 200);
});

recommendationRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/recommendations/{id}/decision',
    tags,
    summary: 'The council accepts the recommendation as met, or does not',
    request: {
      params: Id,
      body: jsonBody(z.object({ decision: z.enum(['accepted', 'not_accepted']), note: Opt(2000), version: Version })),
    },
    responses: { 200: json(Recommendation), ...errorResponses, ...conflictResponse },
  }),
  async (c) => {
    const row = await decideRecommendation(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json(recommendationView(row, await stepsOf(c).recommendation(row)), 200);
  },
);
