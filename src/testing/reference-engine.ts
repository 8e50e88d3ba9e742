/**
 * The closure-based criteria engine as it was before the flat compiled form, kept as the oracle for
 * property tests: the product engine must give exactly the same evaluations. "Not applicable" is
 * written here from the set's rule directly (one branch per indicator, counted per criterion), not
 * from the compact engine's counts.
 */
import type { CriterionResult, Evaluation, IndicatorResult, Reason, ResolvedThreshold } from '../domain/criteria/engine';
import { isNotApplicable, isRatioValue } from '../domain/criteria/schema';
import type { CriteriaSetDoc, Indicator, IndicatorType, IndicatorValue, ThresholdRule } from '../domain/criteria/schema';

const round = (n: number) => Math.round(n * 1e6) / 1e6;

type Check = (v: IndicatorValue | undefined) => Omit<IndicatorResult, 'code' | 'criterion' | 'threshold'>;
type CompiledIndicator = {
  code: string;
  criterion: string;
  threshold: ResolvedThreshold | null;
  /** How a "not applicable" value counts, or null when the set does not allow it. */
  na: 'met' | 'excluded' | null;
  check: Check;
};
type ReferenceSet = {
  code: string;
  version: number;
  cls: string;
  year: number;
  criteria: { number: string; indicators: CompiledIndicator[] }[];
};

/** The most specific rule for this class and year: a class-specific rule beats a general one, a narrower year range a wider one. */
function pickThreshold(rules: ThresholdRule[], cls: string, year: number): ThresholdRule | null {
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

/** Numeric reading of a value for comparison, or null when it does not fit the type. */
function numericValue(type: IndicatorType, ind: Pick<Indicator, 'levels' | 'items'>, v: IndicatorValue): number | null {
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
  const na = ind.notApplicable?.counts ?? null;
  const notApplicable = (v: IndicatorValue | undefined) =>
    isNotApplicable(v)
      ? na
        ? { status: 'not_applicable' as const, reason: 'not_applicable' as const, actual: null, shortfall: null }
        : missing('not_applicable_not_allowed')
      : null;
  if (!threshold) return { code: ind.code, criterion, threshold, na, check: (v) => notApplicable(v) ?? missing('no_threshold') };
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
    na,
    check: (v) => {
      const marked = notApplicable(v);
      if (marked) return marked;
      if (v === undefined || v === null) return missing('no_value');
      const x = numericValue(ind.type, ind, v);
      if (x === null) return missing('invalid_value');
      return test(x);
    },
  };
}

export function referenceCompile(doc: CriteriaSetDoc, cls: string, year: number): ReferenceSet {
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

export function referenceEvaluate(set: ReferenceSet, values: Readonly<Record<string, IndicatorValue | undefined>>): Evaluation {
  let criteriaMet = 0;
  let indicatorsMet = 0;
  let indicatorsTotal = 0;
  let indicatorsMissing = 0;
  let indicatorsNotApplicable = 0;
  const gaps: IndicatorResult[] = [];
  const criteria: CriterionResult[] = new Array<CriterionResult>(set.criteria.length);
  for (let ci = 0; ci < set.criteria.length; ci++) {
    const c = set.criteria[ci]!;
    let met = 0;
    let total = 0;
    let naCount = 0;
    let failing = 0;
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
      if (r.status === 'not_applicable') {
        naCount++;
        // counts 'met': as a met indicator; 'excluded': out of the denominator.
        if (ind.na === 'met') {
          met++;
          total++;
        }
        continue;
      }
      total++;
      if (r.status === 'met') met++;
      else {
        failing++;
        gaps.push(r);
        if (r.status === 'missing') indicatorsMissing++;
      }
    }
    indicatorsMet += met;
    indicatorsTotal += total;
    indicatorsNotApplicable += naCount;
    const criterionMet = failing === 0;
    if (criterionMet) criteriaMet++;
    criteria[ci] = {
      number: c.number,
      met: criterionMet,
      indicatorsMet: met,
      indicatorsTotal: total,
      indicatorsNotApplicable: naCount,
      indicators: results,
    };
  }
  return {
    criteriaMet,
    criteriaTotal: set.criteria.length,
    indicatorsMet,
    indicatorsTotal,
    indicatorsMissing,
    indicatorsNotApplicable,
    standardMet: criteriaMet === set.criteria.length,
    criteria,
    gaps,
  };
}
