/**
 * Excel import of 10,000 Treasury lines, and generation of the council's briefing pack. Baselines
 * measured in the same run: for the import, reading the same workbook with ExcelJS alone and
 * inserting the same rows raw in one statement batch (what any import must pay); for the pack,
 * reading the snapshot it is built from.
 */
import ExcelJS from 'exceljs';
import { eq, inArray } from 'drizzle-orm';
import { startServer, DEMO_PASSWORD } from '../e2e/support';
import { disbursements, oversightSnapshots, projects } from '../src/db/schema';
import { ms, percentile, signIn, startScaleServer } from './scale-env';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const PACK_RUNS = Number(process.env.BENCH_PACK_RUNS ?? 5);

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

export async function benchImportsAndPacks() {
  const lines: string[] = [];

  // Excel import: 10,000 lines over the projects of one generated province.
  const env = await startScaleServer({ kind: 'pglite', communes: 100, months: 12 });
  try {
    const province = env.summary.provinces[0]!;
    const year = Number(env.summary.lastMonth.slice(0, 4));
    const codes = (await env.deps.db.select({ code: projects.code }).from(projects)).map((p) => p.code);
    const workbook = async (tag: string) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Kho bạc');
      ws.addRow(['Mã dự án', 'Ngày thanh toán', 'Số tiền (đồng)', 'Nguồn vốn', 'Năm kế hoạch', 'Loại', 'Số chứng từ']);
      for (let i = 0; i < ROWS; i++)
        ws.addRow([
          codes[i % codes.length],
          `15/0${1 + (i % 9)}/${year}`,
          100_000,
          i % 2 ? 'NSTW_DTPT' : 'NSDP_XA',
          year,
          'thanh toán KLHT',
          `KB-${tag}-${i}`,
        ]);
      return new Uint8Array(await wb.xlsx.writeBuffer());
    };
    const bytes = await workbook('BENCH');
    const parse = await timed(async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      return wb.worksheets[0]!.rowCount;
    });
    const byCode = new Map(
      (await env.deps.db.select().from(projects).where(inArray(projects.code, codes))).map((p) => [p.code, p.id]),
    );
    const raw = await timed(() =>
      env.deps.db.transaction(async (tx) => {
        for (let i = 0; i < ROWS; i += 2000)
          await tx.insert(disbursements).values(
            Array.from({ length: Math.min(2000, ROWS - i) }, (_, k) => ({
              projectId: byCode.get(codes[(i + k) % codes.length]!)!,
              planYear: year,
              sourceCode: (i + k) % 2 ? 'NSTW_DTPT' : 'NSDP_XA',
              date: `${year}-01-15`,
              amount: 1,
              paymentType: 'acceptance' as const,
              voucherRef: `RAW-${i + k}`,
              voucherKey: `RAW-${i + k}`,
              importKey: `raw:${i + k}`,
              createdAt: new Date(),
            })),
          );
      }),
    );
    await env.deps.db.delete(disbursements).where(eq(disbursements.amount, 1));
    const headers = await signIn(env.url, province.officeUser, env.summary.password);
    const form = new FormData();
    form.set('file', new Blob([bytes]), 'kho-bac.xlsx');
    const imported = await timed(async () => {
      const res = await fetch(`${env.url}/api/capital/disbursements/import`, { method: 'POST', headers, body: form });
      return { status: res.status, body: (await res.json()) as { added?: number } };
    });
    lines.push(
      `Excel import of ${ROWS.toLocaleString('en')} Treasury lines (${(bytes.byteLength / 1024).toFixed(0)} KB): ${ms(imported.ms)} → HTTP ${imported.value.status}, ${imported.value.body.added ?? 0} added`,
      `  baseline: ExcelJS read alone ${ms(parse.ms)} (import = ${(imported.ms / parse.ms).toFixed(1)}×); raw insert of the rows ${ms(raw.ms)} (import = ${(imported.ms / raw.ms).toFixed(1)}×)`,
    );
  } finally {
    await env.close();
  }

  // Briefing pack from the Móng Cái 2022 snapshot.
  const demo = await startServer();
  try {
    const headers = await signIn(demo.url, 'daibieu.mongcai', DEMO_PASSWORD);
    const [snapshot] = await demo.deps.db.select().from(oversightSnapshots).limit(1);
    const measure = async (suffix: string) => {
      const times: number[] = [];
      let size = 0;
      for (let i = 0; i < PACK_RUNS; i++) {
        const t = await timed(async () =>
          (await fetch(`${demo.url}/api/oversight/snapshots/${snapshot!.id}${suffix}`, { headers })).arrayBuffer(),
        );
        times.push(t.ms);
        size = t.value.byteLength;
      }
      times.sort((a, b) => a - b);
      return { p50: percentile(times, 50), size };
    };
    const base = await measure('');
    lines.push(`briefing pack of one snapshot (${PACK_RUNS} runs each), baseline: reading the snapshot ${ms(base.p50)}`);
    for (const kind of ['pack.docx', 'pack.xlsx', 'pack.pdf']) {
      const m = await measure(`/${kind}`);
      lines.push(
        `  ${kind.padEnd(10)} p50 ${ms(m.p50)} = ${(m.p50 / base.p50).toFixed(1)}× baseline, ${(m.size / 1024).toFixed(0)} KB`,
      );
    }
  } finally {
    await demo.close();
  }
  return { name: 'Excel import and briefing pack generation', lines };
}
