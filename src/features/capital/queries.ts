import type { z } from '@hono/zod-openapi';
import { and, eq, inArray, lte, max, min, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../context';
import type { Db } from '../../db/client';
import {
  allocations,
  capitalPlans,
  contributions,
  deadlineExtensions,
  disbursementRules,
  disbursements,
  fundingSources,
  planLines,
  projects,
  readinessItems,
  settings,
  unitScope,
  units,
} from '../../db/schema';
import { disbursementDeadline, effectiveDeadline, ruleFor } from '../../domain/capital/deadlines';
import { attribute, byDeadline, currentDeadline, type Tranche, type Unplaced } from '../../domain/capital/tranches';
import { rateBp, sumBy, sumDong } from '../../domain/capital/money';
import { DEFAULT_RED_FLAG_SETTINGS, elapsedBp, redFlags, type RedFlagSettings } from '../../domain/capital/red-flags';
import { AppError } from '../../lib/errors';
import { todayVn, viCollator } from '../../shared/vi';
import { authorize, scopeFilter } from '../access/authorize';
import type { Cockpit } from './schemas';
import { redFlagView } from './views';

export type ProjectRow = typeof projects.$inferSelect;

import { underUnit } from '../access/authorize';
export { underUnit };

export async function redFlagSettings(db: Db, unitId: number): Promise<RedFlagSettings> {
  const rows = await db
    .select({ value: settings.value, unitId: settings.unitId })
    .from(settings)
    .innerJoin(unitScope, and(eq(unitScope.ancestorId, settings.unitId), eq(unitScope.descendantId, unitId)))
    .where(eq(settings.key, 'capital.redflags'));
  // The nearest unit's setting wins; anything not set falls back to the defaults.
  const nearest = rows.sort((a, b) => b.unitId - a.unitId)[0]?.value as Partial<RedFlagSettings> | undefined;
  return { ...DEFAULT_RED_FLAG_SETTINGS, ...(nearest ?? {}) };
}

/** Approved, current annual allocations of a year for these projects. */
export async function yearAllocations(db: Db, projectIds: number[], year: number) {
  if (!projectIds.length) return [];
  return db
    .select({
      projectId: allocations.projectId,
      sourceCode: allocations.sourceCode,
      amount: allocations.amount,
      addedOn: allocations.addedOn,
      planId: allocations.planId,
    })
    .from(allocations)
    .innerJoin(capitalPlans, eq(capitalPlans.id, allocations.planId))
    .where(
      and(
        inArray(allocations.projectId, projectIds),
        eq(capitalPlans.kind, 'annual'),
        eq(capitalPlans.year, year),
        eq(capitalPlans.status, 'approved'),
      ),
    );
}

export type YearTranche = Tranche & { projectId: number; sourceCode: string; planId: number };

/**
 * The tranches of a year's current plans for these projects, each with its own deadline: the
 * law in force in the plan year applied to the date its capital was added, then the latest
 * extension decided for the project and year.
 */
export async function yearTranches(
  db: Db,
  projectIds: number[],
  year: number,
  /** As if a plan's allocations replaced those of the version before it (an approval about to happen). */
  asIf?: {
    without: number | null;
    with: { planId: number; projectId: number; sourceCode: string; amount: number; addedOn: string | null }[];
  },
) {
  const rules = await db.select().from(disbursementRules);
  const rule = ruleFor(rules, year);
  const current = await yearAllocations(db, projectIds, year);
  const alloc = asIf ? [...current.filter((a) => a.planId !== asIf.without), ...asIf.with] : current;
  const ext = projectIds.length
    ? await db
        .select()
        .from(deadlineExtensions)
        .where(and(inArray(deadlineExtensions.projectId, projectIds), eq(deadlineExtensions.planYear, year)))
    : [];
  const tranches: YearTranche[] = alloc.map((a) => {
    const addedOn = a.addedOn ?? `${year}-01-01`;
    const base = rule ? disbursementDeadline(rule, year, addedOn) : `${year + 1}-12-31`;
    return {
      key: `${a.planId}|${addedOn}`,
      projectId: a.projectId,
      sourceCode: a.sourceCode,
      planId: a.planId,
      addedOn,
      amount: a.amount,
      deadline: effectiveDeadline(
        base,
        ext.filter((e) => e.projectId === a.projectId),
      ),
    };
  });
  return { tranches, rule };
}

/** The ledger of a year for these projects, attributed to their tranches per source. */
export function attributeYear(tranches: YearTranche[], ledger: (typeof disbursements.$inferSelect)[]) {
  const groups = new Set([...tranches, ...ledger].map((x) => `${x.projectId}|${x.sourceCode}`));
  const paid = new Map<string, bigint>();
  const unplaced: (Unplaced & { projectId: number; sourceCode: string })[] = [];
  for (const g of groups) {
    const [projectId, sourceCode] = [Number(g.split('|')[0]), g.split('|')[1]!];
    const mine = tranches.filter((t) => t.projectId === projectId && t.sourceCode === sourceCode);
    const a = attribute(
      mine,
      ledger.filter((l) => l.projectId === projectId && l.sourceCode === sourceCode),
    );
    for (const [k, v] of a.paid) paid.set(`${g}|${k}`, v);
    unplaced.push(...a.unplaced.map((u) => ({ ...u, projectId, sourceCode })));
  }
  return { paid: (t: YearTranche) => paid.get(`${t.projectId}|${t.sourceCode}|${t.key}`) ?? 0n, unplaced };
}

/** Per project, the deadline that matters on `today` (see `currentDeadline`), with the year's tranches. */
export async function deadlinesFor(db: Db, projectIds: number[], year: number, today = '0000-01-01') {
  const { tranches, rule } = await yearTranches(db, projectIds, year);
  const ledger = projectIds.length
    ? await db
        .select()
        .from(disbursements)
        .where(and(inArray(disbursements.projectId, projectIds), eq(disbursements.planYear, year)))
    : [];
  const { paid } = attributeYear(tranches, ledger);
  const out = new Map<number, string>();
  for (const id of projectIds) {
    const d = currentDeadline(
      tranches.filter((t) => t.projectId === id),
      paid,
      today,
    );
    if (d) out.set(id, d);
  }
  return { out, rule, tranches, paid };
}

/** Everything the cockpit shows for the projects under a unit in a year. */
/** `asOf` (yyyy-mm-dd) replays the figures as they stood on that day: later payments are left out. */
export async function cockpit(
  deps: Deps,
  actor: Actor,
  unitId: number,
  year: number,
  asOf?: string,
): Promise<z.input<typeof Cockpit>> {
  const db = deps.db;
  await authorize(db, actor, 'capital.read', unitId);
  const now = todayVn(deps.clock.now());
  const today = asOf && asOf < now ? asOf : now;
  const projectRows = await db
    .select()
    .from(projects)
    .where(and(inArray(projects.unitId, underUnit(db, unitId)), scopeFilter(db, actor, 'capital.read', projects.unitId)));
  const ids = projectRows.map((p) => p.id);
  const plans = await db
    .select()
    .from(capitalPlans)
    .where(
      and(
        inArray(capitalPlans.unitId, underUnit(db, unitId)),
        eq(capitalPlans.kind, 'annual'),
        eq(capitalPlans.year, year),
        eq(capitalPlans.status, 'approved'),
      ),
    );
  const lines = plans.length
    ? await db
        .select()
        .from(planLines)
        .where(
          inArray(
            planLines.planId,
            plans.map((p) => p.id),
          ),
        )
    : [];
  const alloc = await yearAllocations(db, ids, year);
  const ledger = ids.length
    ? await db
        .select()
        .from(disbursements)
        .where(and(inArray(disbursements.projectId, ids), eq(disbursements.planYear, year), lte(disbursements.date, today)))
    : [];
  const allTime = ids.length
    ? await db
        .select({
          projectId: disbursements.projectId,
          total: sql<string>`sum(${disbursements.amount})`,
          last: max(disbursements.date),
        })
        .from(disbursements)
        .where(and(inArray(disbursements.projectId, ids), lte(disbursements.date, today)))
        .groupBy(disbursements.projectId)
    : [];
  const allocatedAll = ids.length
    ? await db
        .select({
          projectId: allocations.projectId,
          total: sql<string>`sum(${allocations.amount})`,
          first: min(allocations.addedOn),
        })
        .from(allocations)
        .innerJoin(capitalPlans, eq(capitalPlans.id, allocations.planId))
        .where(and(inArray(allocations.projectId, ids), eq(capitalPlans.status, 'approved')))
        .groupBy(allocations.projectId)
    : [];
  const readiness = ids.length
    ? await db
        .select({
          projectId: readinessItems.projectId,
          done: sql<string>`count(*) filter (where ${readinessItems.done})`,
          total: sql<string>`count(*)`,
        })
        .from(readinessItems)
        .where(inArray(readinessItems.projectId, ids))
        .groupBy(readinessItems.projectId)
    : [];
  const { tranches } = await yearTranches(db, ids, year);
  const { paid: paidOf } = attributeYear(tranches, ledger);
  const deadlines = new Map<number, string>();
  for (const id of ids) {
    const d = currentDeadline(
      tranches.filter((t) => t.projectId === id),
      paidOf,
      today,
    );
    if (d) deadlines.set(id, d);
  }
  const sources = await db.select().from(fundingSources).orderBy(fundingSources.sortOrder);
  const unitRows = await db
    .select({ id: units.id, name: units.name, effectiveTo: units.effectiveTo })
    .from(units)
    .where(inArray(units.id, [...new Set(projectRows.map((p) => p.unitId)), unitId]));
  const unitNames = new Map(unitRows.map((u) => [u.id, u.name]));
  /** A former commune (merged in 2025) is told apart from the current one of the same name by its end date. */
  const unitEnds = new Map(unitRows.map((u) => [u.id, u.effectiveTo]));
  const settingsNow = await redFlagSettings(db, unitId);

  const plan = sumDong(lines.map((l) => l.amount));
  const allocated = sumDong(alloc.map((a) => a.amount));
  const disbursed = sumDong(ledger.map((l) => l.amount));
  const elapsed = elapsedBp(year, today);
  const allocatedByProject = sumBy(
    alloc,
    (a) => String(a.projectId),
    (a) => a.amount,
  );
  const disbursedByProject = sumBy(
    ledger,
    (l) => String(l.projectId),
    (l) => l.amount,
  );
  const projectViews = projectRows
    .map((p) => {
      const a = allocatedByProject.get(String(p.id)) ?? 0;
      const d = disbursedByProject.get(String(p.id)) ?? 0;
      const r = readiness.find((x) => x.projectId === p.id);
      const figures = {
        projectId: p.id,
        status: p.status,
        totalInvestment: p.totalInvestment,
        allocatedThisYear: a,
        disbursedThisYear: d,
        disbursedAllTime: Number(allTime.find((x) => x.projectId === p.id)?.total ?? 0),
        allocatedAllTime: Number(allocatedAll.find((x) => x.projectId === p.id)?.total ?? 0),
        lastDisbursement: allTime.find((x) => x.projectId === p.id)?.last ?? null,
        firstAllocation: allocatedAll.find((x) => x.projectId === p.id)?.first ?? null,
        deadline: deadlines.get(p.id) ?? null,
        readinessDone: Number(r?.done ?? 0),
        readinessTotal: Number(r?.total ?? 0),
      };
      return {
        id: p.id,
        code: p.code,
        name: p.name,
        unitId: p.unitId,
        unitName: unitNames.get(p.unitId) ?? '',
        status: p.status,
        type: p.type,
        totalInvestment: p.totalInvestment,
        allocated: a,
        disbursed: d,
        rateBp: rateBp(d, a),
        deadline: figures.deadline,
        lat: p.lat,
        lon: p.lon,
        readiness: { done: figures.readinessDone, total: figures.readinessTotal },
        flags: redFlags(figures, year, today, settingsNow).map(redFlagView),
      };
    })
    .sort((a, b) => viCollator.compare(a.name, b.name));

  const bySource = sources
    .filter((s) => s.measure === 'vnd')
    .map((s) => {
      const pl = sumDong(lines.filter((l) => l.sourceCode === s.code).map((l) => l.amount));
      const al = sumDong(alloc.filter((a) => a.sourceCode === s.code).map((a) => a.amount));
      const di = sumDong(ledger.filter((l) => l.sourceCode === s.code).map((l) => l.amount));
      return { code: s.code, name: s.nameVi, plan: pl, allocated: al, disbursed: di, rateBp: rateBp(di, al) };
    })
    .filter((s) => s.plan || s.allocated || s.disbursed);
  const inKind = ids.length
    ? await db
        .select()
        .from(contributions)
        .where(
          and(
            inArray(contributions.projectId, ids),
            lte(contributions.date, `${year}-12-31`),
            sql`${contributions.date} >= ${`${year}-01-01`}`,
          ),
        )
    : [];
  const unitOf = new Map(projectViews.map((p) => [p.id, p.unitId]));
  const communityKinds = new Set(sources.filter((s) => s.kind === 'community').map((s) => s.code));
  const byUnit = [...new Set(projectViews.map((p) => p.unitId))].map((u) => {
    const ps = projectViews.filter((p) => p.unitId === u);
    const al = sumDong(ps.map((p) => p.allocated));
    const di = sumDong(ps.map((p) => p.disbursed));
    const mine = inKind.filter((k) => unitOf.get(k.projectId) === u);
    return {
      unitId: u,
      name: unitNames.get(u) ?? '',
      effectiveTo: unitEnds.get(u) ?? null,
      allocated: al,
      disbursed: di,
      rateBp: rateBp(di, al),
      community: {
        money: sumDong(
          ledger.filter((l) => unitOf.get(l.projectId) === u && communityKinds.has(l.sourceCode)).map((l) => l.amount),
        ),
        landM2: sumDong(mine.filter((k) => k.sourceCode === 'XHH_DAT').map((k) => k.quantity)),
        workdays: sumDong(mine.filter((k) => k.sourceCode === 'XHH_CONG').map((k) => k.quantity)),
        inKindValue: sumDong(mine.map((k) => k.valueVnd)),
      },
    };
  });
  const monthly = sumBy(
    ledger,
    (l) => l.date.slice(0, 7),
    (l) => l.amount,
  );
  let running = 0;
  const scurve = Array.from({ length: 12 }, (_, i) => {
    const m = `${year}-${String(i + 1).padStart(2, '0')}`;
    running += monthly.get(m) ?? 0;
    const monthEnd = new Date(Date.UTC(year, i + 1, 0)).toISOString().slice(0, 10);
    return {
      month: m,
      disbursed: monthly.get(m) ?? 0,
      cumulative: running,
      cumulativeRateBp: rateBp(running, allocated),
      timeBp: elapsedBp(year, monthEnd),
      future: `${m}-01` > today,
    };
  });
  return {
    year,
    unitId,
    unitName: unitNames.get(unitId) ?? '',
    asOf: today,
    totals: {
      plan,
      allocated,
      unallocated: plan - allocated,
      disbursed,
      rateVsPlanBp: rateBp(disbursed, plan),
      rateVsAllocatedBp: rateBp(disbursed, allocated),
      elapsedBp: elapsed,
      over100: disbursed > allocated && allocated > 0,
    },
    plans: plans.map((p) => ({
      id: p.id,
      name: p.name,
      version: p.version,
      resolutionNo: p.resolutionNo,
      resolutionDate: p.resolutionDate,
      body: p.body,
    })),
    bySource,
    byUnit,
    projects: projectViews,
    scurve: scurve.map((s) => ({
      month: s.month,
      disbursed: s.disbursed,
      cumulative: s.future ? null : s.cumulative,
      cumulativeRateBp: s.future ? null : s.cumulativeRateBp,
      timeBp: s.timeBp,
      future: s.future,
    })),
    flags: projectViews.flatMap((p) => p.flags.map((f) => ({ ...f, projectName: p.name }))),
    /** Capital by disbursement deadline: each tranche's deadline, what it provides, what is paid from it, what is left. */
    byDeadline: byDeadline(tranches, paidOf).map((d) => ({
      deadline: d.deadline,
      allocated: d.allocated,
      paid: d.paid,
      left: d.left,
      passed: d.deadline < today,
    })),
    settings: settingsNow,
    basemap: deps.config.mapTiles ? { tileUrl: deps.config.mapTiles.url, attribution: deps.config.mapTiles.attribution } : null,
  };
}

export async function getProject(db: Db, id: number): Promise<ProjectRow> {
  const [p] = await db.select().from(projects).where(eq(projects.id, id));
  if (!p) throw new AppError('NOT_FOUND');
  return p;
}
