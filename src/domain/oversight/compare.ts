import type { SnapshotData } from './types';

export type CommuneChange = {
  unitId: number;
  name: string;
  before: { criteriaMet: number | null; indicatorsMet: number | null } | null;
  after: { criteriaMet: number | null; indicatorsMet: number | null } | null;
  criteriaDelta: number | null;
  indicatorsDelta: number | null;
  newlyMet: string[];
  newlyUnmet: string[];
  standardReached: boolean;
};

const delta = (a: number | null | undefined, b: number | null | undefined) =>
  a === null || a === undefined || b === null || b === undefined ? null : b - a;

/**
 * What changed between two frozen snapshots (the earlier one first): per commune, in the OCOP
 * targets, in capital, and and which recommendations were met by the later one.
 * Communes are matched by unit id, so a commune missing on one side shows as added or removed.
 */
export function compareSnapshots(before: SnapshotData, after: SnapshotData) {
  const ids = [...new Set([...before.criteria.communes, ...after.criteria.communes].map((c) => c.unitId))];
  const communes: CommuneChange[] = ids.map((id) => {
    const b = before.criteria.communes.find((c) => c.unitId === id) ?? null;
    const a = after.criteria.communes.find((c) => c.unitId === id) ?? null;
    const bu = new Set(b?.unmet ?? []);
    const au = new Set(a?.unmet ?? []);
    return {
      unitId: id,
      name: (a ?? b)!.name,
      before: b && { criteriaMet: b.criteriaMet, indicatorsMet: b.indicatorsMet },
      after: a && { criteriaMet: a.criteriaMet, indicatorsMet: a.indicatorsMet },
      criteriaDelta: delta(b?.criteriaMet, a?.criteriaMet),
      indicatorsDelta: delta(b?.indicatorsMet, a?.indicatorsMet),
      newlyMet: b && a ? [...bu].filter((n) => !au.has(n)) : [],
      newlyUnmet: b && a ? [...au].filter((n) => !bu.has(n)) : [],
      standardReached: Boolean(a?.standardMet) && !b?.standardMet,
    };
  });
  // Every request the later snapshot tracks; its status at the earlier one (null: made after it).
  const recs = after.recommendations.map((r) => {
    const earlier = before.recommendations.find((x) => x.id === r.id);
    return {
      ...r,
      status: earlier?.status ?? null,
      statusAfter: r.status,
      met: r.status === 'accepted',
      overdueAfter: r.overdue,
    };
  });
  return {
    before: { asOf: before.asOf, title: before.activity.title },
    after: { asOf: after.asOf, title: after.activity.title },
    summary: {
      averageCriteria: { before: before.criteria.averageCriteria, after: after.criteria.averageCriteria },
      averageIndicators: { before: before.criteria.averageIndicators, after: after.criteria.averageIndicators },
      standardCount: { before: before.criteria.standardCount, after: after.criteria.standardCount },
      ocopActual: { before: before.ocop.actual, after: after.ocop.actual, targets: after.ocop.targets ?? before.ocop.targets },
      disbursed: { before: before.capital.disbursed, after: after.capital.disbursed },
      disbursedRateBp: { before: before.capital.rateBp, after: after.capital.rateBp },
    },
    communes,
    recommendations: recs,
    met: recs.filter((r) => r.met).length,
    notMet: recs.filter((r) => !r.met).length,
  };
}
