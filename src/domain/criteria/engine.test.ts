import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import base2021 from '../../seed/criteria/vn-ntm-xa-2021-2025.json';
import adv2021 from '../../seed/criteria/vn-ntm-xa-nang-cao-2021-2025.json';
import model2021 from '../../seed/criteria/vn-ntm-xa-kieu-mau-2021-2025.json';
import set2026 from '../../seed/criteria/vn-ntm-xa-2026-2030.json';
import { compileSet, evaluate, pickThreshold } from './engine';
import { CriteriaSetDoc, type Indicator, type IndicatorValue } from './schema';

const CLASSES = ['A', 'B'];

const thresholdFor = (type: Indicator['type'], n: number) => {
  switch (type) {
    case 'boolean':
      return { expect: n % 2 === 0, verified: false };
    case 'number':
      return { op: (['>=', '<=', '>', '<', '='] as const)[n % 5], value: n % 50, verified: false };
    case 'ratio':
      return { op: (['>=', '<='] as const)[n % 2], value: n % 100, verified: true };
    case 'level':
      return { level: ['thấp', 'trung bình', 'cao'][n % 3], verified: false };
    case 'k_of_n':
      return { k: 1 + (n % 3), verified: false };
  }
};

const indicatorArb = (code: string): fc.Arbitrary<Indicator> =>
  fc
    .record({
      type: fc.constantFrom('boolean', 'number', 'ratio', 'level', 'k_of_n' as const),
      n: fc.nat(1000),
      cls: fc.boolean(),
    })
    .map(({ type, n, cls }) => ({
      code,
      text_vi: `Chỉ tiêu ${code}`,
      type,
      ...(type === 'level' ? { levels: ['thấp', 'trung bình', 'cao'] } : {}),
      ...(type === 'k_of_n'
        ? {
            items: [
              { code: 'a', text_vi: 'a' },
              { code: 'b', text_vi: 'b' },
              { code: 'c', text_vi: 'c' },
            ],
          }
        : {}),
      thresholds: [{ ...thresholdFor(type, n), ...(cls ? { classes: ['A'] } : {}) }, thresholdFor(type, n + 7)],
      verified: n % 3 === 0,
    }));

const setArb: fc.Arbitrary<CriteriaSetDoc> = fc
  .array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 6 })
  .chain((sizes) =>
    fc
      .tuple(
        ...sizes.map((size, ci) => fc.tuple(...Array.from({ length: size }, (_, ii) => indicatorArb(`${ci + 1}.${ii + 1}`)))),
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
      ),
  );

const valueArb = (ind: Indicator): fc.Arbitrary<IndicatorValue | undefined> => {
  const v: fc.Arbitrary<IndicatorValue> = (() => {
    switch (ind.type) {
      case 'boolean':
        return fc.boolean();
      case 'number':
        return fc.integer({ min: -5, max: 60 });
      case 'ratio':
        return fc.record({ num: fc.integer({ min: 0, max: 120 }), den: fc.integer({ min: 1, max: 120 }) });
      case 'level':
        return fc.constantFrom(...ind.levels!);
      case 'k_of_n':
        return fc.subarray(ind.items!.map((i) => i.code));
    }
  })();
  return fc.option(v, { nil: undefined, freq: 6 });
};

const scenarioArb = setArb.chain((doc) => {
  const inds = doc.criteria.flatMap((c) => c.indicators);
  return fc.tuple(fc.constant(doc), fc.constantFrom(...CLASSES), fc.tuple(...inds.map(valueArb))).map(([d, cls, vals]) => ({
    doc: d,
    cls,
    values: Object.fromEntries(inds.map((i, k) => [i.code, vals[k]])),
  }));
});

/** A value at least as good for the indicator, given the threshold that applies. */
function improve(ind: Indicator, v: IndicatorValue | undefined, cls: string): IndicatorValue | undefined {
  const t = pickThreshold(ind.thresholds, cls, 2022);
  if (!t || v === undefined) return v;
  switch (ind.type) {
    case 'boolean':
      return t.expect;
    case 'number':
      return t.op === '>=' || t.op === '>' ? (v as number) + 3 : t.op === '<=' || t.op === '<' ? (v as number) - 3 : v;
    case 'ratio': {
      const r = v as { num: number; den: number };
      return t.op === '>=' ? { num: r.num + r.den, den: r.den } : { num: 0, den: r.den };
    }
    case 'level':
      return ind.levels![Math.min(ind.levels!.length - 1, ind.levels!.indexOf(v as string) + 1)];
    case 'k_of_n':
      return [...new Set([...(v as string[]), ind.items![0]!.code])];
  }
}

describe('criteria engine (property)', () => {
  it('improving a value never turns met into unmet', () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), ({ doc, cls, values }, pick) => {
        const compiled = compileSet(doc, cls, 2022);
        const inds = doc.criteria.flatMap((c) => c.indicators);
        const target = inds[pick % inds.length]!;
        const before = evaluate(compiled, values);
        const after = evaluate(compiled, { ...values, [target.code]: improve(target, values[target.code], cls) });
        const status = (e: typeof before) => e.criteria.flatMap((c) => c.indicators).find((r) => r.code === target.code)!.status;
        if (status(before) === 'met') expect(status(after)).toBe('met');
        expect(after.indicatorsMet).toBeGreaterThanOrEqual(before.indicatorsMet);
        expect(after.criteriaMet).toBeGreaterThanOrEqual(before.criteriaMet);
      }),
      { numRuns: 500 },
    );
  });

  it('a criterion is met exactly when all its indicators are; counts agree with the per-indicator results', () => {
    fc.assert(
      fc.property(scenarioArb, ({ doc, cls, values }) => {
        const e = evaluate(compileSet(doc, cls, 2022), values);
        for (const c of e.criteria) {
          expect(c.met).toBe(c.indicators.every((i) => i.status === 'met'));
          expect(c.indicatorsMet).toBe(c.indicators.filter((i) => i.status === 'met').length);
        }
        const all = e.criteria.flatMap((c) => c.indicators);
        expect(e.indicatorsMet).toBe(all.filter((i) => i.status === 'met').length);
        expect(e.indicatorsMissing).toBe(all.filter((i) => i.status === 'missing').length);
        expect(e.indicatorsTotal).toBe(all.length);
        expect(e.criteriaMet).toBe(e.criteria.filter((c) => c.met).length);
        expect(e.standardMet).toBe(e.criteriaMet === e.criteriaTotal);
        expect(e.gaps.map((g) => g.code).sort()).toEqual(
          all
            .filter((i) => i.status !== 'met')
            .map((i) => i.code)
            .sort(),
        );
        for (const i of all) {
          if (i.status === 'missing')
            expect(values[i.code] === undefined || i.reason === 'invalid_value' || i.reason === 'no_threshold').toBe(true);
          if (i.status === 'unmet') {
            // At the boundary of a strict comparison (x > 5 with x = 5) the shortfall is 0; otherwise positive.
            if (i.threshold?.op === '>' || i.threshold?.op === '<') expect(i.shortfall).toBeGreaterThanOrEqual(0);
            else expect(i.shortfall).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a document survives export and import unchanged', () => {
    fc.assert(
      fc.property(setArb, (doc) => {
        expect(CriteriaSetDoc.parse(JSON.parse(JSON.stringify(doc)))).toEqual(doc);
      }),
      { numRuns: 100 },
    );
  });
});

describe('criteria engine (examples)', () => {
  it('prefers a class-specific and narrower-year threshold', () => {
    const rules = [
      { op: '>=' as const, value: 46, verified: false },
      { op: '>=' as const, value: 39, classes: ['TDMNPB'], verified: false },
      { op: '>=' as const, value: 50, fromYear: 2023, toYear: 2023, verified: false },
    ];
    expect(pickThreshold(rules, 'TDMNPB', 2022)?.value).toBe(39);
    expect(pickThreshold(rules, 'DBSH', 2022)?.value).toBe(46);
    expect(pickThreshold(rules, 'DBSH', 2023)?.value).toBe(50);
  });

  it('reports reason and shortfall', () => {
    const doc = CriteriaSetDoc.parse(base2021);
    const e = evaluate(compileSet(doc, 'TDMNPB', 2022), {
      '10': 35.5,
      '11': { num: 20, den: 100 },
      '9.1': true,
      '2.2': { num: 1, den: 3 },
    });
    const byCode = Object.fromEntries(e.criteria.flatMap((c) => c.indicators).map((i) => [i.code, i]));
    expect(byCode['10']).toMatchObject({ status: 'unmet', reason: 'below_threshold', actual: 35.5, shortfall: 3.5 });
    expect(byCode['11']).toMatchObject({ status: 'unmet', reason: 'above_threshold', actual: 20, shortfall: 7 });
    expect(byCode['9.1']).toMatchObject({ status: 'unmet', reason: 'expected_no' });
    expect(byCode['2.2']).toMatchObject({ status: 'unmet', actual: 33.333333 });
    expect(byCode['1.1']).toMatchObject({ status: 'missing', reason: 'no_value' });
    expect(e.indicatorsMissing).toBe(53);
  });

  it('ships the researched sets with the verified counts and every unconfirmed threshold marked unverified', () => {
    const count = (d: CriteriaSetDoc) => [d.criteria.length, d.criteria.reduce((n, c) => n + c.indicators.length, 0)];
    const base = CriteriaSetDoc.parse(base2021);
    expect(count(base)).toEqual([19, 57]);
    expect(count(CriteriaSetDoc.parse(adv2021))).toEqual([19, 74]);
    expect(count(CriteriaSetDoc.parse(model2021))).toEqual([20, 77]);
    const s2026 = CriteriaSetDoc.parse(set2026);
    expect(count(s2026)).toEqual([10, 47]);
    expect(s2026.classification.classes.map((c) => c.code)).toEqual(['NHOM_1', 'NHOM_2', 'NHOM_3']);
    for (const d of [base, s2026]) {
      for (const i of d.criteria.flatMap((c) => c.indicators)) {
        expect(i.thresholds.length).toBeGreaterThan(0);
        expect(i.thresholds.every((t) => t.verified === false)).toBe(true);
      }
    }
  });
});

describe('Vietnamese number input', () => {
  it('reads decimal commas, dot thousands and plain decimals', async () => {
    const { parseNumberVi } = await import('../../shared/vi');
    expect(parseNumberVi('42,33')).toBe(42.33);
    expect(parseNumberVi('1.234,5')).toBe(1234.5);
    expect(parseNumberVi('1.500')).toBe(1500);
    expect(parseNumberVi('1.234.567')).toBe(1234567);
    expect(parseNumberVi('42.5')).toBe(42.5);
    expect(parseNumberVi(' 300 ')).toBe(300);
    expect(parseNumberVi('bốn mươi')).toBeNull();
    expect(parseNumberVi('1,2,3')).toBeNull();
  });
});
