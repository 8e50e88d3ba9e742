import { RECOMMENDATION_LIFECYCLE, recommendationOpen } from '../../domain/lifecycles/recommendation';
import { isEditable } from '../../domain/lifecycles/machine';
import { takeStep } from '../../lib/lifecycle';
/**
 * Recommendations: the chair's conclusion turned into requests with an addressee, a deadline and the
 * objects they concern. The addressee reports progress with evidence; the council accepts or does
 * not accept; overdue requests escalate through notifications (addressee, then the office above).
 */
import { and, asc, desc, eq, inArray, isNull, max, notInArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Actor, Deps, RequestMeta } from '../../context';
import type { Db } from '../../db/client';
import { councils, oversightActivities, recommendationReports, recommendations, roleGrants, units } from '../../db/schema';
import type { RecommendationLink } from '../../domain/oversight/types';
import { fieldProblem, ruleViolation } from '../../lib/errors';
import { todayVn } from '../../shared/vi';
import { scopeFilter, unitInScope } from '../access/authorize';
import { auditSnapshot } from '../../lib/audit-chain';
import { checkedByLoad, write, writeAs } from '../access/write-path';
import { daysBetween } from '../ocop/certificates';
import { phrase } from '../notifications/catalogue';
import { notify, supervisingOffice, unitResponders } from '../notifications/notify';
import { keepUpload, recordFile } from '../files/store-upload';
import { lockRow, recommendationFor } from './access';
import type { OpenSteps } from './actions';
import { handoverNote } from './handover';
import { keepActivity } from './records';
import { recommendationView, reportView } from './views';

/** The write path over a recommendation: its row locked, access decided again on the locked row. */
const onRecommendation = (actor: Actor, id: number, need: 'manage' | 'respond') => ({
  can: checkedByLoad,
  load: (db: Db) => recommendationFor(db, actor, id, need),
  units: (x: { rec: { addresseeUnitId: number }; council: { unitId: number } }) =>
    need === 'respond' ? x.rec.addresseeUnitId : x.council.unitId,
  lock: async (tx: Db) => {
    await lockRow(tx, 'recommendations', id);
    return recommendationFor(tx, actor, id, need);
  },
});

export type RecommendationInput = {
  text: string;
  addresseeUnitId: number;
  addresseeLabel: string;
  deadline: string;
  links?: RecommendationLink[] | undefined;
};

async function checkAddressee(db: Db, councilUnitId: number, unitId: number) {
  // A council addresses bodies of its own unit and the units below it.
  if (!(await unitInScope(db, [councilUnitId], unitId))) throw fieldProblem('addresseeUnitId', 'outside_council_area');
}

/**
 * A deadline is never before the conclusion the recommendation comes from (the session where there is
 * no conclusion yet; the day it is recorded where neither has a date).
 */
function assertDeadline(
  activity: { conclusionDate: string | null; heldOn: string | null },
  deadline: string,
  recordedOn: string,
) {
  const earliest = activity.conclusionDate ?? activity.heldOn ?? recordedOn;
  if (deadline < earliest) throw ruleViolation('recommendation_deadline_too_early', { deadline, earliest });
}

export async function createRecommendation(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  activityId: number,
  input: RecommendationInput,
) {
  return write(
    { deps, actor, meta },
    {
      ...keepActivity(actor, activityId),
      apply: async (tx, { activity, council }) => {
        await checkAddressee(tx, council.unitId, input.addresseeUnitId);
        if (activity.status === 'planned') throw ruleViolation('oversight_recommendation_before_session');
        assertDeadline(activity, input.deadline, todayVn(meta.now));
        const [{ n } = { n: 0 }] = await tx
          .select({ n: max(recommendations.seq) })
          .from(recommendations)
          .where(eq(recommendations.activityId, activityId));
        const [row] = await tx
          .insert(recommendations)
          .values({
            activityId,
            seq: (n ?? 0) + 1,
            text: input.text,
            addresseeUnitId: input.addresseeUnitId,
            addresseeLabel: input.addresseeLabel,
            deadline: input.deadline,
            links: input.links ?? [],
            createdAt: meta.now,
            createdBy: actor.userId,
          })
          .returning();
        await notify(
          tx,
          {
            userIds: await unitResponders(tx, input.addresseeUnitId),
            kind: 'oversight.recommendation',
            params: { council: council.name, activity: activity.title, text: input.text, deadline: { date: input.deadline } },
            link: `/giam-sat/kien-nghi/${row!.id}`,
            dedupeKey: `oversight.recommendation:${row!.id}`,
          },
          meta.now,
          deps.config.publicUrl,
        );
        return {
          result: row!,
          audit: {
            action: 'recommendation.create',
            entityType: 'recommendation',
            entityId: row!.id,
            unitId: council.unitId,
            after: auditSnapshot(row),
          },
        };
      },
    },
  );
}

/** Council members of the council's unit: who hears about reports and overdue requests. */
async function councilPeople(db: Db, unitId: number): Promise<number[]> {
  const rows = await db
    .selectDistinct({ id: roleGrants.userId })
    .from(roleGrants)
    .where(
      and(
        eq(roleGrants.unitId, unitId),
        inArray(roleGrants.role, ['council_member', 'council_secretariat']),
        isNull(roleGrants.revokedAt),
      ),
    );
  return rows.map((r) => r.id);
}

export async function updateRecommendation(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: number,
  input: Partial<RecommendationInput> & { version: number },
) {
  const { version, ...changes } = input;
  return write(
    { deps, actor, meta },
    {
      ...onRecommendation(actor, id, 'manage'),
      version: { sent: version, stored: (x) => x.rec.version },
      apply: async (tx, { rec: before, activity, council }) => {
        if (input.addresseeUnitId !== undefined) await checkAddressee(tx, council.unitId, input.addresseeUnitId);
        if (!isEditable(RECOMMENDATION_LIFECYCLE, before.status)) throw ruleViolation('oversight_recommendation_closed');
        if (input.deadline !== undefined) assertDeadline(activity, input.deadline, todayVn(before.createdAt));
        const [row] = await tx
          .update(recommendations)
          .set({ ...changes, version: before.version + 1 })
          .where(eq(recommendations.id, id))
          .returning();
        return {
          result: row!,
          audit: {
            action: 'recommendation.update',
            entityType: 'recommendation',
            entityId: id,
            unitId: council.unitId,
            before: auditSnapshot(before),
            after: auditSnapshot(row),
          },
        };
      },
    },
  );
}

/** The addressee reports progress (optionally "done") with an optional evidence file. */
export async function reportProgress(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: number,
  input: { text: string; done: boolean; version: number; file?: { name: string; bytes: Uint8Array } | undefined },
) {
  const first = await recommendationFor(deps.db, actor, id, 'respond');
  takeStep(RECOMMENDATION_LIFECYCLE, input.done ? 'report_done' : 'report_progress', first.rec.status);
  const kept = input.file ? await keepUpload(deps, input.file) : null;
  return write(
    { deps, actor, meta },
    {
      ...onRecommendation(actor, id, 'respond'),
      version: { sent: input.version, stored: (x) => x.rec.version },
      apply: async (tx, { rec, council, activity }) => {
        const stored = kept ? await recordFile(tx, kept, meta.now) : null;
        const status = takeStep(RECOMMENDATION_LIFECYCLE, input.done ? 'report_done' : 'report_progress', rec.status);
        const [row] = await tx
          .update(recommendations)
          .set({
            status,
            version: rec.version + 1,
          })
          .where(eq(recommendations.id, id))
          .returning()
          .then((r) => r as [typeof rec]);
        const [report] = await tx
          .insert(recommendationReports)
          .values({
            recommendationId: id,
            reportedOn: todayVn(meta.now),
            text: input.text,
            done: input.done,
            fileId: stored?.fileId ?? null,
            fileName: stored?.name ?? null,
            createdAt: meta.now,
            createdBy: actor.userId,
          })
          .returning();
        if (input.done)
          await notify(
            tx,
            {
              userIds: await councilPeople(tx, council.unitId),
              kind: 'oversight.reported',
              params: { addressee: rec.addresseeLabel, activity: activity.title, seq: rec.seq, text: input.text },
              link: `/giam-sat/kien-nghi/${id}`,
              dedupeKey: `oversight.reported:${report!.id}`,
            },
            meta.now,
            deps.config.publicUrl,
          );
        return {
          result: { recommendation: row, report: report! },
          audit: {
            action: 'recommendation.report',
            entityType: 'recommendation',
            entityId: id,
            unitId: rec.addresseeUnitId,
            before: { status: rec.status },
            after: { status: row.status, reportId: report!.id, done: input.done, file: stored?.sha256 ?? null },
          },
        };
      },
    },
  );
}

/** The council accepts a recommendation as met, or does not (it goes back to the addressee). */
export async function decideRecommendation(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: number,
  input: { decision: 'accepted' | 'not_accepted'; note?: string | null | undefined; version: number },
) {
  return write(
    { deps, actor, meta },
    {
      ...onRecommendation(actor, id, 'manage'),
      version: { sent: input.version, stored: (x) => x.rec.version },
      apply: async (tx, { rec, council }) => {
        const status = takeStep(RECOMMENDATION_LIFECYCLE, input.decision === 'accepted' ? 'accept' : 'not_accept', rec.status);
        const [row] = await tx
          .update(recommendations)
          .set({
            status,
            decidedOn: todayVn(meta.now),
            decidedBy: actor.userId,
            decisionNote: input.note ?? null,
            version: rec.version + 1,
          })
          .where(eq(recommendations.id, id))
          .returning()
          .then((r) => r as [typeof rec]);
        await notify(
          tx,
          {
            userIds: await unitResponders(tx, rec.addresseeUnitId),
            kind: 'oversight.decided',
            params: {
              verdict: phrase(input.decision === 'accepted' ? 'recommendationAccepted' : 'recommendationNotAccepted'),
              council: council.name,
              seq: rec.seq,
              text: rec.text,
              note: input.note ? phrase('dashNote', { note: input.note }) : '',
            },
            link: `/giam-sat/kien-nghi/${id}`,
            dedupeKey: `oversight.decided:${id}:${row.version}`,
          },
          meta.now,
          deps.config.publicUrl,
        );
        return {
          result: row,
          audit: {
            action: input.decision === 'accepted' ? 'recommendation.accept' : 'recommendation.reject',
            entityType: 'recommendation',
            entityId: id,
            unitId: council.unitId,
            before: { status: rec.status },
            after: { status: row.status, note: row.decisionNote },
          },
        };
      },
    },
  );
}

export async function recommendationDetail(deps: Deps, actor: Actor, id: number, steps: OpenSteps) {
  const { rec, activity, council } = await recommendationFor(deps.db, actor, id, 'read');
  const [unit] = await deps.db.select({ name: units.name }).from(units).where(eq(units.id, rec.addresseeUnitId));
  const reports = await deps.db
    .select()
    .from(recommendationReports)
    .where(eq(recommendationReports.recommendationId, id))
    .orderBy(asc(recommendationReports.id));
  const today = todayVn(deps.clock.now());
  return {
    ...recommendationView(rec, await steps.recommendation(rec)),
    addresseeUnitName: unit?.name ?? '',
    overdue: recommendationOpen(rec.status) && rec.deadline < today,
    handover: await handoverNote(deps.db, rec.handoverId, { kind: 'recommendation', id: rec.id }),
    activity: { id: activity.id, title: activity.title, kind: activity.kind },
    council: { id: council.id, name: council.name, unitId: council.unitId },
    reports: reports.map(reportView),
  };
}

/**
 * Recommendations the actor sees: the council's (read) and those addressed to their units
 * (respond); `mine` limits to the latter — an addressee's to-do list.
 */
export async function listRecommendations(
  deps: Deps,
  actor: Actor,
  f: { councilId?: number | undefined; status?: string | undefined; mine?: boolean | undefined; overdue?: boolean | undefined },
  steps: OpenSteps,
) {
  const db = deps.db;
  const today = todayVn(deps.clock.now());
  const addressed = scopeFilter(db, actor, 'oversight.respond', recommendations.addresseeUnitId);
  const follow = alias(councils, 'follow_up');
  const council = scopeFilter(db, actor, 'oversight.read', councils.unitId);
  const followUp = scopeFilter(db, actor, 'oversight.read', follow.unitId);
  const rows = await db
    .select({
      r: recommendations,
      title: oversightActivities.title,
      councilName: councils.name,
      councilId: councils.id,
      followUpCouncilName: follow.name,
    })
    .from(recommendations)
    .innerJoin(oversightActivities, eq(oversightActivities.id, recommendations.activityId))
    .innerJoin(councils, eq(councils.id, oversightActivities.councilId))
    .leftJoin(follow, eq(follow.id, recommendations.followUpCouncilId))
    .where(
      and(
        f.mine
          ? addressed
          : sql`(${addressed} or ${council} or (${recommendations.followUpCouncilId} is not null and ${followUp}))`,
        f.councilId ? or(eq(councils.id, f.councilId), eq(recommendations.followUpCouncilId, f.councilId)) : undefined,
        f.status ? eq(recommendations.status, f.status as 'open') : undefined,
        f.overdue
          ? and(notInArray(recommendations.status, ['accepted', 'closed']), sql`${recommendations.deadline} < ${today}`)
          : undefined,
      ),
    )
    .orderBy(asc(recommendations.deadline), desc(recommendations.id))
    .limit(500);
  return Promise.all(
    rows.map(async (r) => {
      const overdue = recommendationOpen(r.r.status) && r.r.deadline < today;
      return {
        ...recommendationView(r.r, await steps.recommendation({ ...r.r, activityCouncilId: r.councilId })),
        activityTitle: r.title,
        councilName: r.councilName,
        councilId: r.councilId,
        followUpCouncilName: r.followUpCouncilName,
        overdue,
        daysOverdue: overdue ? daysBetween(r.r.deadline, today) : 0,
      };
    }),
  );
}

export const ESCALATE_AFTER_DAYS = 30;

/**
 * Daily: a recommendation whose report falls due within `recommendationReminderDays` reminds its
 * addressee once; an overdue one tells the addressee and the council once; after 30 days overdue,
 * the coordination office above the addressee is told as well (once). Each notice is keyed on the
 * deadline, so a new deadline reminds again.
 */
export async function dailyOversightCheck(deps: Deps, jobId: number | string) {
  const now = deps.clock.now();
  const today = todayVn(now);
  const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + deps.config.recommendationReminderDays * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const follow = alias(councils, 'follow_up');
  const ownUnit = alias(units, 'own_unit');
  const candidates = await deps.db
    .select({
      r: recommendations,
      ownName: councils.name,
      ownUnitId: councils.unitId,
      ownEnded: ownUnit.effectiveTo,
      followName: follow.name,
      followUnitId: follow.unitId,
      title: oversightActivities.title,
    })
    .from(recommendations)
    .innerJoin(oversightActivities, eq(oversightActivities.id, recommendations.activityId))
    .innerJoin(councils, eq(councils.id, oversightActivities.councilId))
    .innerJoin(ownUnit, eq(ownUnit.id, councils.unitId))
    .leftJoin(follow, eq(follow.id, recommendations.followUpCouncilId))
    .where(and(inArray(recommendations.status, ['open', 'not_accepted']), sql`${recommendations.deadline} <= ${horizon}`));
  // A council that has ended follows up nothing: its items escalate only once handed over, to the successor.
  const rows = candidates
    .filter((x) => x.followUnitId !== null || x.ownEnded === null || x.ownEnded > today)
    .map((x) => ({
      r: x.r,
      title: x.title,
      councilName: x.followName ?? x.ownName,
      councilUnitId: x.followUnitId ?? x.ownUnitId,
    }));
  let sent = 0;
  let overdue = 0;
  let due = 0;
  const meta = { requestId: `job-${jobId}`, ip: null, now };
  await writeAs(deps, { meta, systemName: 'Hệ thống (tác vụ định kỳ)' }, async (tx) => {
    for (const { r, councilName, councilUnitId, title } of rows) {
      const link = `/giam-sat/kien-nghi/${r.id}`;
      const about = {
        council: councilName,
        activity: title,
        seq: r.seq,
        addressee: r.addresseeLabel,
        text: r.text,
        deadline: { date: r.deadline },
      };
      if (r.deadline >= today) {
        due++;
        sent += await notify(
          tx,
          {
            userIds: await unitResponders(tx, r.addresseeUnitId),
            kind: 'oversight.due',
            params: { ...about, days: daysBetween(today, r.deadline) },
            link,
            dedupeKey: `oversight.due:${r.id}:${r.deadline}`,
          },
          now,
          deps.config.publicUrl,
        );
        continue;
      }
      overdue++;
      const late = daysBetween(r.deadline, today);
      sent += await notify(
        tx,
        {
          userIds: [...(await unitResponders(tx, r.addresseeUnitId)), ...(await councilPeople(tx, councilUnitId))],
          kind: 'oversight.overdue',
          params: { ...about, days: late },
          link,
          dedupeKey: `oversight.overdue:${r.id}:${r.deadline}`,
        },
        now,
        deps.config.publicUrl,
      );
      if (late >= ESCALATE_AFTER_DAYS)
        sent += await notify(
          tx,
          {
            userIds: await supervisingOffice(tx, r.addresseeUnitId),
            kind: 'oversight.escalated',
            params: { ...about, days: late, limit: ESCALATE_AFTER_DAYS },
            link,
            dedupeKey: `oversight.escalated:${r.id}:${r.deadline}`,
          },
          now,
          deps.config.publicUrl,
        );
    }
    return {
      result: undefined,
      audit: sent ? { action: 'system.run_oversight_daily', entityType: 'system', after: { notices: sent, overdue, due } } : [],
    };
  });
  return { overdue, due, sent };
}
