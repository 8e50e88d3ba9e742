import { createRoute, z } from '@hono/zod-openapi';
import { PETITION_CATEGORIES, PETITION_SOURCES, PETITION_STATUSES } from '../../../db/schema';
import { errorResponses, conflictResponse, createRouter, json, jsonBody } from '../../../lib/http';
import { actorOf, metaOf } from '../../../lib/request';
import { IsoDate } from '../../units/schemas';
import { answerPetition, createPetition, listPetitions, managePetition } from '../petitions';
import { Petition, PetitionList } from '../schemas';
import { petitionView } from '../views';
import { tags, Id, Text, Opt, Version, Flag, stepsOf } from './common';

/** Voters' petitions: recorded, assigned and closed by the council, answered by the assigned body. */
export const petitionRoutes = createRouter();

petitionRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/petitions',
    tags,
    summary: 'Voters’ petitions with the resolution rate (accent-insensitive search)',
    request: {
      query: z.object({
        councilId: z.coerce.number().int().positive().optional(),
        status: z.enum(PETITION_STATUSES).optional(),
        q: z.string().max(200).optional(),
        mine: Flag,
      }),
    },
    responses: { 200: json(PetitionList), ...errorResponses },
  }),
  async (c) => {
    const q = c.req.valid('query');
    return c.json(
      await listPetitions(
        c.get('deps'),
        actorOf(c),
        { councilId: q.councilId, status: q.status, q: q.q, mine: q.mine === '1' },
        stepsOf(c),
      ),
      200,
    );
  },
);

petitionRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/councils/{id}/petitions',
    tags,
    summary: 'Record a voters’ petition',
    request: {
      params: Id,
      body: jsonBody(
        z.object({
          unitId: z.number().int().positive(),
          source: z.enum(PETITION_SOURCES),
          sourceNote: Opt(300),
          receivedOn: IsoDate,
          text: Text(4000),
          category: z.enum(PETITION_CATEGORIES).nullable().optional(),
        }),
      ),
    },
    responses: { 201: json(Petition), ...errorResponses },
  }),
  async (c) => {
    const row = await createPetition(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json(petitionView(row, await stepsOf(c).petition(row)), 201);
  },
);

petitionRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/petitions/{id}',
    tags,
    summary: 'Classify, assign (with deadline) or close a petition (council)',
    request: {
      params: Id,
      body: jsonBody(
        z.object({
          version: Version,
          category: z.enum(PETITION_CATEGORIES).nullable().optional(),
          assigneeUnitId: z.number().int().positive().optional(),
          assigneeLabel: Text(300).optional(),
          deadline: IsoDate.optional(),
          status: z.enum(PETITION_STATUSES).optional(),
        }),
      ),
    },
    responses: { 200: json(Petition), ...errorResponses, ...conflictResponse },
  }),
  async (c) => {
    const row = await managePetition(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json(petitionView(row, await stepsOf(c).petition(row)), 200);
  },
);

petitionRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/petitions/{id}/answer',
    tags,
    summary: 'The assigned body answers the petition',
    request: { params: Id, body: jsonBody(z.object({ answer: Text(8000), version: Version })) },
    responses: { 200: json(Petition), ...errorResponses, ...conflictResponse },
  }),
  async (c) => {
    const row = await answerPetition(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json(petitionView(row, await stepsOf(c).petition(row)), 200);
  },
);
