import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, errorResponses, json } from '../../lib/http';
import { actorOf } from '../../lib/request';
import { requireAction } from '../access/authorize';
import { IsoDate } from '../units/schemas';
import { auditKeyOf } from './audit-key';
import { checkpointsFileOf } from './checkpoints';
import { listAuditActors, listAuditEvents } from './queries';
import { verifyAuditChain } from './verify-chain';

export const auditRoutes = createRouter();

const AuditEvent = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actorUserId: z.number().int().nullable(),
    actorName: z.string(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    unitId: z.number().int().nullable(),
    unitName: z.string().nullable(),
    objectName: z.string().nullable().openapi({ description: 'The object as it is called now (a unit, a project, a month…)' }),
    objectLink: z.string().nullable().openapi({ description: 'Where the object opens in the web app' }),
    before: z.unknown(),
    after: z.unknown(),
    requestId: z.string().nullable(),
    ip: z.string().nullable(),
    hash: z.string(),
  })
  .openapi('AuditEvent');

auditRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['Audit'],
    summary: 'Browse the audit trail in my scope, newest first',
    request: {
      query: z
        .object({
          from: IsoDate.optional(),
          to: IsoDate.optional(),
          action: z
            .string()
            .max(80)
            .optional()
            .openapi({ description: 'An action name (earlier names of it included) or a prefix' }),
          kind: z
            .string()
            .max(40)
            .optional()
            .openapi({ description: 'The kind of object the actions are about, e.g. `assessment`, `ocop_product`' }),
          entityType: z.string().max(40).optional(),
          entityId: z.string().max(40).optional(),
          actorUserId: z.coerce.number().int().positive().optional(),
          unitId: z.coerce.number().int().positive().optional(),
          beforeSeq: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        })
        .refine((q) => !q.from || !q.to || q.from <= q.to, {
          message: 'the first day comes after the last',
          params: { vi: 'ngày bắt đầu sau ngày kết thúc' },
          path: ['to'],
        }),
    },
    responses: {
      200: json(z.object({ items: z.array(AuditEvent), nextBeforeSeq: z.number().int().nullable() })),
      ...errorResponses,
    },
  }),
  async (c) => {
    const actor = actorOf(c);
    requireAction(actor, 'audit.read');
    return c.json(await listAuditEvents(c.get('deps').db, actor, c.req.valid('query')), 200);
  },
);

auditRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/actors',
    tags: ['Audit'],
    summary: 'The people who appear in the audit trail I may read (for the filter by person)',
    responses: {
      200: json(z.object({ items: z.array(z.object({ id: z.number().int(), name: z.string() }).openapi('AuditActor')) })),
      ...errorResponses,
    },
  }),
  async (c) => {
    const actor = actorOf(c);
    requireAction(actor, 'audit.read');
    return c.json({ items: await listAuditActors(c.get('deps').db, actor) }, 200);
  },
);

auditRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/verify',
    tags: ['Audit'],
    summary:
      'Check the hash chain, the MACs and the checkpoints; reports the first edited, inserted, deleted or unsigned event, a truncation and forged checkpoints',
    responses: {
      200: json(
        z
          .object({
            ok: z.boolean(),
            events: z.number().int(),
            headSeq: z.number().int(),
            legacyEvents: z.number().int(),
            checkpoints: z.number().int(),
            lastCheckpointSeq: z.number().int().nullable(),
            forgedCheckpoints: z.array(z.object({ line: z.number().int(), seq: z.number().int().nullable() })),
            seq: z.number().int().optional(),
            problem: z
              .enum(['edited', 'deleted', 'inserted', 'head_mismatch', 'not_signed', 'truncated', 'checkpoint_mismatch'])
              .optional(),
          })
          .openapi('AuditVerification'),
      ),
      ...errorResponses,
    },
  }),
  async (c) => {
    requireAction(actorOf(c), 'audit.verify');
    const deps = c.get('deps');
    const report = await verifyAuditChain(deps.db, {
      auditKey: auditKeyOf(deps.config),
      checkpointsFile: checkpointsFileOf(deps.files.root),
    });
    return c.json(report, 200);
  },
);
