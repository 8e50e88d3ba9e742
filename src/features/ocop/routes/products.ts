/** Products: the list with today's star, registration, the product page, edits and steps through the cycle. */
import { createRoute, z } from '@hono/zod-openapi';
import { conflictResponse, createRouter, errorResponses, json, jsonBody } from '../../../lib/http';
import { actorOf, metaOf } from '../../../lib/request';
import { IsoDate } from '../../units/schemas';
import { createProduct, transitionProduct, updateProduct } from '../products';
import { listProducts, productDetail } from '../queries';
import { Product, ProductDetail, ProductListItem, ProductWithWarnings, STAGES } from '../schemas';
import { sheetWarnings } from '../sheets';
import { productView } from '../views';
import { Id, items, Opt, tags, Text, Year } from './params';

export const productRoutes = createRouter();

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

productRoutes.openapi(
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

productRoutes.openapi(
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

productRoutes.openapi(
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

productRoutes.openapi(
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

productRoutes.openapi(
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
