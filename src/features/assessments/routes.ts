import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '../../lib/errors';
import {
  conflictResponse,
  createRouter,
  documented,
  errorResponses,
  EVIDENCE_TYPES,
  fileResponse,
  json,
  jsonBody,
  validationError,
} from '../../lib/http';
import { actorOf, metaOf } from '../../lib/request';
import { authorize } from '../access/authorize';
import { IdParam } from '../units/schemas';
import { addEvidence, evidenceFile, removeEvidence } from './evidence';
import { exportTemplate, importTemplate } from './excel';
import { openAssessment } from './open-assessment';
import { assessmentDiff, assessmentView, unitAssessments } from './queries';
import { reopenAssessment } from './reopen-assessment';
import { reviewAssessment } from './review-assessment';
import { saveValues } from './save-values';
import {
  AssessmentDiff,
  AssessmentSummary,
  AssessmentView,
  OpenAssessmentBody,
  ReopenBody,
  ReviewBody,
  SaveValuesBody,
  VersionBody,
} from './schemas';
import { submitAssessment } from './submit-assessment';

export const assessmentRoutes = createRouter();
const Ok = z.object({ ok: z.literal(true), status: z.string(), version: z.number().int() });

assessmentRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['Assessments'],
    summary: "A unit's monthly count-and-check, newest first",
    request: { query: z.object({ unitId: z.coerce.number().int().positive() }) },
    responses: { 200: json(z.object({ items: z.array(AssessmentSummary) })), ...errorResponses },
  }),
  async (c) => {
    const { unitId } = c.req.valid('query');
    await authorize(c.get('deps').db, actorOf(c), 'assessment.read', unitId);
    return c.json({ items: await unitAssessments(c.get('deps').db, unitId) }, 200);
  },
);

assessmentRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/',
    tags: ['Assessments'],
    summary: 'Open a month for a unit (carries over last month’s values)',
    request: { body: jsonBody(OpenAssessmentBody) },
    responses: { 201: json(z.object({ id: z.number().int() }), 'Opened'), ...errorResponses, ...conflictResponse },
  }),
  async (c) => {
    const row = await openAssessment(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('json'));
    return c.json({ id: row.id }, 201);
  },
);

assessmentRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/{id}',
    tags: ['Assessments'],
    summary: 'The data-entry grid: indicators with thresholds, values, evidence, review state and results',
    request: { params: IdParam },
    responses: { 200: json(AssessmentView), ...errorResponses },
  }),
  async (c) => c.json(await assessmentView(c.get('deps'), actorOf(c), c.req.valid('param').id), 200),
);

assessmentRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/{id}/values',
    tags: ['Assessments'],
    summary: 'Save cells; each names the version it was read at (stale → 409, nothing written)',
    request: { params: IdParam, body: jsonBody(SaveValuesBody) },
    responses: {
      200: json(
        z.object({
          criteriaMet: z.number().int(),
          criteriaTotal: z.number().int(),
          indicatorsMet: z.number().int(),
          indicatorsTotal: z.number().int(),
          standardMet: z.boolean(),
        }),
      ),
      ...errorResponses,
      ...conflictResponse,
    },
  }),
  async (c) => {
    const e = await saveValues(
      c.get('deps'),
      actorOf(c),
      metaOf(c),
      c.req.valid('param').id,
      c.req.valid('json').changes,
      c.get('lang'),
    );
    const b = e.base;
    return c.json(
      {
        criteriaMet: b.criteriaMet,
        criteriaTotal: b.criteriaTotal,
        indicatorsMet: b.indicatorsMet,
        indicatorsTotal: b.indicatorsTotal,
        standardMet: b.standardMet,
      },
      200,
    );
  },
  // A refused value is named by its indicator's code (`changes.3.value.num` → 4.3), as the rules checked
  // after validation name it, so the officer sees which cell to correct.
  (result, c) => {
    if (result.success) return;
    // The validator hands its hook the input it refused as `data` (not in its declared type).
    const sent = result.target === 'json' ? (result as { data?: { changes?: unknown } }).data : undefined;
    const changes = sent?.changes;
    throw validationError(result.error, c.get('lang'), (path) => {
      const [first, n] = path;
      const code =
        first === 'changes' && typeof n === 'number' && Array.isArray(changes)
          ? (changes[n] as { code?: unknown } | undefined)?.code
          : undefined;
      return typeof code === 'string' && code ? code : path.map(String).join('.');
    });
  },
);

assessmentRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/{id}/submit',
    tags: ['Assessments'],
    summary: 'Submit the month to the coordination office',
    request: { params: IdParam, body: jsonBody(VersionBody) },
    responses: { 200: json(Ok), ...errorResponses, ...conflictResponse },
  }),
  async (c) => {
    const a = await submitAssessment(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json').version);
    return c.json({ ok: true as const, status: a.status, version: a.version }, 200);
  },
);

assessmentRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/{id}/review',
    tags: ['Assessments'],
    summary: 'Verify (locks the month) or return with comments, per indicator',
    request: { params: IdParam, body: jsonBody(ReviewBody) },
    responses: { 200: json(Ok), ...errorResponses, ...conflictResponse },
  }),
  async (c) => {
    const a = await reviewAssessment(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json({ ok: true as const, status: a.status, version: a.version }, 200);
  },
);

assessmentRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/{id}/reopen',
    tags: ['Assessments'],
    summary: 'Reopen a verified month for correction (office only, with a reason)',
    request: { params: IdParam, body: jsonBody(ReopenBody) },
    responses: { 200: json(Ok), ...errorResponses, ...conflictResponse },
  }),
  async (c) => {
    const a = await reopenAssessment(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json({ ok: true as const, status: a.status, version: a.version }, 200);
  },
);

assessmentRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/{id}/diff',
    tags: ['Assessments'],
    summary: 'What changed since the previous month, who changed it, evidence added',
    request: { params: IdParam },
    responses: {
      200: json(AssessmentDiff),
      ...errorResponses,
    },
  }),
  async (c) => c.json(await assessmentDiff(c.get('deps'), actorOf(c), c.req.valid('param').id), 200),
);

assessmentRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/{id}/evidence',
    tags: ['Assessments'],
    summary: 'Attach an evidence file to an indicator (multipart: file, indicatorCode)',
    request: {
      params: IdParam,
      body: {
        required: true,
        content: { 'multipart/form-data': { schema: z.object({ file: z.any(), indicatorCode: z.string() }) } },
      },
    },
    responses: {
      201: json(
        z.object({ id: z.number().int(), name: z.string(), mime: z.string(), size: z.number().int(), hasThumbnail: z.boolean() }),
        'Attached',
      ),
      ...errorResponses,
    },
  }),
  async (c) => {
    const form = await c.req.parseBody();
    const file = form.file;
    const code = form.indicatorCode;
    if (!file || typeof file === 'string' || typeof code !== 'string')
      throw new AppError('BAD_REQUEST', { fields: ['file', 'indicatorCode'] });
    const row = await addEvidence(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, {
      indicatorCode: code,
      fileName: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    return c.json({ id: row.id, name: row.originalName, mime: row.mime, size: row.size, hasThumbnail: row.hasThumbnail }, 201);
  },
);

assessmentRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/{id}/evidence/{evidenceId}',
    tags: ['Assessments'],
    summary: 'Withdraw an evidence file (kept in the trail)',
    request: { params: z.object({ id: z.coerce.number().int().positive(), evidenceId: z.coerce.number().int().positive() }) },
    responses: { 200: json(z.object({ ok: z.literal(true) })), ...errorResponses },
  }),
  async (c) => {
    const { id, evidenceId } = c.req.valid('param');
    await removeEvidence(c.get('deps'), actorOf(c), metaOf(c), id, evidenceId);
    return c.json({ ok: true as const }, 200);
  },
);

documented(assessmentRoutes, {
  method: 'get',
  path: '/evidence/{evidenceId}/{variant}',
  tags: ['Assessments'],
  summary: 'An evidence file, or the thumbnail of an image',
  request: {
    params: z.object({
      evidenceId: z.coerce
        .number()
        .int()
        .positive()
        .openapi({ param: { name: 'evidenceId', in: 'path' } }),
      variant: z.enum(['file', 'thumbnail']).openapi({ param: { name: 'variant', in: 'path' } }),
    }),
  },
  responses: { ...fileResponse(EVIDENCE_TYPES, 'The file, with the type read from its bytes'), ...errorResponses },
});

/** Evidence downloads: authorised per request, served with the sniffed type and as an attachment. */
assessmentRoutes.get('/evidence/:evidenceId/:variant{file|thumbnail}', async (c) => {
  const evidenceId = Number(c.req.param('evidenceId'));
  if (!Number.isInteger(evidenceId) || evidenceId <= 0) throw new AppError('NOT_FOUND');
  const deps = c.get('deps');
  const row = await evidenceFile(deps, actorOf(c), evidenceId);
  const thumb = c.req.param('variant') === 'thumbnail';
  if (thumb && !row.f.hasThumbnail) throw new AppError('NOT_FOUND');
  const bytes = thumb ? await deps.files.readThumbnail(row.f.sha256) : await deps.files.read(row.f.sha256);
  c.header('content-type', thumb ? 'image/jpeg' : row.f.mime);
  c.header(
    'content-disposition',
    `${thumb || row.f.mime.startsWith('image/') || row.f.mime === 'application/pdf' ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(row.e.originalName)}`,
  );
  c.header('cache-control', 'private, max-age=3600');
  return c.body(new Uint8Array(bytes));
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

assessmentRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/{id}/template.xlsx',
    tags: ['Assessments'],
    summary: 'The Excel entry template of this month (indicator rows, thresholds, drop-downs, current values)',
    request: { params: IdParam },
    responses: {
      200: { description: 'XLSX', content: { [XLSX]: { schema: z.string().openapi({ format: 'binary' }) } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    const buf = await exportTemplate(c.get('deps'), actorOf(c), c.req.valid('param').id);
    c.header('content-type', XLSX);
    c.header('content-disposition', `attachment; filename="kiem-dem-${c.req.valid('param').id}.xlsx"`);
    return c.body(new Uint8Array(buf), 200);
  },
);

assessmentRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/{id}/import',
    tags: ['Assessments'],
    summary: 'Import a filled template (multipart field "file"): all or nothing, errors per row in Vietnamese',
    request: {
      params: IdParam,
      body: { required: true, content: { 'multipart/form-data': { schema: z.object({ file: z.any() }) } } },
    },
    responses: { 200: json(z.object({ saved: z.number().int() })), ...errorResponses },
  }),
  async (c) => {
    const form = await c.req.parseBody();
    const file = form.file;
    if (!file || typeof file === 'string') throw new AppError('BAD_REQUEST', { field: 'file' });
    const deps = c.get('deps');
    if (file.size > deps.config.maxUploadBytes)
      throw new AppError('PAYLOAD_TOO_LARGE', undefined, { limit: `${Math.round(deps.config.maxUploadBytes / 1048576)} MB` });
    const result = await importTemplate(
      deps,
      actorOf(c),
      metaOf(c),
      c.req.valid('param').id,
      new Uint8Array(await file.arrayBuffer()),
      c.get('lang'),
    );
    return c.json(result, 200);
  },
);
