import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoValue } from '../../seed/demo-criteria';
import { rng } from '../../shared/rng';
import base2021 from '../../seed/criteria/vn-ntm-xa-2021-2025.json';
import adv2021 from '../../seed/criteria/vn-ntm-xa-nang-cao-2021-2025.json';
import { referenceCompile, referenceEvaluate } from '../../testing/reference-engine';
import { CompiledSetCache, compileSet } from './engine';
import type { LevelSets } from './levels';
import { CriteriaSetDoc, type IndicatorValue } from './schema';
import { compareSets, subjectsFor, type CommuneFigures, type WhatIfSubject } from './what-if';

const CLS = 'TDMNPB';
const YEAR = 2022;
const base = CriteriaSetDoc.parse(base2021);
const advanced = CriteriaSetDoc.parse(adv2021);
const indicators = [...base.criteria, ...advanced.criteria].flatMap((c) => c.indicators);

/** The base set with criterion 10's income threshold for this class and year raised to `value`. */
function raisedIncome(value: number): CriteriaSetDoc {
  const doc = structuredClone(base);
  doc.version = base.version + 1;
  const income = doc.criteria.find((c) => c.number === '10')!.indicators[0]!;
  income.thresholds = income.thresholds.map((t) => (t.classes?.includes(CLS) && t.fromYear === YEAR ? { ...t, value } : t));
  return doc;
}

const allMet = (rand: () => number) =>
  Object.fromEntries(indicators.map((i) => [i.code, demoValue(i, CLS, YEAR, true, rand)])) as Record<string, IndicatorValue>;

const sets = (doc: CriteriaSetDoc): LevelSets => ({
  base: compileSet(doc, CLS, YEAR),
  advanced: compileSet(advanced, CLS, YEAR),
  model: null,
});

describe('what if a draft were published', () => {
  it('names the communes that lose a criterion and moves the summary', () => {
    const rand = rng(1);
    const now = sets(base);
    const draft = sets(raisedIncome(42));
    const subject = (unitId: number, income: number): WhatIfSubject => ({
      unitId,
      name: `xã ${unitId}`,
      month: '2022-06',
      target: 'advanced',
      values: { ...allMet(rand), '10': income },
      before: now,
      after: draft,
    });
    const report = compareSets([subject(1, 40), subject(2, 45), { ...subject(3, 40), after: now }]);
    expect(report.changed.map((c) => c.unitId)).toEqual([1]);
    const [one] = report.changed;
    expect(one!.criteria).toEqual([{ level: 'ntm', criterion: '10', before: true, after: false }]);
    expect(one!.before).toMatchObject({ criteriaMet: 19, standard: true });
    expect(one!.after).toMatchObject({ criteriaMet: 18, standard: false, advanced: false });
    expect(report.before).toMatchObject({ assessedCount: 3, standardCount: 3, criteriaMetSum: 57 });
    expect(report.after).toMatchObject({ assessedCount: 3, standardCount: 2, criteriaMetSum: 56, criteriaTotal: 19 });
    expect(report.criteria.find((c) => c.number === '10')).toEqual({ number: '10', before: 3, after: 2 });
  });

  it('agrees with the reference engine on random values, and a draft equal to the set changes nothing', () => {
    const now = sets(base);
    const draft = sets(raisedIncome(60));
    const refAfter = referenceCompile(raisedIncome(60), CLS, YEAR);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer(), fc.double({ min: 0, max: 100, noNaN: true })), { maxLength: 20 }), (rows) => {
        const subjects = rows.map(([seed, income], k) => {
          const rand = rng(seed);
          const values = Object.fromEntries(indicators.map((i) => [i.code, demoValue(i, CLS, YEAR, rand() < 0.9, rand)]));
          return {
            unitId: k,
            name: `${k}`,
            month: '2022-06',
            target: 'ntm' as const,
            values: { ...values, '10': income },
            before: now,
            after: draft,
          };
        });
        const report = compareSets(subjects);
        const expected = subjects.map((s) => referenceEvaluate(refAfter, s.values as Record<string, IndicatorValue>));
        expect(report.after.standardCount).toBe(expected.filter((e) => e.standardMet).length);
        expect(report.after.criteriaMetSum).toBe(expected.reduce((n, e) => n + e.criteriaMet, 0));
        expect(report.after.indicatorsMetSum).toBe(expected.reduce((n, e) => n + e.indicatorsMet, 0));
        const same = compareSets(subjects.map((s) => ({ ...s, after: sets(structuredClone(base)) })));
        expect(same.changed).toEqual([]);
        expect(same.after).toEqual(same.before);
      }),
      { numRuns: 40 },
    );
  });

  it('an overlay draft moves only the communes under its province; the advanced set still follows it', () => {
    const COUNTRY = 1;
    const row = (id: number, doc: CriteriaSetDoc, owner = COUNTRY) => ({
      id,
      code: doc.code,
      version: doc.version,
      level: doc.level,
      derivation: doc.derivation?.kind ?? null,
      baseCode: doc.derivation?.baseCode ?? null,
      ownerUnitId: owner,
      effectiveFrom: doc.effectiveFrom,
      effectiveTo: doc.effectiveTo,
      document: doc,
    });
    const overlay: CriteriaSetDoc = {
      ...raisedIncome(44),
      code: 'QN-NTM-XA-2021-2025',
      version: 1,
      derivation: { kind: 'overlay', baseCode: base.code, baseVersion: base.version },
    };
    const published = [row(1, base), row(2, advanced)];
    const withDraft = [...published, row(3, overlay, 20)];
    const rand = rng(7);
    const commune = (unitId: number, province: number): CommuneFigures => ({
      unitId,
      name: `xã ${unitId}`,
      type: 'commune',
      period: '2022-06-01',
      target: 'advanced',
      classes: { region7: CLS },
      classCode: CLS,
      owners: [COUNTRY, province],
      values: { ...allMet(rand), '10': 43 },
    });
    const { subjects, used } = subjectsFor([commune(100, 20), commune(101, 30)], published, withDraft, new CompiledSetCache());
    expect(subjects[1]!.before).toEqual(subjects[1]!.after);
    expect(subjects[0]!.after.base.code).toBe('QN-NTM-XA-2021-2025');
    expect(subjects[0]!.after.advanced?.code).toBe(advanced.code);
    expect([...used].map((r) => r.id).sort()).toEqual([1, 2, 3]);
    const report = compareSets(subjects);
    expect(report.changed.map((c) => c.unitId)).toEqual([100]);
    expect(report.changed[0]!.criteria).toEqual([{ level: 'ntm', criterion: '10', before: true, after: false }]);
    expect(report.changed[0]!.after).toMatchObject({ standard: false, advanced: false });
  });
});
