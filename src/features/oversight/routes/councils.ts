import { createRoute, z } from '@hono/zod-openapi';
import { COUNCIL_BODY_KINDS } from '../../../db/schema';
import { errorResponses, createRouter, json, jsonBody } from '../../../lib/http';
import { actorOf, metaOf } from '../../../lib/request';
import { IsoDate } from '../../units/schemas';
import { addBody, addDelegate, councilDetail, createCouncil, listCouncils } from '../records';
import { recordHandover } from '../handover';
import { Body, Council, CouncilDetail, CouncilListItem, Delegate } from '../schemas';
import { bodyView, councilView, delegateView } from '../views';
import { tags, Id, Text, Opt, items } from './common';

/** Councils: the list, a council with its bodies and delegates, and an ended council's handover. */
export const councilRoutes = createRouter();

councilRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/councils',
    tags,
    summary: 'Councils the actor may read',
    responses: { 200: items(CouncilListItem), ...errorResponses },
  }),
  async (c) => c.json({ items: await listCouncils(c.get('deps'), actorOf(c)) }, 200),
);

councilRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/councils',
    tags,
    summary: 'Create a council for a unit and term',
    request: { body: jsonBody(z.object({ unitId: z.number().int().positive(), name: Text(200), term: Text(50) })) },
    responses: { 201: json(Council), ...errorResponses },
  }),
  async (c) => c.json(councilView(await createCouncil(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('json'))), 201),
);

councilRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/councils/{id}',
    tags,
    summary: 'A council with its bodies, delegates and activities',
    request: { params: Id },
    responses: { 200: json(CouncilDetail), ...errorResponses },
  }),
  async (c) => c.json(await councilDetail(c.get('deps'), actorOf(c), c.req.valid('param').id), 200),
);

const HandoverItemBody = z
  .object({
    kind: z.enum(['recommendation', 'petition']),
    id: z.number().int().positive(),
    outcome: z.enum(['handed_over', 'closed']),
    reason: Opt(1000).transform((v) => v ?? undefined),
    addresseeUnitId: z.number().int().positive().optional(),
    deadline: IsoDate.optional(),
  })
  .strict();
const HandoverResult = z
  .object({
    id: z.number().int(),
    fromCouncilId: z.number().int(),
    toCouncilId: z.number().int().nullable(),
    handedOverOn: z.string(),
    legalBasis: z.string(),
    note: z.string().nullable(),
    handedOver: z.number().int(),
    closed: z.number().int(),
  })
  .openapi('CouncilHandover');

councilRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/councils/{id}/handover',
    tags,
    summary: 'Hand over an ended council’s open recommendations and petitions to a successor council, or close them',
    description:
      'A council ends when its level is abolished or its unit dissolved. Every open item not listed is handed over as it is; ' +
      'listed items may be closed with a reason, or re-addressed and re-dated. Recorded once per council, by the successor ' +
      'council’s keepers (or, when everything is closed, by the keepers of the level above).',
    request: {
      params: Id,
      body: jsonBody(
        z
          .object({
            toCouncilId: z.number().int().positive().nullable(),
            handedOverOn: IsoDate,
            legalBasis: Text(500),
            note: Opt(2000),
            items: z.array(HandoverItemBody).max(2000).optional(),
          })
          .strict(),
      ),
    },
    responses: { 201: json(HandoverResult), ...errorResponses },
  }),
  async (c) => {
    const h = await recordHandover(
      c.get('deps'),
      actorOf(c),
      metaOf(c),
      c.req.valid('param').id,
      c.req.valid('json'),
      c.get('lang'),
    );
    return c.json(
      {
        id: h.id,
        fromCouncilId: h.fromCouncilId,
        toCouncilId: h.toCouncilId,
        handedOverOn: h.handedOverOn,
        legalBasis: h.legalBasis,
        note: h.note,
        handedOver: h.handedOver,
        closed: h.closed,
      },
      201,
    );
  },
);

councilRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/councils/{id}/bodies',
    tags,
    summary: 'Add the standing committee, a committee (Ban) or a delegate group',
    request: { params: Id, body: jsonBody(z.object({ kind: z.enum(COUNCIL_BODY_KINDS), name: Text(200) })) },
    responses: { 201: json(Body), ...errorResponses },
  }),
  async (c) =>
    c.json(bodyView(await addBody(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json'))), 201),
);

councilRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/councils/{id}/delegates',
    tags,
    summary: 'Add a delegate',
    request: {
      params: Id,
      body: jsonBody(
        z.object({ fullName: Text(200), position: Opt(200), bodyIds: z.array(z.number().int().positive()).max(10).optional() }),
      ),
    },
    responses: { 201: json(Delegate), ...errorResponses },
  }),
  async (c) =>
    c.json(
      delegateView(await addDelegate(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json'))),
      201,
    ),
);
