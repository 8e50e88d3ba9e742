/**
 * Criteria engine throughput and memory: 10,000 units × the 74-indicator advanced set, compiled once.
 * Three baselines run in the same process on the same values: json-rules-engine (target: the compact
 * path ≥ 200× faster), a bare typed-array loop over the packed values, thresholds and operators
 * (target: the compact path within 10× of it) and the object-shaped `evaluate()`. Retained heap of the
 * compact results is measured with --expose-gc (target ≤ 1 KB per unit). Ratios, not absolutes, matter.
 */
import { Engine } from 'json-rules-engine';
import {
  CompactResults,
  OP_EQ,
  OP_GE,
  OP_GT,
  OP_LE,
  OP_LT,
  compileSet,
  createPacked,
  evaluate,
  evaluateCompact,
  numericValue,
  packValues,
  pickThreshold,
  type CompiledSet,
  type PackedValues,
} from '../src/domain/criteria/engine';
import { CriteriaSetDoc, type IndicatorValue } from '../src/domain/criteria/schema';
import { demoValue } from '../src/seed/demo-criteria';
import advanced from '../src/seed/criteria/vn-ntm-xa-nang-cao-2021-2025.json';

const UNITS = Number(process.env.BENCH_UNITS ?? 10_000);
/** Rounds of the fast loops (compact and bare), interleaved; the median round is reported. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 31);
const CLS = 'TDMNPB';
const YEAR = 2022;
const TARGET_VS_JRE = 200;
const TARGET_VS_BARE = 10;
const TARGET_BYTES_PER_UNIT = 1024;

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const gc = (globalThis as { gc?: () => void }).gc;
/** Heap plus typed-array backing stores (these live outside the JS heap). */
function retained(): number {
  gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** The floor: one comparison per indicator over the same packed values, thresholds and operators, no statuses kept. */
function bareLoop(set: CompiledSet, packed: PackedValues, units: number): number {
  const { op, limit } = set;
  const values = packed.values;
  const n = op.length;
  let met = 0;
  for (let u = 0; u < units; u++) {
    const o = u * n;
    for (let i = 0; i < n; i++) {
      const x = values[o + i]!;
      const t = limit[i]!;
      switch (op[i]) {
        case OP_GE:
          if (x >= t) met++;
          break;
        case OP_GT:
          if (x > t) met++;
          break;
        case OP_LE:
          if (x <= t) met++;
          break;
        case OP_LT:
          if (x < t) met++;
          break;
        case OP_EQ:
          if (x === t) met++;
          break;
        default:
          break;
      }
    }
  }
  return met;
}

function compactRound(set: CompiledSet, packed: PackedValues, units: number, into: CompactResults): number {
  into.length = 0;
  let met = 0;
  for (let u = 0; u < units; u++) met += into.indicatorsMet(into.add(packed, u));
  return met;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

export async function benchCriteriaEngine() {
  const doc = CriteriaSetDoc.parse(advanced);
  const indicators = doc.criteria.flatMap((c) => c.indicators);
  const rand = rng(42);
  const units: Record<string, IndicatorValue>[] = Array.from({ length: UNITS }, () =>
    Object.fromEntries(indicators.map((i) => [i.code, demoValue(i, CLS, YEAR, rand() < 0.8, rand)])),
  );
  const set = compileSet(doc, CLS, YEAR);
  const perUnit = (ms: number) => UNITS / (ms / 1000);
  const rate = (ms: number) => `${ms.toFixed(1).padStart(8)} ms  ${perUnit(ms).toFixed(0).padStart(10)} units/s`;

  // The object-shaped evaluate() as existing callers use it (results kept, to measure what they weigh).
  let before = retained();
  let t0 = performance.now();
  const full = units.map((values) => evaluate(set, values));
  const fullMs = performance.now() - t0;
  const fullBytes = retained() - before;
  const metFull = full.reduce((n, r) => n + r.indicatorsMet, 0);
  full.length = 0;

  // Packing: each unit's values into the set's indicator order, once (median of a few rounds, warm).
  const packed = createPacked(set, UNITS);
  const packRounds: number[] = [];
  for (let r = 0; r < 5; r++) {
    t0 = performance.now();
    units.forEach((values, u) => packValues(set, values, packed, u));
    packRounds.push(performance.now() - t0);
  }
  const packMs = median(packRounds);

  // Compact batch results kept for every unit: the retained-memory figure.
  before = retained();
  const batch = new CompactResults(set, UNITS);
  compactRound(set, packed, UNITS, batch);
  const batchBytes = retained() - before;
  const batchExact = batch.status.byteLength + batch.counts.byteLength;

  // One CompactEvaluation object per unit (the single-unit API), kept.
  before = retained();
  t0 = performance.now();
  const singles = units.map((_, u) => evaluateCompact(set, packed, u));
  const singleMs = performance.now() - t0;
  const singleBytes = retained() - before;
  const metSingle = singles.reduce((n, r) => n + r.indicatorsMet, 0);
  singles.length = 0;

  // Compact vs the bare loop, interleaved rounds on the same packed values.
  const compactMs: number[] = [];
  const bareMs: number[] = [];
  let metCompact = 0;
  let metBare = 0;
  for (let r = 0; r < ROUNDS; r++) {
    t0 = performance.now();
    metCompact = compactRound(set, packed, UNITS, batch);
    compactMs.push(performance.now() - t0);
    t0 = performance.now();
    metBare = bareLoop(set, packed, UNITS);
    bareMs.push(performance.now() - t0);
  }
  const oursMs = median(compactMs);
  const floorMs = median(bareMs);

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

  const counts = [metFull, metSingle, metCompact, metBare, metJre];
  if (new Set(counts).size !== 1) throw new Error(`engines disagree on indicators met: ${counts.join(' / ')}`);

  const vsJre = jreMs / oursMs;
  const vsBare = oursMs / floorMs;
  const endToEndVsJre = jreMs / (packMs + oursMs);
  const evalsPerSec = (ms: number) => `${((UNITS * indicators.length) / (ms / 1000) / 1e6).toFixed(0)} M evaluations/s`;
  const kb = (bytes: number) => `${(bytes / UNITS / 1024).toFixed(2)} KB/unit`;
  return {
    name: `criteria engine — ${UNITS.toLocaleString('vi-VN')} đơn vị × ${indicators.length} chỉ tiêu`,
    lines: [
      `json-rules-engine:              ${rate(jreMs)}`,
      `evaluate() (full objects):      ${rate(fullMs)}   ${gc ? kb(fullBytes) : ''}`,
      `packValues (once per unit):     ${rate(packMs)}   from Record<code, value>`,
      `evaluateCompact (one object):   ${rate(singleMs)}   ${gc ? kb(singleBytes) : ''}`,
      `compact batch (median round):   ${rate(oursMs)}   ${evalsPerSec(oursMs)}`,
      `bare typed-array loop:          ${rate(floorMs)}   ${evalsPerSec(floorMs)}`,
      `ratio compact / json-rules-engine: ${vsJre.toFixed(0)}× faster (target ≥ ${TARGET_VS_JRE}×) ${verdict(vsJre >= TARGET_VS_JRE)}` +
        `; ${endToEndVsJre.toFixed(0)}× counting packValues`,
      `ratio compact / bare loop: ${vsBare.toFixed(1)}× slower (target ≤ ${TARGET_VS_BARE}×) ${verdict(vsBare <= TARGET_VS_BARE)}`,
      gc
        ? `memory: compact results ${kb(batchBytes)} retained (${kb(batchExact)} of typed arrays; target ≤ ${TARGET_BYTES_PER_UNIT / 1024} KB) ${verdict(batchBytes / UNITS <= TARGET_BYTES_PER_UNIT)}; one object per unit ${kb(singleBytes)}; full objects ${kb(fullBytes)}`
        : 'memory: run with node --expose-gc for retained-heap figures',
      `all paths found ${metCompact.toLocaleString('vi-VN')} indicators met; RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`,
    ],
  };
}
