/**
 * A product's pictures and print-outs: photos (upload and file), the QR code of its public page and
 * the label sheet. Plain handlers, outside the API document.
 */
import { AppError } from '../../../lib/errors';
import { createRouter } from '../../../lib/http';
import { actorOf, metaOf } from '../../../lib/request';
import { productFor } from '../access';
import { addProductPhoto } from '../products';
import { labelSheet, productQr, publicProductUrl } from '../public';
import { productPhoto } from '../queries';

export const productMediaRoutes = createRouter();

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

productMediaRoutes.get('/photos/:id', async (c) => {
  const id = Number(c.req.param('id'));
  if (!Number.isInteger(id) || id <= 0) throw new AppError('NOT_FOUND');
  const deps = c.get('deps');
  const f = await productPhoto(deps, actorOf(c), id);
  c.header('content-type', f.mime);
  c.header('cache-control', 'private, max-age=3600');
  return c.body(new Uint8Array(await deps.files.read(f.sha256)), 200);
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
