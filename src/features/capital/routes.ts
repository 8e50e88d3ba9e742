import { createRoute, z } from '@hono/zod-openapi';
import { and, desc, eq, inArray, notInArray } from 'drizzle-orm';
import {
  allocations,
  capitalPlans,
  files,
  fundingSources,
  projectPhotos,
  projects,
  readinessItems,
  settings,
} from '../../db/schema';
import { AppError } from '../../lib/errors';
import {
  conflictResponse,
  createRouter,
  documented,
  errorResponses,
  fileResponse,
  fileUpload,
  IMAGE_TYPES,
  json,
  jsonBody,
  plainPattern,
} from '../../lib/http';
import { actorOf, metaOf } from '../../lib/request';
import { searchKey, viCollator } from '../../shared/vi';
import { authorize, requireAction, scopeFilter } from '../access/authorize';
import { write } from '../access/write-path';
import { IdParam, IsoDate } from '../units/schemas';
import { readUploadBytes } from '../files/read-upload';
import { capitalWorkbook, projectDetail, projectQr } from './detail';
import { addContribution, addExtension, recordDisbursement, reverseDisbursement } from './ledger';
import { importDisbursements } from './treasury-import';
import {
  CapitalPlan,
  Cockpit,
  Contribution,
  DeadlineExtension,
  DisbursementBody,
  DisbursementEntry,
  disbursementView,
  Dong,
  FundingSource,
  Project,
  ProjectDetail,
  ProjectListItem,
  ReadinessItem,
  RedFlagSettings,
  ReversalBody,
  Year,
} from './schemas';
import { contributionView, extensionView, projectView, readinessView } from './views';
import { adjustPlan, approvePlan, createPlan, getPlan, planDetail, setAllocations, setPlanLines } from './plans';
import { addProjectPhoto, createProject, setReadiness, updateProject } from './projects';
import { cockpit, redFlagSettings, underUnit } from './queries';

export const capitalRoutes = createRouter();
const UnitYear = z.object({ unitId: z.coerce.number().int().positive(), year: Year });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

capitalRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/sources',
    tags: ['Capital'],
    summary: 'Funding sources (data)',
    responses: { 200: json(z.object({ items: z.array(FundingSource) })), ...errorResponses },
  }),
  async (c) => {
    actorOf(c);
    return c.json({ items: await c.get('deps').db.select().from(fundingSources).orderBy(fundingSources.sortOrder) }, 200);
  },
);

capitalRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/cockpit',
    tags: ['Capital'],
    summary: 'Programme cockpit: plan, allocated, disbursed, rates by source / unit / project, S-curve, red flags',
    request: { query: UnitYear.extend({ asOf: IsoDate.optional() }) },
    responses: { 200: json(Cockpit), ...errorResponses },
  }),
  async (c) => {
    const { unitId, year, asOf } = c.req.valid('query');
    return c.json(await cockpit(c.get('deps'), actorOf(c), unitId, year, asOf), 200);
  },
);

capitalRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/report.xlsx',
    tags: ['Capital'],
    summary: 'Disbursement report by source and project (triệu đồng)',
    request: { query: UnitYear },
    responses: {
      200: { description: 'XLSX', content: { [XLSX]: { schema: z.string().openapi({ format: 'binary' }) } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { unitId, year } = c.req.valid('query');
    const buf = await capitalWorkbook(c.get('deps'), actorOf(c), unitId, year);
    c.header('content-type', XLSX);
    c.header('content-disposition', `attachment; filename="giai-ngan-${year}.xlsx"`);
    return c.body(new Uint8Array(buf), 200);
  },
);

capitalRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/projects',
    tags: ['Capital'],
    summary: 'Projects under a unit; ready=1 lists those ready for allocation at the thematic session',
    request: {
      query: z.object({
        unitId: z.coerce.number().int().positive(),
        q: z.string().max(100).optional(),
        ready: z.enum(['1']).optional(),
      }),
    },
    responses: { 200: json(z.object({ items: z.array(ProjectListItem) })), ...errorResponses },
  }),
  async (c) => {
    const { unitId, q, ready } = c.req.valid('query');
    const db = c.get('deps').db;
    const actor = actorOf(c);
    await authorize(db, actor, 'capital.read', unitId);
    let rows = await db
      .select()
      .from(projects)
      .where(and(inArray(projects.unitId, underUnit(db, unitId)), scopeFilter(db, actor, 'capital.read', projects.unitId)));
    if (q) rows = rows.filter((p) => p.searchKey.includes(searchKey(q)));
    const ids = rows.map((p) => p.id);
    const open = ids.length
      ? await db
          .select()
          .from(readinessItems)
          .where(and(inArray(readinessItems.projectId, ids), eq(readinessItems.done, false)))
      : [];
    const allocated = ids.length
      ? new Set(
          (await db.select({ id: allocations.projectId }).from(allocations).where(inArray(allocations.projectId, ids))).map(
            (r) => r.id,
          ),
        )
      : new Set<number>();
    let items = rows.map((p) => ({
      ...projectView(p),
      dossierMissing: open.filter((o) => o.projectId === p.id).map((o) => o.label),
      hasAllocation: allocated.has(p.id),
    }));
    if (ready)
      items = items.filter(
        (p) => !p.dossierMissing.length && (p.status === 'readiness' || p.status === 'approved') && !p.hasAllocation,
      );
    return c.json({ items: items.sort((a, b) => viCollator.compare(a.name, b.name)) }, 200);
  },
);

const ProjectBody = z.object({
  code: z
    .string()
    .trim()
    .min(2)
    .max(40)
    .regex(/^[\p{L}\p{N}._/-]+$/u)
    .openapi({ pattern: plainPattern(/^[\p{L}\p{N}._/-]+$/u) }),
  name: z.string().trim().min(3).max(300),
  unitId: z.number().int().positive(),
  unitIds: z.array(z.number().int().positive()).max(20).optional(),
  owner: z.string().trim().min(3).max(200),
  type: z.enum(['standard', 'small_community', 'recurrent']),
  sources: z.array(z.object({ sourceCode: z.string().min(1).max(30), amount: Dong })).max(12),
  approvalDecision: z.string().max(200).nullable().optional(),
  approvalDate: IsoDate.nullable().optional(),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lon: z.number().min(-180).max(180).nullable().optional(),
  contractor: z.string().max(200).nullable().optional(),
  description: z.string().max(4000).nullable().optional(),
  indicators: z
    .array(z.object({ setCode: z.string().max(60), code: z.string().max(20) }))
    .max(50)
    .optional(),
});

capitalRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/projects',
    tags: ['Capital'],
    summary: 'Create a project (with its dossier checklist)',
    request: { body: jsonBody(ProjectBody) },
    responses: { 201: json(Project, 'Created'), ...errorResponses, ...conflictResponse },
  }),
  async (c) => c.json(projectView(await createProject(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('json'))), 201),
);

capitalRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/projects/{id}',
    tags: ['Capital'],
    summary: 'Project page: sources, dossier, allocations, ledger, S-curve, timeline',
    request: { params: IdParam, query: z.object({ year: Year.optional() }) },
    responses: { 200: json(ProjectDetail), ...errorResponses },
  }),
  async (c) => {
    const deps = c.get('deps');
    return c.json(
      await projectDetail(
        deps,
        actorOf(c),
        c.req.valid('param').id,
        c.req.valid('query').year ?? deps.clock.now().getUTCFullYear(),
      ),
      200,
    );
  },
);

capitalRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/projects/{id}',
    tags: ['Capital'],
    summary: 'Edit a project or move its status one step (send the version you read)',
    request: {
      params: IdParam,
      body: jsonBody(
        ProjectBody.omit({ code: true, unitId: true, unitIds: true })
          .partial()
          .extend({
            version: z.number().int().positive(),
            status: z.enum(['proposed', 'readiness', 'approved', 'construction', 'completed', 'settled']).optional(),
          }),
      ),
    },
    responses: { 200: json(Project), ...errorResponses, ...conflictResponse },
  }),
  async (c) =>
    c.json(
      projectView(await updateProject(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json'))),
      200,
    ),
);

capitalRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/projects/{id}/readiness/{code}',
    tags: ['Capital'],
    summary: 'Tick or untick a dossier item',
    request: {
      params: z.object({ id: z.coerce.number().int().positive(), code: z.string().min(1).max(40) }),
      body: jsonBody(z.object({ done: z.boolean(), note: z.string().max(1000).nullable().optional() })),
    },
    responses: { 200: json(ReadinessItem), ...errorResponses },
  }),
  async (c) => {
    const { id, code } = c.req.valid('param');
    return c.json(readinessView(await setReadiness(c.get('deps'), actorOf(c), metaOf(c), id, code, c.req.valid('json'))), 200);
  },
);

documented(capitalRoutes, {
  method: 'post',
  path: '/projects/{id}/photos',
  tags: ['Capital'],
  summary: 'Add a progress photo of the works (an image)',
  request: { params: IdParam, body: fileUpload({ caption: z.string().max(300).optional() }) },
  responses: { 201: json(z.object({ id: z.number().int() }), 'Added'), ...errorResponses },
});
capitalRoutes.post('/projects/:id/photos', async (c) => {
  const id = Number(c.req.param('id'));
  if (!Number.isInteger(id) || id <= 0) throw new AppError('NOT_FOUND');
  const deps = c.get('deps');
  const form = await c.req.parseBody();
  const file = form.file;
  if (!file || typeof file === 'string') throw new AppError('BAD_REQUEST', { field: 'file' });
  const caption = typeof form.caption === 'string' ? form.caption.slice(0, 300) : null;
  const row = await addProjectPhoto(deps, actorOf(c), metaOf(c), id, {
    name: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
    caption,
  });
  return c.json({ id: row.id }, 201);
});

documented(capitalRoutes, {
  method: 'get',
  path: '/photos/{photoId}/{variant}',
  tags: ['Capital'],
  summary: 'A progress photo, or its thumbnail',
  request: {
    params: z.object({
      photoId: z.coerce
        .number()
        .int()
        .positive()
        .openapi({ param: { name: 'photoId', in: 'path' } }),
      variant: z.enum(['file', 'thumbnail']).openapi({ param: { name: 'variant', in: 'path' } }),
    }),
  },
  responses: { ...fileResponse(IMAGE_TYPES, 'The image'), ...errorResponses },
});
capitalRoutes.get('/photos/:photoId/:variant{file|thumbnail}', async (c) => {
  const photoId = Number(c.req.param('photoId'));
  if (!Number.isInteger(photoId) || photoId <= 0) throw new AppError('NOT_FOUND');
  const deps = c.get('deps');
  const [row] = await deps.db
    .select({ ph: projectPhotos, f: files, unitId: projects.unitId })
    .from(projectPhotos)
    .innerJoin(files, eq(files.id, projectPhotos.fileId))
    .innerJoin(projects, eq(projects.id, projectPhotos.projectId))
    .where(eq(projectPhotos.id, photoId));
  if (!row) throw new AppError('NOT_FOUND');
  await authorize(deps.db, actorOf(c), 'capital.read', row.unitId);
  const thumb = c.req.param('variant') === 'thumbnail' && row.f.hasThumbnail;
  c.header('content-type', thumb ? 'image/jpeg' : row.f.mime);
  c.header('cache-control', 'private, max-age=3600');
  return c.body(new Uint8Array(thumb ? await deps.files.readThumbnail(row.f.sha256) : await deps.files.read(row.f.sha256)), 200);
});

documented(capitalRoutes, {
  method: 'get',
  path: '/projects/{id}/qr/{format}',
  tags: ['Capital'],
  summary: 'QR code of the project’s public page, for the construction signboard',
  request: {
    params: IdParam.extend({ format: z.enum(['png', 'svg']).openapi({ param: { name: 'format', in: 'path' } }) }),
  },
  responses: { ...fileResponse(['image/png', 'image/svg+xml'], 'The QR code'), ...errorResponses },
});
capitalRoutes.get('/projects/:id/qr/:format{png|svg}', async (c) => {
  const id = Number(c.req.param('id'));
  if (!Number.isInteger(id) || id <= 0) throw new AppError('NOT_FOUND');
  const qr = await projectQr(c.get('deps'), actorOf(c), id, c.req.param('format') as 'png' | 'svg');
  c.header('content-type', qr.type);
  c.header('x-qr-target', qr.url);
  return c.body(typeof qr.body === 'string' ? qr.body : new Uint8Array(qr.body), 200);
});

capitalRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/projects/{id}/extensions',
    tags: ['Capital'],
    summary: "Extend a year's disbursement deadline by decision",
    request: {
      params: IdParam,
      body: jsonBody(
        z.object({ planYear: Year, newDeadline: IsoDate, decisionNo: z.string().trim().min(3).max(100), decisionDate: IsoDate }),
      ),
    },
    responses: { 201: json(DeadlineExtension, 'Recorded'), ...errorResponses },
  }),
  async (c) =>
    c.json(
      extensionView(
        await addExtension(c.get('deps'), actorOf(c), metaOf(c), { projectId: c.req.valid('param').id, ...c.req.valid('json') }),
      ),
      201,
    ),
);

capitalRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/projects/{id}/contributions',
    tags: ['Capital'],
    summary: 'Record a community contribution in kind (land m², working days) with its value',
    request: {
      params: IdParam,
      body: jsonBody(
        z.object({
          sourceCode: z.string(),
          date: IsoDate,
          quantity: z.number().int().positive(),
          valueVnd: Dong,
          note: z.string().max(1000).nullable().optional(),
        }),
      ),
    },
    responses: { 201: json(Contribution, 'Recorded'), ...errorResponses },
  }),
  async (c) =>
    c.json(
      contributionView(
        await addContribution(c.get('deps'), actorOf(c), metaOf(c), {
          projectId: c.req.valid('param').id,
          ...c.req.valid('json'),
        }),
      ),
      201,
    ),
);

capitalRoutes.openapi(
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
    return c.json({ items: await Promise.all(rows.map((p) => planDetail(db, p))) }, 200);
  },
);

const Lines = z.array(z.object({ sourceCode: z.string().min(1).max(30), amount: Dong })).max(20);

capitalRoutes.openapi(
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
          name: z.string().trim().min(3).max(300),
          lines: Lines,
        }),
      ),
    },
    responses: { 201: json(CapitalPlan, 'Created'), ...errorResponses },
  }),
  async (c) => {
    const row = await createPlan(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('json'));
    return c.json(await planDetail(c.get('deps').db, row), 201);
  },
);

capitalRoutes.openapi(
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
    return c.json(await planDetail(db, plan), 200);
  },
);

capitalRoutes.openapi(
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
    return c.json(await planDetail(c.get('deps').db, row), 200);
  },
);

capitalRoutes.openapi(
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
    return c.json(await planDetail(c.get('deps').db, row), 200);
  },
);

capitalRoutes.openapi(
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
          resolutionNo: z.string().trim().min(3).max(100),
          resolutionDate: IsoDate,
          body: z.string().trim().min(3).max(200),
        }),
      ),
    },
    responses: { 200: json(CapitalPlan), ...errorResponses, ...conflictResponse },
  }),
  async (c) => {
    const row = await approvePlan(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json(await planDetail(c.get('deps').db, row), 200);
  },
);

capitalRoutes.openapi(
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
    return c.json(await planDetail(c.get('deps').db, row), 201);
  },
);

capitalRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/disbursements',
    tags: ['Capital'],
    summary: 'Record one disbursement (Treasury payment)',
    request: { body: jsonBody(DisbursementBody) },
    responses: { 201: json(DisbursementEntry, 'Recorded'), ...errorResponses, ...conflictResponse },
  }),
  async (c) => c.json(disbursementView(await recordDisbursement(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('json'))), 201),
);

capitalRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/disbursements/{id}/reversals',
    tags: ['Capital'],
    summary: 'Take back (part of) a payment: a negative entry linked to it, never more than what is left of it',
    request: { params: IdParam, body: jsonBody(ReversalBody) },
    responses: { 201: json(DisbursementEntry, 'Recorded'), ...errorResponses, ...conflictResponse },
  }),
  async (c) =>
    c.json(
      disbursementView(
        await reverseDisbursement(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json')),
      ),
      201,
    ),
);

capitalRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/disbursements/import',
    tags: ['Capital'],
    summary: 'Import Treasury disbursement lines (CSV or XLSX; all or nothing; the same line twice adds nothing)',
    description:
      'Columns: ma_du_an, ngay, so_tien (đồng), nguon_von, nam_ke_hoach, loai (tạm ứng / thanh toán KLHT), so_chung_tu, ghi_chu.',
    request: { body: { required: true, content: { 'multipart/form-data': { schema: z.object({ file: z.any() }) } } } },
    responses: { 201: json(z.object({ added: z.number().int(), skipped: z.number().int() }), 'Imported'), ...errorResponses },
  }),
  async (c) => {
    const deps = c.get('deps');
    const actor = actorOf(c);
    requireAction(actor, 'capital.disburse');
    const bytes = await readUploadBytes(c, deps.config.maxUploadBytes);
    return c.json(await importDisbursements(deps, actor, metaOf(c), bytes, c.get('lang')), 201);
  },
);

capitalRoutes.openapi(
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

capitalRoutes.openapi(
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
    await write(
      { deps, actor, meta },
      {
        can: 'capital.manage',
        load: async () => value,
        units: () => unitId,
        apply: async (tx) => {
          await tx
            .insert(settings)
            .values({ key: 'capital.redflags', unitId, value, updatedAt: meta.now })
            .onConflictDoUpdate({ target: [settings.key, settings.unitId], set: { value, updatedAt: meta.now } });
          return {
            result: undefined,
            audit: {
              action: 'capital_settings.update',
              entityType: 'settings',
              entityId: 'capital.redflags',
              unitId,
              after: value,
            },
          };
        },
      },
    );
    return c.json(value, 200);
  },
);
