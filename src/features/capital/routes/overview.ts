/** The programme at a glance: funding sources, the cockpit and the disbursement report. */
import { createRoute, z } from '@hono/zod-openapi';
import { fundingSources } from '../../../db/schema';
import { createRouter, errorResponses, json } from '../../../lib/http';
import { actorOf } from '../../../lib/request';
import { IsoDate } from '../../units/schemas';
import { capitalWorkbook } from '../detail';
import { Cockpit, FundingSource, Year } from '../schemas';
import { cockpit } from '../queries';

export const overviewRoutes = createRouter();

const UnitYear = z.object({ unitId: z.coerce.number().int().positive(), year: Year });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

overviewRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/sources',
    tags: ['Capital'],
    summary: 'Funding sources (data)',
    responses: { 200: json(z.object({ items: z.array(FundingSource) })), ...errorResponses },
  }),
  async (c) => {
    actorOf(c);
    return c.json({ items: await c.get('deps').db.select().from(fundingSources).orderBy(fundingSources.sortOrder) }, 200);
  },
);

overviewRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/cockpit',
    tags: ['Capital'],
    summary: 'Programme cockpit: plan, allocated, disbursed, rates by source / unit / project, S-curve, red flags',
    request: { query: UnitYear.extend({ asOf: IsoDate.optional() }) },
    responses: { 200: json(Cockpit), ...errorResponses },
  }),
  async (c) => {
    const { unitId, year, asOf } = c.req.valid('query');
    return c.json(await cockpit(c.get('deps'), actorOf(c), unitId, year, asOf), 200);
  },
);

overviewRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/report.xlsx',
    tags: ['Capital'],
    summary: 'Disbursement report by source and project (triệu đồng)',
    request: { query: UnitYear },
    responses: {
      200: { description: 'XLSX', content: { [XLSX]: { schema: z.string().openapi({ format: 'binary' }) } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { unitId, year } = c.req.valid('query');
    const buf = await capitalWorkbook(c.get('deps'), actorOf(c), unitId, year);
    c.header('content-type', XLSX);
    c.header('content-disposition', `attachment; filename="giai-ngan-${year}.xlsx"`);
    return c.body(new Uint8Array(buf), 200);
  },
);
