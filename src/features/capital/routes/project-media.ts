/**
 * A project's pictures: progress photos of the works (upload, file, thumbnail) and the QR code of its
 * public page for the construction signboard. Plain handlers, described in the API document.
 */
import { z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { files, projectPhotos, projects } from '../../../db/schema';
import { AppError } from '../../../lib/errors';
import { createRouter, documented, errorResponses, fileResponse, fileUpload, IMAGE_TYPES, json } from '../../../lib/http';
import { actorOf, metaOf } from '../../../lib/request';
import { authorize } from '../../access/authorize';
import { IdParam } from '../../units/schemas';
import { projectQr } from '../detail';
import { addProjectPhoto } from '../projects';
import { cleanString } from '../../../lib/text';

export const projectMediaRoutes = createRouter();

documented(projectMediaRoutes, {
  method: 'post',
  path: '/projects/{id}/photos',
  tags: ['Capital'],
  summary: 'Add a progress photo of the works (an image)',
  request: { params: IdParam, body: fileUpload({ caption: cleanString().max(300).optional() }) },
  responses: { 201: json(z.object({ id: z.number().int() }), 'Added'), ...errorResponses },
});
projectMediaRoutes.post('/projects/:id/photos', async (c) => {
  const id = Number(c.req.param('id'));
  if (!Number.isInteger(id) || id <= 0) throw new AppError('NOT_FOUND');
  const deps = c.get('deps');
  const form = await c.req.parseBody();
  const file = form.file;
  if (!file || typeof file === 'string') throw new AppError('BAD_REQUEST', { field: 'file' });
  const caption = typeof form.caption === 'string' ? form.caption.slice(0, 300) : null;
  const row = await addProjectPhoto(deps, actorOf(c), metaOf(c), id, {
    name: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
    caption,
  });
  return c.json({ id: row.id }, 201);
});

documented(projectMediaRoutes, {
  method: 'get',
  path: '/photos/{photoId}/{variant}',
  tags: ['Capital'],
  summary: 'A progress photo, or its thumbnail',
  request: {
    params: z.object({
      photoId: z.coerce
        .number()
        .int()
        .positive()
        .openapi({ param: { name: 'photoId', in: 'path' } }),
      variant: z.enum(['file', 'thumbnail']).openapi({ param: { name: 'variant', in: 'path' } }),
    }),
  },
  responses: { ...fileResponse(IMAGE_TYPES, 'The image'), ...errorResponses },
});
projectMediaRoutes.get('/photos/:photoId/:variant{file|thumbnail}', async (c) => {
  const photoId = Number(c.req.param('photoId'));
  if (!Number.isInteger(photoId) || photoId <= 0) throw new AppError('NOT_FOUND');
  const deps = c.get('deps');
  const [row] = await deps.db
    .select({ ph: projectPhotos, f: files, unitId: projects.unitId })
    .from(projectPhotos)
    .innerJoin(files, eq(files.id, projectPhotos.fileId))
    .innerJoin(projects, eq(projects.id, projectPhotos.projectId))
    .where(eq(projectPhotos.id, photoId));
  if (!row) throw new AppError('NOT_FOUND');
  await authorize(deps.db, actorOf(c), 'capital.read', row.unitId);
  const thumb = c.req.param('variant') === 'thumbnail' && row.f.hasThumbnail;
  c.header('content-type', thumb ? 'image/jpeg' : row.f.mime);
  c.header('cache-control', 'private, max-age=3600');
  return c.body(new Uint8Array(thumb ? await deps.files.readThumbnail(row.f.sha256) : await deps.files.read(row.f.sha256)), 200);
});

documented(projectMediaRoutes, {
  method: 'get',
  path: '/projects/{id}/qr/{format}',
  tags: ['Capital'],
  summary: 'QR code of the project’s public page, for the construction signboard',
  request: {
    params: IdParam.extend({ format: z.enum(['png', 'svg']).openapi({ param: { name: 'format', in: 'path' } }) }),
  },
  responses: { ...fileResponse(['image/png', 'image/svg+xml'], 'The QR code'), ...errorResponses },
});
projectMediaRoutes.get('/projects/:id/qr/:format{png|svg}', async (c) => {
  const id = Number(c.req.param('id'));
  if (!Number.isInteger(id) || id <= 0) throw new AppError('NOT_FOUND');
  const qr = await projectQr(c.get('deps'), actorOf(c), id, c.req.param('format') as 'png' | 'svg');
  c.header('content-type', qr.type);
  c.header('x-qr-target', qr.url);
  return c.body(typeof qr.body === 'string' ? qr.body : new Uint8Array(qr.body), 200);
});
