/**
 * A council's own records: the council with its bodies and delegates, its supervision activities
 * (each with the law it is held under and a forward-only status) and their documents in versions.
 * Every change is audited in its own transaction; edits carry the version they were made against.
 */
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
import { canMoveActivity } from '../../domain/oversight/petitions';
import { AppError, ruleViolation, versionConflict } from '../../lib/errors';
import { sortVi } from '../../shared/vi';
import { authorize, scopeFilter } from '../access/authorize';
import { auditSnapshot, writeAudit } from '../audit/write-audit';
import { storeUpload } from '../files/store-upload';
import { activityFor, councilFor } from './access';

export async function listCouncils(deps: Deps, actor: Actor) {
  const rows = await deps.db
    .select({ c: councils, unitName: units.name, unitTo: units.effectiveTo })
    .from(councils)
    .innerJoin(units, eq(units.id, councils.unitId))
    .where(scopeFilter(deps.db, actor, 'oversight.read', councils.unitId));
  return sortVi(
    rows.map((r) => ({ ...r.c, unitName: r.unitName, historic: r.unitTo !== null })),
    (r) => r.name,
  );
}

export async function createCouncil(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  input: { unitId: number; name: string; term: string },
) {
  await authorize(deps.db, actor, 'oversight.manage', input.unitId);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(councils)
      .values({ ...input, createdAt: meta.now })
      .returning();
    await writeAudit(
      tx,
      { actor, meta },
      { action: 'oversight.council_create', entityType: 'council', entityId: row!.id, unitId: row!.unitId, after: row },
    );
    return row!;
  });
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
    ...council,
    unitName: unit!.name,
    historic: unit!.effectiveTo !== null,
    bodies,
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
  const council = await councilFor(deps.db, actor, councilId, 'manage');
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(councilBodies)
      .values({ councilId, ...input })
      .returning();
    await writeAudit(
      tx,
      { actor, meta },
      { action: 'oversight.body_create', entityType: 'council_body', entityId: row!.id, unitId: council.unitId, after: row },
    );
    return row!;
  });
}

export async function addDelegate(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  councilId: number,
  input: { fullName: string; position?: string | null | undefined; bodyIds?: number[] | undefined },
) {
  const council = await councilFor(deps.db, actor, councilId, 'manage');
  const bodyIds = [...new Set(input.bodyIds ?? [])];
  if (bodyIds.length) {
    const found = await deps.db
      .select({ id: councilBodies.id })
      .from(councilBodies)
      .where(and(eq(councilBodies.councilId, councilId), inArray(councilBodies.id, bodyIds)));
    if (found.length !== bodyIds.length)
      throw new AppError('VALIDATION_FAILED', [{ path: 'bodyIds', message: 'không thuộc HĐND này' }]);
  }
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(councilDelegates)
      .values({ councilId, fullName: input.fullName, position: input.position ?? null, bodyIds })
      .returning();
    await writeAudit(
      tx,
      { actor, meta },
      {
        action: 'oversight.delegate_create',
        entityType: 'council_delegate',
        entityId: row!.id,
        unitId: council.unitId,
        after: row,
      },
    );
    return row!;
  });
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

async function checkBody(deps: Deps, councilId: number, bodyId: number | null | undefined) {
  if (bodyId === null || bodyId === undefined) return;
  const [b] = await deps.db.select().from(councilBodies).where(eq(councilBodies.id, bodyId));
  if (!b || b.councilId !== councilId)
    throw new AppError('VALIDATION_FAILED', [{ path: 'leadBodyId', message: 'không thuộc HĐND này' }]);
}

export async function createActivity(deps: Deps, actor: Actor, meta: RequestMeta, councilId: number, input: ActivityInput) {
  const council = await councilFor(deps.db, actor, councilId, 'manage');
  await checkBody(deps, councilId, input.leadBodyId);
  if (input.followsId) {
    const [prev] = await deps.db.select().from(oversightActivities).where(eq(oversightActivities.id, input.followsId));
    if (!prev || prev.councilId !== councilId)
      throw new AppError('VALIDATION_FAILED', [{ path: 'followsId', message: 'không thuộc HĐND này' }]);
  }
  return deps.db.transaction(async (tx) => {
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
    await writeAudit(
      tx,
      { actor, meta },
      {
        action: 'oversight.activity_create',
        entityType: 'oversight_activity',
        entityId: row!.id,
        unitId: council.unitId,
        after: auditSnapshot(row),
      },
    );
    return row!;
  });
}

export type ActivityUpdate = Partial<Omit<ActivityInput, 'followsId'>> & {
  version: number;
  status?: ActivityStatus | undefined;
  conclusionNo?: string | null | undefined;
  conclusionDate?: string | null | undefined;
  conclusionText?: string | null | undefined;
};

/**
 * Edits an activity; a status change moves one step forward only (planned → held → concluded →
 * follow-up → re-supervised). Holding needs the day it was held; concluding needs the conclusion.
 */
export async function updateActivity(deps: Deps, actor: Actor, meta: RequestMeta, id: number, input: ActivityUpdate) {
  const { activity: before, council } = await activityFor(deps.db, actor, id, 'manage');
  const { version, ...changes } = input;
  await checkBody(deps, council.id, changes.leadBodyId);
  const next = { ...before, ...changes };
  if (changes.status && changes.status !== before.status) {
    if (!canMoveActivity(before.status, changes.status))
      throw ruleViolation('oversight_status_order', { from: before.status, to: changes.status });
    if (changes.status === 'held' && !next.heldOn) throw ruleViolation('oversight_held_needs_date');
    if (changes.status === 'concluded' && !(next.conclusionText && next.conclusionDate))
      throw ruleViolation('oversight_conclusion_needed');
  }
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(oversightActivities)
      .set({
        ...changes,
        legalBasis: supervisionLawOn(next.heldOn ?? next.scheduledOn).code,
        version: before.version + 1,
        updatedAt: meta.now,
      })
      .where(and(eq(oversightActivities.id, id), eq(oversightActivities.version, version)))
      .returning();
    if (!row) throw versionConflict(before.version);
    await writeAudit(
      tx,
      { actor, meta },
      {
        action:
          changes.status && changes.status !== before.status
            ? `oversight.activity_${changes.status}`
            : 'oversight.activity_update',
        entityType: 'oversight_activity',
        entityId: id,
        unitId: council.unitId,
        before: auditSnapshot(before),
        after: auditSnapshot(row),
      },
    );
    return row;
  });
}

export async function activityDetail(deps: Deps, actor: Actor, id: number) {
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
    ...activity,
    council: { id: council.id, name: council.name, term: council.term, unitId: council.unitId, unitName: unit!.name },
    leadBody: bodies.find((b) => b.id === activity.leadBodyId) ?? null,
    bodies,
    documents: docs,
    snapshots: snaps,
    recommendations: recs.map((r) => ({ ...r.r, addresseeUnitName: r.unitName })),
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
  const { council } = await activityFor(deps.db, actor, activityId, 'manage');
  const stored = await storeUpload(deps, { name: input.name, bytes: input.bytes }, meta.now);
  return deps.db.transaction(async (tx) => {
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
    await writeAudit(
      tx,
      { actor, meta },
      {
        action: 'oversight.document_add',
        entityType: 'oversight_activity',
        entityId: activityId,
        unitId: council.unitId,
        after: { documentId: row!.id, kind: row!.kind, version: row!.version, name: stored.name, sha256: stored.sha256 },
      },
    );
    return row!;
  });
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
