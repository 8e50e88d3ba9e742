import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../domain/criteria/engine';
import { CriteriaSetDoc, type Indicator, type IndicatorValue } from '../../domain/criteria/schema';
import base2021 from '../../seed/criteria/vn-ntm-xa-2021-2025.json';
import adv2021 from '../../seed/criteria/vn-ntm-xa-nang-cao-2021-2025.json';
import model2021 from '../../seed/criteria/vn-ntm-xa-kieu-mau-2021-2025.json';
import { referenceCompile, referenceEvaluate } from '../../testing/reference-engine';
import { evaluateAssessment, evaluateAssessmentCompact, resultRow, type AssessmentSets, type TargetLevel } from './results';

const sets: AssessmentSets = {
  base: CriteriaSetDoc.parse(base2021),
  advanced: CriteriaSetDoc.parse(adv2021),
  model: CriteriaSetDoc.parse(model2021),
};
const indicators = new Map(
  [sets.base, sets.advanced!, sets.model!].flatMap((d) => d.criteria.flatMap((c) => c.indicators)).map((i) => [i.code, i]),
);

const valueArb = (ind: Indicator): fc.Arbitrary<IndicatorValue | undefined> => {
  const v: fc.Arbitrary<IndicatorValue> = (() => {
    switch (ind.type) {
      case 'boolean':
        return fc.boolean();
      case 'number':
        return fc.integer({ min: -5, max: 120 });
      case 'ratio':
        return fc.record({ num: fc.integer({ min: 0, max: 120 }), den: fc.integer({ min: 1, max: 120 }) });
      case 'level':
        return fc.constantFrom(...ind.levels!);
      case 'k_of_n':
        return fc.subarray(ind.items!.map((i) => i.code));
    }
  })();
  return fc.option(v, { nil: undefined, freq: 4 });
};

const valuesArb = fc
  .tuple(...[...indicators.values()].map(valueArb))
  .map((vals) => Object.fromEntries([...indicators.keys()].map((code, k) => [code, vals[k]])));

/** The stored row as it was built from full evaluations before the compact path. */
function rowFromFull(
  assessmentId: number,
  e: { base: Evaluation; advanced: Evaluation | null; model: Evaluation | null; target: Evaluation },
  now: Date,
) {
  return {
    assessmentId,
    criteriaMet: e.base.criteriaMet,
    criteriaTotal: e.base.criteriaTotal,
    indicatorsMet: e.base.indicatorsMet,
    indicatorsTotal: e.base.indicatorsTotal,
    indicatorsMissing: e.base.indicatorsMissing,
    standardMet: e.base.standardMet,
    advancedMet: e.advanced ? e.base.standardMet && e.advanced.standardMet : null,
    modelMet: e.model ? e.base.standardMet && Boolean(e.advanced?.standardMet) && e.model.standardMet : null,
    criteria: e.base.criteria.map((c) => ({
      number: c.number,
      met: c.met,
      indicatorsMet: c.indicatorsMet,
      indicatorsTotal: c.indicatorsTotal,
      missing: c.indicators.filter((i) => i.status === 'missing').length,
    })),
    indicatorStatus: Object.fromEntries(e.target.criteria.flatMap((c) => c.indicators.map((i) => [i.code, i.status]))),
    computedAt: now,
  };
}

describe('stored assessment results', () => {
  it('the compact path stores exactly what the full evaluation gave, for every level', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    fc.assert(
      fc.property(
        fc.constantFrom<TargetLevel>('ntm', 'advanced', 'model'),
        fc.constantFrom(...sets.base.classification.classes.map((c) => c.code)),
        fc.integer({ min: 2021, max: 2025 }),
        valuesArb,
        (target, cls, year, values) => {
          const full = (doc: CriteriaSetDoc | null) => (doc ? referenceEvaluate(referenceCompile(doc, cls, year), values) : null);
          const base = full(sets.base)!;
          const advanced = target !== 'ntm' ? full(sets.advanced) : null;
          const model = target === 'model' ? full(sets.model) : null;
          const expected = rowFromFull(7, { base, advanced, model, target: model ?? advanced ?? base }, now);
          const row = resultRow(7, evaluateAssessmentCompact(sets, target, cls, year, values), now);
          expect(row).toStrictEqual(expected);
          expect(JSON.stringify(row)).toBe(JSON.stringify(expected));
          expect(evaluateAssessment(sets, target, cls, year, values).target).toStrictEqual(model ?? advanced ?? base);
        },
      ),
      { numRuns: 150 },
    );
  });
});
