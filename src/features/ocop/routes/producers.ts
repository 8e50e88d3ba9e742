/** Producers (chủ thể): the list the caller may see, registration, the producer's page, edits. */
import { createRoute, z } from '@hono/zod-openapi';
import { conflictResponse, createRouter, errorResponses, json, jsonBody } from '../../../lib/http';
import { actorOf, metaOf } from '../../../lib/request';
import { IsoDate } from '../../units/schemas';
import { createProducer, updateProducer } from '../products';
import { listProducers, producerDetail } from '../queries';
import { Producer, ProducerDetail, ProducerListItem } from '../schemas';
import { producerView } from '../views';
import { Id, items, Opt, tags, Text } from './params';

export const producerRoutes = createRouter();

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

producerRoutes.openapi(
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

producerRoutes.openapi(
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

producerRoutes.openapi(
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

producerRoutes.openapi(
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
