/**
 * Child process of the load benchmarks: generates the dataset, answers raw-query load requests
 * over IPC (same process, same driver, no HTTP) and serves the application, so the HTTP load
 * generator in the parent does not share this process's event loop.
 */
import { and, asc, eq } from 'drizzle-orm';
import { callLoad, startScaleServer, type Statement } from './scale-env';
import { assessments } from '../src/db/schema';
import { latestVerifiedFromSourceSql, latestVerifiedSql, type Detail } from '../src/features/dashboard/queries';

type Msg =
  | { type: 'raw'; unitId: number; detail: Detail; statement: Statement; seconds: number; connections: number }
  | { type: 'submitted' }
  | { type: 'memory' }
  | { type: 'close' };

const [kind, communes] = [process.argv[2] as 'pglite' | 'postgres', Number(process.argv[3])];
const env = await startScaleServer({ kind, communes });
process.send!({ type: 'ready', url: env.url, summary: env.summary, seedSeconds: env.seedSeconds });
process.on('message', (msg: Msg) => {
  void (async () => {
    if (msg.type === 'raw') {
      const month = env.summary.lastMonth;
      const statement = msg.statement === 'source' ? latestVerifiedFromSourceSql : latestVerifiedSql;
      const stats = await callLoad(() => env.deps.db.execute(statement(msg.unitId, [msg.unitId], month, msg.detail)), msg);
      process.send!({ type: 'raw', stats });
    } else if (msg.type === 'submitted') {
      const rows = await env.deps.db
        .select({ id: assessments.id, version: assessments.version })
        .from(assessments)
        .where(and(eq(assessments.status, 'submitted'), eq(assessments.period, `${env.summary.lastMonth}-01`)))
        .orderBy(asc(assessments.id));
      process.send!({ type: 'submitted', rows });
    } else if (msg.type === 'memory') {
      (globalThis as { gc?: () => void }).gc?.();
      process.send!({ type: 'memory', usage: process.memoryUsage() });
    } else {
      await env.close();
      process.exit(0);
    }
  })();
});
