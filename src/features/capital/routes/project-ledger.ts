/** What is recorded on a project beside payments: deadline extensions by decision and contributions in kind. */
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, errorResponses, json, jsonBody } from '../../../lib/http';
import { actorOf, metaOf } from '../../../lib/request';
import { IdParam, IsoDate } from '../../units/schemas';
import { addContribution, addExtension } from '../ledger';
import { Contribution, DeadlineExtension, Dong, Year } from '../schemas';
import { contributionView, extensionView } from '../views';
import { cleanString } from '../../../lib/text';

export const projectLedgerRoutes = createRouter();

projectLedgerRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/projects/{id}/extensions',
    tags: ['Capital'],
    summary: "Extend a year's disbursement deadline by decision",
    request: {
      params: IdParam,
      body: jsonBody(
        z.object({ planYear: Year, newDeadline: IsoDate, decisionNo: cleanString().min(3).max(100), decisionDate: IsoDate }),
      ),
    },
    responses: { 201: json(DeadlineExtension, 'Recorded'), ...errorResponses },
  }),
  async (c) =>
    c.json(
      extensionView(
        await addExtension(c.get('deps'), actorOf(c), metaOf(c), { projectId: c.req.valid('param').id, ...c.req.valid('json') }),
      ),
      201,
    ),
);

projectLedgerRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/projects/{id}/contributions',
    tags: ['Capital'],
    summary: 'Record a community contribution in kind (land m², working days) with its value',
    request: {
      params: IdParam,
      body: jsonBody(
        z.object({
          sourceCode: z.string(),
          date: IsoDate,
          quantity: z.number().int().positive(),
          valueVnd: Dong,
          note: cleanString().max(1000).nullable().optional(),
        }),
      ),
    },
    responses: { 201: json(Contribution, 'Recorded'), ...errorResponses },
  }),
  async (c) =>
    c.json(
      contributionView(
        await addContribution(c.get('deps'), actorOf(c), metaOf(c), {
          projectId: c.req.valid('param').id,
          ...c.req.valid('json'),
        }),
      ),
      201,
    ),
);
