import { createRoute, z } from '@hono/zod-openapi';
import { ACTIVITY_KINDS, ACTIVITY_STATUSES, DOCUMENT_KINDS } from '../../../db/schema';
import { AppError } from '../../../lib/errors';
import {
  errorResponses,
  conflictResponse,
  fileResponse,
  createRouter,
  documented,
  EVIDENCE_TYPES,
  fileUpload,
  json,
  jsonBody,
  validationError,
} from '../../../lib/http';
import { actorOf, metaOf } from '../../../lib/request';
import { IsoDate } from '../../units/schemas';
import { activityDetail, addDocument, createActivity, documentFile, updateActivity } from '../records';
import { Activity, ActivityDetail, OversightDocument } from '../schemas';
import { activityView, documentView } from '../views';
import { tags, Id, Text, Opt, Version, id, stepsOf } from './common';
import { cleanString } from '../../../lib/text';

/** Supervision activities: planned, edited and moved through their lifecycle, with their documents. */
export const activityRoutes = createRouter();

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

activityRoutes.openapi(
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
  async (c) => {
    const row = await createActivity(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json(activityView(row, await stepsOf(c).activity(row)), 201);
  },
);

activityRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/activities/{id}',
    tags,
    summary: 'An activity with documents, snapshots and recommendations',
    request: { params: Id },
    responses: { 200: json(ActivityDetail), ...errorResponses },
  }),
  async (c) => c.json(await activityDetail(c.get('deps'), actorOf(c), c.req.valid('param').id, stepsOf(c)), 200),
);

activityRoutes.openapi(
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
  async (c) => {
    const row = await updateActivity(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json(activityView(row, await stepsOf(c).activity(row)), 200);
  },
);

documented(activityRoutes, {
  method: 'post',
  path: '/activities/{id}/documents',
  tags,
  summary: 'File a document of the activity (the same kind again is its next version)',
  request: {
    params: Id,
    body: fileUpload({
      kind: z.enum(DOCUMENT_KINDS),
      title: cleanString().max(300).optional(),
      number: cleanString().max(100).optional(),
    }),
  },
  responses: {
    201: json(OversightDocument, 'Filed'),
    ...errorResponses,
  },
});
activityRoutes.post('/activities/:id/documents', async (c) => {
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

documented(activityRoutes, {
  method: 'get',
  path: '/documents/{id}/file',
  tags,
  summary: 'The file of a document',
  request: { params: Id },
  responses: { ...fileResponse(EVIDENCE_TYPES, 'The file'), ...errorResponses },
});
activityRoutes.get('/documents/:id/file', async (c) => {
  const deps = c.get('deps');
  const f = await documentFile(deps, actorOf(c), id(c));
  c.header('content-type', f.mime);
  c.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`);
  return c.body(new Uint8Array(await deps.files.read(f.sha256)), 200);
});
