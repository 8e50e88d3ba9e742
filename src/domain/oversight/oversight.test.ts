import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSnapshots } from './compare';
import { supervisionLawOn } from './legal';
import { PETITION_STATES } from '../lifecycles/petition';
import { petitionStats } from './petitions';
import type { SnapshotData } from './types';

const commune = fc.record({
  unitId: fc.integer({ min: 1, max: 30 }),
  name: fc.string({ minLength: 1, maxLength: 10 }),
  month: fc.constant('2022-05'),
  criteriaMet: fc.option(fc.integer({ min: 0, max: 19 }), { nil: null }),
  criteriaTotal: fc.constant(19),
  indicatorsMet: fc.option(fc.integer({ min: 0, max: 57 }), { nil: null }),
  indicatorsTotal: fc.constant(57),
  standardMet: fc.option(fc.boolean(), { nil: null }),
  advancedMet: fc.constant(null),
  modelMet: fc.constant(null),
  unmet: fc.uniqueArray(fc.constantFrom('1', '2', '6', '13', '17'), { maxLength: 5 }),
});
const recommendation = fc.record({
  id: fc.integer({ min: 1, max: 20 }),
  activityTitle: fc.constant('Phiên giải trình'),
  seq: fc.integer({ min: 1, max: 20 }),
  text: fc.string(),
  addresseeLabel: fc.constant('UBND'),
  deadline: fc.constantFrom('2022-06-30', '2022-12-31'),
  status: fc.constantFrom('open', 'reported', 'accepted', 'not_accepted' as const),
  overdue: fc.boolean(),
});
const snapshot = (asOf: string) =>
  fc
    .record({
      communes: fc.uniqueArray(commune, { selector: (c) => c.unitId, maxLength: 12 }),
      recommendations: fc.uniqueArray(recommendation, { selector: (r) => r.id, maxLength: 10 }),
    })
    .map(({ communes, recommendations }): SnapshotData => ({
      schema: 1,
      asOf,
      month: asOf.slice(0, 7),
      unit: { id: 1, name: 'thành phố Móng Cái' },
      council: { id: 1, name: 'HĐND thành phố Móng Cái', term: '2021–2026' },
      activity: { id: 1, kind: 'explanatory_session', title: asOf, date: asOf, legalBasis: '87/2015/QH13' },
      criteria: {
        setName: null,
        criteriaNames: [],
        unitCount: communes.length,
        assessedCount: communes.length,
        criteriaTotal: 19,
        indicatorsTotal: 57,
        criteriaMetSum: 0,
        indicatorsMetSum: 0,
        averageCriteria: null,
        averageIndicators: null,
        standardCount: communes.filter((c) => c.standardMet).length,
        advancedCount: 0,
        modelCount: 0,
        communes,
      },
      ocop: {
        year: 2022,
        targets: null,
        actual: { newProducts: 0, newRated34: 0, newOrganisations: 0 },
        products: 0,
        starred: 0,
        byStar: [],
        expiringSoon: 0,
        expired: 0,
      },
      capital: { year: 2022, plan: 0, allocated: 0, disbursed: 0, rateBp: null, projects: [] },
      recommendations,
      petitions: { total: 0, resolved: 0, answered: 0, rateBp: null },
    }));

describe('comparing two frozen snapshots', () => {
  it('a snapshot compared with itself shows no change at all', () => {
    fc.assert(
      fc.property(snapshot('2022-05-18'), (s) => {
        const c = compareSnapshots(s, s);
        for (const x of c.communes) {
          expect(x.criteriaDelta === null || x.criteriaDelta === 0).toBe(true);
          expect(x.newlyMet).toEqual([]);
          expect(x.newlyUnmet).toEqual([]);
          expect(x.standardReached).toBe(false);
        }
        expect(c.recommendations.every((r) => r.status === r.statusAfter)).toBe(true);
      }),
    );
  });

  it('swapping the two sides negates every delta and swaps newly met with newly unmet', () => {
    fc.assert(
      fc.property(snapshot('2022-05-18'), snapshot('2022-12-15'), (a, b) => {
        const ab = compareSnapshots(a, b);
        const ba = compareSnapshots(b, a);
        expect(ab.communes.length).toBe(ba.communes.length);
        for (const x of ab.communes) {
          const y = ba.communes.find((z) => z.unitId === x.unitId)!;
          if (x.criteriaDelta !== null) expect(y.criteriaDelta! + x.criteriaDelta).toBe(0);
          expect([...y.newlyMet].sort()).toEqual([...x.newlyUnmet].sort());
        }
      }),
    );
  });

  it('counts every request of the later snapshot once, as met or not', () => {
    fc.assert(
      fc.property(snapshot('2022-05-18'), snapshot('2022-12-15'), (a, b) => {
        const c = compareSnapshots(a, b);
        expect(c.met + c.notMet).toBe(b.recommendations.length);
        expect(c.met).toBe(b.recommendations.filter((r) => r.status === 'accepted').length);
      }),
    );
  });
});

describe('statuses and rates', () => {
  it('the resolution rate is resolved / received, between 0 and 100%', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PETITION_STATES)), (statuses) => {
        const s = petitionStats(statuses);
        expect(s.total).toBe(statuses.length);
        if (!statuses.length) expect(s.rateBp).toBeNull();
        else {
          expect(s.rateBp).toBeGreaterThanOrEqual(0);
          expect(s.rateBp).toBeLessThanOrEqual(10000);
          expect(s.rateBp).toBe(Math.floor((s.resolved * 10000) / s.total));
        }
        expect(s.resolved).toBeLessThanOrEqual(s.answered);
      }),
    );
  });

  it('the supervision law follows the day: 87/2015 until 28/02/2026, 121/2025 from 01/03/2026', () => {
    expect(supervisionLawOn('2022-05-18').code).toBe('87/2015/QH13');
    expect(supervisionLawOn('2026-02-28').code).toBe('87/2015/QH13');
    expect(supervisionLawOn('2026-03-01').code).toBe('121/2025/QH15');
  });
});
