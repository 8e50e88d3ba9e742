/**
 * Public portal page weight and time to first byte, measured over HTTP on a server with the demo
 * data. The baseline is the health endpoint measured in the same run: the ratio shows what a page
 * costs over the smallest response the server can give. Budget: 50 KB compressed per page, no
 * script, so a phone on a slow network gets the page in one or two round trips.
 */
import { gzipSync } from 'node:zlib';
import { startServer } from '../e2e/support';

const RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 20);
const BUDGET_GZ = 50 * 1024;

async function measure(url: string) {
  const ttfb: number[] = [];
  let body = '';
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const res = await fetch(url);
    ttfb.push(performance.now() - t0);
    body = await res.text();
  }
  ttfb.sort((a, b) => a - b);
  return {
    p50: ttfb[Math.floor(RUNS / 2)]!,
    bytes: Buffer.byteLength(body),
    gz: gzipSync(body).byteLength,
    scripts: (body.match(/<script/g) ?? []).length,
  };
}

export async function benchPortalPages() {
  const server = await startServer();
  try {
    const base = await measure(`${server.url}/api/health`);
    const sitemap = await (await fetch(`${server.url}/sitemap.xml`)).text();
    const paths = ['/cong-khai', '/cong-khai/san-pham', '/cong-khai/du-an', '/cong-khai/du-lieu'];
    const unit = /<loc>[^<]*(\/cong-khai\/don-vi\/[^<]+)<\/loc>/.exec(sitemap)?.[1];
    const product = /<loc>[^<]*(\/cong-khai\/san-pham\/[^<]+)<\/loc>/.exec(sitemap)?.[1];
    const project = /<loc>[^<]*(\/cong-khai\/du-an\/[^<]+)<\/loc>/.exec(sitemap)?.[1];
    for (const p of [unit, product, project]) if (p) paths.push(p);
    const lines = [`baseline /api/health: TTFB p50 ${base.p50.toFixed(1)} ms`];
    for (const p of paths) {
      const m = await measure(`${server.url}${p}`);
      lines.push(
        `${p.padEnd(44)} ${(m.bytes / 1024).toFixed(1).padStart(6)} KB (${(m.gz / 1024).toFixed(1).padStart(5)} KB gzip, ${m.gz <= BUDGET_GZ ? 'within' : 'OVER'} the 50 KB budget), ${m.scripts} scripts, TTFB p50 ${m.p50.toFixed(1).padStart(6)} ms = ${(m.p50 / base.p50).toFixed(1)}× baseline`,
      );
    }
    return { name: `public portal — page weight and time to first byte (${RUNS} requests each)`, lines };
  } finally {
    await server.close();
  }
}
