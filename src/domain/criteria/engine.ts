/**
 * The evaluation engine: pure and deterministic. `compileSet` resolves, once per (set, class,
 * year), which threshold applies to each indicator and builds a checker; `evaluate` then runs over
 * any number of units' values. A criterion is met when all its indicators are met; the standard is
 * attained when all criteria are met. Missing values count as not met and are reported as missing.
 */
import type { CriteriaSetDoc, Indicator, IndicatorType, IndicatorValue, ThresholdRule } from './schema';

export type IndicatorStatus = 'met' | 'unmet' | 'missing';
export type Reason =
  | 'ok'
  | 'no_value'
  | 'no_threshold'
  | 'invalid_value'
  | 'below_threshold'
  | 'above_threshold'
  | 'not_equal'
  | 'expected_yes'
  | 'expected_no'
  | 'level_below'
  | 'items_short';

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
  indicatorsMet: number;
  indicatorsTotal: number;
  indicators: IndicatorResult[];
};

export type Evaluation = {
  criteriaMet: number;
  criteriaTotal: number;
  indicatorsMet: number;
  indicatorsTotal: number;
  indicatorsMissing: number;
  standardMet: boolean;
  criteria: CriterionResult[];
  gaps: IndicatorResult[];
};

type Check = (v: IndicatorValue | undefined) => Omit<IndicatorResult, 'code' | 'criterion' | 'threshold'>;
type CompiledIndicator = { code: string; criterion: string; threshold: ResolvedThreshold | null; check: Check };
export type CompiledSet = {
  code: string;
  version: number;
  cls: string;
  year: number;
  criteria: { number: string; indicators: CompiledIndicator[] }[];
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
      if (typeof v === 'object' && v !== null && !Array.isArray(v) && v.den > 0) return round((v.num / v.den) * 100);
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

function compileIndicator(ind: Indicator, criterion: string, cls: string, year: number): CompiledIndicator {
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
  const missing = (reason: Reason) => ({ status: 'missing' as const, reason, actual: null, shortfall: null });
  if (!threshold) return { code: ind.code, criterion, threshold, check: () => missing('no_threshold') };
  const result = (met: boolean, actual: number, reason: Reason, shortfall: number) =>
    met
      ? { status: 'met' as const, reason: 'ok' as const, actual, shortfall: 0 }
      : { status: 'unmet' as const, reason, actual, shortfall: round(shortfall) };

  let test: (x: number) => ReturnType<typeof result>;
  switch (ind.type) {
    case 'boolean': {
      const want = threshold.expect ? 1 : 0;
      test = (x) => result(x === want, x, threshold.expect ? 'expected_yes' : 'expected_no', 1);
      break;
    }
    case 'number':
    case 'ratio': {
      const t = threshold.value!;
      switch (threshold.op!) {
        case '>=':
          test = (x) => result(x >= t, x, 'below_threshold', t - x);
          break;
        case '>':
          test = (x) => result(x > t, x, 'below_threshold', t - x);
          break;
        case '<=':
          test = (x) => result(x <= t, x, 'above_threshold', x - t);
          break;
        case '<':
          test = (x) => result(x < t, x, 'above_threshold', x - t);
          break;
        case '=':
          test = (x) => result(x === t, x, 'not_equal', Math.abs(x - t));
          break;
      }
      break;
    }
    case 'level': {
      const min = ind.levels!.indexOf(threshold.level!);
      test = (x) => result(x >= min, x, 'level_below', min - x);
      break;
    }
    case 'k_of_n': {
      const k = threshold.k!;
      test = (x) => result(x >= k, x, 'items_short', k - x);
      break;
    }
  }
  return {
    code: ind.code,
    criterion,
    threshold,
    check: (v) => {
      if (v === undefined || v === null) return missing('no_value');
      const x = numericValue(ind.type, ind, v);
      if (x === null) return missing('invalid_value');
      return test(x);
    },
  };
}

export function compileSet(doc: CriteriaSetDoc, cls: string, year: number): CompiledSet {
  return {
    code: doc.code,
    version: doc.version,
    cls,
    year,
    criteria: doc.criteria.map((c) => ({
      number: c.number,
      indicators: c.indicators.map((i) => compileIndicator(i, c.number, cls, year)),
    })),
  };
}

export function evaluate(set: CompiledSet, values: Readonly<Record<string, IndicatorValue | undefined>>): Evaluation {
  let criteriaMet = 0;
  let indicatorsMet = 0;
  let indicatorsTotal = 0;
  let indicatorsMissing = 0;
  const gaps: IndicatorResult[] = [];
  const criteria: CriterionResult[] = new Array<CriterionResult>(set.criteria.length);
  for (let ci = 0; ci < set.criteria.length; ci++) {
    const c = set.criteria[ci]!;
    let met = 0;
    const results: IndicatorResult[] = new Array<IndicatorResult>(c.indicators.length);
    for (let ii = 0; ii < c.indicators.length; ii++) {
      const ind = c.indicators[ii]!;
      const r: IndicatorResult = {
        code: ind.code,
        criterion: c.number,
        threshold: ind.threshold,
        ...ind.check(values[ind.code]),
      };
      results[ii] = r;
      if (r.status === 'met') met++;
      else {
        gaps.push(r);
        if (r.status === 'missing') indicatorsMissing++;
      }
    }
    indicatorsMet += met;
    indicatorsTotal += c.indicators.length;
    const criterionMet = met === c.indicators.length;
    if (criterionMet) criteriaMet++;
    criteria[ci] = {
      number: c.number,
      met: criterionMet,
      indicatorsMet: met,
      indicatorsTotal: c.indicators.length,
      indicators: results,
    };
  }
  return {
    criteriaMet,
    criteriaTotal: set.criteria.length,
    indicatorsMet,
    indicatorsTotal,
    indicatorsMissing,
    standardMet: criteriaMet === set.criteria.length,
    criteria,
    gaps,
  };
}

/** Attainment across the levels a unit is assessed on: each level requires the one below it. */
export function attainment(levels: { level: 'ntm' | 'advanced' | 'model' | 'modern'; evaluation: Evaluation }[]) {
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
