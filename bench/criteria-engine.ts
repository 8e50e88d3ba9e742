/**
 * Criteria engine throughput and memory: 10,000 units × the 74-indicator advanced set, compiled once,
 * against the same rules run by json-rules-engine in the same process. Prints units/second for both
 * and the speed ratio (a ratio, not an absolute, is what this benchmark asserts nothing about).
 */
import { Engine } from 'json-rules-engine';
import { compileSet, evaluate, numericValue, pickThreshold } from '../src/domain/criteria/engine';
import { CriteriaSetDoc, type IndicatorValue } from '../src/domain/criteria/schema';
import { demoValue } from '../src/seed/demo-criteria';
import advanced from '../src/seed/criteria/vn-ntm-xa-nang-cao-2021-2025.json';

const UNITS = Number(process.env.BENCH_UNITS ?? 10_000);
const CLS = 'TDMNPB';
const YEAR = 2022;

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function benchCriteriaEngine() {
  const doc = CriteriaSetDoc.parse(advanced);
  const indicators = doc.criteria.flatMap((c) => c.indicators);
  const rand = rng(42);
  const units: Record<string, IndicatorValue>[] = Array.from({ length: UNITS }, () =>
    Object.fromEntries(indicators.map((i) => [i.code, demoValue(i, CLS, YEAR, rand() < 0.8, rand)])),
  );

  // Ours: compile once, evaluate every unit (results kept, to measure what they weigh).
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let t0 = performance.now();
  const compiled = compileSet(doc, CLS, YEAR);
  const results = units.map((values) => evaluate(compiled, values));
  const oursMs = performance.now() - t0;
  gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  const met = results.reduce((n, r) => n + r.indicatorsMet, 0);

  // json-rules-engine: one rule per indicator, facts are the comparable numbers.
  const engine = new Engine([], { allowUndefinedFacts: true });
  const OPS: Record<string, string> = {
    '>=': 'greaterThanInclusive',
    '<=': 'lessThanInclusive',
    '>': 'greaterThan',
    '<': 'lessThan',
    '=': 'equal',
  };
  for (const ind of indicators) {
    const t = pickThreshold(ind.thresholds, CLS, YEAR)!;
    const [operator, value] =
      ind.type === 'boolean'
        ? ['equal', t.expect ? 1 : 0]
        : ind.type === 'k_of_n'
          ? ['greaterThanInclusive', t.k!]
          : [OPS[t.op!]!, t.value!];
    engine.addRule({
      conditions: { all: [{ fact: ind.code, operator, value }] },
      event: { type: 'met', params: { code: ind.code } },
    });
  }
  t0 = performance.now();
  let metJre = 0;
  for (const values of units) {
    const facts = Object.fromEntries(indicators.map((i) => [i.code, numericValue(i.type, i, values[i.code]!)]));
    const { events } = await engine.run(facts);
    metJre += events.length;
  }
  const jreMs = performance.now() - t0;

  if (met !== metJre) throw new Error(`engines disagree: ${met} vs ${metJre} indicators met`);
  const oursRate = UNITS / (oursMs / 1000);
  const jreRate = UNITS / (jreMs / 1000);
  return {
    name: `criteria engine — ${UNITS.toLocaleString('vi-VN')} đơn vị × ${indicators.length} chỉ tiêu`,
    lines: [
      `Đồng Lòng engine:    ${oursMs.toFixed(0).padStart(7)} ms  ${oursRate.toFixed(0).padStart(9)} units/s`,
      gc
        ? `memory: ${((heapAfter - heapBefore) / 1048576).toFixed(1)} MB for ${UNITS.toLocaleString('vi-VN')} full results (${((heapAfter - heapBefore) / UNITS / 1024).toFixed(1)} KB/unit); RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`
        : 'memory: run with node --expose-gc for a retained-heap figure',
      `json-rules-engine:   ${jreMs.toFixed(0).padStart(7)} ms  ${jreRate.toFixed(0).padStart(9)} units/s`,
      `ratio (ours / json-rules-engine): ${(oursRate / jreRate).toFixed(1)}× faster; both found ${met.toLocaleString('vi-VN')} indicators met`,
    ],
  };
}
