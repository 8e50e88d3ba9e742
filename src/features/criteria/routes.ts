import { createRoute, z } from '@hono/zod-openapi';
import { and, eq, isNull, lte, or, gt, desc, inArray } from 'drizzle-orm';
import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { criteriaSets, unitClassifications, units, unitScope } from '../../db/schema';
import { criteriaSetJsonSchema } from '../../domain/criteria/schema';
import { AppError } from '../../lib/errors';
import { conflictResponse, createRouter, errorResponses, json, jsonBody } from '../../lib/http';
import { actorOf, metaOf } from '../../lib/request';
import { authorize, grantUnitsFor, idsInScope, requireAction } from '../access/authorize';
import { write } from '../access/write-path';
import { IdParam, IsoDate } from '../units/schemas';
import { createDraft, importCriteriaSet, publishSet, updateDraft } from './manage-sets';
import { getSetRow, setMeta, type CriteriaSetRow } from './queries';
import { cleanString } from '../../lib/text';

export const criteriaRoutes = createRouter();
export const schemaRoutes = createRouter();
export const classificationRoutes = createRouter();

const SetMeta = z
  .object({
    id: z.number().int(),
    code: z.string(),
    version: z.number().int(),
    status: z.enum(['draft', 'published', 'retired']),
    level: z.string(),
    phase: z.string(),
    name: z.string(),
    dimension: z.enum(['region7', 'group3']),
    effectiveFrom: z.string(),
    effectiveTo: z.string().nullable(),
    baseCode: z.string().nullable(),
    derivation: z.string().nullable(),
    ownerUnitId: z.number().int(),
    verified: z.boolean(),
    legalBasis: z.string(),
    criteriaCount: z.number().int(),
    indicatorCount: z.number().int(),
    unverifiedIndicators: z.number().int(),
    rowVersion: z.number().int(),
    publishedAt: z.string().nullable(),
  })
  .openapi('CriteriaSetMeta');
const SetWithDoc = SetMeta.extend({ document: z.unknown() }).openapi('CriteriaSet');

/**
 * National sets (owned by the country) are visible to all; a province's sets to the units within
 * it; and a published set to everyone it governs (a commune reads its province's set).
 */
async function visible(c: Context<AppEnv>, rows: CriteriaSetRow[]) {
  const db = c.get('deps').db;
  const actor = actorOf(c);
  requireAction(actor, 'criteria.read');
  const owners = [...new Set(rows.map((r) => r.ownerUnitId))];
  const countries = new Set(
    owners.length
      ? (await db.select({ id: units.id, type: units.type }).from(units)).filter((u) => u.type === 'country').map((u) => u.id)
      : [],
  );
  const grants = grantUnitsFor(actor, 'criteria.read');
  const inScope = await idsInScope(db, grants, owners);
  const above = new Set(
    grants.length
      ? (await db.select({ id: unitScope.ancestorId }).from(unitScope).where(inArray(unitScope.descendantId, grants))).map(
          (r) => r.id,
        )
      : [],
  );
  return rows.filter(
    (r) => countries.has(r.ownerUnitId) || inScope.has(r.ownerUnitId) || (r.status === 'published' && above.has(r.ownerUnitId)),
  );
}

async function visibleSet(c: Context<AppEnv>, id: number) {
  const row = await getSetRow(c.get('deps').db, id);
  if (!row || !(await visible(c, [row])).length) throw new AppError('NOT_FOUND');
  return row;
}

schemaRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/criteria-set.json',
    tags: ['Criteria'],
    summary: 'JSON Schema of a criteria-set document (import/export format)',
    responses: { 200: json(z.record(z.string(), z.unknown())) },
  }),
  (c) => c.json(criteriaSetJsonSchema() as Record<string, unknown>, 200),
);

criteriaRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['Criteria'],
    summary: 'Criteria sets (all versions)',
    responses: { 200: json(z.object({ items: z.array(SetMeta) })), ...errorResponses },
  }),
  async (c) => {
    const rows = await c.get('deps').db.select().from(criteriaSets).orderBy(criteriaSets.code, desc(criteriaSets.version));
    return c.json({ items: (await visible(c, rows)).map(setMeta) }, 200);
  },
);

criteriaRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/{id}',
    tags: ['Criteria'],
    summary: 'A criteria set with its document',
    request: { params: IdParam },
    responses: { 200: json(SetWithDoc), ...errorResponses },
  }),
  async (c) => {
    const row = await visibleSet(c, c.req.valid('param').id);
    return c.json({ ...setMeta(row), document: row.document }, 200);
  },
);

criteriaRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/{id}/export',
    tags: ['Criteria'],
    summary: 'Download the set document as JSON',
    request: { params: IdParam },
    responses: { 200: json(z.unknown()), ...errorResponses },
  }),
  async (c) => {
    const row = await visibleSet(c, c.req.valid('param').id);
    c.header('content-disposition', `attachment; filename="${row.code}-v${row.version}.json"`);
    return c.json(row.document as unknown, 200);
  },
);

criteriaRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/import',
    tags: ['Criteria'],
    summary: 'Import a set document as a draft (validated against /api/schemas/criteria-set.json)',
    request: { body: jsonBody(z.object({ ownerUnitId: z.number().int().positive(), document: z.unknown() })) },
    responses: { 201: json(SetMeta, 'Imported as draft'), ...errorResponses, ...conflictResponse },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const row = await importCriteriaSet(
      c.get('deps'),
      actorOf(c),
      metaOf(c),
      { ownerUnitId: body.ownerUnitId, document: body.document },
      c.get('lang'),
    );
    return c.json(setMeta(row), 201);
  },
);

criteriaRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/{id}/drafts',
    tags: ['Criteria'],
    summary: 'Start a new draft version from this set',
    request: { params: IdParam },
    responses: { 201: json(SetMeta, 'Draft created'), ...errorResponses },
  }),
  async (c) => c.json(setMeta(await createDraft(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id)), 201),
);

criteriaRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/{id}',
    tags: ['Criteria'],
    summary: 'Replace the document of a draft',
    request: { params: IdParam, body: jsonBody(z.object({ rowVersion: z.number().int().positive(), document: z.unknown() })) },
    responses: { 200: json(SetMeta), ...errorResponses, ...conflictResponse },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const row = await updateDraft(
      c.get('deps'),
      actorOf(c),
      metaOf(c),
      c.req.valid('param').id,
      { rowVersion: body.rowVersion, document: body.document },
      c.get('lang'),
    );
    return c.json(setMeta(row), 200);
  },
);

criteriaRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/{id}/publish',
    tags: ['Criteria'],
    summary: 'Publish (freeze) a draft; an overlay must not loosen its base',
    request: { params: IdParam, body: jsonBody(z.object({ rowVersion: z.number().int().positive() })) },
    responses: { 200: json(SetMeta), ...errorResponses, ...conflictResponse },
  }),
  async (c) =>
    c.json(
      setMeta(await publishSet(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json').rowVersion)),
      200,
    ),
);

const Classification = z
  .object({
    id: z.number().int(),
    unitId: z.number().int(),
    dimension: z.enum(['region7', 'group3']),
    value: z.string(),
    effectiveFrom: z.string(),
    effectiveTo: z.string().nullable(),
    legalBasis: z.string().nullable(),
    verified: z.boolean(),
    note: z.string().nullable(),
  })
  .openapi('UnitClassification');

classificationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['Criteria'],
    summary: "A unit's regions (2021–2025) and commune groups (2026–2030) over time",
    request: { query: z.object({ unitId: z.coerce.number().int().positive() }) },
    responses: { 200: json(z.object({ items: z.array(Classification) })), ...errorResponses },
  }),
  async (c) => {
    const { unitId } = c.req.valid('query');
    const db = c.get('deps').db;
    await authorize(db, actorOf(c), 'criteria.read', unitId);
    const items = await db
      .select()
      .from(unitClassifications)
      .where(eq(unitClassifications.unitId, unitId))
      .orderBy(unitClassifications.effectiveFrom);
    return c.json({ items }, 200);
  },
);

classificationRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/',
    tags: ['Criteria'],
    summary: 'Set the region or commune group of a unit from a date (ends the previous one)',
    request: {
      body: jsonBody(
        z.object({
          unitId: z.number().int().positive(),
          dimension: z.enum(['region7', 'group3']),
          value: z.string().min(1).max(20),
          effectiveFrom: IsoDate,
          legalBasis: cleanString().max(300).nullable().optional(),
          verified: z.boolean().default(false),
          note: cleanString().max(1000).nullable().optional(),
        }),
      ),
    },
    responses: { 201: json(Classification, 'Recorded'), ...errorResponses },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const deps = c.get('deps');
    const actor = actorOf(c);
    const meta = metaOf(c);
    const row = await write(
      { deps, actor, meta },
      {
        can: 'criteria.manage',
        load: async () => body,
        units: (b) => b.unitId,
        // One classification at a time per unit: the earlier one is ended by the later one.
        lock: async (tx, b) => {
          await tx.select({ id: units.id }).from(units).where(eq(units.id, b.unitId)).for('update');
          return b;
        },
        apply: async (tx, b) => {
          await tx
            .update(unitClassifications)
            .set({ effectiveTo: b.effectiveFrom })
            .where(
              and(
                eq(unitClassifications.unitId, b.unitId),
                eq(unitClassifications.dimension, b.dimension),
                lte(unitClassifications.effectiveFrom, b.effectiveFrom),
                or(isNull(unitClassifications.effectiveTo), gt(unitClassifications.effectiveTo, b.effectiveFrom)),
              ),
            );
          const [created] = await tx
            .insert(unitClassifications)
            .values({ ...b, legalBasis: b.legalBasis ?? null, note: b.note ?? null })
            .returning();
          return {
            result: created!,
            audit: {
              action: 'unit.classify',
              entityType: 'unit_classification',
              entityId: created!.id,
              unitId: b.unitId,
              after: created,
            },
          };
        },
      },
    );
    return c.json(row, 201);
  },
);
