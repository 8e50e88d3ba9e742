/** The Treasury import's template and reference lists (the import itself is in routes/ledger.ts). */
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, errorResponses, fileResponse, json } from '../../lib/http';
import { actorOf } from '../../lib/request';
import { treasuryReference, treasuryTemplateCsv, treasuryTemplateXlsx } from './treasury-template';

export const treasuryRoutes = createRouter();
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const UnitQuery = z.object({ unitId: z.coerce.number().int().positive() });

const TreasuryReference = z
  .object({
    projects: z.array(z.object({ code: z.string(), name: z.string(), unit: z.string() })),
    sources: z.array(z.object({ code: z.string(), name: z.string() })),
  })
  .openapi('TreasuryReference');

treasuryRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/disbursements/reference',
    tags: ['Capital'],
    summary: 'What a Treasury import line may name: the projects of the reader’s scope under a unit, and the funding sources',
    request: { query: UnitQuery },
    responses: { 200: json(TreasuryReference), ...errorResponses },
  }),
  async (c) => c.json(await treasuryReference(c.get('deps'), actorOf(c), c.req.valid('query').unitId), 200),
);

treasuryRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/disbursements/template.xlsx',
    tags: ['Capital'],
    summary: 'Treasury import template: the entry sheet with drop-downs, and reference sheets of projects and sources',
    request: { query: UnitQuery },
    responses: { ...fileResponse([XLSX], 'XLSX template'), ...errorResponses },
  }),
  async (c) => {
    const buf = await treasuryTemplateXlsx(c.get('deps'), actorOf(c), c.req.valid('query').unitId);
    c.header('content-type', XLSX);
    c.header('content-disposition', 'attachment; filename="mau-nhap-giai-ngan.xlsx"');
    return c.body(new Uint8Array(buf), 200);
  },
);

treasuryRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/disbursements/template.csv',
    tags: ['Capital'],
    summary: 'Treasury import template as CSV (UTF-8): the header row the import reads',
    request: { query: UnitQuery },
    responses: { ...fileResponse(['text/csv'], 'CSV template'), ...errorResponses },
  }),
  async (c) => {
    const text = await treasuryTemplateCsv(c.get('deps'), actorOf(c), c.req.valid('query').unitId);
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', 'attachment; filename="mau-nhap-giai-ngan.csv"');
    return c.body(text, 200);
  },
);
