import { and, eq, inArray, max } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import type { Db } from '../../db/client';
import { allocations, capitalPlans, disbursements, fundingSources, planLines, projects } from '../../db/schema';
import { sumBy, sumByBig } from '../../domain/capital/money';
import { PLAN_LIFECYCLE, type PlanStep } from '../../domain/lifecycles/capital-plan';
import { stepsFrom } from '../../domain/lifecycles/machine';
import { allowedActions } from '../../lib/allowed-actions';
import { AppError, ruleViolation } from '../../lib/errors';
import { takeStep } from '../../lib/lifecycle';
import { todayVn } from '../../shared/vi';
import type { Action } from '../../shared/roles';
import { idsInScope } from '../access/authorize';
import { lockKey, mayWrite, write } from '../access/write-path';
import { auditSnapshot } from '../../lib/audit-chain';
import { lockProjects } from './ledger';
import { attributeYear, yearAllocations, yearTranches } from './queries';

export type PlanRow = typeof capitalPlans.$inferSelect;

export async function getPlan(db: Db, id: number): Promise<PlanRow> {
  const [p] = await db.select().from(capitalPlans).where(eq(capitalPlans.id, id));
  if (!p) throw new AppError('NOT_FOUND');
  return p;
}

/** Every step of a plan needs this permission on the plan's unit: the use cases write with it (`onPlan`). */
export const PLAN_STEP_NEEDS = {
  set_lines: 'capital.manage',
  allocate: 'capital.manage',
  approve: 'capital.manage',
  adjust: 'capital.manage',
} as const satisfies Record<PlanStep, Action>;

/**
 * The steps `actor` may take on the plan now: open from its status and permitted on its unit. An
 * approved plan whose adjustment is already waiting as a draft is not adjusted again (one pending
 * adjustment per plan): the page leads to that draft instead.
 */
export function planActions(
  db: Db,
  viewer: { actor: Actor; now: Date },
  plan: PlanRow,
  adjustmentPending: boolean,
): Promise<PlanStep[]> {
  const open = (s: PlanRow['status']) => stepsFrom(PLAN_LIFECYCLE, s).filter((a) => a !== 'adjust' || !adjustmentPending);
  // Asked once per permission: a list of a province's plans asks a question per plan, not per step.
  const asked = new Map<Action, Promise<boolean>>();
  return allowedActions(open, plan.status, (step) => {
    const need = PLAN_STEP_NEEDS[step];
    if (!asked.has(need)) asked.set(need, mayWrite(db, viewer.actor, viewer.now, need, plan.unitId, plan));
    return asked.get(need)!;
  });
}

/** A plan as its reader sees it, with the steps the reader may take on it. */
export async function planDetail(db: Db, viewer: { actor: Actor; now: Date }, plan: PlanRow) {
  const lines = await db.select().from(planLines).where(eq(planLines.planId, plan.id));
  const names = new Map((await db.select().from(fundingSources)).map((f) => [f.code, f.nameVi]));
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
      sourceName: names.get(l.sourceCode) ?? l.sourceCode,
      amount: l.amount,
      allocated: allocatedBySource.get(l.sourceCode) ?? 0,
      unallocated: l.amount - (allocatedBySource.get(l.sourceCode) ?? 0),
    })),
    allocations: alloc.map((x) => ({
      projectId: x.a.projectId,
      projectCode: x.projectCode,
      projectName: x.projectName,
      sourceCode: x.a.sourceCode,
      sourceName: names.get(x.a.sourceCode) ?? x.a.sourceCode,
      amount: x.a.amount,
      addedOn: x.a.addedOn,
    })),
    actions: await planActions(
      db,
      viewer,
      plan,
      versions.some((v) => v.status === 'draft'),
    ),
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

async function planRow(db: Db, id: number, lock = false): Promise<PlanRow> {
  const q = db.select().from(capitalPlans).where(eq(capitalPlans.id, id));
  const [p] = lock ? await q.for('update') : await q;
  if (!p) throw new AppError('NOT_FOUND');
  return p;
}

/** The office's write path over a plan: its row locked, its stored version compared. */
const onPlan = (id: number, step: PlanStep, rowVersion?: number) => ({
  can: PLAN_STEP_NEEDS[step],
  load: (db: Db) => planRow(db, id),
  units: (p: PlanRow) => p.unitId,
  lock: (tx: Db) => planRow(tx, id, true),
  ...(rowVersion !== undefined ? { version: { sent: rowVersion, stored: (p: PlanRow) => p.rowVersion } } : {}),
});

/** Plans of one unit, kind and year are decided one at a time (one current plan among them). */
const lockPlanKey = (tx: Db, p: { unitId: number; kind: string; year: number }) =>
  lockKey(tx, `capital_plan:${p.unitId}:${p.kind}:${p.year}`);

/** Each funding source has one line: a repeated one is named, never left to the unique index. */
function assertSourcesOnce(lines: { sourceCode: string }[]) {
  const seen = new Set<string>();
  const repeated = [...new Set(lines.map((l) => l.sourceCode).filter((c) => seen.has(c) || !seen.add(c)))];
  if (repeated.length) throw ruleViolation('plan_line_source_repeated', { source: repeated.join(', '), sources: repeated });
}

/** An annual plan has one year; a medium-term one ends no earlier than it starts, within 10 years; years near today. */
function assertPlanYears(input: { kind: 'annual' | 'medium_term'; year: number; endYear?: number | undefined }, now: Date) {
  const endYear = input.endYear ?? input.year;
  const thisYear = Number(todayVn(now).slice(0, 4));
  if (Math.min(input.year, endYear) < 2000 || Math.max(input.year, endYear) > thisYear + 5)
    throw ruleViolation('plan_year_out_of_range', { year: input.year, endYear, latest: thisYear + 5 });
  if (input.kind === 'annual' ? endYear !== input.year : endYear < input.year || endYear - input.year > 9)
    throw ruleViolation('plan_years_invalid', { kind: input.kind, year: input.year, endYear });
}

async function assertKnownSources(db: Db, codes: string[]) {
  const known = new Set((await db.select({ code: fundingSources.code }).from(fundingSources)).map((s) => s.code));
  const bad = codes.filter((c) => !known.has(c));
  if (bad.length) throw ruleViolation('unknown_funding_source', { sources: bad });
}

export async function createPlan(deps: Deps, actor: Actor, meta: RequestMeta, input: PlanInput) {
  return write(
    { deps, actor, meta },
    {
      can: 'capital.manage',
      load: async () => input,
      units: (i) => i.unitId,
      lock: async (tx, i) => {
        await lockPlanKey(tx, i);
        return i;
      },
      apply: async (tx) => {
        assertPlanYears(input, meta.now);
        assertSourcesOnce(input.lines);
        await assertKnownSources(
          tx,
          input.lines.map((l) => l.sourceCode),
        );
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
        return {
          result: row!,
          audit: {
            action: 'capital_plan.create',
            entityType: 'capital_plan',
            entityId: row!.id,
            unitId: input.unitId,
            after: { ...auditSnapshot(row), lines: input.lines },
          },
        };
      },
    },
  );
}

/**
 * The rows a plan stores: one per project, source and date the capital was added (rows naming the
 * same tranche add up; a row of nothing is no tranche). No date: the capital is added by the
 * resolution that approves the plan, and takes its date.
 */
function tranchesOf(input: { projectId: number; sourceCode: string; amount: number; addedOn?: string | null | undefined }[]) {
  const out = new Map<string, { projectId: number; sourceCode: string; amount: number; addedOn: string | null }>();
  for (const a of input) {
    const addedOn = a.addedOn ?? null;
    const k = `${a.projectId}|${a.sourceCode}|${addedOn}`;
    const row = out.get(k) ?? { projectId: a.projectId, sourceCode: a.sourceCode, amount: 0, addedOn };
    row.amount += a.amount;
    out.set(k, row);
  }
  return [...out.values()].filter((r) => r.amount > 0);
}

/**
 * In an adjustment, a project and source given without any date is its new total: the tranches of
 * the version before are kept, what is added becomes one new tranche (dated by the approving
 * resolution), and what is taken away comes off the most recent tranches first. Rows with dates
 * name tranches one by one.
 */
function asTotals(
  rows: ReturnType<typeof tranchesOf>,
  prev: { projectId: number; sourceCode: string; amount: number; addedOn: string | null }[],
): ReturnType<typeof tranchesOf> {
  const key = (x: { projectId: number; sourceCode: string }) => `${x.projectId}|${x.sourceCode}`;
  const out: ReturnType<typeof tranchesOf> = [];
  for (const k of new Set(rows.map(key))) {
    const mine = rows.filter((r) => key(r) === k);
    const before = prev.filter((p) => key(p) === k).sort((a, b) => (a.addedOn ?? '').localeCompare(b.addedOn ?? ''));
    if (!before.length || mine.some((r) => r.addedOn !== null)) {
      out.push(...mine);
      continue;
    }
    const total = mine.reduce((a, r) => a + r.amount, 0);
    const had = before.reduce((a, p) => a + p.amount, 0);
    let cut = Math.max(0, had - total);
    const kept = [...before].reverse().map((p) => {
      const take = Math.min(cut, p.amount);
      cut -= take;
      return { projectId: p.projectId, sourceCode: p.sourceCode, amount: p.amount - take, addedOn: p.addedOn };
    });
    out.push(...kept.reverse().filter((p) => p.amount > 0));
    if (total > had)
      out.push({ projectId: mine[0]!.projectId, sourceCode: mine[0]!.sourceCode, amount: total - had, addedOn: null });
  }
  return out;
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
    allocations: { projectId: number; sourceCode: string; amount: number; addedOn?: string | null | undefined }[];
  },
) {
  return write(
    { deps, actor, meta },
    {
      ...onPlan(planId, 'allocate', input.rowVersion),
      apply: async (tx, plan) => {
        takeStep(PLAN_LIFECYCLE, 'allocate', plan.status);
        const projectIds = [...new Set(input.allocations.map((a) => a.projectId))];
        const rows = projectIds.length
          ? await tx.select({ id: projects.id, unitId: projects.unitId }).from(projects).where(inArray(projects.id, projectIds))
          : [];
        const underPlan = await idsInScope(
          tx,
          [plan.unitId],
          rows.map((r) => r.unitId),
        );
        const outside = projectIds.filter((id) => !rows.some((r) => r.id === id && underPlan.has(r.unitId)));
        if (outside.length) throw ruleViolation('project_outside_plan_unit', { projects: outside });
        const lines = await tx.select().from(planLines).where(eq(planLines.planId, planId));
        const wanted = sumByBig(
          input.allocations,
          (a) => a.sourceCode,
          (a) => a.amount,
        );
        const over = [...wanted]
          .filter(([src, amt]) => amt > BigInt(lines.find((l) => l.sourceCode === src)?.amount ?? 0))
          .map(([src, amt]) => ({
            sourceCode: src,
            allocated: Number(amt),
            available: lines.find((l) => l.sourceCode === src)?.amount ?? 0,
          }));
        if (over.length) throw ruleViolation('allocation_exceeds_plan', { sources: over });
        let wantedRows = tranchesOf(input.allocations);
        if (plan.previousId) {
          // Capital carried from the version before keeps its date and may only shrink; more is a new tranche.
          const prev = await tx.select().from(allocations).where(eq(allocations.planId, plan.previousId));
          wantedRows = asTotals(wantedRows, prev);
          const grown = wantedRows.filter((r) =>
            prev.some(
              (p) =>
                p.projectId === r.projectId && p.sourceCode === r.sourceCode && p.addedOn === r.addedOn && r.amount > p.amount,
            ),
          );
          if (grown.length)
            throw ruleViolation('tranche_grows_old_capital', {
              tranches: grown.map((g) => ({ projectId: g.projectId, sourceCode: g.sourceCode, addedOn: g.addedOn })),
            });
          // New capital is only what the adjustment adds: old capital given a new date would gain a later deadline.
          const key = (x: { projectId: number; sourceCode: string }) => `${x.projectId}|${x.sourceCode}`;
          const isCarried = (r: (typeof wantedRows)[number]) => prev.some((p) => key(p) === key(r) && p.addedOn === r.addedOn);
          const redated = [...new Set(wantedRows.map(key))].filter((k) => {
            const added = wantedRows.filter((r) => key(r) === k && !isCarried(r)).reduce((a, r) => a + BigInt(r.amount), 0n);
            const before = prev.filter((p) => key(p) === k).reduce((a, p) => a + BigInt(p.amount), 0n);
            const after = wantedRows.filter((r) => key(r) === k).reduce((a, r) => a + BigInt(r.amount), 0n);
            return added > 0n && added > after - before;
          });
          if (redated.length)
            throw ruleViolation('tranche_redates_old_capital', {
              tranches: redated.map((k) => ({ projectId: Number(k.split('|')[0]), sourceCode: k.split('|')[1] })),
            });
          const [previous] = await tx.select().from(capitalPlans).where(eq(capitalPlans.id, plan.previousId));
          const early = wantedRows.filter(
            (r) => !isCarried(r) && r.addedOn !== null && previous?.resolutionDate && r.addedOn < previous.resolutionDate,
          );
          if (early.length)
            throw ruleViolation('tranche_before_previous', {
              previousResolutionDate: previous?.resolutionDate ?? null,
              tranches: early.map((r) => ({ projectId: r.projectId, sourceCode: r.sourceCode, addedOn: r.addedOn })),
            });
        }
        const before = await tx.select().from(allocations).where(eq(allocations.planId, planId));
        await tx.delete(allocations).where(eq(allocations.planId, planId));
        if (wantedRows.length) await tx.insert(allocations).values(wantedRows.map((r) => ({ planId, ...r })));
        const [after] = await tx
          .update(capitalPlans)
          .set({ rowVersion: plan.rowVersion + 1 })
          .where(eq(capitalPlans.id, planId))
          .returning();
        return {
          result: after!,
          audit: {
            action: 'capital_plan.allocate',
            entityType: 'capital_plan',
            entityId: planId,
            unitId: plan.unitId,
            before: { allocations: before.map(({ id: _id, ...a }) => a) },
            after: { allocations: wantedRows },
          },
        };
      },
    },
  );
}

/**
 * The council's resolution approves the plan; an approved adjustment supersedes the version before
 * it. At most one plan per unit, kind and year is current (a unique index says so too), and an
 * approval never leaves a project with more paid than it is allocated: the projects are locked as
 * payments lock them, and what is paid is checked against the new allocations.
 */
export async function approvePlan(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  planId: number,
  input: { rowVersion: number; resolutionNo: string; resolutionDate: string; body: string },
) {
  return write(
    { deps, actor, meta },
    {
      ...onPlan(planId, 'approve', input.rowVersion),
      lock: async (tx) => {
        const plan = await planRow(tx, planId, true);
        await lockPlanKey(tx, plan);
        return plan;
      },
      apply: async (tx, plan) => {
        const status = takeStep(PLAN_LIFECYCLE, 'approve', plan.status);
        const current = await tx
          .select({ id: capitalPlans.id })
          .from(capitalPlans)
          .where(
            and(
              eq(capitalPlans.unitId, plan.unitId),
              eq(capitalPlans.kind, plan.kind),
              eq(capitalPlans.year, plan.year),
              eq(capitalPlans.status, 'approved'),
            ),
          );
        const others = current.filter((c) => c.id !== plan.previousId);
        if (others.length) throw ruleViolation('plan_year_has_current_plan', { currentId: others[0]!.id });
        if (plan.previousId && !current.some((c) => c.id === plan.previousId))
          throw ruleViolation('plan_previous_not_current', { previousId: plan.previousId });
        await assertResolutionDate(tx, plan, input.resolutionDate, meta.now);
        await dateNewTranches(tx, plan, input.resolutionDate);
        if (plan.kind === 'annual') await assertPaidWithinAllocations(tx, plan);
        if (plan.previousId)
          await tx.update(capitalPlans).set({ status: 'superseded' }).where(eq(capitalPlans.id, plan.previousId));
        const [after] = await tx
          .update(capitalPlans)
          .set({
            status,
            resolutionNo: input.resolutionNo,
            resolutionDate: input.resolutionDate,
            body: input.body,
            rowVersion: plan.rowVersion + 1,
          })
          .where(eq(capitalPlans.id, planId))
          .returning();
        return {
          result: after!,
          audit: {
            action: 'capital_plan.approve',
            entityType: 'capital_plan',
            entityId: planId,
            unitId: plan.unitId,
            after: { ...input, supersedes: plan.previousId },
          },
        };
      },
    },
  );
}

/**
 * The approving resolution is dated by today at the latest, not before the approval of the version it
 * replaces, and within reason for the plan's years: from the year before its first to its last.
 */
async function assertResolutionDate(tx: Db, plan: PlanRow, resolutionDate: string, now: Date) {
  if (resolutionDate > todayVn(now)) throw ruleViolation('plan_resolution_in_future', { resolutionDate });
  if (plan.previousId) {
    const [prev] = await tx
      .select({ resolutionDate: capitalPlans.resolutionDate })
      .from(capitalPlans)
      .where(eq(capitalPlans.id, plan.previousId));
    if (prev?.resolutionDate && resolutionDate < prev.resolutionDate)
      throw ruleViolation('plan_resolution_before_previous', { resolutionDate, previousResolutionDate: prev.resolutionDate });
  }
  const from = `${plan.year - 1}-01-01`;
  const to = `${plan.endYear ?? plan.year}-12-31`;
  if (resolutionDate < from || resolutionDate > to)
    throw ruleViolation('plan_resolution_outside_years', { resolutionDate, from, to });
}

/**
 * Capital the plan adds (a tranche the version before did not have) is dated by the approving
 * resolution when no date was given, and never after it.
 */
async function dateNewTranches(tx: Db, plan: PlanRow, resolutionDate: string) {
  const rows = await tx.select().from(allocations).where(eq(allocations.planId, plan.id));
  const prev = plan.previousId ? await tx.select().from(allocations).where(eq(allocations.planId, plan.previousId)) : [];
  const isNew = (r: (typeof rows)[number]) =>
    !prev.some((p) => p.projectId === r.projectId && p.sourceCode === r.sourceCode && p.addedOn === r.addedOn);
  const late = rows.filter((r) => r.addedOn !== null && r.addedOn > resolutionDate && isNew(r));
  if (late.length)
    throw ruleViolation('tranche_after_resolution', {
      resolutionDate,
      tranches: late.map((r) => ({ projectId: r.projectId, sourceCode: r.sourceCode, addedOn: r.addedOn })),
    });
  for (const r of rows.filter((x) => x.addedOn === null)) {
    const same = rows.find((x) => x.projectId === r.projectId && x.sourceCode === r.sourceCode && x.addedOn === resolutionDate);
    if (same) {
      await tx
        .update(allocations)
        .set({ amount: same.amount + r.amount })
        .where(eq(allocations.id, same.id));
      await tx.delete(allocations).where(eq(allocations.id, r.id));
    } else await tx.update(allocations).set({ addedOn: resolutionDate }).where(eq(allocations.id, r.id));
  }
}

/**
 * An adjustment may lower allocations, never below what a project has already been paid that year,
 * and never so that a payment no longer fits in the tranches that were open on its date.
 */
async function assertPaidWithinAllocations(tx: Db, plan: PlanRow) {
  const next = await tx.select().from(allocations).where(eq(allocations.planId, plan.id));
  const prev = plan.previousId ? await tx.select().from(allocations).where(eq(allocations.planId, plan.previousId)) : [];
  const ids = [...new Set([...next, ...prev].map((a) => a.projectId))];
  await lockProjects(tx, ids);
  if (!ids.length) return;
  const paid = sumByBig(
    await tx
      .select()
      .from(disbursements)
      .where(and(inArray(disbursements.projectId, ids), eq(disbursements.planYear, plan.year))),
    (d) => `${d.projectId}|${d.sourceCode}`,
    (d) => d.amount,
  );
  const planned = sumByBig(
    next,
    (a) => `${a.projectId}|${a.sourceCode}`,
    (a) => a.amount,
  );
  // Allocations from other current plans (e.g. a province plan and a commune plan) count as well.
  const elsewhere = sumByBig(
    (await yearAllocations(tx, ids, plan.year)).filter((a) => a.planId !== plan.previousId),
    (a) => `${a.projectId}|${a.sourceCode}`,
    (a) => a.amount,
  );
  const short = [...paid]
    .filter(([k, amt]) => amt > (planned.get(k) ?? 0n) + (elsewhere.get(k) ?? 0n))
    .map(([k, amt]) => ({ key: k, paid: Number(amt), allocated: Number((planned.get(k) ?? 0n) + (elsewhere.get(k) ?? 0n)) }));
  if (short.length) throw ruleViolation('allocation_below_paid', { projects: short });
  // Each payment must still fit, first in, first out, in the tranches open on its date.
  const ledger = await tx
    .select()
    .from(disbursements)
    .where(and(inArray(disbursements.projectId, ids), eq(disbursements.planYear, plan.year)));
  const now = attributeYear((await yearTranches(tx, ids, plan.year)).tranches, ledger).unplaced;
  const then = attributeYear(
    (await yearTranches(tx, ids, plan.year, { without: plan.previousId, with: next })).tranches,
    ledger,
  ).unplaced;
  const worse = then.filter((u) => u.amount > (now.find((n) => n.id === u.id)?.amount ?? 0));
  if (worse.length)
    throw ruleViolation('allocation_below_paid', {
      projects: worse.map((u) => ({ key: `${u.projectId}|${u.sourceCode}`, unplaced: u.amount, reason: u.reason })),
    });
}

/** An adjustment: a new draft version copying the approved plan's lines and allocations. */
export async function adjustPlan(deps: Deps, actor: Actor, meta: RequestMeta, planId: number) {
  return write(
    { deps, actor, meta },
    {
      ...onPlan(planId, 'adjust'),
      apply: async (tx, plan) => {
        takeStep(PLAN_LIFECYCLE, 'adjust', plan.status);
        const [pending] = await tx
          .select({ id: capitalPlans.id })
          .from(capitalPlans)
          .where(and(eq(capitalPlans.previousId, planId), eq(capitalPlans.status, 'draft')));
        if (pending) throw ruleViolation('plan_adjustment_waiting', { draftId: pending.id });
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
        if (alloc.length) await tx.insert(allocations).values(alloc.map(({ id: _id, ...a }) => ({ ...a, planId: row!.id })));
        return {
          result: row!,
          audit: {
            action: 'capital_plan.adjust',
            entityType: 'capital_plan',
            entityId: row!.id,
            unitId: plan.unitId,
            after: { from: planId, version: row!.version },
          },
        };
      },
    },
  );
}

/** Changes the amounts a draft plan provides by source. */
export async function setPlanLines(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  planId: number,
  input: { rowVersion: number; lines: { sourceCode: string; amount: number }[] },
) {
  return write(
    { deps, actor, meta },
    {
      ...onPlan(planId, 'set_lines', input.rowVersion),
      apply: async (tx, plan) => {
        takeStep(PLAN_LIFECYCLE, 'set_lines', plan.status);
        assertSourcesOnce(input.lines);
        await assertKnownSources(
          tx,
          input.lines.map((l) => l.sourceCode),
        );
        const allocated = sumByBig(
          await tx.select().from(allocations).where(eq(allocations.planId, planId)),
          (a) => a.sourceCode,
          (a) => a.amount,
        );
        const short = [...allocated].filter(
          ([src, amt]) => amt > BigInt(input.lines.find((l) => l.sourceCode === src)?.amount ?? 0),
        );
        if (short.length)
          throw ruleViolation('allocation_exceeds_plan', {
            sources: short.map(([sourceCode, allocatedAmount]) => ({ sourceCode, allocated: Number(allocatedAmount) })),
          });
        const before = await tx.select().from(planLines).where(eq(planLines.planId, planId));
        await tx.delete(planLines).where(eq(planLines.planId, planId));
        if (input.lines.length) await tx.insert(planLines).values(input.lines.map((l) => ({ planId, ...l })));
        const [after] = await tx
          .update(capitalPlans)
          .set({ rowVersion: plan.rowVersion + 1 })
          .where(eq(capitalPlans.id, planId))
          .returning();
        return {
          result: after!,
          audit: {
            action: 'capital_plan.set_lines',
            entityType: 'capital_plan',
            entityId: planId,
            unitId: plan.unitId,
            before: { lines: before },
            after: { lines: input.lines },
          },
        };
      },
    },
  );
}
