/**
 * Scoring sheets: the JSON Schema of the file format (mounted under /api/schemas), loading a sheet,
 * reading one, drafts made in the application (start, replace, publish) and the download.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { ocopSheets } from '../../../db/schema';
import { AppError } from '../../../lib/errors';
import { conflictResponse, createRouter, errorResponses, json, jsonBody } from '../../../lib/http';
import { actorOf, metaOf } from '../../../lib/request';
import { createSheetDraft, ocopSheetJsonSchema, publishSheet, updateSheetDraft } from '../sheet-drafts';
import { Sheet, SheetRef } from '../schemas';
import { importSheet } from '../sheets';
import { Id, tags } from './params';

export const sheetRoutes = createRouter();

/** Mounted under /api/schemas with the other public import / export formats. */
export const ocopSchemaRoutes = createRouter();

ocopSchemaRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/ocop-sheet.json',
    tags: ['OCOP'],
    summary: 'JSON Schema of an OCOP scoring-sheet document (import/export format)',
    responses: { 200: json(z.record(z.string(), z.unknown())) },
  }),
  (c) => c.json(ocopSheetJsonSchema() as Record<string, unknown>, 200),
);

sheetRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/sheets',
    tags,
    summary: 'Load a scoring sheet (JSON, validated; a new code or version, never an edit)',
    request: {
      body: jsonBody(
        z.record(z.string(), z.unknown()).openapi({ description: 'a scoring-sheet document: /api/schemas/ocop-sheet.json' }),
      ),
    },
    responses: { 201: json(SheetRef), ...errorResponses, ...conflictResponse },
  }),
  async (c) => {
    const row = await importSheet(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('json'));
    return c.json({ id: row.id, code: row.code, version: row.version }, 201);
  },
);

sheetRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/sheets/{id}',
    tags,
    summary: 'A scoring sheet with its criteria, options and star bands',
    request: { params: Id },
    responses: { 200: json(Sheet), ...errorResponses },
  }),
  async (c) => {
    actorOf(c);
    const { id } = c.req.valid('param');
    const [row] = await c.get('deps').db.select().from(ocopSheets).where(eq(ocopSheets.id, id));
    if (!row) throw new AppError('NOT_FOUND');
    return c.json(
      {
        id: row.id,
        code: row.code,
        version: row.version,
        setNo: row.setNo,
        regime: row.regime,
        document: row.document,
        verified: row.verified,
        status: row.status,
        rowVersion: row.rowVersion,
        createdAt: row.createdAt.toISOString(),
        publishedAt: row.publishedAt?.toISOString() ?? null,
      },
      200,
    );
  },
);

const SheetMeta = json(
  z.object({
    id: z.number().int(),
    code: z.string(),
    version: z.number().int(),
    setNo: z.number().int(),
    regime: z.string(),
    status: z.enum(['draft', 'published']),
    verified: z.boolean(),
    rowVersion: z.number().int(),
  }),
);

sheetRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/sheets/{id}/drafts',
    tags,
    summary: 'Start a draft sheet for a product set from this sheet as the template (next version of the set)',
    request: { params: Id, body: jsonBody(z.object({ setNo: z.number().int().min(1).max(26) })) },
    responses: { 201: SheetMeta, ...errorResponses, ...conflictResponse },
  }),
  async (c) =>
    c.json(await createSheetDraft(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json').setNo), 201),
);

sheetRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/sheets/{id}',
    tags,
    summary: 'Replace the document of a draft sheet (validated against /api/schemas/ocop-sheet.json)',
    request: { params: Id, body: jsonBody(z.object({ rowVersion: z.number().int().positive(), document: z.unknown() })) },
    responses: { 200: SheetMeta, ...errorResponses, ...conflictResponse },
  }),
  async (c) =>
    c.json(await updateSheetDraft(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
);

sheetRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/sheets/{id}/publish',
    tags,
    summary: 'Publish a draft sheet: frozen from now on, used by councils for its set',
    request: { params: Id, body: jsonBody(z.object({ rowVersion: z.number().int().positive() })) },
    responses: { 200: SheetMeta, ...errorResponses, ...conflictResponse },
  }),
  async (c) =>
    c.json(
      await publishSheet(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json').rowVersion),
      200,
    ),
);

sheetRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/sheets/{id}/export',
    tags,
    summary: 'Download the sheet document as JSON (the format of /api/schemas/ocop-sheet.json)',
    request: { params: Id },
    responses: { 200: json(z.unknown()), ...errorResponses },
  }),
  async (c) => {
    actorOf(c);
    const [row] = await c
      .get('deps')
      .db.select()
      .from(ocopSheets)
      .where(eq(ocopSheets.id, c.req.valid('param').id));
    if (!row) throw new AppError('NOT_FOUND');
    c.header('content-disposition', `attachment; filename="${row.code}-v${row.version}.json"`);
    return c.json(row.document as unknown, 200);
  },
);
