import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import base2021 from '../../seed/criteria/vn-ntm-xa-2021-2025.json';
import adv2021 from '../../seed/criteria/vn-ntm-xa-nang-cao-2021-2025.json';
import model2021 from '../../seed/criteria/vn-ntm-xa-kieu-mau-2021-2025.json';
import set2026 from '../../seed/criteria/vn-ntm-xa-2026-2030.json';
import { referenceCompile, referenceEvaluate } from '../../testing/reference-engine';
import {
  CompactResults,
  MET,
  MISSING,
  NOT_APPLICABLE,
  UNMET,
  compileSet,
  createPacked,
  evaluate,
  evaluateCompact,
  expandEvaluation,
  packValues,
  type Evaluation,
} from './engine';
import { CriteriaSetDoc, type Indicator, type IndicatorValue, type ThresholdRule } from './schema';

const CLASSES = ['A', 'B', 'C'];
const LEVELS = ['thấp', 'trung bình', 'cao'];
const ITEMS = ['a', 'b', 'c', 'd'];

const scopeArb = fc.record(
  {
    classes: fc.subarray(CLASSES, { minLength: 1 }),
    fromYear: fc.integer({ min: 2020, max: 2025 }),
    toYear: fc.integer({ min: 2025, max: 2030 }),
  },
  { requiredKeys: [] },
);

const ruleArb = (type: Indicator['type']): fc.Arbitrary<ThresholdRule> => {
  const body: fc.Arbitrary<Partial<ThresholdRule>> = (() => {
    switch (type) {
      case 'boolean':
        return fc.record({ expect: fc.boolean() });
      case 'number':
      case 'ratio':
        return fc.record({
          op: fc.constantFrom('>=', '<=', '=', '>', '<' as const),
          value: fc.oneof(
            fc.integer({ min: 0, max: 10 }),
            fc.integer({ min: -5, max: 110 }),
            fc.double({ min: -5, max: 110, noNaN: true }),
          ),
        });
      case 'level':
        return fc.record({ level: fc.constantFrom(...LEVELS) });
      case 'k_of_n':
        return fc.record({ k: fc.integer({ min: 1, max: ITEMS.length }) });
    }
  })();
  return fc.tuple(body, scopeArb, fc.boolean()).map(([b, scope, verified]) => ({ ...b, ...scope, verified }));
};

const indicatorArb = (code: string): fc.Arbitrary<Indicator> =>
  fc
    .constantFrom('boolean', 'number', 'ratio', 'level', 'k_of_n' as const)
    .chain((type) =>
      fc.record({
        type: fc.constant(type),
        thresholds: fc.array(ruleArb(type), { maxLength: 3 }),
        verified: fc.boolean(),
        na: fc.constantFrom(null, 'met', 'excluded' as const),
      }),
    )
    .map(({ type, thresholds, verified, na }) => ({
      code,
      text_vi: `Chỉ tiêu ${code}`,
      type,
      ...(type === 'level' ? { levels: LEVELS } : {}),
      ...(type === 'k_of_n' ? { items: ITEMS.map((c) => ({ code: c, text_vi: c })) } : {}),
      thresholds,
      ...(na ? { notApplicable: { allowed: true as const, counts: na, verified: false } } : {}),
      verified,
    }));

const setArb: fc.Arbitrary<CriteriaSetDoc> = fc
  .array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 7 })
  .chain((sizes) =>
    fc.tuple(
      ...sizes.map((size, ci) => fc.tuple(...Array.from({ length: size }, (_, ii) => indicatorArb(`${ci + 1}.${ii + 1}`)))),
    ),
  )
  .map((criteria) =>
    CriteriaSetDoc.parse({
      schemaVersion: 1,
      code: 'TEST-SET',
      version: 1,
      name_vi: 'Bộ thử',
      phase: '2021-2025',
      level: 'ntm',
      legalBasis: { document: 'QĐ thử', date: null },
      effectiveFrom: '2022-01-01',
      effectiveTo: null,
      unitTypes: ['commune'],
      classification: { dimension: 'region7', classes: CLASSES.map((c) => ({ code: c, name_vi: c })) },
      groups: [{ code: 'G', name_vi: 'Nhóm' }],
      criteria: criteria.map((inds, ci) => ({
        number: String(ci + 1),
        name_vi: `Tiêu chí ${ci + 1}`,
        group: 'G',
        verified: true,
        indicators: inds,
      })),
      verified: false,
    }),
  );

/** Values of the right kind, of the wrong kind, malformed ones (as they may arrive unvalidated) and absent ones. */
const anyValueArb: fc.Arbitrary<IndicatorValue | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant(null as unknown as IndicatorValue),
  fc.boolean(),
  fc.integer({ min: 0, max: 10 }),
  fc.integer({ min: -5, max: 120 }),
  fc.double({ min: -5, max: 120 }),
  fc.constantFrom(Infinity, -Infinity, NaN, -0),
  fc.record({ num: fc.integer({ min: 0, max: 130 }), den: fc.integer({ min: -1, max: 120 }) }),
  fc.record({ num: fc.integer({ min: 0, max: 10 }), den: fc.constantFrom(10, 100, 1000) }),
  fc.record({ num: fc.constantFrom(NaN, Infinity), den: fc.constant(1) }),
  fc.constantFrom(...LEVELS, 'không có'),
  fc.array(fc.constantFrom(...ITEMS, 'x', 'a'), { maxLength: 6 }),
  fc.constantFrom({ notApplicable: true as const, reason: 'Xã không có chợ' }, { notApplicable: true as const, reason: '' }),
);

const valuesFor = (doc: CriteriaSetDoc) => {
  const codes = doc.criteria.flatMap((c) => c.indicators.map((i) => i.code));
  return fc
    .tuple(...codes.map(() => anyValueArb))
    .map((vals) => Object.fromEntries(codes.flatMap((code, k) => (vals[k] === undefined ? [] : [[code, vals[k]]]))));
};

const scenarioArb = setArb.chain((doc) =>
  fc.record({
    doc: fc.constant(doc),
    cls: fc.constantFrom(...CLASSES),
    year: fc.integer({ min: 2019, max: 2031 }),
    units: fc.array(valuesFor(doc), { minLength: 1, maxLength: 4 }),
  }),
);

type Values = Record<string, IndicatorValue | undefined>;

/** The compact and full paths against the previous engine, for one set and a batch of units. */
function checkAgainstReference(doc: CriteriaSetDoc, cls: string, year: number, units: Values[]) {
  const set = compileSet(doc, cls, year);
  const reference = referenceCompile(doc, cls, year);
  const batch = new CompactResults(set, units.length);
  const packed = createPacked(set, units.length);
  units.forEach((values, u) => {
    const expected = referenceEvaluate(reference, values);
    const full = evaluate(set, values);
    expect(full).toStrictEqual(expected);
    expect(JSON.stringify(full)).toBe(JSON.stringify(expected));

    const input = packValues(set, values);
    const compact = evaluateCompact(set, input);
    expectCompactMatches(compact, expected);
    expect(expandEvaluation(compact, input)).toStrictEqual(expected);

    packValues(set, values, packed, u);
    expect(batch.add(packed, u)).toBe(u);
  });
  units.forEach((values, u) => {
    const expected = referenceEvaluate(reference, values);
    expect(batch.criteriaMet(u)).toBe(expected.criteriaMet);
    expect(batch.indicatorsMet(u)).toBe(expected.indicatorsMet);
    expect(batch.indicatorsMissing(u)).toBe(expected.indicatorsMissing);
    expectCompactMatches(batch.at(u), expected);
    expect(expandEvaluation(batch.at(u), packed, u)).toStrictEqual(expected);
  });
}

function expectCompactMatches(compact: ReturnType<typeof evaluateCompact>, expected: Evaluation) {
  expect({
    criteriaMet: compact.criteriaMet,
    criteriaTotal: compact.criteriaTotal,
    indicatorsMet: compact.indicatorsMet,
    indicatorsTotal: compact.indicatorsTotal,
    indicatorsMissing: compact.indicatorsMissing,
    indicatorsNotApplicable: compact.indicatorsNotApplicable,
    standardMet: compact.standardMet,
  }).toEqual({
    criteriaMet: expected.criteriaMet,
    criteriaTotal: expected.criteriaTotal,
    indicatorsMet: expected.indicatorsMet,
    indicatorsTotal: expected.indicatorsTotal,
    indicatorsMissing: expected.indicatorsMissing,
    indicatorsNotApplicable: expected.indicatorsNotApplicable,
    standardMet: expected.standardMet,
  });
  const all = expected.criteria.flatMap((c) => c.indicators);
  expect(all.map((_, i) => compact.statusAt(i))).toEqual(all.map((r) => r.status));
  expect(all.map((r) => compact.statusOf(r.code))).toEqual(all.map((r) => r.status));
  expected.criteria.forEach((c, ci) => {
    const count = (s: string) => c.indicators.filter((r) => r.status === s).length;
    expect(compact.criterionMet(ci)).toBe(c.met);
    expect([
      compact.criterionCount(ci, MET),
      compact.criterionCount(ci, UNMET),
      compact.criterionCount(ci, MISSING),
      compact.criterionCount(ci, NOT_APPLICABLE),
    ]).toEqual([count('met'), count('unmet'), count('missing'), count('not_applicable')]);
    expect([compact.criterionIndicatorsMet(ci), compact.criterionIndicatorsTotal(ci)]).toEqual([
      c.indicatorsMet,
      c.indicatorsTotal,
    ]);
  });
}

describe('criteria engine: compact and full paths', () => {
  it('agree with each other and with the previous engine on random sets and values, one unit or a batch', () => {
    fc.assert(
      fc.property(scenarioArb, ({ doc, cls, year, units }) => checkAgainstReference(doc, cls, year, units)),
      { numRuns: 400 },
    );
  });

  it('agree with the previous engine on the shipped sets for every class', () => {
    for (const raw of [base2021, adv2021, model2021, set2026]) {
      const doc = CriteriaSetDoc.parse(raw);
      fc.assert(
        fc.property(
          fc.constantFrom(...doc.classification.classes.map((c) => c.code)),
          fc.integer({ min: 2021, max: 2030 }),
          fc.array(valuesFor(doc), { minLength: 1, maxLength: 3 }),
          (cls, year, units) => checkAgainstReference(doc, cls, year, units),
        ),
        { numRuns: 30 },
      );
    }
  });

  it('reuses a packed buffer without leaking values from the previous unit', () => {
    const doc = CriteriaSetDoc.parse(base2021);
    const set = compileSet(doc, 'TDMNPB', 2022);
    const input = packValues(set, { '10': 50, '9.1': false });
    packValues(set, { '11': { num: 1, den: 100 } }, input);
    const e = expandEvaluation(evaluateCompact(set, input), input);
    expect(e).toStrictEqual(referenceEvaluate(referenceCompile(doc, 'TDMNPB', 2022), { '11': { num: 1, den: 100 } }));
  });
});
