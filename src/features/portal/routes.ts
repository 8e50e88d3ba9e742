import { createRoute, z } from '@hono/zod-openapi';
import { conflictResponse, createRouter, errorResponses, json, jsonBody } from '../../lib/http';
import { actorOf, metaOf } from '../../lib/request';
import { moderateFeedback, moderationQueue } from './feedback';
import { Feedback, FeedbackListItem, feedbackView, Publication, PublicationListItem, publicationView } from './schemas';
import { listPublications, publishPeriod, publishProject, unpublish } from './publish';
import { cleanString } from '../../lib/text';

export const portalApiRoutes = createRouter();
const tags = ['Public portal'];
const Id = z.object({ id: z.coerce.number().int().positive() });
const items = <T extends z.ZodType>(item: T) => json(z.object({ items: z.array(item) }));

portalApiRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/publications',
    tags,
    summary: 'What is published, within the actor’s units',
    responses: { 200: items(PublicationListItem), ...errorResponses },
  }),
  async (c) => c.json({ items: await listPublications(c.get('deps'), actorOf(c)) }, 200),
);

portalApiRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/publications',
    tags,
    summary: 'Publish a unit’s verified figures up to a month, or a capital project',
    request: {
      body: jsonBody(
        z.discriminatedUnion('kind', [
          z.object({
            kind: z.literal('period'),
            unitId: z.number().int().positive(),
            month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'yyyy-mm'),
          }),
          z.object({ kind: z.literal('project'), projectId: z.number().int().positive() }),
        ]),
      ),
    },
    responses: { 201: json(Publication), ...errorResponses, ...conflictResponse },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const deps = c.get('deps');
    const row =
      body.kind === 'period'
        ? await publishPeriod(deps, actorOf(c), metaOf(c), body)
        : await publishProject(deps, actorOf(c), metaOf(c), body.projectId);
    return c.json(publicationView(row), 201);
  },
);

portalApiRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/publications/{id}',
    tags,
    summary: 'Unpublish: the item leaves every public page and download at once',
    request: { params: Id },
    responses: { 200: json(z.object({ id: z.number().int() })), ...errorResponses },
  }),
  async (c) => c.json(await unpublish(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id), 200),
);

portalApiRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/feedback',
    tags,
    summary: 'Citizens’ feedback for moderation (pending first)',
    request: { query: z.object({ status: z.enum(['pending', 'published', 'rejected']).optional() }) },
    responses: { 200: items(FeedbackListItem), ...errorResponses },
  }),
  async (c) => c.json({ items: await moderationQueue(c.get('deps'), actorOf(c), c.req.valid('query').status) }, 200),
);

portalApiRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/feedback/{id}/moderate',
    tags,
    summary: 'Publish with a public answer or reject; optionally record it as a voters’ petition',
    request: {
      params: Id,
      body: jsonBody(
        z.object({
          decision: z.enum(['publish', 'reject']),
          answer: cleanString().max(4000).nullable().optional(),
          toPetition: z.boolean().optional(),
          version: z.number().int().positive(),
        }),
      ),
    },
    responses: { 200: json(Feedback), ...errorResponses, ...conflictResponse },
  }),
  async (c) =>
    c.json(
      feedbackView(await moderateFeedback(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json'))),
      200,
    ),
);
