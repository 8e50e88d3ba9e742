/**
 * Dashboards and heat maps under concurrent load, at growing scale (10 → 100 → 1,000 → 3,321
 * communes, 24 months each) on PGlite and PostgreSQL. The baseline is the same aggregate statement
 * run raw on the same database with the same concurrency: the ratio is what the application adds
 * (session, authorisation, shaping, JSON, HTTP) — or saves, since the app answers from its in-memory
 * aggregate while the database's change counter stays put (one counter read instead of the
 * aggregate; see DashboardCache). Targets: province p95 < 50 ms and ≤ 1.5× raw;
 * national p95 < 250 ms on PostgreSQL; no errors.
 */
import { forkScaleServer, httpLoad, ms, postgresReachable, signIn, type LoadStats } from './scale-env';

const SIZES = (process.env.BENCH_SCALE_SIZES ?? '10,100,1000,3321').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

const verdict = (ok: boolean) => (ok ? 'met' : 'NOT MET');

export async function benchDashboardLoad() {
  const lines: string[] = [];
  const kinds: ('pglite' | 'postgres')[] = ['pglite'];
  if (await postgresReachable()) kinds.push('postgres');
  else lines.push('PostgreSQL not reachable (BENCH_PG_URL): PostgreSQL figures skipped');
  for (const kind of kinds) {
    const growth: { size: number; province: LoadStats; national: LoadStats }[] = [];
    for (const size of SIZES) {
      const env = await forkScaleServer(kind, size);
      try {
        const { summary } = env;
        const month = summary.lastMonth;
        const province = summary.provinces[0]!;
        const office = await signIn(env.url, province.officeUser, summary.password);
        const national = await signIn(env.url, summary.nationalUser, summary.password);
        const load = { seconds: SECONDS, connections: CONNECTIONS };
        lines.push(
          `${kind}, ${size} communes (${summary.counts.assessments} assessments; generated in ${env.seedSeconds.toFixed(1)} s), ${CONNECTIONS} connections × ${SECONDS} s:`,
        );
        const runs = [
          { label: `province (${province.communes} communes)`, unitId: province.id, headers: office },
          { label: `national (${size} communes)`, unitId: summary.countryId, headers: national },
        ];
        for (const r of runs) {
          const base = await env.raw(r.unitId, 'none', load);
          const summaryStats = await httpLoad(
            `${env.url}/api/dashboard/summary?unitId=${r.unitId}&month=${month}`,
            r.headers,
            load,
          );
          const heatBase = await env.raw(r.unitId, 'criteria', load);
          const heat = await httpLoad(`${env.url}/api/dashboard/heatmap?unitId=${r.unitId}&month=${month}`, r.headers, load);
          lines.push(
            `  ${r.label.padEnd(28)} summary  raw SQL p50 ${ms(base.p50)}, p95 ${ms(base.p95)}, ${base.rps.toFixed(0)}/s`,
            `  ${''.padEnd(28)}          app p50 ${ms(summaryStats.p50)}, p95 ${ms(summaryStats.p95)} = ${(summaryStats.p95 / base.p95).toFixed(2)}× raw, ${summaryStats.rps.toFixed(0)}/s, ${summaryStats.errors} errors`,
            `  ${''.padEnd(28)} heat map raw SQL p50 ${ms(heatBase.p50)}, p95 ${ms(heatBase.p95)}, ${heatBase.rps.toFixed(0)}/s`,
            `  ${''.padEnd(28)}          app p50 ${ms(heat.p50)}, p95 ${ms(heat.p95)} = ${(heat.p95 / heatBase.p95).toFixed(2)}× raw, ${heat.rps.toFixed(0)}/s, ${heat.errors} errors`,
          );
          if (r.unitId === province.id && size >= 100)
            lines.push(
              `  ${''.padEnd(28)} target province p95 < 50 ms and ≤ 1.5× raw: ${verdict(summaryStats.p95 < 50 && summaryStats.p95 <= 1.5 * base.p95)}`,
            );
          if (r.unitId === summary.countryId && kind === 'postgres' && size >= 3000)
            lines.push(`  ${''.padEnd(28)} target national p95 < 250 ms on PostgreSQL: ${verdict(summaryStats.p95 < 250)}`);
        }
        const p = await httpLoad(`${env.url}/api/dashboard/summary?unitId=${province.id}&month=${month}`, office, load);
        const n = await httpLoad(`${env.url}/api/dashboard/summary?unitId=${summary.countryId}&month=${month}`, national, load);
        growth.push({ size, province: p, national: n });
      } finally {
        await env.close();
      }
    }
    const first = growth[0];
    if (first) {
      lines.push(`${kind}, how cost grows (summary p95, ratio to ${first.size} communes):`);
      for (const g of growth)
        lines.push(
          `  ${String(g.size).padStart(5)} communes: province ${ms(g.province.p95)} (${(g.province.p95 / first.province.p95).toFixed(1)}×), national ${ms(g.national.p95)} (${(g.national.p95 / first.national.p95).toFixed(1)}×)`,
        );
    }
  }
  return { name: 'dashboards under load — app vs raw SQL, PGlite and PostgreSQL, 10 → 3,321 communes', lines };
}
