/** The disbursement ledger: one Treasury payment, a reversal of (part of) one, a Treasury file imported. */
import { createRoute, z } from '@hono/zod-openapi';
import { conflictResponse, createRouter, errorResponses, json, jsonBody } from '../../../lib/http';
import { actorOf, metaOf } from '../../../lib/request';
import { requireAction } from '../../access/authorize';
import { IdParam } from '../../units/schemas';
import { readUploadBytes } from '../../files/read-upload';
import { recordDisbursement, reverseDisbursement } from '../ledger';
import { importDisbursements } from '../treasury-import';
import { DisbursementBody, DisbursementEntry, disbursementView, ReversalBody } from '../schemas';

export const ledgerRoutes = createRouter();

ledgerRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/disbursements',
    tags: ['Capital'],
    summary: 'Record one disbursement (Treasury payment)',
    request: { body: jsonBody(DisbursementBody) },
    responses: { 201: json(DisbursementEntry, 'Recorded'), ...errorResponses, ...conflictResponse },
  }),
  async (c) => c.json(disbursementView(await recordDisbursement(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('json'))), 201),
);

ledgerRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/disbursements/{id}/reversals',
    tags: ['Capital'],
    summary: 'Take back (part of) a payment: a negative entry linked to it, never more than what is left of it',
    request: { params: IdParam, body: jsonBody(ReversalBody) },
    responses: { 201: json(DisbursementEntry, 'Recorded'), ...errorResponses, ...conflictResponse },
  }),
  async (c) =>
    c.json(
      disbursementView(
        await reverseDisbursement(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json')),
      ),
      201,
    ),
);

ledgerRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/disbursements/import',
    tags: ['Capital'],
    summary: 'Import Treasury disbursement lines (CSV or XLSX; all or nothing; the same line twice adds nothing)',
    description:
      'Columns: ma_du_an, ngay, so_tien (đồng), nguon_von, nam_ke_hoach, loai (tạm ứng / thanh toán KLHT), so_chung_tu, ghi_chu.',
    request: { body: { required: true, content: { 'multipart/form-data': { schema: z.object({ file: z.any() }) } } } },
    responses: { 201: json(z.object({ added: z.number().int(), skipped: z.number().int() }), 'Imported'), ...errorResponses },
  }),
  async (c) => {
    const deps = c.get('deps');
    const actor = actorOf(c);
    requireAction(actor, 'capital.disburse');
    const bytes = await readUploadBytes(c, deps.config.maxUploadBytes);
    return c.json(await importDisbursements(deps, actor, metaOf(c), bytes, c.get('lang')), 201);
  },
);
