/**
 * A council's own records: the council with its bodies and delegates, its supervision activities
 * (each with the law it is held under and a forward-only status) and their documents in versions.
 * Every change is audited in its own transaction; edits carry the version they were made against.
 */
import { handoverOf } from './handover';
import { and, asc, desc, eq, inArray, max } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import {
  councilBodies,
  councilDelegates,
  councils,
  files,
  oversightActivities,
  oversightDocuments,
  oversightSnapshots,
  recommendations,
  units,
  type ActivityKind,
  type ActivityStatus,
  type CouncilBodyKind,
  type OversightDocumentKind,
} from '../../db/schema';
import { supervisionLawOn } from '../../domain/oversight/legal';
import { ACTIVITY_LIFECYCLE, ACTIVITY_STATES, activityStepTo } from '../../domain/lifecycles/activity';
import { takeStep } from '../../lib/lifecycle';
import type { Db } from '../../db/client';
import { AppError, fieldProblem, ruleViolation } from '../../lib/errors';
import { sortVi, todayVn } from '../../shared/vi';
import { scopeFilter } from '../access/authorize';
import { checkedByLoad, write } from '../access/write-path';
import { auditSnapshot } from '../../lib/audit-chain';
import { keepUpload, recordFile } from '../files/store-upload';
import { activityFor, councilFor, lockRow, type CouncilRow } from './access';
import type { OpenSteps } from './actions';
import { activityView, bodyView, councilView, documentView, recommendationView } from './views';

/** The write path for keeping a council's records: authorised while loading, the council row locked. */
export const keepCouncil = (actor: Actor, councilId: number) => ({
  can: checkedByLoad,
  load: (db: Db) => councilFor(db, actor, councilId, 'manage'),
  units: (c: CouncilRow) => c.unitId,
  lock: async (tx: Db) => {
    await lockRow(tx, 'councils', councilId);
    return councilFor(tx, actor, councilId, 'manage');
  },
});

/** The same for an activity's records: the activity row is the parent that is locked. */
export const keepActivity = (actor: Actor, activityId: number) => ({
  can: checkedByLoad,
  load: (db: Db) => activityFor(db, actor, activityId, 'manage'),
  units: (x: { council: CouncilRow }) => x.council.unitId,
  lock: async (tx: Db) => {
    await lockRow(tx, 'activities', activityId);
    return activityFor(tx, actor, activityId, 'manage');
  },
});

export async function listCouncils(deps: Deps, actor: Actor) {
  const rows = await deps.db
    .select({ c: councils, unitName: units.name, unitTo: units.effectiveTo })
    .from(councils)
    .innerJoin(units, eq(units.id, councils.unitId))
    .where(scopeFilter(deps.db, actor, 'oversight.read', councils.unitId));
  return sortVi(
    rows.map((r) => ({ ...councilView(r.c), unitName: r.unitName, historic: r.unitTo !== null })),
    (r) => r.name,
  );
}

export async function createCouncil(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  input: { unitId: number; name: string; term: string },
) {
  return write(
    { deps, actor, meta },
    {
      can: 'oversight.manage',
      load: async () => input,
      units: (i) => i.unitId,
      apply: async (tx) => {
        const [row] = await tx
          .insert(councils)
          .values({ ...input, createdAt: meta.now })
          .returning();
        return {
          result: row!,
          audit: { action: 'council.create', entityType: 'council', entityId: row!.id, unitId: row!.unitId, after: row },
        };
      },
    },
  );
}

export async function councilDetail(deps: Deps, actor: Actor, id: number) {
  const council = await councilFor(deps.db, actor, id);
  const [unit] = await deps.db.select().from(units).where(eq(units.id, council.unitId));
  const bodies = await deps.db.select().from(councilBodies).where(eq(councilBodies.councilId, id)).orderBy(asc(councilBodies.id));
  const delegates = await deps.db
    .select({
      id: councilDelegates.id,
      fullName: councilDelegates.fullName,
      position: councilDelegates.position,
      bodyIds: councilDelegates.bodyIds,
    })
    .from(councilDelegates)
    .where(eq(councilDelegates.councilId, id))
    .orderBy(asc(councilDelegates.id));
  const activities = await deps.db
    .select()
    .from(oversightActivities)
    .where(eq(oversightActivities.councilId, id))
    .orderBy(desc(oversightActivities.scheduledOn), desc(oversightActivities.id));
  return {
    ...councilView(council),
    unitName: unit!.name,
    historic: unit!.effectiveTo !== null,
    endedOn: unit!.effectiveTo,
    handover: await handoverOf(deps.db, id),
    bodies: bodies.map(bodyView),
    delegates,
    activities: activities.map((a) => ({
      id: a.id,
      kind: a.kind,
      title: a.title,
      status: a.status,
      scheduledOn: a.scheduledOn,
      heldOn: a.heldOn,
      legalBasis: a.legalBasis,
    })),
  };
}

export async function addBody(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  councilId: number,
  input: { kind: CouncilBodyKind; name: string },
) {
  return write(
    { deps, actor, meta },
    {
      ...keepCouncil(actor, councilId),
      apply: async (tx, council) => {
        const [row] = await tx
          .insert(councilBodies)
          .values({ councilId, ...input })
          .returning();
        return {
          result: row!,
          audit: {
            action: 'council_body.create',
            entityType: 'council_body',
            entityId: row!.id,
            unitId: council.unitId,
            after: row,
          },
        };
      },
    },
  );
}

export async function addDelegate(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  councilId: number,
  input: { fullName: string; position?: string | null | undefined; bodyIds?: number[] | undefined },
) {
  const bodyIds = [...new Set(input.bodyIds ?? [])];
  return write(
    { deps, actor, meta },
    {
      ...keepCouncil(actor, councilId),
      apply: async (tx, council) => {
        if (bodyIds.length) {
          const found = await tx
            .select({ id: councilBodies.id })
            .from(councilBodies)
            .where(and(eq(councilBodies.councilId, councilId), inArray(councilBodies.id, bodyIds)));
          if (found.length !== bodyIds.length) throw fieldProblem('bodyIds', 'not_of_this_council');
        }
        const [row] = await tx
          .insert(councilDelegates)
          .values({ councilId, fullName: input.fullName, position: input.position ?? null, bodyIds })
          .returning();
        return {
          result: row!,
          audit: {
            action: 'council_delegate.create',
            entityType: 'council_delegate',
            entityId: row!.id,
            unitId: council.unitId,
            after: row,
          },
        };
      },
    },
  );
}

export type ActivityInput = {
  kind: ActivityKind;
  title: string;
  topic: string;
  scheduledOn: string;
  heldOn?: string | null | undefined;
  leadBodyId?: number | null | undefined;
  chair?: string | null | undefined;
  plan?: string | null | undefined;
  explainingBodies?: string[] | undefined;
  invitees?: string[] | undefined;
  followsId?: number | null | undefined;
};

async function checkBody(db: Db, councilId: number, bodyId: number | null | undefined) {
  if (bodyId === null || bodyId === undefined) return;
  const [b] = await db.select().from(councilBodies).where(eq(councilBodies.id, bodyId));
  if (!b || b.councilId !== councilId) throw fieldProblem('leadBodyId', 'not_of_this_council');
}

/** A session is held by today at the latest; its conclusion follows it and is dated by today at the latest too. */
function assertActivityDates(a: { heldOn?: string | null | undefined; conclusionDate?: string | null | undefined }, now: Date) {
  const today = todayVn(now);
  if (a.heldOn && a.heldOn > today) throw ruleViolation('oversight_held_in_future', { heldOn: a.heldOn });
  if (a.conclusionDate && (a.conclusionDate > today || (a.heldOn && a.conclusionDate < a.heldOn)))
    throw ruleViolation('oversight_conclusion_date_invalid', { conclusionDate: a.conclusionDate, heldOn: a.heldOn ?? null });
}

export async function createActivity(deps: Deps, actor: Actor, meta: RequestMeta, councilId: number, input: ActivityInput) {
  return write(
    { deps, actor, meta },
    {
      ...keepCouncil(actor, councilId),
      apply: async (tx, council) => {
        assertActivityDates(input, meta.now);
        await checkBody(tx, councilId, input.leadBodyId);
        if (input.followsId) {
          const [prev] = await tx.select().from(oversightActivities).where(eq(oversightActivities.id, input.followsId));
          if (!prev || prev.councilId !== councilId) throw fieldProblem('followsId', 'not_of_this_council');
        }
        const [row] = await tx
          .insert(oversightActivities)
          .values({
            councilId,
            kind: input.kind,
            title: input.title,
            topic: input.topic,
            legalBasis: supervisionLawOn(input.heldOn ?? input.scheduledOn).code,
            scheduledOn: input.scheduledOn,
            heldOn: input.heldOn ?? null,
            leadBodyId: input.leadBodyId ?? null,
            chair: input.chair ?? null,
            plan: input.plan ?? null,
            explainingBodies: input.explainingBodies ?? [],
            invitees: input.invitees ?? [],
            followsId: input.followsId ?? null,
            createdAt: meta.now,
            createdBy: actor.userId,
            updatedAt: meta.now,
          })
          .returning();
        return {
          result: row!,
          audit: {
            action: 'oversight_activity.create',
            entityType: 'oversight_activity',
            entityId: row!.id,
            unitId: council.unitId,
            after: auditSnapshot(row),
          },
        };
      },
    },
  );
}

export type ActivityUpdate = Partial<Omit<ActivityInput, 'followsId'>> & {
  version: number;
  status?: ActivityStatus | undefined;
  conclusionNo?: string | null | undefined;
  conclusionDate?: string | null | undefined;
  conclusionText?: string | null | undefined;
};

/**
 * Edits an activity; a status change is a step of its lifecycle (`domain/lifecycles/activity.ts`:
 * one step forward at a time). Holding needs the day it was held; concluding needs the conclusion.
 */
export async function updateActivity(deps: Deps, actor: Actor, meta: RequestMeta, id: number, input: ActivityUpdate) {
  const { version, ...changes } = input;
  return write(
    { deps, actor, meta },
    {
      ...keepActivity(actor, id),
      version: { sent: version, stored: (x) => x.activity.version },
      apply: async (tx, { activity: before, council }) => {
        await checkBody(tx, council.id, changes.leadBodyId);
        const next = { ...before, ...changes };
        if (changes.heldOn !== undefined || changes.conclusionDate !== undefined) assertActivityDates(next, meta.now);
        // A status is a step: sending the one it already has is refused, not taken as an edit.
        if (changes.status === before.status)
          throw ruleViolation('oversight_status_order', { status: before.status, to: changes.status });
        if (changes.status) {
          const step = activityStepTo(changes.status);
          if (!step) throw ruleViolation('oversight_status_order', { status: before.status, to: changes.status });
          takeStep(ACTIVITY_LIFECYCLE, step, before.status);
        }
        // What a state rests on stays: a held activity keeps the day it was held, a concluded one its
        // conclusion, whether the step is taken now or the date is cleared afterwards.
        const reached = ACTIVITY_STATES.indexOf(next.status);
        if (reached >= ACTIVITY_STATES.indexOf('held') && !next.heldOn) throw ruleViolation('oversight_held_needs_date');
        if (reached >= ACTIVITY_STATES.indexOf('concluded') && !(next.conclusionText && next.conclusionDate))
          throw ruleViolation('oversight_conclusion_needed');
        const [row] = await tx
          .update(oversightActivities)
          .set({
            ...changes,
            legalBasis: supervisionLawOn(next.heldOn ?? next.scheduledOn).code,
            version: before.version + 1,
            updatedAt: meta.now,
          })
          .where(eq(oversightActivities.id, id))
          .returning();
        return {
          result: row!,
          audit: {
            action: 'oversight_activity.update',
            entityType: 'oversight_activity',
            entityId: id,
            unitId: council.unitId,
            before: auditSnapshot(before),
            after: {
              ...auditSnapshot(row),
              statusChange: changes.status && changes.status !== before.status ? changes.status : null,
            },
          },
        };
      },
    },
  );
}

export async function activityDetail(deps: Deps, actor: Actor, id: number, steps: OpenSteps) {
  const { activity, council } = await activityFor(deps.db, actor, id);
  const [unit] = await deps.db.select().from(units).where(eq(units.id, council.unitId));
  const bodies = await deps.db.select().from(councilBodies).where(eq(councilBodies.councilId, council.id));
  const docs = await deps.db
    .select()
    .from(oversightDocuments)
    .where(eq(oversightDocuments.activityId, id))
    .orderBy(asc(oversightDocuments.kind), desc(oversightDocuments.version));
  const snaps = await deps.db
    .select({
      id: oversightSnapshots.id,
      asOf: oversightSnapshots.asOf,
      sha256: oversightSnapshots.sha256,
      frozenAt: oversightSnapshots.frozenAt,
    })
    .from(oversightSnapshots)
    .where(eq(oversightSnapshots.activityId, id))
    .orderBy(desc(oversightSnapshots.id));
  const recs = await deps.db
    .select({ r: recommendations, unitName: units.name })
    .from(recommendations)
    .innerJoin(units, eq(units.id, recommendations.addresseeUnitId))
    .where(eq(recommendations.activityId, id))
    .orderBy(asc(recommendations.seq));
  const others = await deps.db
    .select({ id: oversightActivities.id, title: oversightActivities.title, scheduledOn: oversightActivities.scheduledOn })
    .from(oversightActivities)
    .where(eq(oversightActivities.councilId, council.id))
    .orderBy(desc(oversightActivities.scheduledOn));
  return {
    ...activityView(activity, await steps.activity(activity)),
    council: { id: council.id, name: council.name, term: council.term, unitId: council.unitId, unitName: unit!.name },
    leadBody: bodies.map(bodyView).find((b) => b.id === activity.leadBodyId) ?? null,
    bodies: bodies.map(bodyView),
    documents: docs.map(documentView),
    snapshots: snaps.map((x) => ({ ...x, frozenAt: x.frozenAt.toISOString() })),
    recommendations: await Promise.all(
      recs.map(async (r) => ({ ...recommendationView(r.r, await steps.recommendation(r.r)), addresseeUnitName: r.unitName })),
    ),
    siblings: others.filter((o) => o.id !== id),
  };
}

const KIND_LABEL: Record<OversightDocumentKind, string> = {
  plan: 'Kế hoạch',
  explanatory_report: 'Báo cáo giải trình',
  verification_report: 'Báo cáo thẩm tra',
  minutes: 'Biên bản',
  conclusion: 'Thông báo kết luận',
  follow_up_report: 'Báo cáo kết quả thực hiện',
  other: 'Tài liệu khác',
};

/** Files a document; the same kind again becomes its next version (earlier versions stay). */
export async function addDocument(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  activityId: number,
  input: { kind: OversightDocumentKind; title?: string | null; number?: string | null; name: string; bytes: Uint8Array },
) {
  await activityFor(deps.db, actor, activityId, 'manage');
  const kept = await keepUpload(deps, { name: input.name, bytes: input.bytes });
  return write(
    { deps, actor, meta },
    {
      ...keepActivity(actor, activityId),
      apply: async (tx, { council }) => {
        const stored = await recordFile(tx, kept, meta.now);
        const [{ v } = { v: 0 }] = await tx
          .select({ v: max(oversightDocuments.version) })
          .from(oversightDocuments)
          .where(and(eq(oversightDocuments.activityId, activityId), eq(oversightDocuments.kind, input.kind)));
        const [row] = await tx
          .insert(oversightDocuments)
          .values({
            activityId,
            kind: input.kind,
            title: input.title?.trim() || KIND_LABEL[input.kind],
            number: input.number ?? null,
            version: (v ?? 0) + 1,
            fileId: stored.fileId,
            fileName: stored.name,
            createdAt: meta.now,
            createdBy: actor.userId,
          })
          .returning();
        return {
          result: row!,
          audit: {
            action: 'oversight_activity.add_document',
            entityType: 'oversight_activity',
            entityId: activityId,
            unitId: council.unitId,
            after: { documentId: row!.id, kind: row!.kind, version: row!.version, name: stored.name, sha256: stored.sha256 },
          },
        };
      },
    },
  );
}

export async function documentFile(deps: Deps, actor: Actor, documentId: number) {
  const [row] = await deps.db
    .select({ d: oversightDocuments, f: files })
    .from(oversightDocuments)
    .innerJoin(files, eq(files.id, oversightDocuments.fileId))
    .where(eq(oversightDocuments.id, documentId));
  if (!row) throw new AppError('NOT_FOUND');
  await activityFor(deps.db, actor, row.d.activityId);
  return { ...row.f, fileName: row.d.fileName };
}
