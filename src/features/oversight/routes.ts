import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { eq } from 'drizzle-orm';
import type { AppEnv } from '../../context';
import {
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  COUNCIL_BODY_KINDS,
  DOCUMENT_KINDS,
  files,
  PETITION_CATEGORIES,
  PETITION_SOURCES,
  PETITION_STATUSES,
  recommendationReports,
} from '../../db/schema';
import { LINK_TYPES } from '../../domain/oversight/types';
import { AppError } from '../../lib/errors';
import {
  conflictResponse,
  createRouter,
  documented,
  errorResponses,
  EVIDENCE_TYPES,
  fileResponse,
  fileUpload,
  json,
  jsonBody,
  validationError,
} from '../../lib/http';
import { actorOf, metaOf } from '../../lib/request';
import { IsoDate } from '../units/schemas';
import { recommendationFor } from './access';
import type { PackSnapshot } from './pack';
import { answerPetition, createPetition, listPetitions, managePetition } from './petitions';
import {
  createRecommendation,
  decideRecommendation,
  listRecommendations,
  recommendationDetail,
  reportProgress,
  updateRecommendation,
} from './recommendations';
import {
  activityDetail,
  addBody,
  addDelegate,
  addDocument,
  councilDetail,
  createActivity,
  createCouncil,
  documentFile,
  listCouncils,
  updateActivity,
} from './records';
import { recordHandover } from './handover';
import {
  Activity,
  ActivityDetail,
  Body,
  Comparison,
  Council,
  CouncilDetail,
  CouncilListItem,
  Delegate,
  OversightDocument,
  Petition,
  PetitionList,
  Recommendation,
  RecommendationDetail,
  RecommendationListItem,
  Report,
  SnapshotView,
} from './schemas';
import {
  activityView,
  bodyView,
  councilView,
  delegateView,
  documentView,
  petitionView,
  recommendationView,
  reportView,
} from './views';
import { compareActivities, freezeSnapshot, getSnapshot } from './snapshots';

export const oversightRoutes = createRouter();
const tags = ['Oversight'];
const Id = z.object({ id: z.coerce.number().int().positive() });
const Text = (max: number) => z.string().trim().min(1).max(max);
const Opt = (max: number) => z.string().trim().max(max).nullable().optional();
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'yyyy-mm');
const Version = z.number().int().positive();
const Flag = z.enum(['0', '1']).optional();
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const binary = (type: string) => ({
  description: type,
  content: { [type]: { schema: z.string().openapi({ format: 'binary' }) } },
});
const items = <T extends z.ZodType>(item: T) => json(z.object({ items: z.array(item) }));

const id = (c: Context<AppEnv>) => {
  const n = Number(c.req.param('id'));
  if (!Number.isInteger(n) || n <= 0) throw new AppError('NOT_FOUND');
  return n;
};

// ------------------------------------------------------------------------------------------ councils

oversightRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/councils',
    tags,
    summary: 'Councils the actor may read',
    responses: { 200: items(CouncilListItem), ...errorResponses },
  }),
  async (c) => c.json({ items: await listCouncils(c.get('deps'), actorOf(c)) }, 200),
);

oversightRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/councils',
    tags,
    summary: 'Create a council for a unit and term',
    request: { body: jsonBody(z.object({ unitId: z.number().int().positive(), name: Text(200), term: Text(50) })) },
    responses: { 201: json(Council), ...errorResponses },
  }),
  async (c) => c.json(councilView(await createCouncil(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('json'))), 201),
);

oversightRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/councils/{id}',
    tags,
    summary: 'A council with its bodies, delegates and activities',
    request: { params: Id },
    responses: { 200: json(CouncilDetail), ...errorResponses },
  }),
  async (c) => c.json(await councilDetail(c.get('deps'), actorOf(c), c.req.valid('param').id), 200),
);

const HandoverItemBody = z
  .object({
    kind: z.enum(['recommendation', 'petition']),
    id: z.number().int().positive(),
    outcome: z.enum(['handed_over', 'closed']),
    reason: Opt(1000).transform((v) => v ?? undefined),
    addresseeUnitId: z.number().int().positive().optional(),
    deadline: IsoDate.optional(),
  })
  .strict();
const HandoverResult = z
  .object({
    id: z.number().int(),
    fromCouncilId: z.number().int(),
    toCouncilId: z.number().int().nullable(),
    handedOverOn: z.string(),
    legalBasis: z.string(),
    note: z.string().nullable(),
    handedOver: z.number().int(),
    closed: z.number().int(),
  })
  .openapi('CouncilHandover');

oversightRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/councils/{id}/handover',
    tags,
    summary: 'Hand over an ended council’s open recommendations and petitions to a successor council, or close them',
    description:
      'A council ends when its level is abolished or its unit dissolved. Every open item not listed is handed over as it is; ' +
      'listed items may be closed with a reason, or re-addressed and re-dated. Recorded once per council, by the successor ' +
      'council’s keepers (or, when everything is closed, by the keepers of the level above).',
    request: {
      params: Id,
      body: jsonBody(
        z
          .object({
            toCouncilId: z.number().int().positive().nullable(),
            handedOverOn: IsoDate,
            legalBasis: Text(500),
            note: Opt(2000),
            items: z.array(HandoverItemBody).max(2000).optional(),
          })
          .strict(),
      ),
    },
    responses: { 201: json(HandoverResult), ...errorResponses },
  }),
  async (c) => {
    const h = await recordHandover(
      c.get('deps'),
      actorOf(c),
      metaOf(c),
      c.req.valid('param').id,
      c.req.valid('json'),
      c.get('lang'),
    );
    return c.json(
      {
        id: h.id,
        fromCouncilId: h.fromCouncilId,
        toCouncilId: h.toCouncilId,
        handedOverOn: h.handedOverOn,
        legalBasis: h.legalBasis,
        note: h.note,
        handedOver: h.handedOver,
        closed: h.closed,
      },
      201,
    );
  },
);

oversightRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/councils/{id}/bodies',
    tags,
    summary: 'Add the standing committee, a committee (Ban) or a delegate group',
    request: { params: Id, body: jsonBody(z.object({ kind: z.enum(COUNCIL_BODY_KINDS), name: Text(200) })) },
    responses: { 201: json(Body), ...errorResponses },
  }),
  async (c) =>
    c.json(bodyView(await addBody(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json'))), 201),
);

oversightRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/councils/{id}/delegates',
    tags,
    summary: 'Add a delegate',
    request: {
      params: Id,
      body: jsonBody(
        z.object({ fullName: Text(200), position: Opt(200), bodyIds: z.array(z.number().int().positive()).max(10).optional() }),
      ),
    },
    responses: { 201: json(Delegate), ...errorResponses },
  }),
  async (c) =>
    c.json(
      delegateView(await addDelegate(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json'))),
      201,
    ),
);

// ---------------------------------------------------------------------------------------- activities

const ActivityFields = {
  kind: z.enum(ACTIVITY_KINDS),
  title: Text(300),
  topic: Text(4000),
  scheduledOn: IsoDate,
  heldOn: IsoDate.nullable().optional(),
  leadBodyId: z.number().int().positive().nullable().optional(),
  chair: Opt(200),
  plan: Opt(8000),
  explainingBodies: z.array(Text(200)).max(30).optional(),
  invitees: z.array(Text(200)).max(60).optional(),
};

oversightRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/councils/{id}/activities',
    tags,
    summary: 'Plan a supervision activity (the governing law follows from its date)',
    request: {
      params: Id,
      body: jsonBody(z.object({ ...ActivityFields, followsId: z.number().int().positive().nullable().optional() })),
    },
    responses: { 201: json(Activity), ...errorResponses },
  }),
  async (c) =>
    c.json(
      activityView(await createActivity(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json'))),
      201,
    ),
);

oversightRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/activities/{id}',
    tags,
    summary: 'An activity with documents, snapshots and recommendations',
    request: { params: Id },
    responses: { 200: json(ActivityDetail), ...errorResponses },
  }),
  async (c) => c.json(await activityDetail(c.get('deps'), actorOf(c), c.req.valid('param').id), 200),
);

oversightRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/activities/{id}',
    tags,
    summary: 'Edit an activity, record its conclusion or move its status one step forward',
    request: {
      params: Id,
      body: jsonBody(
        z.object({
          ...z.object(ActivityFields).partial().shape,
          version: Version,
          status: z.enum(ACTIVITY_STATUSES).optional(),
          conclusionNo: Opt(100),
          conclusionDate: IsoDate.nullable().optional(),
          conclusionText: Opt(20000),
        }),
      ),
    },
    responses: { 200: json(Activity), ...errorResponses, ...conflictResponse },
  }),
  async (c) =>
    c.json(
      activityView(await updateActivity(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json'))),
      200,
    ),
);

documented(oversightRoutes, {
  method: 'post',
  path: '/activities/{id}/documents',
  tags,
  summary: 'File a document of the activity (the same kind again is its next version)',
  request: {
    params: Id,
    body: fileUpload({
      kind: z.enum(DOCUMENT_KINDS),
      title: z.string().max(300).optional(),
      number: z.string().max(100).optional(),
    }),
  },
  responses: {
    201: json(OversightDocument, 'Filed'),
    ...errorResponses,
  },
});
oversightRoutes.post('/activities/:id/documents', async (c) => {
  const activityId = id(c);
  const form = await c.req.parseBody();
  const parsed = z.object({ kind: z.enum(DOCUMENT_KINDS), title: Opt(300), number: Opt(100) }).safeParse({
    kind: form.kind,
    title: typeof form.title === 'string' ? form.title : null,
    number: typeof form.number === 'string' ? form.number : null,
  });
  if (!parsed.success) throw validationError(parsed.error, c.get('lang'));
  const file = form.file;
  if (!file || typeof file === 'string') throw new AppError('BAD_REQUEST', { field: 'file' });
  const row = await addDocument(c.get('deps'), actorOf(c), metaOf(c), activityId, {
    ...parsed.data,
    title: parsed.data.title ?? null,
    number: parsed.data.number ?? null,
    name: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
  });
  return c.json(documentView(row), 201);
});

documented(oversightRoutes, {
  method: 'get',
  path: '/documents/{id}/file',
  tags,
  summary: 'The file of a document',
  request: { params: Id },
  responses: { ...fileResponse(EVIDENCE_TYPES, 'The file'), ...errorResponses },
});
oversightRoutes.get('/documents/:id/file', async (c) => {
  const deps = c.get('deps');
  const f = await documentFile(deps, actorOf(c), id(c));
  c.header('content-type', f.mime);
  c.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`);
  return c.body(new Uint8Array(await deps.files.read(f.sha256)), 200);
});

// ----------------------------------------------------------------------------------------- snapshots

oversightRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/activities/{id}/snapshots',
    tags,
    summary: 'Freeze the figures for the briefing (as of a day; the criteria month defaults to that day’s)',
    request: { params: Id, body: jsonBody(z.object({ asOf: IsoDate.optional(), month: Month.optional() })) },
    responses: { 201: json(z.object({ id: z.number().int(), asOf: z.string(), sha256: z.string() })), ...errorResponses },
  }),
  async (c) =>
    c.json(await freezeSnapshot(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
);

oversightRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/snapshots/{id}',
    tags,
    summary: 'A frozen snapshot: the figures exactly as the council saw them',
    request: { params: Id },
    responses: { 200: json(SnapshotView), ...errorResponses },
  }),
  async (c) => {
    const { snapshot } = await getSnapshot(c.get('deps'), actorOf(c), c.req.valid('param').id);
    return c.json(
      {
        id: snapshot.id,
        activityId: snapshot.activityId,
        asOf: snapshot.asOf,
        data: snapshot.data,
        sha256: snapshot.sha256,
        frozenAt: snapshot.frozenAt.toISOString(),
      },
      200,
    );
  },
);

/** The pack renderers (Word, Excel, PDF, charts) load on the first download, not at start-up. */
const PACKS = {
  docx: { type: DOCX, render: async (s: PackSnapshot, at: Date) => (await import('./pack')).packDocx(s, at) },
  xlsx: { type: XLSX, render: async (s: PackSnapshot, at: Date) => (await import('./pack')).packXlsx(s, at) },
  pdf: { type: 'application/pdf', render: async (s: PackSnapshot, at: Date) => (await import('./pack')).packPdf(s, at) },
} as const;

for (const format of ['docx', 'xlsx', 'pdf'] as const) {
  oversightRoutes.openapi(
    createRoute({
      method: 'get',
      path: `/snapshots/{id}/pack.${format}`,
      tags,
      summary: `Briefing pack generated from the snapshot (${format.toUpperCase()})`,
      request: { params: Id },
      responses: { 200: binary(PACKS[format].type), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { snapshot } = await getSnapshot(deps, actorOf(c), c.req.valid('param').id);
      const pack: PackSnapshot = { id: snapshot.id, sha256: snapshot.sha256, frozenAt: snapshot.frozenAt, data: snapshot.data };
      const bytes = await PACKS[format].render(pack, deps.clock.now());
      c.header('content-type', PACKS[format].type);
      c.header(
        'content-disposition',
        `attachment; filename="tai-lieu-giam-sat-${snapshot.activityId}-${snapshot.asOf}.${format}"`,
      );
      c.header('x-snapshot-sha256', snapshot.sha256);
      return c.body(new Uint8Array(bytes), 200);
    },
  );
}

const Pair = z.object({ first: z.coerce.number().int().positive(), second: z.coerce.number().int().positive() });

oversightRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/compare',
    tags,
    summary: 'Promised vs delivered: two activities’ newest snapshots compared',
    request: { query: Pair },
    responses: { 200: json(Comparison), ...errorResponses },
  }),
  async (c) => {
    const { first, second } = c.req.valid('query');
    return c.json(await compareActivities(c.get('deps'), actorOf(c), first, second), 200);
  },
);

oversightRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/compare/report.docx',
    tags,
    summary: 'Follow-up report for re-supervision (DOCX) from the comparison',
    request: { query: Pair },
    responses: { 200: binary(DOCX), ...errorResponses },
  }),
  async (c) => {
    const deps = c.get('deps');
    const { first, second } = c.req.valid('query');
    const cmp = await compareActivities(deps, actorOf(c), first, second);
    const { followUpDocx } = await import('./follow-up');
    const bytes = await followUpDocx(cmp, deps.clock.now());
    c.header('content-type', DOCX);
    c.header('content-disposition', `attachment; filename="bao-cao-tai-giam-sat-${first}-${second}.docx"`);
    return c.body(new Uint8Array(bytes), 200);
  },
);

// ----------------------------------------------------------------------------------- recommendations

const LinkSchema = z.object({ type: z.enum(LINK_TYPES), ref: Text(100), label: Text(300) });
const RecommendationFields = {
  text: Text(4000),
  addresseeUnitId: z.number().int().positive(),
  addresseeLabel: Text(300),
  deadline: IsoDate,
  links: z.array(LinkSchema).max(20).optional(),
};

oversightRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/activities/{id}/recommendations',
    tags,
    summary: 'Record a recommendation of the conclusion (addressee, deadline, linked objects)',
    request: { params: Id, body: jsonBody(z.object(RecommendationFields)) },
    responses: { 201: json(Recommendation), ...errorResponses },
  }),
  async (c) =>
    c.json(
      recommendationView(
        await createRecommendation(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json')),
      ),
      201,
    ),
);

oversightRoutes.openapi(
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
    const items = await listRecommendations(c.get('deps'), actorOf(c), {
      councilId: q.councilId,
      status: q.status,
      mine: q.mine === '1',
      overdue: q.overdue === '1',
    });
    return c.json({ items }, 200);
  },
);

oversightRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/recommendations/{id}',
    tags,
    summary: 'A recommendation with its progress reports',
    request: { params: Id },
    responses: { 200: json(RecommendationDetail), ...errorResponses },
  }),
  async (c) => c.json(await recommendationDetail(c.get('deps'), actorOf(c), c.req.valid('param').id), 200),
);

oversightRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/recommendations/{id}',
    tags,
    summary: 'Edit a recommendation (council)',
    request: { params: Id, body: jsonBody(z.object({ ...z.object(RecommendationFields).partial().shape, version: Version })) },
    responses: { 200: json(Recommendation), ...errorResponses, ...conflictResponse },
  }),
  async (c) =>
    c.json(
      recommendationView(
        await updateRecommendation(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json')),
      ),
      200,
    ),
);

documented(oversightRoutes, {
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
          schema: z.object({ text: z.string().min(3).max(4000), done: z.boolean(), version: z.number().int().positive() }),
        },
        'multipart/form-data': {
          schema: z.object({
            text: z.string().min(3).max(4000),
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
oversightRoutes.post('/recommendations/:id/reports', async (c) => {
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
  return c.json({ recommendation: recommendationView(out.recommendation), report: reportView(out.report) }, 201);
});

documented(oversightRoutes, {
  method: 'get',
  path: '/reports/{id}/file',
  tags,
  summary: 'The evidence file of a report',
  request: { params: Id },
  responses: { ...fileResponse(EVIDENCE_TYPES, 'The file'), ...errorResponses },
});
oversightRoutes.get('/reports/:id/file', async (c) => {
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

oversightRoutes.openapi(
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
  async (c) =>
    c.json(
      recommendationView(
        await decideRecommendation(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json')),
      ),
      200,
    ),
);

// ----------------------------------------------------------------------------------------- petitions

oversightRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/petitions',
    tags,
    summary: 'Voters’ petitions with the resolution rate (accent-insensitive search)',
    request: {
      query: z.object({
        councilId: z.coerce.number().int().positive().optional(),
        status: z.enum(PETITION_STATUSES).optional(),
        q: z.string().max(200).optional(),
        mine: Flag,
      }),
    },
    responses: { 200: json(PetitionList), ...errorResponses },
  }),
  async (c) => {
    const q = c.req.valid('query');
    return c.json(
      await listPetitions(c.get('deps'), actorOf(c), { councilId: q.councilId, status: q.status, q: q.q, mine: q.mine === '1' }),
      200,
    );
  },
);

oversightRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/councils/{id}/petitions',
    tags,
    summary: 'Record a voters’ petition',
    request: {
      params: Id,
      body: jsonBody(
        z.object({
          unitId: z.number().int().positive(),
          source: z.enum(PETITION_SOURCES),
          sourceNote: Opt(300),
          receivedOn: IsoDate,
          text: Text(4000),
          category: z.enum(PETITION_CATEGORIES).nullable().optional(),
        }),
      ),
    },
    responses: { 201: json(Petition), ...errorResponses },
  }),
  async (c) =>
    c.json(
      petitionView(await createPetition(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json'))),
      201,
    ),
);

oversightRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/petitions/{id}',
    tags,
    summary: 'Classify, assign (with deadline) or close a petition (council)',
    request: {
      params: Id,
      body: jsonBody(
        z.object({
          version: Version,
          category: z.enum(PETITION_CATEGORIES).nullable().optional(),
          assigneeUnitId: z.number().int().positive().optional(),
          assigneeLabel: Text(300).optional(),
          deadline: IsoDate.optional(),
          status: z.enum(PETITION_STATUSES).optional(),
        }),
      ),
    },
    responses: { 200: json(Petition), ...errorResponses, ...conflictResponse },
  }),
  async (c) =>
    c.json(
      petitionView(await managePetition(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json'))),
      200,
    ),
);

oversightRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/petitions/{id}/answer',
    tags,
    summary: 'The assigned body answers the petition',
    request: { params: Id, body: jsonBody(z.object({ answer: Text(8000), version: Version })) },
    responses: { 200: json(Petition), ...errorResponses, ...conflictResponse },
  }),
  async (c) =>
    c.json(
      petitionView(await answerPetition(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json'))),
      200,
    ),
);
