/**
 * "What if this draft were published?" — pure. Each subject is one commune's values (from its latest
 * verified month) with the sets that govern it now and the sets that would govern it with the draft
 * published. Both sides are evaluated on the compact path (no reasons), level by level exactly as a
 * stored result is (`levels.ts`), and compared: which criteria each commune gains or loses, how its
 * standard / advanced / model attainment moves, and the summary cards before and after.
 */
import { SetChooser, type ChosenSets, type SetCandidate } from './applicable';
import {
  CompactEvaluation,
  createPacked,
  evaluateInto,
  packValues,
  type CompiledSet,
  type CompiledSetCache,
  type PackedValues,
} from './engine';
import { evaluateLevels, levelAttainment, type LevelResults, type LevelSets, type TargetLevel } from './levels';
import type { CriteriaSetDoc, IndicatorValue } from './schema';

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

/**
 * Buffers reused from one subject to the next: a packing per layout (made once per subject) and a
 * result per set and side. A subject's results are read before the next one is evaluated.
 */
class Scratch {
  private subject = 0;
  private values: WhatIfSubject['values'] = {};
  private readonly packs = new Map<string, { packed: PackedValues; subject: number }>();
  private readonly results = [new Map<CompiledSet, CompactEvaluation>(), new Map<CompiledSet, CompactEvaluation>()];

  next(values: WhatIfSubject['values']) {
    this.subject++;
    this.values = values;
  }
  private pack(set: CompiledSet): PackedValues {
    const key = layoutKey(set);
    let p = this.packs.get(key);
    if (!p) this.packs.set(key, (p = { packed: createPacked(set), subject: 0 }));
    if (p.subject !== this.subject) {
      packValues(set, this.values, p.packed);
      p.subject = this.subject;
    }
    return p.packed;
  }
  /** An evaluator for one side (0 before, 1 after), for `evaluateLevels`. */
  side(side: 0 | 1) {
    const results = this.results[side]!;
    return (set: CompiledSet): CompactEvaluation => {
      let e = results.get(set);
      if (!e)
        results.set(set, (e = new CompactEvaluation(set, new Uint8Array(set.codes.length), new Uint16Array(set.countsLength))));
      evaluateInto(set, this.pack(set), 0, e.status, 0, e.counts, 0);
      return e;
    };
  }
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

const numberKeys = new WeakMap<CompiledSet, string>();
const numbersOf = (set: CompiledSet) => {
  let key = numberKeys.get(set);
  if (key === undefined) numberKeys.set(set, (key = set.criterionNumbers.join('\u0000')));
  return key;
};

function criterionChanges(level: Level, a: CompactEvaluation | null, b: CompactEvaluation | null, out: CriterionChange[]) {
  if (!a || !b) return;
  const numbers = b.set.criterionNumbers;
  if (a.set === b.set || numbersOf(a.set) === numbersOf(b.set)) {
    for (let ci = 0; ci < numbers.length; ci++) {
      const was = a.criterionMet(ci);
      const now = b.criterionMet(ci);
      if (was !== now) out.push({ level, criterion: numbers[ci]!, before: was, after: now });
    }
    return;
  }
  const before = new Map(a.set.criterionNumbers.map((n, ci) => [n, a.criterionMet(ci)]));
  numbers.forEach((n, ci) => {
    const was = before.get(n) ?? false;
    const now = b.criterionMet(ci);
    before.delete(n);
    if (was !== now) out.push({ level, criterion: n, before: was, after: now });
  });
  for (const [n, was] of before) if (was) out.push({ level, criterion: n, before: true, after: false });
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

/** Communes meeting each base criterion, by number, in the order criteria are first seen. */
class CriterionCounts {
  readonly rows: { number: string; before: number; after: number }[] = [];
  private readonly byNumber = new Map<string, number>();
  private readonly slots = new Map<CompiledSet, Int32Array>();
  add(e: CompactEvaluation, side: 'before' | 'after') {
    let slots = this.slots.get(e.set);
    if (!slots) {
      slots = Int32Array.from(e.set.criterionNumbers, (n) => {
        let k = this.byNumber.get(n);
        if (k === undefined) {
          this.byNumber.set(n, (k = this.rows.length));
          this.rows.push({ number: n, before: 0, after: 0 });
        }
        return k;
      });
      this.slots.set(e.set, slots);
    }
    for (let ci = 0; ci < slots.length; ci++) if (e.criterionMet(ci)) this.rows[slots[ci]!]![side]++;
  }
}

/** Compares every subject under its sets now and with the draft published. */
export function compareSets(subjects: Iterable<WhatIfSubject>): WhatIfReport {
  const before = new Tally();
  const after = new Tally();
  const perCriterion = new CriterionCounts();
  const changed: UnitChange[] = [];
  const scratch = new Scratch();
  const runBefore = scratch.side(0);
  const runAfter = scratch.side(1);
  for (const s of subjects) {
    scratch.next(s.values);
    const b = evaluateLevels(s.before, s.target, runBefore);
    // Sets untouched by the draft give the same result: no second evaluation.
    const a = sameSets(s.before, s.after) ? b : evaluateLevels(s.after, s.target, runAfter);
    const sb = standing(b);
    const sa = a === b ? sb : standing(a);
    before.add(sb);
    after.add(sa);
    perCriterion.add(b.base, 'before');
    perCriterion.add(a.base, 'after');
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
  return { before: before.side(), after: after.side(), criteria: perCriterion.rows, changed };
}

/** One commune's figures as the database returns them: its latest verified month and what governs it. */
export type CommuneFigures = {
  unitId: number;
  name: string;
  type: string;
  /** First day of the month whose values are used. */
  period: string;
  target: TargetLevel;
  /** The commune's class on that month per dimension (region, commune group). */
  classes: Readonly<Partial<Record<CriteriaSetDoc['classification']['dimension'], string | null>>>;
  /** The class stored on the month, used when the commune has none for the dimension. */
  classCode: string;
  /** The set owners that govern the commune. */
  owners: readonly number[];
  values: WhatIfSubject['values'];
};

type SetRow = SetCandidate & { document: CriteriaSetDoc };

/**
 * The subjects of a comparison: for each commune, the sets that govern its month now (`published`)
 * and with the draft published (`withDraft`), compiled for its class and year. Choices and compiled
 * sets are shared by communes alike. Also returns the set rows chosen, for naming criteria.
 */
export function subjectsFor<T extends SetRow>(
  rows: Iterable<CommuneFigures>,
  published: readonly T[],
  withDraft: readonly T[],
  compiled: CompiledSetCache,
): { subjects: WhatIfSubject[]; used: Set<T> } {
  const now = new SetChooser(published);
  const then = new SetChooser(withDraft);
  const levelSets = new Map<ChosenSets<T>, Map<string, LevelSets>>();
  const used = new Set<T>();
  const compile = (chosen: ChosenSets<T>, r: CommuneFigures): LevelSets => {
    const cls = r.classes[chosen.base.document.classification.dimension] ?? r.classCode;
    const year = r.period.slice(0, 4);
    let byClass = levelSets.get(chosen);
    if (!byClass) levelSets.set(chosen, (byClass = new Map<string, LevelSets>()));
    const key = `${cls}|${year}`;
    let hit = byClass.get(key);
    if (!hit) {
      const get = (s: T | null) => (s ? compiled.get(s.document, cls, Number(year)) : null);
      byClass.set(key, (hit = { base: get(chosen.base)!, advanced: get(chosen.advanced), model: get(chosen.model) }));
      for (const s of [chosen.base, chosen.advanced, chosen.model]) if (s) used.add(s);
    }
    return hit;
  };
  const subjects: WhatIfSubject[] = [];
  for (const r of rows) {
    const a = now.choose(r.type, r.owners, r.period, r.classes);
    const b = then.choose(r.type, r.owners, r.period, r.classes);
    if (!a || !b) continue;
    subjects.push({
      unitId: r.unitId,
      name: r.name,
      month: r.period.slice(0, 7),
      target: r.target,
      values: r.values,
      before: compile(a, r),
      after: compile(b, r),
    });
  }
  return { subjects, used };
}
