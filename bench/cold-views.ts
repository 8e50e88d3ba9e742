/**
 * National dashboards when the in-memory cache is cold: the first request after a verification.
 * On a generated country (3,321 communes, 24 months each; PostgreSQL by default), the heat map and
 * the summary are requested one at a time with a real verification before each request (cold),
 * then without (warm), then under load (10 connections) while verifications keep arriving. The
 * baseline is measured in the same run: the statement over the source tables that served cold
 * requests before `verified_results`, run raw (no HTTP, no shaping), and the maintained statement
 * the app runs now. Target: cold heat map p95 < 250 ms on PostgreSQL.
 */
import { forkScaleServer, httpLoad, loadStats, ms, postgresReachable, signIn, type LoadStats } from './scale-env';

const SIZES = (process.env.BENCH_COLD_SIZES ?? '3321').split(',').map(Number);
const KINDS = (process.env.BENCH_COLD_KINDS ?? 'postgres').split(',') as ('pglite' | 'postgres')[];
const REQUESTS = Number(process.env.BENCH_COLD_REQUESTS ?? 40);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

const verdict = (ok: boolean) => (ok ? 'met' : 'NOT MET');
const line = (label: string, s: LoadStats) => `${label.padEnd(44)} p50 ${ms(s.p50)}, p95 ${ms(s.p95)}`;

export async function benchColdViews() {
  const lines: string[] = [];
  const kinds: ('pglite' | 'postgres')[] = [];
  for (const kind of KINDS)
    if (kind === 'pglite' || (await postgresReachable())) kinds.push(kind);
    else lines.push('PostgreSQL not reachable (BENCH_PG_URL): PostgreSQL figures skipped');
  for (const kind of kinds)
    for (const size of SIZES) {
      const env = await forkScaleServer(kind, size);
      try {
        const { summary } = env;
        const headers = await signIn(env.url, summary.nationalUser, summary.password);
        const pending = await env.submitted();
        const verifyNext = async () => {
          const a = pending.shift();
          if (!a) throw new Error('no submitted assessment left to verify: lower BENCH_COLD_REQUESTS');
          const res = await fetch(`${env.url}/api/assessments/${a.id}/review`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify({ version: a.version, outcome: 'verify' }),
          });
          if (res.status !== 200) throw new Error(`verification answered ${res.status}: ${await res.text()}`);
        };
        const timed = async (url: string) => {
          const t0 = performance.now();
          const res = await fetch(url, { headers });
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
          return performance.now() - t0;
        };
        const sequential = async (url: string, cold: boolean) => {
          const times: number[] = [];
          if (!cold) await timed(url);
          for (let i = 0; i < REQUESTS; i++) {
            if (cold) await verifyNext();
            times.push(await timed(url));
          }
          return loadStats(times, 0, 1);
        };
        /** Load on `url` while one verification after another is posted: most answers are computed afresh. */
        const loadWhileVerifying = async (url: string) => {
          let stop = false;
          let verified = 0;
          const verifier = (async () => {
            while (!stop && pending.length) {
              await verifyNext();
              verified++;
            }
          })();
          const stats = await httpLoad(url, headers, { seconds: SECONDS, connections: CONNECTIONS });
          stop = true;
          await verifier;
          return { stats, verified };
        };

        const month = summary.lastMonth;
        const unit = summary.countryId;
        lines.push(
          `${kind}, national (${size} communes, ${summary.counts.assessments} assessments; generated in ${env.seedSeconds.toFixed(1)} s), ${REQUESTS} requests one at a time:`,
        );
        const load = { seconds: SECONDS, connections: 1 };
        const views = [
          { name: 'heat map', path: 'heatmap', detail: 'criteria' as const },
          { name: 'summary', path: 'summary', detail: 'none' as const },
        ];
        const results = new Map<string, { cold: LoadStats; old: LoadStats }>();
        for (const v of views) {
          const url = `${env.url}/api/dashboard/${v.path}?unitId=${unit}&month=${month}`;
          const old = await env.raw(unit, v.detail, load, 'source');
          const now = await env.raw(unit, v.detail, load, 'maintained');
          const cold = await sequential(url, true);
          const warm = await sequential(url, false);
          results.set(v.name, { cold, old });
          lines.push(
            `  ${v.name}`,
            `    ${line('old statement (source tables), raw SQL', old)}`,
            `    ${line('maintained statement, raw SQL', now)} = ${(now.p95 / old.p95).toFixed(2)}× old`,
            `    ${line('app, cold (a verification before each)', cold)} = ${(cold.p95 / old.p95).toFixed(2)}× old raw`,
            `    ${line('app, warm', warm)}`,
          );
        }
        lines.push(`  under load, ${CONNECTIONS} connections × ${SECONDS} s, verifications posted one after another:`);
        for (const v of views) {
          const url = `${env.url}/api/dashboard/${v.path}?unitId=${unit}&month=${month}`;
          const old = await env.raw(unit, v.detail, { seconds: SECONDS, connections: CONNECTIONS }, 'source');
          const { stats, verified } = await loadWhileVerifying(url);
          lines.push(
            `    ${line(`${v.name}: old statement raw SQL`, old)}, ${old.rps.toFixed(0)}/s`,
            `    ${line(`${v.name}: app with ${verified} verifications`, stats)}, ${stats.rps.toFixed(0)}/s, ${stats.errors} errors`,
          );
        }
        const heat = results.get('heat map')!;
        const sum = results.get('summary')!;
        lines.push(
          `  cold heat map p95 ${ms(heat.cold.p95)} (target < 250 ms): ${verdict(heat.cold.p95 < 250)}; old statement alone ${ms(heat.old.p95)}`,
          `  cold summary p95 ${ms(sum.cold.p95)} (target < 250 ms): ${verdict(sum.cold.p95 < 250)}; old statement alone ${ms(sum.old.p95)}`,
        );
      } finally {
        await env.close();
      }
    }
  return { name: 'national dashboards with a cold cache — the first request after a verification', lines };
}
