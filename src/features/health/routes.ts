import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { AppError } from '../../lib/errors';
import { createRouter, json } from '../../lib/http';

export const healthRoutes = createRouter();

healthRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['Operations'],
    summary: 'Liveness and database check',
    responses: {
      200: json(z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), time: z.string() })),
      503: json(z.object({ error: z.object({ code: z.string(), message: z.string() }) }), 'Database unreachable'),
    },
  }),
  async (c) => {
    const deps = c.get('deps');
    try {
      await deps.db.execute(sql`select 1`);
    } catch {
      throw new AppError('SERVICE_UNAVAILABLE');
    }
    return c.json({ status: 'ok' as const, database: deps.dbKind, time: deps.clock.now().toISOString() }, 200);
  },
);
