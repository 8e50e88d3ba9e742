/**
 * The evaluation engine: pure and deterministic. `compileSet` resolves, once per (set, class, year),
 * which threshold applies to each indicator and lays the set out as flat typed arrays (operator,
 * limit, kind, criterion boundaries). A unit's values are packed once into a `PackedValues`
 * (a Float64Array in indicator order plus a flag per indicator); `evaluateCompact` then writes a
 * status code per indicator and counts per criterion without allocating anything per indicator.
 * Reasons, shortfalls and the object-shaped `Evaluation` are built only when asked (`expandEvaluation`,
 * `evaluate`). A criterion is met when none of its indicators is unmet or missing: each is met or,
 * where the set allows it, "not applicable"; the standard is attained when all criteria are met.
 * Missing values count as not met and are reported as missing. A "not applicable" indicator counts
 * as met (`counts: 'met'`) or leaves the criterion's denominator (`counts: 'excluded'`); a criterion
 * whose indicators are all excluded is met. "Not applicable" on an indicator that does not allow it
 * is missing (reason `not_applicable_not_allowed`).
 */
import {
  isNotApplicable,
  isRatioValue,
  type CriteriaSetDoc,
  type Indicator,
  type IndicatorType,
  type IndicatorValue,
  type ThresholdRule,
} from './schema';

/**
 * Status codes of the compact result: the code is the index. Adding a status means one more entry
 * here, its case in `evaluateInto` and the rule for when a criterion is met; the count layout
 * follows the length of this list.
 */
export const STATUS_CODES = ['met', 'unmet', 'missing', 'not_applicable'] as const;
export type IndicatorStatus = (typeof STATUS_CODES)[number];
export type StatusCode = 0 | 1 | 2 | 3;
export const MET: StatusCode = 0;
export const UNMET: StatusCode = 1;
export const MISSING: StatusCode = 2;
export const NOT_APPLICABLE: StatusCode = 3;
const STATUSES = STATUS_CODES.length;
/** Each row of counts: one per status, then how many "not applicable" indicators left the denominator. */
const EXCLUDED = STATUSES;
const ROW = STATUSES + 1;

/** How an indicator may be "not applicable" in the compiled set. */
export const NA_NOT_ALLOWED = 0;
export const NA_COUNTS_MET = 1;
export const NA_EXCLUDED = 2;

export const REASONS = [
  'ok',
  'no_value',
  'no_threshold',
  'invalid_value',
  'below_threshold',
  'above_threshold',
  'not_equal',
  'expected_yes',
  'expected_no',
  'level_below',
  'items_short',
  'not_applicable',
  'not_applicable_not_allowed',
] as const;
export type Reason = (typeof REASONS)[number];

export type ResolvedThreshold = {
  op?: ThresholdRule['op'];
  value?: number;
  expect?: boolean;
  level?: string;
  k?: number;
  verified: boolean;
};

export type IndicatorResult = {
  code: string;
  criterion: string;
  status: IndicatorStatus;
  reason: Reason;
  /** The comparable actual value: number (ratios as %), level index, item count or 1/0. */
  actual: number | null;
  threshold: ResolvedThreshold | null;
  /** How far from the threshold, in the indicator's unit (≥ 0); 0 when met. */
  shortfall: number | null;
};

export type CriterionResult = {
  number: string;
  met: boolean;
  /** Met indicators, with the "not applicable" ones the set counts as met. */
  indicatorsMet: number;
  /** The denominator: the criterion's indicators but the "not applicable" ones the set excludes. */
  indicatorsTotal: number;
  indicatorsNotApplicable: number;
  indicators: IndicatorResult[];
};

export type Evaluation = {
  criteriaMet: number;
  criteriaTotal: number;
  indicatorsMet: number;
  indicatorsTotal: number;
  indicatorsMissing: number;
  indicatorsNotApplicable: number;
  standardMet: boolean;
  criteria: CriterionResult[];
  gaps: IndicatorResult[];
};

/** Comparison codes of the compiled set; every indicator kind reduces to one of them. */
export const OP_NONE = 0;
export const OP_GE = 1;
export const OP_GT = 2;
export const OP_LE = 3;
export const OP_LT = 4;
export const OP_EQ = 5;
const OP_CODES: Record<NonNullable<ThresholdRule['op']>, number> = {
  '>=': OP_GE,
  '>': OP_GT,
  '<=': OP_LE,
  '<': OP_LT,
  '=': OP_EQ,
};

/** Per-indicator flags of packed values: why a value is or is not there (for the reason, not the status). */
export const VALUE_ABSENT = 0;
export const VALUE_PRESENT = 1;
export const VALUE_INVALID = 2;
/** "Not applicable" on an indicator whose set allows it. */
export const VALUE_NOT_APPLICABLE = 3;
/** "Not applicable" on an indicator whose set does not allow it (missing, with its own reason). */
export const VALUE_NOT_APPLICABLE_REFUSED = 4;

/** The counts are Uint16: a set larger than this could overflow them. */
const MAX_INDICATORS = 0xffff;

/**
 * A set compiled for one class and year. Indicators are numbered in set order (criterion by
 * criterion); criterion `c` owns indicators `criterionStart[c]` up to `criterionStart[c + 1]`.
 */
export type CompiledSet = {
  readonly code: string;
  readonly version: number;
  readonly cls: string;
  readonly year: number;
  readonly codes: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly criterionNumbers: readonly string[];
  readonly criterionStart: Uint32Array;
  /** The criterion (index) of each indicator. */
  readonly criterionOf: Uint16Array;
  /** KIND_* code per indicator. */
  readonly kind: Uint8Array;
  readonly op: Uint8Array;
  /** The number the packed value is compared with (1/0 for booleans, the level index, k). */
  readonly limit: Float64Array;
  readonly thresholds: readonly (ResolvedThreshold | null)[];
  /** The reason given when the indicator is unmet. */
  readonly unmetReason: readonly Reason[];
  /** NA_* per indicator: whether "not applicable" is allowed and how it counts. */
  readonly notApplicable: Uint8Array;
  /** Level name → index (level indicators), known item codes (k_of_n), for packing. */
  readonly levels: readonly (ReadonlyMap<string, number> | null)[];
  readonly items: readonly (ReadonlySet<unknown> | null)[];
  /** Length of one unit's counts: [criteria met, totals row, one row per criterion]; a row is a count per status, then excluded. */
  readonly countsLength: number;
};

/** The most specific rule for this class and year: a class-specific rule beats a general one, a narrower year range a wider one. */
export function pickThreshold(rules: ThresholdRule[], cls: string, year: number): ThresholdRule | null {
  let best: ThresholdRule | null = null;
  let bestScore = -1;
  for (const r of rules) {
    if (r.classes && !r.classes.includes(cls)) continue;
    if (r.fromYear !== undefined && year < r.fromYear) continue;
    if (r.toYear !== undefined && year > r.toYear) continue;
    const span = (r.toYear ?? 2100) - (r.fromYear ?? 2000);
    const score = (r.classes ? 1000 : 0) + (200 - Math.min(span, 200));
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best;
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/** Numeric reading of a value for comparison, or null when it does not fit the type. */
export function numericValue(type: IndicatorType, ind: Pick<Indicator, 'levels' | 'items'>, v: IndicatorValue): number | null {
  switch (type) {
    case 'boolean':
      return typeof v === 'boolean' ? (v ? 1 : 0) : null;
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? v : null;
    case 'ratio':
      if (isRatioValue(v) && v.den > 0) return round((v.num / v.den) * 100);
      return null;
    case 'level': {
      const i = typeof v === 'string' ? (ind.levels?.indexOf(v) ?? -1) : -1;
      return i >= 0 ? i : null;
    }
    case 'k_of_n': {
      if (!Array.isArray(v)) return null;
      const known = new Set(ind.items?.map((i) => i.code));
      return new Set(v.filter((x) => known.has(x))).size;
    }
  }
}

/** Indicator kind codes of the compiled set. */
export const KIND_BOOLEAN = 0;
export const KIND_NUMBER = 1;
export const KIND_RATIO = 2;
export const KIND_LEVEL = 3;
export const KIND_K_OF_N = 4;
const KIND: Record<IndicatorType, number> = {
  boolean: KIND_BOOLEAN,
  number: KIND_NUMBER,
  ratio: KIND_RATIO,
  level: KIND_LEVEL,
  k_of_n: KIND_K_OF_N,
};

type Rule = { op: number; limit: number; unmetReason: Reason };

/** How an indicator's threshold reduces to one comparison; a threshold that cannot be read counts as none. */
function ruleOf(ind: Indicator, t: ResolvedThreshold): Rule | null {
  switch (ind.type) {
    case 'boolean':
      return { op: OP_EQ, limit: t.expect ? 1 : 0, unmetReason: t.expect ? 'expected_yes' : 'expected_no' };
    case 'number':
    case 'ratio': {
      if (t.op === undefined || t.value === undefined) return null;
      const op = OP_CODES[t.op];
      const unmetReason = op === OP_EQ ? 'not_equal' : op === OP_GE || op === OP_GT ? 'below_threshold' : 'above_threshold';
      return { op, limit: t.value, unmetReason };
    }
    case 'level':
      return { op: OP_GE, limit: ind.levels?.indexOf(t.level ?? '') ?? -1, unmetReason: 'level_below' };
    case 'k_of_n':
      return t.k === undefined ? null : { op: OP_GE, limit: t.k, unmetReason: 'items_short' };
  }
}

export function compileSet(doc: CriteriaSetDoc, cls: string, year: number): CompiledSet {
  const inds = doc.criteria.flatMap((c) => c.indicators);
  const n = inds.length;
  if (n > MAX_INDICATORS) throw new Error(`a criteria set may have at most ${MAX_INDICATORS} indicators`);
  const criterionStart = new Uint32Array(doc.criteria.length + 1);
  const criterionOf = new Uint16Array(n);
  doc.criteria.forEach((c, ci) => {
    criterionStart[ci + 1] = criterionStart[ci]! + c.indicators.length;
    criterionOf.fill(ci, criterionStart[ci], criterionStart[ci + 1]);
  });
  const kind = new Uint8Array(n);
  const op = new Uint8Array(n);
  const limit = new Float64Array(n);
  const thresholds: (ResolvedThreshold | null)[] = [];
  const unmetReason: Reason[] = [];
  inds.forEach((ind, i) => {
    const rule = pickThreshold(ind.thresholds, cls, year);
    const threshold: ResolvedThreshold | null = rule
      ? {
          op: rule.op,
          value: rule.value,
          expect: rule.expect,
          level: rule.level,
          k: rule.k,
          verified: rule.verified && ind.verified,
        }
      : null;
    const r = threshold ? ruleOf(ind, threshold) : null;
    kind[i] = KIND[ind.type];
    op[i] = r?.op ?? OP_NONE;
    limit[i] = r?.limit ?? 0;
    thresholds.push(threshold);
    unmetReason.push(r?.unmetReason ?? 'no_threshold');
  });
  const levels = inds.map((ind) => {
    if (ind.type !== 'level') return null;
    const m = new Map<string, number>();
    ind.levels?.forEach((l, li) => {
      if (!m.has(l)) m.set(l, li);
    });
    return m;
  });
  return {
    code: doc.code,
    version: doc.version,
    cls,
    year,
    codes: inds.map((i) => i.code),
    indexOf: new Map(inds.map((ind, i) => [ind.code, i])),
    criterionNumbers: doc.criteria.map((c) => c.number),
    criterionStart,
    criterionOf,
    kind,
    op,
    limit,
    thresholds,
    unmetReason,
    notApplicable: Uint8Array.from(inds, (ind) =>
      ind.notApplicable ? (ind.notApplicable.counts === 'met' ? NA_COUNTS_MET : NA_EXCLUDED) : NA_NOT_ALLOWED,
    ),
    levels,
    items: inds.map((ind) => (ind.type === 'k_of_n' ? new Set<unknown>(ind.items?.map((x) => x.code)) : null)),
    countsLength: 1 + ROW * (1 + doc.criteria.length),
  };
}

/** Values of one unit (or of many, one after the other) in the set's indicator order. */
export type PackedValues = {
  /** The comparable value (as `numericValue` reads it); NaN when absent or invalid. */
  readonly values: Float64Array;
  /** VALUE_PRESENT, VALUE_ABSENT or VALUE_INVALID per indicator. */
  readonly flags: Uint8Array;
};

/** Room for `units` units' packed values (all absent). */
export function createPacked(set: CompiledSet, units = 1): PackedValues {
  const n = set.codes.length * units;
  return { values: new Float64Array(n).fill(NaN), flags: new Uint8Array(n) };
}

/** `numericValue` with the set's precomputed level and item lookups. */
function readValue(set: CompiledSet, i: number, v: IndicatorValue): number | null {
  switch (set.kind[i]) {
    case KIND_BOOLEAN:
      return typeof v === 'boolean' ? (v ? 1 : 0) : null;
    case KIND_NUMBER:
      return typeof v === 'number' && Number.isFinite(v) ? v : null;
    case KIND_RATIO:
      if (isRatioValue(v) && v.den > 0) return round((v.num / v.den) * 100);
      return null;
    case KIND_LEVEL:
      return typeof v === 'string' ? (set.levels[i]?.get(v) ?? null) : null;
    case KIND_K_OF_N: {
      if (!Array.isArray(v)) return null;
      const known = set.items[i]!;
      let count = 0;
      for (let j = 0; j < v.length; j++) if (known.has(v[j]) && v.indexOf(v[j]!) === j) count++;
      return count;
    }
    default:
      return null;
  }
}

/**
 * Packs one unit's values in indicator order, once, so they can be evaluated against the set (and
 * explained) without looking codes up again. Writes into `into` at position `unit` when given.
 */
export function packValues(
  set: CompiledSet,
  values: Readonly<Record<string, IndicatorValue | null | undefined>>,
  into: PackedValues = createPacked(set),
  unit = 0,
): PackedValues {
  const { codes } = set;
  const o = unit * codes.length;
  for (let i = 0; i < codes.length; i++) {
    const v = values[codes[i]!];
    if (isNotApplicable(v)) {
      into.values[o + i] = NaN;
      into.flags[o + i] = set.notApplicable[i] === NA_NOT_ALLOWED ? VALUE_NOT_APPLICABLE_REFUSED : VALUE_NOT_APPLICABLE;
      continue;
    }
    const x = v === undefined || v === null ? null : readValue(set, i, v);
    into.values[o + i] = x ?? NaN;
    into.flags[o + i] = x !== null ? VALUE_PRESENT : v === undefined || v === null ? VALUE_ABSENT : VALUE_INVALID;
  }
  return into;
}

/**
 * The kernel: evaluates unit `unit` of `input` and writes a status code per indicator at
 * `status[statusOffset…]` and the unit's counts at `counts[countsOffset…]` (layout: criteria met, the
 * totals row, then a row per criterion; a row is the count per status, then how many "not
 * applicable" indicators left the denominator). No allocation.
 */
export function evaluateInto(
  set: CompiledSet,
  input: PackedValues,
  unit: number,
  status: Uint8Array,
  statusOffset: number,
  counts: Uint16Array,
  countsOffset: number,
): void {
  const { op, limit, criterionStart, notApplicable } = set;
  const values = input.values;
  const flags = input.flags;
  const vo = unit * op.length;
  const criteria = criterionStart.length - 1;
  const totals = countsOffset + 1;
  let criteriaMet = 0;
  let allMet = 0;
  let allUnmet = 0;
  let allMissing = 0;
  let allNa = 0;
  let allExcluded = 0;
  for (let ci = 0; ci < criteria; ci++) {
    const start = criterionStart[ci]!;
    const end = criterionStart[ci + 1]!;
    let met = 0;
    let unmet = 0;
    let missing = 0;
    let na = 0;
    let excluded = 0;
    for (let i = start; i < end; i++) {
      let s: StatusCode = MISSING;
      const flag = flags[vo + i];
      if (flag === VALUE_PRESENT) {
        const x = values[vo + i]!;
        const t = limit[i]!;
        switch (op[i]) {
          case OP_GE:
            s = x >= t ? MET : UNMET;
            break;
          case OP_GT:
            s = x > t ? MET : UNMET;
            break;
          case OP_LE:
            s = x <= t ? MET : UNMET;
            break;
          case OP_LT:
            s = x < t ? MET : UNMET;
            break;
          case OP_EQ:
            s = x === t ? MET : UNMET;
            break;
          default: // OP_NONE: no threshold applies, the indicator stays missing
            break;
        }
      } else if (flag === VALUE_NOT_APPLICABLE) {
        s = NOT_APPLICABLE;
        if (notApplicable[i] === NA_EXCLUDED) excluded++;
      }
      status[statusOffset + i] = s;
      if (s === MET) met++;
      else if (s === UNMET) unmet++;
      else if (s === MISSING) missing++;
      else na++;
    }
    const row = totals + ROW * (1 + ci);
    counts[row + MET] = met;
    counts[row + UNMET] = unmet;
    counts[row + MISSING] = missing;
    counts[row + NOT_APPLICABLE] = na;
    counts[row + EXCLUDED] = excluded;
    allMet += met;
    allUnmet += unmet;
    allMissing += missing;
    allNa += na;
    allExcluded += excluded;
    // Every indicator met or not applicable (so a criterion whose indicators are all excluded is met).
    if (unmet === 0 && missing === 0) criteriaMet++;
  }
  counts[countsOffset] = criteriaMet;
  counts[totals + MET] = allMet;
  counts[totals + UNMET] = allUnmet;
  counts[totals + MISSING] = allMissing;
  counts[totals + NOT_APPLICABLE] = allNa;
  counts[totals + EXCLUDED] = allExcluded;
}

/** One unit's compact result: a status code per indicator and the counts; no per-indicator objects. */
export class CompactEvaluation {
  readonly set: CompiledSet;
  /** Status code per indicator, in the set's order. */
  readonly status: Uint8Array;
  /** See `evaluateInto` for the layout. */
  readonly counts: Uint16Array;

  constructor(set: CompiledSet, status: Uint8Array, counts: Uint16Array) {
    this.set = set;
    this.status = status;
    this.counts = counts;
  }
  get criteriaMet(): number {
    return this.counts[0]!;
  }
  get criteriaTotal(): number {
    return this.set.criterionNumbers.length;
  }
  /** Met indicators, with the "not applicable" ones counted as met. */
  get indicatorsMet(): number {
    return this.counts[1 + MET]! + this.counts[1 + NOT_APPLICABLE]! - this.counts[1 + EXCLUDED]!;
  }
  /** The denominator: every indicator but the "not applicable" ones that leave it. */
  get indicatorsTotal(): number {
    return this.status.length - this.counts[1 + EXCLUDED]!;
  }
  get indicatorsMissing(): number {
    return this.counts[1 + MISSING]!;
  }
  get indicatorsNotApplicable(): number {
    return this.counts[1 + NOT_APPLICABLE]!;
  }
  get standardMet(): boolean {
    return this.criteriaMet === this.criteriaTotal;
  }
  /** Status of indicator `i` (set order). */
  statusAt(i: number): IndicatorStatus {
    return STATUS_CODES[this.status[i]!]!;
  }
  /** Status by indicator code, or undefined when the set has no such indicator. */
  statusOf(code: string): IndicatorStatus | undefined {
    const i = this.set.indexOf.get(code);
    return i === undefined ? undefined : this.statusAt(i);
  }
  /** How many of criterion `ci`'s indicators have status `s`. */
  criterionCount(ci: number, s: StatusCode): number {
    return this.counts[1 + ROW * (1 + ci) + s]!;
  }
  /** How many of criterion `ci`'s indicators are "not applicable" and leave its denominator. */
  criterionExcluded(ci: number): number {
    return this.counts[1 + ROW * (1 + ci) + EXCLUDED]!;
  }
  criterionSize(ci: number): number {
    return this.set.criterionStart[ci + 1]! - this.set.criterionStart[ci]!;
  }
  /** Met indicators of criterion `ci`, with the "not applicable" ones counted as met. */
  criterionIndicatorsMet(ci: number): number {
    return this.criterionCount(ci, MET) + this.criterionCount(ci, NOT_APPLICABLE) - this.criterionExcluded(ci);
  }
  /** The criterion's denominator: its indicators but the excluded "not applicable" ones. */
  criterionIndicatorsTotal(ci: number): number {
    return this.criterionSize(ci) - this.criterionExcluded(ci);
  }
  criterionMet(ci: number): boolean {
    return this.criterionCount(ci, UNMET) === 0 && this.criterionCount(ci, MISSING) === 0;
  }
}

/** Evaluates one unit's packed values (position `unit` of `input`) into a fresh compact result. */
export function evaluateCompact(set: CompiledSet, input: PackedValues, unit = 0): CompactEvaluation {
  const status = new Uint8Array(set.codes.length);
  const counts = new Uint16Array(set.countsLength);
  evaluateInto(set, input, unit, status, 0, counts, 0);
  return new CompactEvaluation(set, status, counts);
}

/**
 * Compact results of many units against one set in two shared typed arrays (≈ one byte per indicator
 * and a few counts per unit), for bulk work such as seeding, recomputing and benchmarks.
 */
export class CompactResults {
  readonly set: CompiledSet;
  readonly status: Uint8Array;
  readonly counts: Uint16Array;
  length = 0;

  constructor(set: CompiledSet, capacity: number) {
    this.set = set;
    this.status = new Uint8Array(capacity * set.codes.length);
    this.counts = new Uint16Array(capacity * set.countsLength);
  }
  /** Evaluates position `unit` of `input` as the next result; returns its index. */
  add(input: PackedValues, unit = 0): number {
    const k = this.length++;
    evaluateInto(this.set, input, unit, this.status, k * this.set.codes.length, this.counts, k * this.set.countsLength);
    return k;
  }
  criteriaMet(k: number): number {
    return this.counts[k * this.set.countsLength]!;
  }
  indicatorsMet(k: number): number {
    const o = k * this.set.countsLength + 1;
    return this.counts[o + MET]! + this.counts[o + NOT_APPLICABLE]! - this.counts[o + EXCLUDED]!;
  }
  indicatorsMissing(k: number): number {
    return this.counts[k * this.set.countsLength + 1 + MISSING]!;
  }
  /** Result `k` as a `CompactEvaluation` over views of the shared arrays (no copy). */
  at(k: number): CompactEvaluation {
    const n = this.set.codes.length;
    const c = this.set.countsLength;
    return new CompactEvaluation(this.set, this.status.subarray(k * n, (k + 1) * n), this.counts.subarray(k * c, (k + 1) * c));
  }
}

/** The full result for indicator `i` of a compact evaluation: reason, actual value, shortfall. */
export function indicatorResult(result: CompactEvaluation, input: PackedValues, i: number, unit = 0): IndicatorResult {
  const set = result.set;
  const criterion = set.criterionNumbers[set.criterionOf[i]!]!;
  const code = set.codes[i]!;
  const threshold = set.thresholds[i]!;
  const s = result.status[i]!;
  const o = unit * set.codes.length + i;
  if (s === NOT_APPLICABLE)
    return { code, criterion, threshold, status: 'not_applicable', reason: 'not_applicable', actual: null, shortfall: null };
  if (s === MISSING) {
    const flag = input.flags[o];
    const reason: Reason =
      flag === VALUE_NOT_APPLICABLE_REFUSED
        ? 'not_applicable_not_allowed'
        : set.op[i] === OP_NONE
          ? 'no_threshold'
          : flag === VALUE_ABSENT
            ? 'no_value'
            : 'invalid_value';
    return { code, criterion, threshold, status: 'missing', reason, actual: null, shortfall: null };
  }
  const x = input.values[o]!;
  if (s === MET) return { code, criterion, threshold, status: 'met', reason: 'ok', actual: x, shortfall: 0 };
  const t = set.limit[i]!;
  const op = set.op[i];
  const shortfall = op === OP_EQ ? Math.abs(x - t) : op === OP_GE || op === OP_GT ? t - x : x - t;
  return { code, criterion, threshold, status: 'unmet', reason: set.unmetReason[i]!, actual: x, shortfall: round(shortfall) };
}

/** The object-shaped `Evaluation` of a compact result (reasons, shortfalls, gaps), built on request. */
export function expandEvaluation(result: CompactEvaluation, input: PackedValues, unit = 0): Evaluation {
  const set = result.set;
  const gaps: IndicatorResult[] = [];
  const criteria: CriterionResult[] = new Array<CriterionResult>(set.criterionNumbers.length);
  for (let ci = 0; ci < criteria.length; ci++) {
    const start = set.criterionStart[ci]!;
    const end = set.criterionStart[ci + 1]!;
    const indicators: IndicatorResult[] = new Array<IndicatorResult>(end - start);
    for (let i = start; i < end; i++) {
      const r = indicatorResult(result, input, i, unit);
      indicators[i - start] = r;
      if (r.status === 'unmet' || r.status === 'missing') gaps.push(r);
    }
    criteria[ci] = {
      number: set.criterionNumbers[ci]!,
      met: result.criterionMet(ci),
      indicatorsMet: result.criterionIndicatorsMet(ci),
      indicatorsTotal: result.criterionIndicatorsTotal(ci),
      indicatorsNotApplicable: result.criterionCount(ci, NOT_APPLICABLE),
      indicators,
    };
  }
  return {
    criteriaMet: result.criteriaMet,
    criteriaTotal: result.criteriaTotal,
    indicatorsMet: result.indicatorsMet,
    indicatorsTotal: result.indicatorsTotal,
    indicatorsMissing: result.indicatorsMissing,
    indicatorsNotApplicable: result.indicatorsNotApplicable,
    standardMet: result.standardMet,
    criteria,
    gaps,
  };
}

/** Evaluates one unit's values with reasons and shortfalls (the compact path, expanded). */
export function evaluate(set: CompiledSet, values: Readonly<Record<string, IndicatorValue | undefined>>): Evaluation {
  const input = packValues(set, values);
  return expandEvaluation(evaluateCompact(set, input), input);
}

/** Attainment across the levels a unit is assessed on: each level requires the one below it. */
export function attainment(
  levels: { level: 'ntm' | 'advanced' | 'model' | 'modern'; evaluation: Pick<Evaluation, 'standardMet'> }[],
) {
  let previous = true;
  const out: Partial<Record<'ntm' | 'advanced' | 'model' | 'modern', boolean>> = {};
  for (const l of levels) {
    previous = previous && l.evaluation.standardMet;
    out[l.level] = previous;
  }
  return out;
}

/** A compiled-set cache keyed by set, class and year (sets are immutable once published). */
export class CompiledSetCache {
  private readonly cache = new Map<string, CompiledSet>();
  get(doc: CriteriaSetDoc, cls: string, year: number): CompiledSet {
    const key = `${doc.code}@${doc.version}|${cls}|${year}`;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = compileSet(doc, cls, year);
      this.cache.set(key, hit);
    }
    return hit;
  }
}
