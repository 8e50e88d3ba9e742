import { createRoute, z } from '@hono/zod-openapi';
import { asc, eq } from 'drizzle-orm';
import { ocopSheets } from '../../db/schema';
import { DOCUMENTS, STEP_OF, TRANSITIONS } from '../../domain/ocop/cycle';
import { AppError } from '../../lib/errors';
import { conflictResponse, createRouter, errorResponses, json, jsonBody } from '../../lib/http';
import { actorOf, metaOf } from '../../lib/request';
import { todayVn } from '../../shared/vi';
import { IsoDate } from '../units/schemas';
import { productFor } from './access';
import { labelSheet, productQr, publicProductUrl } from './public';
import { createSheetDraft, ocopSheetJsonSchema, publishSheet, updateSheetDraft } from './sheet-drafts';
import {
  listProducers,
  listProducts,
  ocopDashboard,
  pipeline,
  producerDetail,
  productDetail,
  productPhoto,
  setTarget,
} from './queries';
import { addProductPhoto, createProducer, createProduct, transitionProduct, updateProducer, updateProduct } from './products';
import {
  addRoundProducts,
  closeRound,
  createRound,
  decideProduct,
  issueCertificate,
  listRounds,
  roundDetail,
  submitScore,
} from './rounds';
import {
  Catalogue,
  Certificate,
  Dashboard,
  Decision,
  Pipeline,
  Producer,
  ProducerDetail,
  ProducerListItem,
  Product,
  ProductDetail,
  ProductListItem,
  ProductWithWarnings,
  Round,
  RoundDetail,
  RoundListItem,
  RoundProductState,
  ScoreResult,
  Sheet,
  SheetRef,
  STAGES,
  Target,
} from './schemas';
import { certificateView, producerView, productView, roundProductView, roundView } from './views';
import { importSheet, PRODUCT_GROUPS, PRODUCT_SETS, regimeOn, SHEET_PUBLISHERS, sheetWarnings } from './sheets';

export const ocopRoutes = createRouter();
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
const Id = z.object({ id: z.coerce.number().int().positive() });
const RoundProduct = z.object({ id: z.coerce.number().int().positive(), productId: z.coerce.number().int().positive() });
const Year = z.coerce.number().int().min(2000).max(2100);
const Text = (max: number) => z.string().trim().min(1).max(max);
const Opt = (max: number) => z.string().trim().max(max).nullable().optional();
const tags = ['OCOP'];
const items = <T extends z.ZodType>(item: T) => json(z.object({ items: z.array(item) }));

const ProducerFields = {
  name: Text(300),
  kind: z.enum(['enterprise', 'cooperative', 'coop_group', 'household']),
  registrationNo: Opt(50),
  taxCode: z
    .string()
    .regex(/^\d{10}(-\d{3})?$/, 'mã số thuế 10 chữ số (hoặc 10-3)')
    .nullable()
    .optional(),
  registeredOn: IsoDate.nullable().optional(),
  address: Opt(500),
  contactName: Opt(200),
  phone: z
    .string()
    .regex(/^[0-9 +().-]{6,20}$/)
    .nullable()
    .optional(),
  email: z.email().max(200).nullable().optional(),
  womenLed: z.boolean().optional(),
  ethnicMinorityLed: z.boolean().optional(),
};
const StandardSchema = z.object({
  kind: Text(100),
  number: Opt(100).transform((v) => v ?? null),
  issuedBy: Opt(200).transform((v) => v ?? null),
  expiresOn: IsoDate.nullable()
    .optional()
    .transform((v) => v ?? null),
});
const ProductFields = {
  name: Text(300),
  setNo: z.number().int().min(1).max(26),
  cycleYear: z.number().int().min(2018).max(2100),
  description: Opt(4000),
  brandTags: z.array(Text(100)).max(20).optional(),
  standards: z.array(StandardSchema).max(20).optional(),
};

ocopRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/catalogue',
    tags,
    summary: 'Product groups and sets, cycle steps and transitions, documents',
    responses: { 200: json(Catalogue), ...errorResponses },
  }),
  async (c) => {
    actorOf(c);
    const sheets = await c
      .get('deps')
      .db.select({
        id: ocopSheets.id,
        code: ocopSheets.code,
        version: ocopSheets.version,
        setNo: ocopSheets.setNo,
        regime: ocopSheets.regime,
        verified: ocopSheets.verified,
        status: ocopSheets.status,
      })
      .from(ocopSheets)
      .orderBy(asc(ocopSheets.setNo), asc(ocopSheets.version));
    return c.json(
      {
        groups: PRODUCT_GROUPS,
        sets: PRODUCT_SETS,
        stages: STAGES.map((s) => ({ stage: s, step: STEP_OF[s] })),
        transitions: TRANSITIONS,
        documents: DOCUMENTS,
        sheets,
        /** Sets with a sheet under the rules in force today; the others warn on registration. */
        setsWithSheet: [
          ...new Set(
            sheets.filter((x) => x.status === 'published' && x.regime === regimeOn(todayVn(metaOf(c).now))).map((x) => x.setNo),
          ),
        ],
        sheetPublishers: SHEET_PUBLISHERS,
      },
      200,
    );
  },
);

ocopRoutes.openapi(
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

ocopRoutes.openapi(
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

ocopRoutes.openapi(
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

ocopRoutes.openapi(
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

ocopRoutes.openapi(
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

ocopRoutes.openapi(
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

ocopRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/producers',
    tags,
    summary: 'Producers (chủ thể) the caller may see',
    request: { query: z.object({ unitId: z.coerce.number().int().positive().optional(), q: z.string().max(100).optional() }) },
    responses: { 200: items(ProducerListItem), ...errorResponses },
  }),
  async (c) => c.json({ items: await listProducers(c.get('deps'), actorOf(c), c.req.valid('query')) }, 200),
);

ocopRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/producers',
    tags,
    summary: 'Register a producer (a producer account registers its own subject once)',
    request: { body: jsonBody(z.object({ unitId: z.number().int().positive(), ...ProducerFields })) },
    responses: { 201: json(Producer), ...errorResponses, ...conflictResponse },
  }),
  async (c) => c.json(producerView(await createProducer(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('json'))), 201),
);

ocopRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/producers/{id}',
    tags,
    summary: 'A producer and its products',
    request: { params: Id },
    responses: { 200: json(ProducerDetail), ...errorResponses },
  }),
  async (c) => c.json(await producerDetail(c.get('deps'), actorOf(c), c.req.valid('param').id), 200),
);

ocopRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/producers/{id}',
    tags,
    summary: 'Edit a producer (with the version it was read at)',
    request: {
      params: Id,
      body: jsonBody(
        z
          .object({ ...ProducerFields, version: z.number().int().positive() })
          .partial()
          .required({ version: true }),
      ),
    },
    responses: { 200: json(Producer), ...errorResponses, ...conflictResponse },
  }),
  async (c) =>
    c.json(
      producerView(await updateProducer(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json'))),
      200,
    ),
);

ocopRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/products',
    tags,
    summary: 'Products the caller may see, with the star valid today',
    request: {
      query: z.object({
        unitId: z.coerce.number().int().positive().optional(),
        year: Year.optional(),
        stage: z.enum(STAGES).optional(),
        q: z.string().max(100).optional(),
        producerId: z.coerce.number().int().positive().optional(),
      }),
    },
    responses: { 200: items(ProductListItem), ...errorResponses },
  }),
  async (c) => c.json({ items: await listProducts(c.get('deps'), actorOf(c), c.req.valid('query')) }, 200),
);

ocopRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/products',
    tags,
    summary: 'Register a product (starts at step 1, awareness)',
    request: { body: jsonBody(z.object({ producerId: z.number().int().positive(), ...ProductFields })) },
    responses: { 201: json(ProductWithWarnings), ...errorResponses },
  }),
  async (c) => {
    const row = await createProduct(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('json'));
    return c.json(
      { ...productView(row), warnings: await sheetWarnings(c.get('deps').db, row.setNo, metaOf(c).now, c.get('lang')) },
      201,
    );
  },
);

ocopRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/products/{id}',
    tags,
    summary: 'Product page: details, cycle history, certificates, results, next possible steps',
    request: { params: Id },
    responses: { 200: json(ProductDetail), ...errorResponses },
  }),
  async (c) => {
    const d = await productDetail(c.get('deps'), actorOf(c), c.req.valid('param').id);
    return c.json({ ...d, warnings: await sheetWarnings(c.get('deps').db, d.product.setNo, metaOf(c).now, c.get('lang')) }, 200);
  },
);

ocopRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/products/{id}',
    tags,
    summary: 'Edit a product; publishing on the public catalogue is for the office',
    request: {
      params: Id,
      body: jsonBody(
        z
          .object({ ...ProductFields, published: z.boolean(), version: z.number().int().positive() })
          .partial()
          .required({ version: true }),
      ),
    },
    responses: { 200: json(ProductWithWarnings), ...errorResponses, ...conflictResponse },
  }),
  async (c) => {
    const row = await updateProduct(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json(
      { ...productView(row), warnings: await sheetWarnings(c.get('deps').db, row.setNo, metaOf(c).now, c.get('lang')) },
      200,
    );
  },
);

ocopRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/products/{id}/transitions',
    tags,
    summary: 'Move a product through the cycle (who may, which documents, a note when returning)',
    request: {
      params: Id,
      body: jsonBody(
        z.object({
          action: z.string().min(1).max(40),
          documents: z.array(z.string().max(40)).max(20).default([]),
          note: Opt(2000),
          version: z.number().int().positive(),
        }),
      ),
    },
    responses: { 200: json(Product), ...errorResponses, ...conflictResponse },
  }),
  async (c) =>
    c.json(
      productView(await transitionProduct(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json'))),
      200,
    ),
);

ocopRoutes.post('/products/:id/photos', async (c) => {
  const id = Number(c.req.param('id'));
  if (!Number.isInteger(id) || id <= 0) throw new AppError('NOT_FOUND');
  const form = await c.req.parseBody();
  const file = form.file;
  if (!file || typeof file === 'string') throw new AppError('BAD_REQUEST', { field: 'file' });
  const caption = typeof form.caption === 'string' ? form.caption.slice(0, 300) : null;
  const row = await addProductPhoto(c.get('deps'), actorOf(c), metaOf(c), id, {
    name: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
    caption,
  });
  return c.json({ id: row.id }, 201);
});

ocopRoutes.get('/photos/:id', async (c) => {
  const id = Number(c.req.param('id'));
  if (!Number.isInteger(id) || id <= 0) throw new AppError('NOT_FOUND');
  const deps = c.get('deps');
  const f = await productPhoto(deps, actorOf(c), id);
  c.header('content-type', f.mime);
  c.header('cache-control', 'private, max-age=3600');
  return c.body(new Uint8Array(await deps.files.read(f.sha256)), 200);
});

ocopRoutes.get('/products/:id/qr/:format{png|svg}', async (c) => {
  const id = Number(c.req.param('id'));
  if (!Number.isInteger(id) || id <= 0) throw new AppError('NOT_FOUND');
  const deps = c.get('deps');
  const { product } = await productFor(deps.db, actorOf(c), id);
  const url = publicProductUrl(deps, product.code);
  const qr = await productQr(url, c.req.param('format') as 'png' | 'svg');
  c.header('content-type', qr.type);
  c.header('x-qr-target', url);
  return c.body(typeof qr.body === 'string' ? qr.body : new Uint8Array(qr.body), 200);
});

ocopRoutes.get('/labels', async (c) => {
  const ids = (c.req.query('productIds') ?? '')
    .split(',')
    .map((s) => Number(s))
    .filter((n) => Number.isInteger(n) && n > 0);
  if (!ids.length || ids.length > 60) throw new AppError('VALIDATION_FAILED', { field: 'productIds', max: 60 });
  const copies = Math.min(30, Math.max(1, Number(c.req.query('copies') ?? 1) || 1));
  c.header('cache-control', 'no-store');
  return c.html(await labelSheet(c.get('deps'), actorOf(c), ids, copies));
});

ocopRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/pipeline',
    tags,
    summary: 'Pipeline board: products of a unit and year by cycle step',
    request: { query: z.object({ unitId: z.coerce.number().int().positive(), year: Year }) },
    responses: { 200: json(Pipeline), ...errorResponses },
  }),
  async (c) => {
    const { unitId, year } = c.req.valid('query');
    return c.json(await pipeline(c.get('deps'), actorOf(c), unitId, year), 200);
  },
);

ocopRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/dashboard',
    tags,
    summary: 'Targets vs actual, counts by star / group / unit / year, expiring and expired certificates',
    request: { query: z.object({ unitId: z.coerce.number().int().positive(), year: Year }) },
    responses: { 200: json(Dashboard), ...errorResponses },
  }),
  async (c) => {
    const { unitId, year } = c.req.valid('query');
    return c.json(await ocopDashboard(c.get('deps'), actorOf(c), unitId, year), 200);
  },
);

ocopRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/targets',
    tags,
    summary: 'Yearly OCOP targets of a unit',
    request: {
      body: jsonBody(
        z.object({
          unitId: z.number().int().positive(),
          year: z.number().int().min(2018).max(2100),
          newProducts: z.number().int().min(0).max(10_000),
          newRated34: z.number().int().min(0).max(10_000),
          newOrganisations: z.number().int().min(0).max(10_000),
          legalBasis: Opt(300),
        }),
      ),
    },
    responses: { 200: json(Target), ...errorResponses },
  }),
  async (c) => c.json(await setTarget(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('json')), 200),
);

ocopRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/rounds',
    tags,
    summary: 'Evaluation rounds the caller may see (as reader or council member)',
    request: { query: z.object({ unitId: z.coerce.number().int().positive().optional() }) },
    responses: { 200: items(RoundListItem), ...errorResponses },
  }),
  async (c) => c.json({ items: await listRounds(c.get('deps'), actorOf(c), c.req.valid('query').unitId ?? null) }, 200),
);

ocopRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/rounds',
    tags,
    summary: 'Set up an evaluation council (one chair, members, quorum, spread limit)',
    request: {
      body: jsonBody(
        z.object({
          unitId: z.number().int().positive(),
          level: z.enum(['district', 'province', 'central']),
          name: Text(300),
          year: z.number().int().min(2018).max(2100),
          quorum: z.number().int().min(1).max(50),
          spreadLimit: z.number().int().min(1).max(100).optional(),
          members: z
            .array(z.object({ userId: z.number().int().positive(), role: z.enum(['chair', 'member']) }))
            .min(1)
            .max(50),
        }),
      ),
    },
    responses: { 201: json(Round), ...errorResponses },
  }),
  async (c) => c.json(roundView(await createRound(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('json'))), 201),
);

ocopRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/rounds/{id}',
    tags,
    summary: 'A round: members, products, sheets, progress',
    request: { params: Id },
    responses: { 200: json(RoundDetail), ...errorResponses },
  }),
  async (c) => c.json(await roundDetail(c.get('deps'), actorOf(c), c.req.valid('param').id), 200),
);

ocopRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/rounds/{id}/products',
    tags,
    summary: 'Put products submitted for evaluation before the council',
    request: { params: Id, body: jsonBody(z.object({ productIds: z.array(z.number().int().positive()).min(1).max(200) })) },
    responses: { 200: items(RoundProductState), ...errorResponses },
  }),
  async (c) =>
    c.json(
      {
        items: (
          await addRoundProducts(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json').productIds)
        ).map(roundProductView),
      },
      200,
    ),
);

ocopRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/rounds/{id}/products/{productId}/my-score',
    tags,
    summary: "A council member's sheet: criterion code → chosen option index",
    request: {
      params: RoundProduct,
      body: jsonBody(z.object({ answers: z.record(z.string().max(12), z.number().int().min(0).max(20)) })),
    },
    responses: { 200: json(ScoreResult), ...errorResponses },
  }),
  async (c) => {
    const { id, productId } = c.req.valid('param');
    return c.json(await submitScore(c.get('deps'), actorOf(c), metaOf(c), id, productId, c.req.valid('json').answers), 200);
  },
);

ocopRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/rounds/{id}/products/{productId}/decide',
    tags,
    summary: 'Close the scoring of a product (chair or office): rescore when spread too wide, else mean, star, outcome',
    request: { params: RoundProduct },
    responses: { 200: json(Decision), ...errorResponses },
  }),
  async (c) => {
    const { id, productId } = c.req.valid('param');
    return c.json(await decideProduct(c.get('deps'), actorOf(c), metaOf(c), id, productId), 200);
  },
);

ocopRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/rounds/{id}/products/{productId}/certificate',
    tags,
    summary: 'Record the recognition decision and certificate (valid 36 months)',
    request: {
      params: RoundProduct,
      body: jsonBody(z.object({ number: Text(60), decisionNo: Text(120), decisionDate: IsoDate, issuedBy: Text(200) })),
    },
    responses: { 201: json(Certificate), ...errorResponses, ...conflictResponse },
  }),
  async (c) => {
    const { id, productId } = c.req.valid('param');
    return c.json(
      certificateView(await issueCertificate(c.get('deps'), actorOf(c), metaOf(c), id, productId, c.req.valid('json'))),
      201,
    );
  },
);

ocopRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/rounds/{id}/close',
    tags,
    summary: 'Close a round once every product is decided',
    request: { params: Id },
    responses: { 200: json(z.object({ ok: z.boolean() })), ...errorResponses },
  }),
  async (c) => c.json(await closeRound(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id), 200),
);
