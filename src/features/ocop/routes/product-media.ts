/**
 * A product's pictures and print-outs: photos (upload and file), the QR code of its public page and
 * the label sheet. Plain handlers, described in the API document.
 */
import { z } from '@hono/zod-openapi';
import { AppError } from '../../../lib/errors';
import { createRouter, documented, errorResponses, fileResponse, fileUpload, IMAGE_TYPES, json } from '../../../lib/http';
import { actorOf, metaOf } from '../../../lib/request';
import { productFor } from '../access';
import { addProductPhoto } from '../products';
import { labelSheet, productQr, publicProductUrl } from '../public';
import { productPhoto } from '../queries';
import { Id, tags } from './params';
import { cleanString } from '../../../lib/text';

export const productMediaRoutes = createRouter();

documented(productMediaRoutes, {
  method: 'post',
  path: '/products/{id}/photos',
  tags,
  summary: 'Add a photo of the product (an image)',
  request: { params: Id, body: fileUpload({ caption: cleanString().max(300).optional() }) },
  responses: { 201: json(z.object({ id: z.number().int() }), 'Added'), ...errorResponses },
});
productMediaRoutes.post('/products/:id/photos', async (c) => {
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

documented(productMediaRoutes, {
  method: 'get',
  path: '/photos/{id}',
  tags,
  summary: 'A photo of a product',
  request: { params: Id },
  responses: { ...fileResponse(IMAGE_TYPES, 'The image'), ...errorResponses },
});
productMediaRoutes.get('/photos/:id', async (c) => {
  const id = Number(c.req.param('id'));
  if (!Number.isInteger(id) || id <= 0) throw new AppError('NOT_FOUND');
  const deps = c.get('deps');
  const f = await productPhoto(deps, actorOf(c), id);
  c.header('content-type', f.mime);
  c.header('cache-control', 'private, max-age=3600');
  return c.body(new Uint8Array(await deps.files.read(f.sha256)), 200);
});

documented(productMediaRoutes, {
  method: 'get',
  path: '/products/{id}/qr/{format}',
  tags,
  summary: 'QR code of the product’s public page, for its label',
  request: { params: Id.extend({ format: z.enum(['png', 'svg']).openapi({ param: { name: 'format', in: 'path' } }) }) },
  responses: { ...fileResponse(['image/png', 'image/svg+xml'], 'The QR code'), ...errorResponses },
});
productMediaRoutes.get('/products/:id/qr/:format{png|svg}', async (c) => {
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

documented(productMediaRoutes, {
  method: 'get',
  path: '/labels',
  tags,
  summary: 'A printable sheet of product labels (QR and star), up to 60 products',
  request: {
    query: z.object({
      productIds: z.string().openapi({ description: 'product ids separated by commas' }),
      copies: z.coerce.number().int().min(1).max(30).optional(),
    }),
  },
  responses: { ...fileResponse(['text/html'], 'The label sheet'), ...errorResponses },
});
productMediaRoutes.get('/labels', async (c) => {
  const ids = (c.req.query('productIds') ?? '')
    .split(',')
    .map((s) => Number(s))
    .filter((n) => Number.isInteger(n) && n > 0);
  if (!ids.length || ids.length > 60) throw new AppError('VALIDATION_FAILED', { field: 'productIds', max: 60 });
  const copies = Math.min(30, Math.max(1, Number(c.req.query('copies') ?? 1) || 1));
  c.header('cache-control', 'no-store');
  return c.html(await labelSheet(c.get('deps'), actorOf(c), ids, copies));
});
