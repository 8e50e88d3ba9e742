/**
 * "What if this draft were published", country-wide: 3,321 communes × 24 months of values for the
 * national 2021–2025 set (one commune in ten also aims at the advanced set), loaded once into
 * memory, and a draft that raises the income threshold (criterion 10) by 3 million đồng for every
 * class. The timed run does what the endpoint does per month after its one statement — choose each
 * commune's sets now and with the draft published (`subjectsFor`), then `compareSets` — for all 24
 * months (target < 1 s).
 * Baselines in the same run, on the same values: one plain compact evaluation of every
 * commune-month under the current set, and the full reason-producing `evaluate()` of both sides.
 * Then the endpoint itself, over HTTP, for one month of a generated country (PGlite), against its one
 * loading statement run alone.
 */
import { desc, eq } from 'drizzle-orm';
import { assessments, criteriaSets } from '../src/db/schema';
import type { SetCandidate } from '../src/domain/criteria/applicable';
import { CompiledSetCache, evaluate, evaluateCompact, packValues } from '../src/domain/criteria/engine';
import { CriteriaSetDoc, type IndicatorValue } from '../src/domain/criteria/schema';
import { compareSets, subjectsFor, type CommuneFigures, type WhatIfReport } from '../src/domain/criteria/what-if';
import { demoValue } from '../src/seed/demo-criteria';
import { communeValues } from '../src/features/criteria/what-if-queries';
import { rng } from '../src/shared/rng';
import { TestClient } from '../src/testing/client';
import { startScaleServer } from './scale-env';
import baseJson from '../src/seed/criteria/vn-ntm-xa-2021-2025.json';
import advancedJson from '../src/seed/criteria/vn-ntm-xa-nang-cao-2021-2025.json';

const COMMUNES = Number(process.env.BENCH_COMMUNES ?? 3321);
/** Also time the endpoint itself over a generated country (PGlite): BENCH_WHATIF_DB=0 to skip. */
const WITH_DB = process.env.BENCH_WHATIF_DB !== '0';
const MONTHS = Number(process.env.BENCH_MONTHS ?? 24);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TARGET_MS = 1000;
const REGIONS = ['TDMNPB', 'DBSH', 'BTB', 'DHNTB', 'TN', 'DNB', 'DBSCL'];
const COUNTRY = 1;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

function monthList(last: string, count: number): string[] {
  const [y, m] = last.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(y, m - count + i, 1)).toISOString().slice(0, 7));
}

type Row = SetCandidate & { id: number; document: CriteriaSetDoc };
const row = (id: number, doc: CriteriaSetDoc): Row => ({
  id,
  code: doc.code,
  version: doc.version,
  level: doc.level,
  derivation: doc.derivation?.kind ?? null,
  baseCode: doc.derivation?.baseCode ?? null,
  ownerUnitId: COUNTRY,
  effectiveFrom: doc.effectiveFrom,
  effectiveTo: doc.effectiveTo,
  document: doc,
});

/**
 * The endpoint end to end over HTTP for one month and the whole country (a generated PGlite
 * database of the same size), against its one loading statement run alone.
 */
async function endpointOverCountry(): Promise<string[]> {
  const env = await startScaleServer({ kind: 'pglite', communes: COMMUNES, months: 2, valueMonths: 2 });
  try {
    const month = env.summary.lastMonth;
    const client = TestClient.overHttp(env.url);
    await client.login(env.summary.nationalUser, env.summary.password);
    const [latest] = await env.deps.db
      .select({ setId: assessments.setId })
      .from(assessments)
      .where(eq(assessments.status, 'verified'))
      .orderBy(desc(assessments.period))
      .limit(1);
    const draft = (await client.post<{ id: number; rowVersion: number }>(`/api/criteria-sets/${latest!.setId}/drafts`)).body;
    const doc = (await client.get<CriteriaSetDoc>(`/api/criteria-sets/${draft.id}/export`)).body;
    const raised = doc.criteria
      .flatMap((c) => c.indicators)
      .find((i) => i.type === 'number' && i.thresholds.every((t) => t.op === '>='))!;
    raised.thresholds = raised.thresholds.map((t) => ({ ...t, value: (t.value ?? 0) * 1.1 }));
    await client.request('PUT', `/api/criteria-sets/${draft.id}`, { rowVersion: draft.rowVersion, document: doc });
    const owners = (await env.deps.db.selectDistinct({ id: criteriaSets.ownerUnitId }).from(criteriaSets)).map((r) => r.id);
    const path = `/api/criteria-sets/${draft.id}/what-if?month=${month}`;
    const first = await client.get<{ unitCount: number; changed: unknown[] }>(path);
    if (first.status !== 200) throw new Error(`what-if answered ${first.status}: ${first.text.slice(0, 200)}`);
    const http: number[] = [];
    const load: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      let t = performance.now();
      await client.get(path);
      http.push(performance.now() - t);
      t = performance.now();
      await communeValues(env.deps.db, env.summary.countryId, month, owners);
      load.push(performance.now() - t);
    }
    const ep = median(http);
    const stmt = median(load);
    return [
      `endpoint GET /what-if, whole country, ${formatMonthVi(month)} (${first.body.unitCount.toLocaleString('en-US')} communes, indicator ${raised.code} +10 %): ` +
        `${ep.toFixed(0)} ms (target < ${TARGET_MS} ms) ${ep < TARGET_MS ? 'PASS' : 'FAIL'}; ${first.body.changed.length.toLocaleString('vi-VN')} communes change`,
      `baseline, its one loading statement alone: ${stmt.toFixed(0)} ms → the endpoint = ${(ep / stmt).toFixed(2)}× the statement (database generated in ${env.seedSeconds.toFixed(0)} s)`,
    ];
  } finally {
    await env.close();
  }
}

const formatMonthVi = (ym: string) => `${ym.slice(5)}/${ym.slice(0, 4)}`;

export async function benchWhatIf() {
  const base = CriteriaSetDoc.parse(baseJson);
  const advanced = CriteriaSetDoc.parse(advancedJson);
  const draft = structuredClone(base);
  draft.version = base.version + 1;
  const income = draft.criteria.find((c) => c.number === '10')!.indicators[0]!;
  income.thresholds = income.thresholds.map((t) => ({ ...t, value: (t.value ?? 0) + 3 }));
  const published = [row(1, base), row(2, advanced)];
  const withDraft = [...published, row(3, draft)];

  // Values, loaded once: each commune a stable profile, each month a copy with a few indicators redrawn
  // (income, two more) — the shape the database statement returns, one object per commune-month.
  const months = monthList('2025-12', MONTHS);
  const indicators = advanced.criteria.flatMap((c) => c.indicators);
  const redrawn = indicators.filter((i) => i.code === '10' || i.code === '13.1' || i.code === '17.2');
  const rand = rng(2026);
  const communes = Array.from({ length: COMMUNES }, (_, k) => ({
    unitId: k + 10,
    name: `xã Thử Nghiệm ${k + 1}`,
    cls: REGIONS[k % REGIONS.length]!,
    target: k % 10 === 0 ? ('advanced' as const) : ('ntm' as const),
  }));
  const t0 = performance.now();
  const values: Record<string, IndicatorValue>[][] = communes.map((c) => {
    const profile = Object.fromEntries(indicators.map((i) => [i.code, demoValue(i, c.cls, 2024, rand() < 0.93, rand)]));
    return months.map((m) => {
      const year = Number(m.slice(0, 4));
      const v = { ...profile };
      for (const i of redrawn) v[i.code] = demoValue(i, c.cls, year, rand() < 0.8, rand);
      return v;
    });
  });
  const generateMs = performance.now() - t0;

  const compiled = new CompiledSetCache();
  const owners = [COUNTRY];
  /** The whole country, every month: what the endpoint does once per month, after the values are loaded. */
  const whatIfAllMonths = (): WhatIfReport[] =>
    months.map((m, mi) => {
      const period = `${m}-01`;
      const rows: CommuneFigures[] = communes.map((c, ci) => ({
        unitId: c.unitId,
        name: c.name,
        type: 'commune',
        period,
        target: c.target,
        classes: { region7: c.cls },
        classCode: c.cls,
        owners,
        values: values[ci]![mi]!,
      }));
      return compareSets(subjectsFor(rows, published, withDraft, compiled).subjects);
    });

  /** Baseline: one compact evaluation of every commune-month under the current set (pack + evaluate). */
  const plainPass = () => {
    let met = 0;
    months.forEach((m, mi) => {
      const year = Number(m.slice(0, 4));
      communes.forEach((c, ci) => {
        const set = compiled.get(base, c.cls, year);
        met += evaluateCompact(set, packValues(set, values[ci]![mi]!)).criteriaMet;
      });
    });
    return met;
  };

  /** Baseline: the reason-producing path, both sides, every commune-month. */
  const fullPath = () => {
    let moved = 0;
    months.forEach((m, mi) => {
      const year = Number(m.slice(0, 4));
      communes.forEach((c, ci) => {
        const v = values[ci]![mi]!;
        const a = evaluate(compiled.get(base, c.cls, year), v);
        const b = evaluate(compiled.get(draft, c.cls, year), v);
        if (a.criteria.some((x, i) => x.met !== b.criteria[i]!.met)) moved++;
      });
    });
    return moved;
  };

  whatIfAllMonths(); // warm: compile the sets, let the JIT settle
  const whatIfMs: number[] = [];
  const plainMs: number[] = [];
  let reports: WhatIfReport[] = [];
  let plainMet = 0;
  for (let r = 0; r < ROUNDS; r++) {
    let t = performance.now();
    reports = whatIfAllMonths();
    whatIfMs.push(performance.now() - t);
    t = performance.now();
    plainMet = plainPass();
    plainMs.push(performance.now() - t);
  }
  const t = performance.now();
  const fullMoved = fullPath();
  const fullMs = performance.now() - t;

  const changed = reports.reduce((n, r) => n + r.changed.length, 0);
  const movedCriteria = reports.reduce(
    (n, r) => n + r.changed.filter((u) => u.criteria.some((c) => c.level === 'ntm')).length,
    0,
  );
  if (movedCriteria !== fullMoved)
    throw new Error(`what-if and the full path disagree: ${movedCriteria} ≠ ${fullMoved} communes`);
  const beforeMet = reports.reduce((n, r) => n + r.before.criteriaMetSum, 0);
  if (beforeMet !== plainMet) throw new Error(`what-if "before" and the plain pass disagree: ${beforeMet} ≠ ${plainMet}`);

  const dbLines = WITH_DB ? await endpointOverCountry() : ['endpoint over a generated database: skipped (BENCH_WHATIF_DB=0)'];
  const ours = median(whatIfMs);
  const plain = median(plainMs);
  const last = reports[reports.length - 1]!;
  const cells = (COMMUNES * MONTHS).toLocaleString('vi-VN');
  return {
    name: `what-if — ${COMMUNES.toLocaleString('en-US')} xã × ${MONTHS} tháng (${cells} lượt), bộ tiêu chí quốc gia 2021–2025, ngưỡng thu nhập +3`,
    lines: [
      `values generated and held in memory: ${generateMs.toFixed(0)} ms (not timed below); RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`,
      `what-if ${COMMUNES.toLocaleString('en-US')} × ${MONTHS} months: ${ours.toFixed(0)} ms (target < ${TARGET_MS} ms) ${ours < TARGET_MS ? 'PASS' : 'FAIL'}` +
        `  — median of ${ROUNDS}, ${(ours / MONTHS).toFixed(1)} ms a month`,
      `baseline, one plain compact pass (current set only): ${plain.toFixed(0)} ms → what-if = ${(ours / plain).toFixed(2)}× a plain pass`,
      `baseline, full evaluate() with reasons, both sides: ${fullMs.toFixed(0)} ms → what-if ${(fullMs / ours).toFixed(1)}× faster`,
      `communes changing over the 24 months: ${changed.toLocaleString('vi-VN')} (criterion gained or lost: ${movedCriteria.toLocaleString('vi-VN')}); ` +
        `${months[months.length - 1]}: standard ${last.before.standardCount} → ${last.after.standardCount}, ` +
        `average criteria ${last.before.averageCriteria!.toFixed(2)} → ${last.after.averageCriteria!.toFixed(2)}`,
      ...dbLines,
    ],
  };
}
