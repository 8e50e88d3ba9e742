/**
 * Evaluation rounds: the list, setting up a council, the round page, products put before it, a
 * member's sheet, the decision, the certificate and closing the round.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { conflictResponse, createRouter, errorResponses, json, jsonBody } from '../../../lib/http';
import { actorOf, metaOf } from '../../../lib/request';
import { IsoDate } from '../../units/schemas';
import { addRoundProducts } from '../add-round-products';
import { closeRound } from '../close-round';
import { createRound } from '../create-round';
import { decideProduct } from '../decide-product';
import { issueCertificate } from '../issue-certificate';
import { listRounds, roundDetail } from '../read-rounds';
import { submitScore } from '../score-product';
import { Certificate, Decision, Round, RoundDetail, RoundListItem, RoundProductState, ScoreResult } from '../schemas';
import { certificateView, roundProductView, roundView } from '../views';
import { Id, items, RoundProduct, tags, Text } from './params';

export const roundRoutes = createRouter();

roundRoutes.openapi(
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

roundRoutes.openapi(
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

roundRoutes.openapi(
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

roundRoutes.openapi(
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

roundRoutes.openapi(
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

roundRoutes.openapi(
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

roundRoutes.openapi(
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

roundRoutes.openapi(
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
