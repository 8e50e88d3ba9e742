/**
 * Frozen snapshots: the figures a council is briefed with, computed once from the data as it stood
 * on the "as of" day and stored as JSON with its SHA-256. Later edits to assessments, capital or
 * OCOP never change a snapshot; packs and comparisons read the snapshot only.
 */
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, inArray, lte } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import type { Db } from '../../db/client';
import {
  oversightActivities,
  oversightSnapshots,
  petitions,
  recommendationReports,
  recommendations,
  units,
} from '../../db/schema';
import { compareSnapshots } from '../../domain/oversight/compare';
import { petitionStats } from '../../domain/oversight/petitions';
import type { SnapshotData, SnapshotRecommendation } from '../../domain/oversight/types';
import { canonicalJson } from '../../lib/canonical-json';
import { AppError, ruleViolation } from '../../lib/errors';
import { todayVn } from '../../shared/vi';
import { write } from '../access/write-path';
import { keepActivity } from './records';
import { handoverNote } from './handover';
import { cockpit } from '../capital/queries';
import { heatmap, latestVerified, summarise } from '../dashboard/queries';
import { ocopDashboard } from '../ocop/queries';
import { activityFor, type ActivityRow, type CouncilRow } from './access';

/** What the council's unit shows to anyone who may read it: the figures do not depend on who froze them. */
function unitReader(actor: Actor, unitId: number): Actor {
  return { ...actor, grants: [{ id: 0, role: 'viewer', unitId }] };
}

/** A recommendation's status on a past day, from its decision and report dates. */
async function recommendationsAsOf(db: Db, council: CouncilRow, activityId: number, asOf: string) {
  const earlier = await db
    .select({ r: recommendations, title: oversightActivities.title })
    .from(recommendations)
    .innerJoin(oversightActivities, eq(oversightActivities.id, recommendations.activityId))
    .where(and(eq(oversightActivities.councilId, council.id), lte(oversightActivities.scheduledOn, asOf)))
    .orderBy(asc(oversightActivities.scheduledOn), asc(recommendations.seq));
  // The activity being briefed does not brief itself; requests made after the day are not yet known.
  const mine = earlier.filter((e) => e.r.activityId !== activityId && e.r.createdAt.toISOString().slice(0, 10) <= asOf);
  const reports = mine.length
    ? await db
        .select({ id: recommendationReports.recommendationId, on: recommendationReports.reportedOn })
        .from(recommendationReports)
        .where(
          and(
            inArray(
              recommendationReports.recommendationId,
              mine.map((e) => e.r.id),
            ),
            lte(recommendationReports.reportedOn, asOf),
            eq(recommendationReports.done, true),
          ),
        )
    : [];
  return mine.map(({ r, title }): SnapshotRecommendation => {
    const decided =
      r.decidedOn && r.decidedOn <= asOf && (r.status === 'accepted' || r.status === 'not_accepted' || r.status === 'closed');
    const status = decided ? r.status : reports.some((x) => x.id === r.id) ? 'reported' : 'open';
    return {
      id: r.id,
      activityTitle: title,
      seq: r.seq,
      text: r.text,
      addresseeLabel: r.addresseeLabel,
      deadline: r.deadline,
      status,
      overdue: status !== 'accepted' && status !== 'closed' && r.deadline < asOf,
    };
  });
}

/** Computes the snapshot's figures for a council's unit as they stood on `asOf` (month: the reporting month). */
export async function buildSnapshotData(
  deps: Deps,
  actor: Actor,
  council: CouncilRow,
  activity: ActivityRow,
  asOf: string,
  month: string,
): Promise<SnapshotData> {
  const db = deps.db;
  const reader = unitReader(actor, council.unitId);
  const [unit] = await db.select().from(units).where(eq(units.id, council.unitId));
  const latest = await latestVerified(db, reader, council.unitId, month);
  const summary = summarise(latest);
  const heat = await heatmap(db, reader, council.unitId, month);
  const set = heat.sets[0] ?? null;
  const year = Number(asOf.slice(0, 4));
  const ocop = await ocopDashboard(deps, reader, council.unitId, year, asOf);
  const capital = await cockpit(deps, reader, council.unitId, year, asOf);
  const recs = await recommendationsAsOf(db, council, activity.id, asOf);
  const pets = await db
    .select({ status: petitions.status, answeredOn: petitions.answeredOn })
    .from(petitions)
    .where(and(eq(petitions.councilId, council.id), lte(petitions.receivedOn, asOf)));
  const petitionStatus = pets.map((p) =>
    p.answeredOn && p.answeredOn <= asOf ? p.status : p.status === 'forwarded' ? 'forwarded' : 'assigned',
  );
  return {
    schema: 1,
    asOf,
    month,
    unit: { id: unit!.id, name: unit!.name },
    council: { id: council.id, name: council.name, term: council.term },
    activity: {
      id: activity.id,
      kind: activity.kind,
      title: activity.title,
      date: activity.heldOn ?? activity.scheduledOn,
      legalBasis: activity.legalBasis,
    },
    criteria: {
      setName: set?.name ?? null,
      criteriaNames: set?.criteria ?? [],
      unitCount: summary.unitCount,
      assessedCount: summary.assessedCount,
      criteriaTotal: summary.criteriaTotal,
      indicatorsTotal: summary.indicatorsTotal,
      criteriaMetSum: summary.criteriaMetSum,
      indicatorsMetSum: summary.indicatorsMetSum,
      averageCriteria: summary.averageCriteria,
      averageIndicators: summary.averageIndicators,
      standardCount: summary.standardCount,
      advancedCount: summary.advancedCount,
      modelCount: summary.modelCount,
      communes: latest.map((r) => ({
        unitId: r.unitId,
        name: r.name,
        month: r.period?.slice(0, 7) ?? null,
        criteriaMet: r.criteriaMet,
        criteriaTotal: r.criteriaTotal,
        indicatorsMet: r.indicatorsMet,
        indicatorsTotal: r.indicatorsTotal,
        standardMet: r.standardMet,
        advancedMet: r.advancedMet,
        modelMet: r.modelMet,
        unmet: (r.criteria ?? []).filter((c) => !c.met).map((c) => c.number),
      })),
    },
    ocop: {
      year,
      targets: ocop.targets
        ? {
            newProducts: ocop.targets.newProducts,
            newRated34: ocop.targets.newRated34,
            newOrganisations: ocop.targets.newOrganisations,
          }
        : null,
      actual: ocop.actual,
      products: ocop.totals.products,
      starred: ocop.totals.starred,
      byStar: ocop.byStar.map((s) => ({ star: s.key, n: s.n })),
      expiringSoon: ocop.expiringSoon.length,
      expired: ocop.expired.length,
    },
    capital: {
      year,
      plan: capital.totals.plan,
      allocated: capital.totals.allocated,
      disbursed: capital.totals.disbursed,
      rateBp: capital.totals.rateVsAllocatedBp,
      projects: capital.projects
        .filter((p) => p.allocated || p.disbursed)
        .map((p) => ({ code: p.code, name: p.name, unitName: p.unitName, allocated: p.allocated, disbursed: p.disbursed })),
    },
    recommendations: recs,
    petitions: petitionStats(petitionStatus),
  };
}

export const snapshotHash = (data: SnapshotData) => createHash('sha256').update(canonicalJson(data)).digest('hex');

/**
 * Freezes the figures for an activity. `asOf` defaults to the day it is held (or scheduled), never
 * later than today; the month to report defaults to the month of `asOf`.
 */
export async function freezeSnapshot(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  activityId: number,
  input: { asOf?: string | undefined; month?: string | undefined },
) {
  const { activity, council } = await activityFor(deps.db, actor, activityId, 'manage');
  const today = todayVn(meta.now);
  const asOf =
    input.asOf ?? ((activity.heldOn ?? activity.scheduledOn) < today ? (activity.heldOn ?? activity.scheduledOn) : today);
  if (asOf > today) throw ruleViolation('oversight_snapshot_future', { asOf, today });
  const month = input.month ?? asOf.slice(0, 7);
  if (month > asOf.slice(0, 7)) throw ruleViolation('oversight_snapshot_future', { month, asOf });
  const data = await buildSnapshotData(deps, actor, council, activity, asOf, month);
  const sha256 = snapshotHash(data);
  return write(
    { deps, actor, meta },
    {
      ...keepActivity(actor, activityId),
      apply: async (tx) => {
        const [row] = await tx
          .insert(oversightSnapshots)
          .values({ activityId, asOf, data, sha256, frozenAt: meta.now, frozenBy: actor.userId })
          .returning({ id: oversightSnapshots.id, asOf: oversightSnapshots.asOf, sha256: oversightSnapshots.sha256 });
        return {
          result: row!,
          audit: {
            action: 'oversight_activity.freeze_snapshot',
            entityType: 'oversight_activity',
            entityId: activityId,
            unitId: council.unitId,
            after: { snapshotId: row!.id, asOf, month, sha256 },
          },
        };
      },
    },
  );
}

export async function getSnapshot(deps: Deps, actor: Actor, snapshotId: number) {
  const [row] = await deps.db.select().from(oversightSnapshots).where(eq(oversightSnapshots.id, snapshotId));
  if (!row) throw new AppError('NOT_FOUND');
  const { activity, council } = await activityFor(deps.db, actor, row.activityId);
  return { snapshot: row, activity, council };
}

/** The newest snapshot of an activity (what its briefing shows), or null before one is frozen. */
export async function latestSnapshotOf(db: Db, activityId: number) {
  const [row] = await db
    .select()
    .from(oversightSnapshots)
    .where(eq(oversightSnapshots.activityId, activityId))
    .orderBy(desc(oversightSnapshots.id))
    .limit(1);
  return row ?? null;
}

/** Promised vs delivered: the newest snapshots of two activities of the same council, earlier first. */
export async function compareActivities(deps: Deps, actor: Actor, firstId: number, secondId: number) {
  const a = await activityFor(deps.db, actor, firstId);
  const b = await activityFor(deps.db, actor, secondId);
  if (a.council.id !== b.council.id) throw ruleViolation('oversight_compare_same_council');
  const sa = await latestSnapshotOf(deps.db, firstId);
  const sb = await latestSnapshotOf(deps.db, secondId);
  if (!sa || !sb) throw ruleViolation('oversight_snapshot_missing');
  const [before, after] = sa.data.asOf <= sb.data.asOf ? [sa, sb] : [sb, sa];
  return {
    council: { id: a.council.id, name: a.council.name, unitName: after.data.unit.name },
    beforeSnapshot: { id: before.id, activityId: before.activityId, sha256: before.sha256 },
    afterSnapshot: { id: after.id, activityId: after.activityId, sha256: after.sha256 },
    ...withHandovers(compareSnapshots(before.data, after.data), await handoverNotes(deps.db, after.data.recommendations)),
  };
}

/** Each compared request's handover, when its council ended after the later snapshot's promises. */
async function handoverNotes(db: Db, recs: { id: number }[]) {
  const ids = recs.map((r) => r.id);
  const rows = ids.length
    ? await db
        .select({ id: recommendations.id, handoverId: recommendations.handoverId })
        .from(recommendations)
        .where(inArray(recommendations.id, ids))
    : [];
  const out = new Map<number, Awaited<ReturnType<typeof handoverNote>>>();
  for (const r of rows)
    if (r.handoverId !== null) out.set(r.id, await handoverNote(db, r.handoverId, { kind: 'recommendation', id: r.id }));
  return out;
}

function withHandovers(cmp: ReturnType<typeof compareSnapshots>, notes: Map<number, Awaited<ReturnType<typeof handoverNote>>>) {
  return { ...cmp, recommendations: cmp.recommendations.map((r) => ({ ...r, handover: notes.get(r.id) ?? null })) };
}
