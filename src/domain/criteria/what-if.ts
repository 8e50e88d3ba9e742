/**
 * "What if this draft were published?" — pure. Each subject is one commune's values (from its latest
 * verified month) with the sets that govern it now and the sets that would govern it with the draft
 * published. Both sides are evaluated on the compact path (no reasons), level by level exactly as a
 * stored result is (`levels.ts`), and compared: which criteria each commune gains or loses, how its
 * standard / advanced / model attainment moves, and the summary cards before and after.
 */
import { MET, packValues, type CompiledSet, type PackedValues } from './engine';
import { evaluateLevels, levelAttainment, type LevelResults, type LevelSets, type TargetLevel } from './levels';
import type { IndicatorValue } from './schema';

export type WhatIfSubject = {
  unitId: number;
  name: string;
  /** The month whose values are used (yyyy-mm). */
  month: string;
  target: TargetLevel;
  values: Readonly<Record<string, IndicatorValue | null | undefined>>;
  before: LevelSets;
  after: LevelSets;
};

/** Where a commune stands under one side. */
export type Standing = {
  criteriaMet: number;
  criteriaTotal: number;
  indicatorsMet: number;
  indicatorsTotal: number;
  standard: boolean;
  advanced: boolean | null;
  model: boolean | null;
};

export type Level = TargetLevel;
export type CriterionChange = { level: Level; criterion: string; before: boolean; after: boolean };

export type UnitChange = {
  unitId: number;
  name: string;
  month: string;
  before: Standing;
  after: Standing;
  /** Criteria met on one side and not on the other, level by level (levels evaluated on both sides). */
  criteria: CriterionChange[];
};

export type SummarySide = {
  assessedCount: number;
  standardCount: number;
  advancedCount: number;
  modelCount: number;
  criteriaMetSum: number;
  indicatorsMetSum: number;
  averageCriteria: number | null;
  averageIndicators: number | null;
  /** The same for every commune, else null (as on the dashboard). */
  criteriaTotal: number | null;
  indicatorsTotal: number | null;
};

export type WhatIfReport = {
  before: SummarySide;
  after: SummarySide;
  /** Per criterion of the base level: communes meeting it before and after, in set order. */
  criteria: { number: string; before: number; after: number }[];
  /** Communes whose criteria, indicators met or attainment would move. */
  changed: UnitChange[];
};

/** Sets with the same indicators, kinds, levels and items read values alike: one packing serves both. */
const layoutKeys = new WeakMap<CompiledSet, string>();
function layoutKey(set: CompiledSet): string {
  let key = layoutKeys.get(set);
  if (key === undefined) {
    key = JSON.stringify([
      set.codes,
      Array.from(set.kind),
      set.levels.map((m) => (m ? [...m] : null)),
      set.items.map((s) => (s ? [...s] : null)),
    ]);
    layoutKeys.set(set, key);
  }
  return key;
}

function packer(values: WhatIfSubject['values']) {
  const packed = new Map<string, PackedValues>();
  return (set: CompiledSet): PackedValues => {
    const key = layoutKey(set);
    let p = packed.get(key);
    if (!p) packed.set(key, (p = packValues(set, values)));
    return p;
  };
}

const sameSets = (a: LevelSets, b: LevelSets) => a.base === b.base && a.advanced === b.advanced && a.model === b.model;

function standing(e: LevelResults): Standing {
  const levels = levelAttainment(e);
  return {
    criteriaMet: e.base.criteriaMet,
    criteriaTotal: e.base.criteriaTotal,
    indicatorsMet: e.base.indicatorsMet,
    indicatorsTotal: e.base.indicatorsTotal,
    ...levels,
  };
}

function criterionChanges(level: Level, a: LevelResults['base'] | null, b: LevelResults['base'] | null, out: CriterionChange[]) {
  if (!a || !b) return;
  const before = new Map(a.set.criterionNumbers.map((n, ci) => [n, a.criterionMet(ci)]));
  const seen = new Set<string>();
  b.set.criterionNumbers.forEach((n, ci) => {
    seen.add(n);
    const was = before.get(n) ?? false;
    const now = b.criterionMet(ci);
    if (was !== now) out.push({ level, criterion: n, before: was, after: now });
  });
  for (const [n, was] of before) if (!seen.has(n) && was) out.push({ level, criterion: n, before: true, after: false });
}

class Tally {
  n = 0;
  standard = 0;
  advanced = 0;
  model = 0;
  criteria = 0;
  indicators = 0;
  criteriaTotals = new Set<number>();
  indicatorsTotals = new Set<number>();
  add(s: Standing) {
    this.n++;
    if (s.standard) this.standard++;
    if (s.advanced) this.advanced++;
    if (s.model) this.model++;
    this.criteria += s.criteriaMet;
    this.indicators += s.indicatorsMet;
    this.criteriaTotals.add(s.criteriaTotal);
    this.indicatorsTotals.add(s.indicatorsTotal);
  }
  side(): SummarySide {
    const only = (s: Set<number>) => (s.size === 1 ? [...s][0]! : null);
    return {
      assessedCount: this.n,
      standardCount: this.standard,
      advancedCount: this.advanced,
      modelCount: this.model,
      criteriaMetSum: this.criteria,
      indicatorsMetSum: this.indicators,
      averageCriteria: this.n ? this.criteria / this.n : null,
      averageIndicators: this.n ? this.indicators / this.n : null,
      criteriaTotal: only(this.criteriaTotals),
      indicatorsTotal: only(this.indicatorsTotals),
    };
  }
}

function countMet(
  e: LevelResults['base'],
  counts: Map<string, { number: string; before: number; after: number }>,
  side: 'before' | 'after',
) {
  const numbers = e.set.criterionNumbers;
  for (let ci = 0; ci < numbers.length; ci++) {
    let c = counts.get(numbers[ci]!);
    if (!c) counts.set(numbers[ci]!, (c = { number: numbers[ci]!, before: 0, after: 0 }));
    if (e.criterionCount(ci, MET) === e.criterionSize(ci)) c[side]++;
  }
}

/** Compares every subject under its sets now and with the draft published. */
export function compareSets(subjects: Iterable<WhatIfSubject>): WhatIfReport {
  const before = new Tally();
  const after = new Tally();
  const perCriterion = new Map<string, { number: string; before: number; after: number }>();
  const changed: UnitChange[] = [];
  for (const s of subjects) {
    const pack = packer(s.values);
    const b = evaluateLevels(s.before, s.target, pack);
    // Sets untouched by the draft give the same result: no second evaluation.
    const a = sameSets(s.before, s.after) ? b : evaluateLevels(s.after, s.target, pack);
    const sb = standing(b);
    const sa = a === b ? sb : standing(a);
    before.add(sb);
    after.add(sa);
    countMet(b.base, perCriterion, 'before');
    countMet(a.base, perCriterion, 'after');
    if (a === b) continue;
    const criteria: CriterionChange[] = [];
    criterionChanges('ntm', b.base, a.base, criteria);
    criterionChanges('advanced', b.advanced, a.advanced, criteria);
    criterionChanges('model', b.model, a.model, criteria);
    const moved =
      criteria.length > 0 ||
      sb.criteriaMet !== sa.criteriaMet ||
      sb.criteriaTotal !== sa.criteriaTotal ||
      sb.indicatorsMet !== sa.indicatorsMet ||
      sb.indicatorsTotal !== sa.indicatorsTotal ||
      sb.standard !== sa.standard ||
      sb.advanced !== sa.advanced ||
      sb.model !== sa.model;
    if (moved) changed.push({ unitId: s.unitId, name: s.name, month: s.month, before: sb, after: sa, criteria });
  }
  return { before: before.side(), after: after.side(), criteria: [...perCriterion.values()], changed };
}
