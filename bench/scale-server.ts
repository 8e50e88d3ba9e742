/**
 * Child process of the load benchmarks: generates the dataset, answers raw-query load requests
 * over IPC (same process, same driver, no HTTP) and serves the application, so the HTTP load
 * generator in the parent does not share this process's event loop.
 */
import { callLoad, startScaleServer } from './scale-env';
import { latestVerifiedSql, type Detail } from '../src/features/dashboard/queries';

type Msg =
  { type: 'raw'; unitId: number; detail: Detail; seconds: number; connections: number } | { type: 'memory' } | { type: 'close' };

const [kind, communes] = [process.argv[2] as 'pglite' | 'postgres', Number(process.argv[3])];
const env = await startScaleServer({ kind, communes });
process.send!({ type: 'ready', url: env.url, summary: env.summary, seedSeconds: env.seedSeconds });
process.on('message', (msg: Msg) => {
  void (async () => {
    if (msg.type === 'raw') {
      const month = env.summary.lastMonth;
      const stats = await callLoad(
        () => env.deps.db.execute(latestVerifiedSql(msg.unitId, [msg.unitId], month, msg.detail)),
        msg,
      );
      process.send!({ type: 'raw', stats });
    } else if (msg.type === 'memory') {
      (globalThis as { gc?: () => void }).gc?.();
      process.send!({ type: 'memory', usage: process.memoryUsage() });
    } else {
      await env.close();
      process.exit(0);
    }
  })();
});
