import { and, eq, inArray, max } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import type { Db } from '../../db/client';
import { allocations, capitalPlans, fundingSources, planLines, projects } from '../../db/schema';
import { sumBy } from '../../domain/capital/money';
import { AppError, ruleViolation, versionConflict } from '../../lib/errors';
import { authorize, idsInScope } from '../access/authorize';
import { auditSnapshot, writeAudit } from '../audit/write-audit';

export type PlanRow = typeof capitalPlans.$inferSelect;

export async function getPlan(db: Db, id: number): Promise<PlanRow> {
  const [p] = await db.select().from(capitalPlans).where(eq(capitalPlans.id, id));
  if (!p) throw new AppError('NOT_FOUND');
  return p;
}

export async function planDetail(db: Db, plan: PlanRow) {
  const lines = await db.select().from(planLines).where(eq(planLines.planId, plan.id));
  const alloc = await db
    .select({ a: allocations, projectName: projects.name, projectCode: projects.code })
    .from(allocations)
    .innerJoin(projects, eq(projects.id, allocations.projectId))
    .where(eq(allocations.planId, plan.id));
  const allocatedBySource = sumBy(
    alloc,
    (x) => x.a.sourceCode,
    (x) => x.a.amount,
  );
  const versions = await db
    .select({ id: capitalPlans.id, version: capitalPlans.version, status: capitalPlans.status })
    .from(capitalPlans)
    .where(eq(capitalPlans.previousId, plan.id));
  return {
    id: plan.id,
    unitId: plan.unitId,
    kind: plan.kind,
    year: plan.year,
    endYear: plan.endYear,
    name: plan.name,
    version: plan.version,
    status: plan.status,
    resolutionNo: plan.resolutionNo,
    resolutionDate: plan.resolutionDate,
    body: plan.body,
    previousId: plan.previousId,
    rowVersion: plan.rowVersion,
    nextVersions: versions,
    lines: lines.map((l) => ({
      sourceCode: l.sourceCode,
      amount: l.amount,
      allocated: allocatedBySource.get(l.sourceCode) ?? 0,
      unallocated: l.amount - (allocatedBySource.get(l.sourceCode) ?? 0),
    })),
    allocations: alloc.map((x) => ({
      projectId: x.a.projectId,
      projectCode: x.projectCode,
      projectName: x.projectName,
      sourceCode: x.a.sourceCode,
      amount: x.a.amount,
      addedOn: x.a.addedOn,
    })),
  };
}

export type PlanInput = {
  unitId: number;
  kind: 'annual' | 'medium_term';
  year: number;
  endYear?: number | undefined;
  name: string;
  lines: { sourceCode: string; amount: number }[];
};

export async function createPlan(deps: Deps, actor: Actor, meta: RequestMeta, input: PlanInput) {
  await authorize(deps.db, actor, 'capital.manage', input.unitId);
  const known = new Set((await deps.db.select({ code: fundingSources.code }).from(fundingSources)).map((s) => s.code));
  const bad = input.lines.filter((l) => !known.has(l.sourceCode)).map((l) => l.sourceCode);
  if (bad.length) throw ruleViolation('unknown_funding_source', { sources: bad });
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(capitalPlans)
      .values({
        unitId: input.unitId,
        kind: input.kind,
        year: input.year,
        endYear: input.endYear ?? input.year,
        name: input.name,
        createdAt: meta.now,
        createdBy: actor.userId,
      })
      .returning();
    if (input.lines.length) await tx.insert(planLines).values(input.lines.map((l) => ({ planId: row!.id, ...l })));
    await writeAudit(
      tx,
      { actor, meta },
      {
        action: 'plan.create',
        entityType: 'capital_plan',
        entityId: row!.id,
        unitId: input.unitId,
        after: { ...auditSnapshot(row), lines: input.lines },
      },
    );
    return row!;
  });
}

/**
 * Replaces the allocations of a draft plan. Every project must lie under the plan's unit, and no
 * source may be allocated beyond what the plan provides (the remainder stays visible as unallocated).
 */
export async function setAllocations(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  planId: number,
  input: {
    rowVersion: number;
    allocations: { projectId: number; sourceCode: string; amount: number; addedOn?: string | undefined }[];
  },
) {
  const plan = await getPlan(deps.db, planId);
  await authorize(deps.db, actor, 'capital.manage', plan.unitId);
  if (plan.status !== 'draft') throw ruleViolation('plan_not_draft', { status: plan.status });
  const projectIds = [...new Set(input.allocations.map((a) => a.projectId))];
  const rows = projectIds.length
    ? await deps.db.select({ id: projects.id, unitId: projects.unitId }).from(projects).where(inArray(projects.id, projectIds))
    : [];
  const underPlan = await idsInScope(
    deps.db,
    [plan.unitId],
    rows.map((r) => r.unitId),
  );
  const outside = projectIds.filter((id) => !rows.some((r) => r.id === id && underPlan.has(r.unitId)));
  if (outside.length) throw ruleViolation('project_outside_plan_unit', { projects: outside });
  const lines = await deps.db.select().from(planLines).where(eq(planLines.planId, planId));
  const wanted = sumBy(
    input.allocations,
    (a) => a.sourceCode,
    (a) => a.amount,
  );
  const over = [...wanted]
    .filter(([src, amt]) => amt > (lines.find((l) => l.sourceCode === src)?.amount ?? 0))
    .map(([src, amt]) => ({ sourceCode: src, allocated: amt, available: lines.find((l) => l.sourceCode === src)?.amount ?? 0 }));
  if (over.length) throw ruleViolation('allocation_exceeds_plan', { sources: over });
  return deps.db.transaction(async (tx) => {
    const [locked] = await tx
      .update(capitalPlans)
      .set({ rowVersion: plan.rowVersion + 1 })
      .where(and(eq(capitalPlans.id, planId), eq(capitalPlans.rowVersion, input.rowVersion), eq(capitalPlans.status, 'draft')))
      .returning();
    if (!locked) throw versionConflict(plan.rowVersion);
    const before = await tx.select().from(allocations).where(eq(allocations.planId, planId));
    await tx.delete(allocations).where(eq(allocations.planId, planId));
    const today = meta.now.toISOString().slice(0, 10);
    if (input.allocations.length) {
      await tx.insert(allocations).values(
        input.allocations.map((a) => ({
          planId,
          projectId: a.projectId,
          sourceCode: a.sourceCode,
          amount: a.amount,
          addedOn:
            a.addedOn ?? before.find((b) => b.projectId === a.projectId && b.sourceCode === a.sourceCode)?.addedOn ?? today,
        })),
      );
    }
    await writeAudit(
      tx,
      { actor, meta },
      {
        action: 'plan.allocate',
        entityType: 'capital_plan',
        entityId: planId,
        unitId: plan.unitId,
        before: { allocations: before },
        after: { allocations: input.allocations },
      },
    );
    return locked;
  });
}

/** The council's resolution approves the plan; an approved adjustment supersedes the version before it. */
export async function approvePlan(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  planId: number,
  input: { rowVersion: number; resolutionNo: string; resolutionDate: string; body: string },
) {
  const plan = await getPlan(deps.db, planId);
  await authorize(deps.db, actor, 'capital.manage', plan.unitId);
  if (plan.status !== 'draft') throw ruleViolation('plan_not_draft', { status: plan.status });
  return deps.db.transaction(async (tx) => {
    const [after] = await tx
      .update(capitalPlans)
      .set({
        status: 'approved',
        resolutionNo: input.resolutionNo,
        resolutionDate: input.resolutionDate,
        body: input.body,
        rowVersion: plan.rowVersion + 1,
      })
      .where(and(eq(capitalPlans.id, planId), eq(capitalPlans.rowVersion, input.rowVersion), eq(capitalPlans.status, 'draft')))
      .returning();
    if (!after) throw versionConflict(plan.rowVersion);
    if (plan.previousId) await tx.update(capitalPlans).set({ status: 'superseded' }).where(eq(capitalPlans.id, plan.previousId));
    await writeAudit(
      tx,
      { actor, meta },
      {
        action: 'plan.approve',
        entityType: 'capital_plan',
        entityId: planId,
        unitId: plan.unitId,
        after: { ...input, supersedes: plan.previousId },
      },
    );
    return after;
  });
}

/** An adjustment: a new draft version copying the approved plan's lines and allocations. */
export async function adjustPlan(deps: Deps, actor: Actor, meta: RequestMeta, planId: number) {
  const plan = await getPlan(deps.db, planId);
  await authorize(deps.db, actor, 'capital.manage', plan.unitId);
  if (plan.status !== 'approved') throw ruleViolation('only_approved_plans_are_adjusted');
  return deps.db.transaction(async (tx) => {
    const [pending] = await tx
      .select({ id: capitalPlans.id })
      .from(capitalPlans)
      .where(and(eq(capitalPlans.previousId, planId), eq(capitalPlans.status, 'draft')));
    if (pending) throw new AppError('CONFLICT', { draftId: pending.id });
    const [agg] = await tx
      .select({ v: max(capitalPlans.version) })
      .from(capitalPlans)
      .where(eq(capitalPlans.previousId, planId));
    const [row] = await tx
      .insert(capitalPlans)
      .values({
        unitId: plan.unitId,
        kind: plan.kind,
        year: plan.year,
        endYear: plan.endYear,
        name: plan.name,
        version: Math.max(plan.version, agg?.v ?? 0) + 1,
        previousId: planId,
        isDemo: plan.isDemo,
        createdAt: meta.now,
        createdBy: actor.userId,
      })
      .returning();
    const lines = await tx.select().from(planLines).where(eq(planLines.planId, planId));
    if (lines.length) await tx.insert(planLines).values(lines.map((l) => ({ ...l, planId: row!.id })));
    const alloc = await tx.select().from(allocations).where(eq(allocations.planId, planId));
    if (alloc.length) await tx.insert(allocations).values(alloc.map((a) => ({ ...a, planId: row!.id })));
    await writeAudit(
      tx,
      { actor, meta },
      {
        action: 'plan.adjust',
        entityType: 'capital_plan',
        entityId: row!.id,
        unitId: plan.unitId,
        after: { from: planId, version: row!.version },
      },
    );
    return row!;
  });
}

/** Changes the amounts a draft plan provides by source. */
export async function setPlanLines(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  planId: number,
  input: { rowVersion: number; lines: { sourceCode: string; amount: number }[] },
) {
  const plan = await getPlan(deps.db, planId);
  await authorize(deps.db, actor, 'capital.manage', plan.unitId);
  if (plan.status !== 'draft') throw ruleViolation('plan_not_draft', { status: plan.status });
  const allocated = sumBy(
    await deps.db.select().from(allocations).where(eq(allocations.planId, planId)),
    (a) => a.sourceCode,
    (a) => a.amount,
  );
  const short = [...allocated].filter(([src, amt]) => amt > (input.lines.find((l) => l.sourceCode === src)?.amount ?? 0));
  if (short.length)
    throw ruleViolation('allocation_exceeds_plan', {
      sources: short.map(([sourceCode, allocatedAmount]) => ({ sourceCode, allocated: allocatedAmount })),
    });
  return deps.db.transaction(async (tx) => {
    const [locked] = await tx
      .update(capitalPlans)
      .set({ rowVersion: plan.rowVersion + 1 })
      .where(and(eq(capitalPlans.id, planId), eq(capitalPlans.rowVersion, input.rowVersion)))
      .returning();
    if (!locked) throw versionConflict(plan.rowVersion);
    const before = await tx.select().from(planLines).where(eq(planLines.planId, planId));
    await tx.delete(planLines).where(eq(planLines.planId, planId));
    if (input.lines.length) await tx.insert(planLines).values(input.lines.map((l) => ({ planId, ...l })));
    await writeAudit(
      tx,
      { actor, meta },
      {
        action: 'plan.lines',
        entityType: 'capital_plan',
        entityId: planId,
        unitId: plan.unitId,
        before: { lines: before },
        after: { lines: input.lines },
      },
    );
    return locked;
  });
}
