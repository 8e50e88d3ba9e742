/**
 * Memory under steady load: the server (its own process, 100 communes on PGlite) answers a mix of
 * dashboard, heat-map and list requests for BENCH_SOAK_SECONDS (default 300); its RSS and heap are
 * sampled after a collection every interval. The baseline is the first sample after warm-up: a
 * leak shows as growth from it, a healthy server as a flat line.
 */
import { forkScaleServer, httpLoad, signIn } from './scale-env';

const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 300);
const SAMPLES = 10;

export async function benchSoak() {
  const server = await forkScaleServer('pglite', 100);
  const lines: string[] = [];
  try {
    const { summary } = server;
    const province = summary.provinces[0]!;
    const headers = await signIn(server.url, province.officeUser, summary.password);
    const month = summary.lastMonth;
    const urls = [
      `/api/dashboard/summary?unitId=${province.id}&month=${month}`,
      `/api/dashboard/heatmap?unitId=${province.id}&month=${month}`,
      `/api/capital/projects?unitId=${province.id}`,
      `/api/ocop/products?unitId=${province.id}`,
    ];
    const slice = Math.max(1, SECONDS / SAMPLES);
    await httpLoad(`${server.url}${urls[0]}`, headers, { seconds: Math.min(10, slice), connections: 4 }); // warm-up
    const samples: { rss: number; heap: number; requests: number; errors: number }[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const stats = await httpLoad(`${server.url}${urls[i % urls.length]}`, headers, { seconds: slice, connections: 4 });
      const mem = await server.memory();
      samples.push({ rss: mem.rss, heap: mem.heapUsed, requests: stats.requests, errors: stats.errors });
    }
    const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
    const first = samples[0]!;
    const last = samples[samples.length - 1]!;
    const peak = Math.max(...samples.map((s) => s.rss));
    lines.push(
      `${samples.reduce((s, x) => s + x.requests, 0)} requests over ${SECONDS} s, ${samples.reduce((s, x) => s + x.errors, 0)} errors`,
      `RSS: ${samples.map((s) => mb(s.rss)).join(' → ')}`,
      `heap used: ${samples.map((s) => mb(s.heap)).join(' → ')}`,
      `baseline (first sample) RSS ${mb(first.rss)}; end ${mb(last.rss)} = ${(last.rss / first.rss).toFixed(2)}×, peak ${(peak / first.rss).toFixed(2)}×; heap end = ${(last.heap / first.heap).toFixed(2)}× baseline`,
    );
  } finally {
    await server.close();
  }
  return { name: `memory after a ${SECONDS}-second soak at steady load`, lines };
}
