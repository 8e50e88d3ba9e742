import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '../../lib/errors';
import { conflictResponse, createRouter, errorResponses, json, jsonBody } from '../../lib/http';
import { actorOf, metaOf } from '../../lib/request';
import { todayVn } from '../../shared/vi';
import { authorize, requireAction } from '../access/authorize';
import { createUnit } from './create-unit';
import { importUnitsCsv } from './import-units-csv';
import { getUnitRow, listUnits, predecessorIds, successorIdsAsOf, unitDetail, unitView } from './queries';
import { recordSuccession } from './record-succession';
import {
  CreateUnitBody,
  IdParam,
  ImportResult,
  IsoDate,
  RecordSuccessionBody,
  UnitDetail,
  UnitListQuery,
  UnitSchema,
  UpdateUnitBody,
} from './schemas';
import { updateUnit } from './update-unit';
import { readUploadBytes } from '../files/read-upload';

export const unitRoutes = createRouter();

unitRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['Units'],
    summary: 'Units in my scope (optionally active on a date, searched without accents)',
    request: { query: UnitListQuery },
    responses: { 200: json(z.object({ items: z.array(UnitSchema) })), ...errorResponses },
  }),
  async (c) => {
    const actor = actorOf(c);
    const q = c.req.valid('query');
    return c.json({ items: await listUnits(c.get('deps').db, actor, q) }, 200);
  },
);

unitRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/{id}',
    tags: ['Units'],
    summary: 'A unit with its parents over time, children, succession events, predecessors and successors',
    request: { params: IdParam, query: z.object({ asOf: IsoDate.optional() }) },
    responses: { 200: json(UnitDetail), ...errorResponses },
  }),
  async (c) => {
    const actor = actorOf(c);
    const { id } = c.req.valid('param');
    const db = c.get('deps').db;
    await authorize(db, actor, 'unit.read', id);
    const unit = await getUnitRow(db, id);
    if (!unit) throw new AppError('NOT_FOUND');
    const asOf = c.req.valid('query').asOf ?? todayVn(c.get('deps').clock.now());
    return c.json(await unitDetail(db, actor, unit, asOf), 200);
  },
);

unitRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/{id}/predecessors',
    tags: ['Units'],
    summary: 'Every unit this one was formed from, transitively',
    request: { params: IdParam },
    responses: { 200: json(z.object({ ids: z.array(z.number().int()) })), ...errorResponses },
  }),
  async (c) => {
    const actor = actorOf(c);
    const { id } = c.req.valid('param');
    const db = c.get('deps').db;
    await authorize(db, actor, 'unit.read', id);
    return c.json({ ids: await predecessorIds(db, id) }, 200);
  },
);

unitRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/{id}/successors',
    tags: ['Units'],
    summary: 'The unit(s) that carry this one on, as of a date',
    request: { params: IdParam, query: z.object({ asOf: IsoDate.optional() }) },
    responses: { 200: json(z.object({ ids: z.array(z.number().int()) })), ...errorResponses },
  }),
  async (c) => {
    const actor = actorOf(c);
    const { id } = c.req.valid('param');
    const db = c.get('deps').db;
    await authorize(db, actor, 'unit.read', id);
    const asOf = c.req.valid('query').asOf ?? todayVn(c.get('deps').clock.now());
    return c.json({ ids: await successorIdsAsOf(db, id, asOf) }, 200);
  },
);

unitRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/',
    tags: ['Units'],
    summary: 'Create a unit under a parent',
    request: { body: jsonBody(CreateUnitBody) },
    responses: { 201: json(UnitSchema, 'Created'), ...errorResponses, ...conflictResponse },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const row = await createUnit(c.get('deps'), actorOf(c), metaOf(c), body);
    return c.json(unitView(row, body.parentId), 201);
  },
);

unitRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/{id}',
    tags: ['Units'],
    summary: 'Correct a unit record (optimistic concurrency: send the version you read)',
    request: { params: IdParam, body: jsonBody(UpdateUnitBody) },
    responses: { 200: json(UnitSchema), ...errorResponses, ...conflictResponse },
  }),
  async (c) => {
    const row = await updateUnit(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json(unitView(row), 200);
  },
);

unitRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/successions',
    tags: ['Units'],
    summary: 'Record a merge, split, rename, reclassification, new parent or dissolution',
    request: { body: jsonBody(RecordSuccessionBody) },
    responses: {
      201: json(z.object({ eventId: z.number().int(), newUnitIds: z.array(z.number().int()) }), 'Recorded'),
      ...errorResponses,
    },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const result = await recordSuccession(c.get('deps'), actorOf(c), metaOf(c), {
      ...body,
      command: body.command,
    });
    return c.json(result, 201);
  },
);

unitRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/import',
    tags: ['Units'],
    summary: 'Import units from CSV (all or nothing, errors per row)',
    description:
      'Columns: ma, ten, loai, ma_cap_tren, hieu_luc_tu (dd/mm/yyyy), da_xac_minh (optional), ghi_chu (optional). ' +
      'Send the file as text/csv or as multipart field "file".',
    request: { body: { required: true, content: { 'text/csv': { schema: z.string() } } } },
    responses: { 201: json(ImportResult, 'Imported'), ...errorResponses },
  }),
  async (c) => {
    const deps = c.get('deps');
    const actor = actorOf(c);
    requireAction(actor, 'unit.manage');
    const text = decodeText(await readUploadBytes(c, deps.config.maxUploadBytes));
    const result = await importUnitsCsv(deps, actor, metaOf(c), text, c.get('lang'));
    return c.json(result, 201);
  },
);

function decodeText(buf: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { expected: 'UTF-8 CSV' });
  }
}
