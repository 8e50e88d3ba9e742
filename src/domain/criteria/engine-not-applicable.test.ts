import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceCompile, referenceEvaluate } from '../../testing/reference-engine';
import { cellStatus } from './cell-status';
import { compileSet, evaluate, evaluateCompact, packValues, type Evaluation } from './engine';
import { plausibilityProblems } from './plausibility';
import type { CriteriaSetDoc, Indicator, IndicatorValue } from './schema';

const NA = { notApplicable: true as const, reason: 'Xã không có hộ thuộc diện này' };

const ind = (code: string, extra: Partial<Indicator> = {}): Indicator => ({
  code,
  text_vi: `Chỉ tiêu ${code}`,
  type: 'number',
  thresholds: [{ op: '>=', value: 50, verified: true }],
  verified: true,
  ...extra,
});

const setOf = (criteria: Indicator[][]): CriteriaSetDoc => ({
  schemaVersion: 1,
  code: 'TEST-NA',
  version: 1,
  name_vi: 'Bộ thử',
  phase: '2021-2025',
  level: 'ntm',
  legalBasis: { document: 'QĐ thử', date: null, sources: [] },
  effectiveFrom: '2022-01-01',
  effectiveTo: null,
  unitTypes: ['commune'],
  classification: { dimension: 'region7', classes: [{ code: 'A', name_vi: 'A' }] },
  derivation: null,
  groups: [{ code: 'G', name_vi: 'Nhóm' }],
  criteria: criteria.map((indicators, ci) => ({
    number: String(ci + 1),
    name_vi: `Tiêu chí ${ci + 1}`,
    group: 'G',
    verified: true,
    indicators,
  })),
  verified: false,
  notes: [],
});

const run = (doc: CriteriaSetDoc, values: Record<string, IndicatorValue | undefined>) => {
  const e = evaluate(compileSet(doc, 'A', 2023), values);
  expect(e).toStrictEqual(referenceEvaluate(referenceCompile(doc, 'A', 2023), values));
  return e;
};

const excluded = { notApplicable: { allowed: true as const, counts: 'excluded' as const, verified: false } };
const countsMet = { notApplicable: { allowed: true as const, counts: 'met' as const, verified: false } };

describe('criteria engine: "not applicable"', () => {
  it('an excluded indicator leaves the denominator; the criterion is judged on the others', () => {
    const doc = setOf([[ind('1.1'), ind('1.2', excluded)], [ind('2.1')]]);
    const e = run(doc, { '1.1': 60, '1.2': NA, '2.1': 10 });
    expect(e.criteria[0]).toMatchObject({ met: true, indicatorsMet: 1, indicatorsTotal: 1, indicatorsNotApplicable: 1 });
    expect(e.criteria[0]!.indicators[1]).toMatchObject({ status: 'not_applicable', reason: 'not_applicable', actual: null });
    expect(e).toMatchObject({ indicatorsMet: 1, indicatorsTotal: 2, indicatorsNotApplicable: 1, indicatorsMissing: 0 });
    expect(e.gaps.map((g) => g.code)).toEqual(['2.1']);
    // The other indicator still decides.
    expect(run(doc, { '1.1': 40, '1.2': NA }).criteria[0]!.met).toBe(false);
  });

  it('counts "met": as a met indicator, in the numerator and the denominator', () => {
    const doc = setOf([[ind('1.1'), ind('1.2', countsMet)]]);
    const e = run(doc, { '1.1': 60, '1.2': NA });
    expect(e).toMatchObject({
      criteriaMet: 1,
      indicatorsMet: 2,
      indicatorsTotal: 2,
      indicatorsNotApplicable: 1,
      standardMet: true,
    });
    expect(e.criteria[0]!.indicators[1]!.status).toBe('not_applicable');
  });

  it('a criterion whose indicators are all excluded is met', () => {
    const doc = setOf([[ind('1.1', excluded), ind('1.2', excluded)]]);
    const e = run(doc, { '1.1': NA, '1.2': NA });
    expect(e.criteria[0]).toMatchObject({ met: true, indicatorsMet: 0, indicatorsTotal: 0, indicatorsNotApplicable: 2 });
    expect(e.standardMet).toBe(true);
  });

  it('on an indicator that does not allow it, "not applicable" is missing with its own reason', () => {
    const doc = setOf([[ind('1.1')]]);
    const e = run(doc, { '1.1': NA });
    expect(e.criteria[0]!.indicators[0]).toMatchObject({ status: 'missing', reason: 'not_applicable_not_allowed' });
    expect(e).toMatchObject({ indicatorsMissing: 1, indicatorsNotApplicable: 0, standardMet: false });
  });

  it('is not applicable even where no threshold applies to the class', () => {
    const doc = setOf([[ind('1.1', { ...excluded, thresholds: [] })]]);
    expect(run(doc, { '1.1': NA }).criteria[0]!.indicators[0]!.status).toBe('not_applicable');
  });
});

// Properties: random criteria of number indicators that allow "not applicable" one way or the other.
const naRule = fc.constantFrom(null, 'met', 'excluded' as const);
const criterionArb = (ci: number) =>
  fc.array(fc.record({ na: naRule, limit: fc.integer({ min: 0, max: 100 }) }), { minLength: 1, maxLength: 5 }).map((inds) =>
    inds.map(({ na, limit }, ii) =>
      ind(`${ci + 1}.${ii + 1}`, {
        thresholds: [{ op: '>=', value: limit, verified: true }],
        ...(na ? { notApplicable: { allowed: true as const, counts: na, verified: false } } : {}),
      }),
    ),
  );
const scenarioArb = fc
  .integer({ min: 1, max: 5 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, ci) => criterionArb(ci))))
  .chain((criteria) => {
    const codes = criteria.flat().map((i) => i.code);
    const valueArb: fc.Arbitrary<IndicatorValue | undefined> = fc.oneof(
      fc.constant(undefined),
      fc.integer({ min: 0, max: 100 }),
      fc.constant(NA),
    );
    return fc.record({
      criteria: fc.constant(criteria),
      values: fc.tuple(...codes.map(() => valueArb)).map((vs) => Object.fromEntries(codes.map((c, k) => [c, vs[k]]))),
      pick: fc.nat(),
    });
  });

const verdict = (e: Evaluation) => ({
  criteria: e.criteria.map((c) => ({ met: c.met, indicatorsMet: c.indicatorsMet, indicatorsTotal: c.indicatorsTotal })),
  criteriaMet: e.criteriaMet,
  indicatorsMet: e.indicatorsMet,
  indicatorsTotal: e.indicatorsTotal,
  indicatorsMissing: e.indicatorsMissing,
  standardMet: e.standardMet,
});

describe('criteria engine: "not applicable" properties', () => {
  it('excluded: the same verdict as the values with the indicator removed from its criterion', () => {
    fc.assert(
      fc.property(scenarioArb, ({ criteria, values, pick }) => {
        const candidates = criteria.flat().filter((i) => i.notApplicable?.counts === 'excluded');
        fc.pre(candidates.length > 0);
        const target = candidates[pick % candidates.length]!;
        const withNa = run(setOf(criteria), { ...values, [target.code]: NA });
        const removed = criteria.map((c) => c.filter((i) => i.code !== target.code));
        const rest = Object.fromEntries(Object.entries(values).filter(([c]) => c !== target.code));
        // A criterion left with no indicator is met, as an all-excluded one is (built without the
        // document schema, which asks for at least one indicator).
        const without = evaluate(compileSet(setOf(removed), 'A', 2023), rest);
        expect(verdict(withNa)).toEqual(verdict(without));
      }),
      { numRuns: 300 },
    );
  });

  it('excluded: never turns a met criterion unmet', () => {
    fc.assert(
      fc.property(scenarioArb, ({ criteria, values, pick }) => {
        const candidates = criteria.flat().filter((i) => i.notApplicable?.counts === 'excluded');
        fc.pre(candidates.length > 0);
        const target = candidates[pick % candidates.length]!;
        const doc = setOf(criteria);
        const before = run(doc, values);
        const after = run(doc, { ...values, [target.code]: NA });
        before.criteria.forEach((c, ci) => {
          if (c.met) expect(after.criteria[ci]!.met).toBe(true);
        });
        expect(after.criteriaMet).toBeGreaterThanOrEqual(before.criteriaMet);
      }),
      { numRuns: 300 },
    );
  });

  it('counts "met": equivalent to a met value', () => {
    fc.assert(
      fc.property(scenarioArb, ({ criteria, values, pick }) => {
        const candidates = criteria.flat().filter((i) => i.notApplicable?.counts === 'met');
        fc.pre(candidates.length > 0);
        const target = candidates[pick % candidates.length]!;
        const doc = setOf(criteria);
        const withNa = run(doc, { ...values, [target.code]: NA });
        const limit = target.thresholds[0]!.value!;
        const withMet = run(doc, { ...values, [target.code]: limit });
        expect(verdict(withNa)).toEqual(verdict(withMet));
      }),
      { numRuns: 300 },
    );
  });

  it('sets without "not applicable" evaluate as before: the mark is a missing value there', () => {
    fc.assert(
      fc.property(scenarioArb, ({ criteria, values }) => {
        const plain = criteria.map((c) => c.map(({ notApplicable: _, ...i }) => i));
        const doc = setOf(plain);
        const withMarks = run(doc, values);
        const cleared = run(
          doc,
          Object.fromEntries(Object.entries(values).filter(([, v]) => !(typeof v === 'object' && v !== null))),
        );
        expect(verdict(withMarks)).toEqual(verdict(cleared));
        expect(withMarks.indicatorsNotApplicable).toBe(0);
        const compact = evaluateCompact(compileSet(doc, 'A', 2023), packValues(compileSet(doc, 'A', 2023), values));
        expect(compact.indicatorsTotal).toBe(plain.flat().length);
      }),
      { numRuns: 200 },
    );
  });
});

describe('"not applicable" outside the engine', () => {
  it('plausibility never fires on it, nor on a jump from it', () => {
    const share = { type: 'ratio' as const, plausible: { jumpPercent: 10 } };
    expect(plausibilityProblems(share, NA, { previous: { num: 90, den: 100 }, set: { jumpPercent: 50 } })).toEqual([]);
    expect(plausibilityProblems(share, { num: 5, den: 100 }, { previous: NA, set: { jumpPercent: 50 } })).toEqual([]);
  });

  it('a heat-map cell is "not applicable" only when every indicator of the criterion is', () => {
    const base = { number: '17', met: true, missing: 0 };
    expect(cellStatus({ ...base, indicatorsMet: 0, indicatorsTotal: 0, notApplicable: 2, excluded: 2 })).toBe('not_applicable');
    expect(cellStatus({ ...base, indicatorsMet: 2, indicatorsTotal: 2, notApplicable: 2, excluded: 0 })).toBe('not_applicable');
    expect(cellStatus({ ...base, indicatorsMet: 1, indicatorsTotal: 1, notApplicable: 1, excluded: 1 })).toBe('met');
    expect(cellStatus({ ...base, indicatorsMet: 3, indicatorsTotal: 3 })).toBe('met');
    expect(
      cellStatus({ ...base, met: false, indicatorsMet: 0, indicatorsTotal: 1, missing: 1, notApplicable: 1, excluded: 1 }),
    ).toBe('missing');
  });
});
