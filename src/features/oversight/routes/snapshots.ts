import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, createRouter, json, jsonBody } from '../../../lib/http';
import { actorOf, metaOf } from '../../../lib/request';
import { IsoDate } from '../../units/schemas';
import type { PackSnapshot } from '../pack';
import { Comparison, SnapshotView } from '../schemas';
import { compareActivities, freezeSnapshot, getSnapshot } from '../snapshots';
import { tags, Id, Month, DOCX, XLSX, binary } from './common';

/** Frozen figures for a briefing, the packs made from them, and promised-vs-delivered comparisons. */
export const snapshotRoutes = createRouter();

snapshotRoutes.openapi(
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

snapshotRoutes.openapi(
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
  docx: { type: DOCX, render: async (s: PackSnapshot, at: Date) => (await import('../pack')).packDocx(s, at) },
  xlsx: { type: XLSX, render: async (s: PackSnapshot, at: Date) => (await import('../pack')).packXlsx(s, at) },
  pdf: { type: 'application/pdf', render: async (s: PackSnapshot, at: Date) => (await import('../pack')).packPdf(s, at) },
} as const;

for (const format of ['docx', 'xlsx', 'pdf'] as const) {
  snapshotRoutes.openapi(
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

snapshotRoutes.openapi(
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

snapshotRoutes.openapi(
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
    const { followUpDocx } = await import('../follow-up');
    const bytes = await followUpDocx(cmp, deps.clock.now());
    c.header('content-type', DOCX);
    c.header('content-disposition', `attachment; filename="bao-cao-tai-giam-sat-${first}-${second}.docx"`);
    return c.body(new Uint8Array(bytes), 200);
  },
);
