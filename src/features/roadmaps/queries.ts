import { and, asc, desc, eq, inArray, isNotNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Actor, Deps } from '../../context';
import type { Db } from '../../db/client';
import {
  agencies,
  criteriaSets,
  roadmapCheckins,
  roadmapItems,
  units,
  unitScope,
  users,
  type CostClass,
  type RoadmapStatus,
} from '../../db/schema';
import { todayVn } from '../../shared/vi';
import type { RoadmapItemStep } from '../../domain/lifecycles/roadmap-item';
import { authorize, scopeFilter } from '../access/authorize';
import { deadline } from './dates';
import { itemSteps } from './item-actions';
import { getItem } from './update-item';

export type BoardFilter = {
  unitId?: number | undefined;
  agencyId?: number | undefined;
  mine?: boolean | undefined;
  status?: RoadmapStatus[] | undefined;
  cost?: CostClass[] | undefined;
  overdue?: boolean | undefined;
  confirmed?: boolean | undefined;
  sort?: 'easy' | 'target' | 'priority' | undefined;
};

const COST_RANK: Record<CostClass, number> = { none: 0, budget: 1, investment: 2 };

type ItemRow = typeof roadmapItems.$inferSelect;

/** Texts of the indicators items refer to, from the published sets. */
async function indicatorTexts(db: Db, setCodes: string[]) {
  if (!setCodes.length) return new Map<string, string>();
  const sets = await db
    .select({ code: criteriaSets.code, document: criteriaSets.document })
    .from(criteriaSets)
    .where(inArray(criteriaSets.code, setCodes));
  const out = new Map<string, string>();
  for (const s of sets)
    for (const c of s.document.criteria) for (const i of c.indicators) out.set(`${s.code}|${i.code}`, i.text_vi);
  return out;
}

/** Items as the board, the budget list and the item page show them, with the steps `actor` may take. */
export async function itemViews(deps: Deps, actor: Actor, rows: ItemRow[]) {
  const db = deps.db;
  const stepsOf = itemSteps(db, actor, deps.clock.now());
  const actions = new Map<number, RoadmapItemStep[]>();
  for (const r of rows) actions.set(r.id, await stepsOf(r));
  const today = todayVn(deps.clock.now());
  const agencyIds = [...new Set(rows.flatMap((r) => [...(r.leadAgencyId ? [r.leadAgencyId] : []), ...r.supportingAgencyIds]))];
  const agencyNames = new Map(
    agencyIds.length
      ? (await db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(inArray(agencies.id, agencyIds))).map(
          (a) => [a.id, a.name],
        )
      : [],
  );
  const userIds = [...new Set(rows.map((r) => r.leadUserId).filter((x): x is number => x !== null))];
  const userNames = new Map(
    userIds.length
      ? (await db.select({ id: users.id, name: users.fullName }).from(users).where(inArray(users.id, userIds))).map((u) => [
          u.id,
          u.name,
        ])
      : [],
  );
  const unitIds = [...new Set(rows.map((r) => r.unitId))];
  const unitNames = new Map(
    unitIds.length
      ? (await db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, unitIds))).map((u) => [
          u.id,
          u.name,
        ])
      : [],
  );
  const texts = await indicatorTexts(db, [...new Set(rows.map((r) => r.setCode))]);
  const ids = rows.map((r) => r.id);
  const lastCheckins = new Map(
    ids.length
      ? (
          await db
            .selectDistinctOn([roadmapCheckins.itemId], {
              itemId: roadmapCheckins.itemId,
              month: roadmapCheckins.month,
              percent: roadmapCheckins.percent,
              note: roadmapCheckins.note,
              at: roadmapCheckins.createdAt,
            })
            .from(roadmapCheckins)
            .where(inArray(roadmapCheckins.itemId, ids))
            .orderBy(
              roadmapCheckins.itemId,
              desc(roadmapCheckins.month),
              desc(roadmapCheckins.createdAt),
              desc(roadmapCheckins.id),
            )
        ).map((c) => [c.itemId, { month: c.month.slice(0, 7), percent: c.percent, note: c.note, at: c.at.toISOString() }])
      : [],
  );
  return rows.map((r) => {
    const d = r.targetMonth && r.status !== 'done' ? deadline(r.targetMonth, today) : null;
    return {
      id: r.id,
      unitId: r.unitId,
      unitName: unitNames.get(r.unitId) ?? '',
      setCode: r.setCode,
      indicatorCode: r.indicatorCode,
      indicatorText: texts.get(`${r.setCode}|${r.indicatorCode}`) ?? r.title,
      criterionNumber: r.criterionNumber,
      title: r.title,
      task: r.task,
      leadAgencyId: r.leadAgencyId,
      leadAgencyName: r.leadAgencyId ? (agencyNames.get(r.leadAgencyId) ?? null) : null,
      leadUserId: r.leadUserId,
      leadUserName: r.leadUserId ? (userNames.get(r.leadUserId) ?? null) : null,
      supportingAgencies: r.supportingAgencyIds.map((id) => ({ id, name: agencyNames.get(id) ?? '' })),
      targetMonth: r.targetMonth?.slice(0, 7) ?? null,
      costClass: r.costClass,
      costEstimate: r.costEstimate,
      status: r.status,
      priority: r.priority,
      progress: r.progress,
      confirmed: r.confirmed,
      closedReason: r.closedReason,
      reopenedCount: r.reopenedCount,
      escalated: Boolean(r.escalatedAt) && r.status !== 'done',
      overdueDays: d?.overdueDays ?? 0,
      dueInDays: d ? d.dueInDays : null,
      note: r.note,
      version: r.version,
      lastCheckin: lastCheckins.get(r.id) ?? null,
      actions: actions.get(r.id) ?? [],
    };
  });
}

export type ItemView = Awaited<ReturnType<typeof itemViews>>[number];

/** "Dễ trước khó sau": no-cost before budget before investment, then the nearest target, then priority. */
export function sortItems(items: ItemView[], sort: BoardFilter['sort'] = 'easy') {
  const month = (m: string | null) => m ?? '9999-99';
  return [...items].sort((a, b) => {
    if (sort === 'target') return month(a.targetMonth).localeCompare(month(b.targetMonth)) || a.priority - b.priority;
    if (sort === 'priority') return a.priority - b.priority || month(a.targetMonth).localeCompare(month(b.targetMonth));
    return (
      COST_RANK[a.costClass] - COST_RANK[b.costClass] ||
      month(a.targetMonth).localeCompare(month(b.targetMonth)) ||
      a.priority - b.priority
    );
  });
}

/** Whose "việc của tôi" it is: the person and the roles they hold now. */
export type MineOf = Pick<Actor, 'userId' | 'grants'>;

/**
 * "Việc của tôi": confirmed items the person may read that they are in charge of, that their agency leads
 * or supports, or that the People's Committee of a unit they are an official of (commune officer,
 * coordination office) leads. The board's list and the daily digest both count with this, so they agree.
 */
export async function mineCondition(db: Db, who: MineOf): Promise<SQL> {
  const [me] = await db.select({ agencyId: users.agencyId }).from(users).where(eq(users.id, who.userId));
  const mine: SQL[] = [eq(roadmapItems.leadUserId, who.userId)];
  // The People's Committee of a unit is its officials: work it leads is theirs.
  const grantUnits = who.grants
    .filter((g) => g.role === 'commune_officer' || g.role === 'coordination_office')
    .map((g) => g.unitId);
  if (grantUnits.length)
    mine.push(
      inArray(
        roadmapItems.leadAgencyId,
        db
          .select({ id: agencies.id })
          .from(agencies)
          .where(and(eq(agencies.kind, 'people_committee'), inArray(agencies.unitId, grantUnits))),
      ),
    );
  if (me?.agencyId)
    mine.push(
      eq(roadmapItems.leadAgencyId, me.agencyId),
      sql`${roadmapItems.supportingAgencyIds} @> ${JSON.stringify([me.agencyId])}::jsonb`,
    );
  return and(scopeFilter(db, who, 'roadmap.read', roadmapItems.unitId), or(...mine), eq(roadmapItems.confirmed, true))!;
}

export async function listItems(deps: Deps, actor: Actor, f: BoardFilter) {
  const db = deps.db;
  const conds: SQL[] = [scopeFilter(db, actor, 'roadmap.read', roadmapItems.unitId)];
  if (f.unitId) {
    await authorize(db, actor, 'roadmap.read', f.unitId);
    conds.push(
      inArray(
        roadmapItems.unitId,
        db.select({ id: unitScope.descendantId }).from(unitScope).where(eq(unitScope.ancestorId, f.unitId)),
      ),
    );
  }
  if (f.agencyId)
    conds.push(
      or(
        eq(roadmapItems.leadAgencyId, f.agencyId),
        sql`${roadmapItems.supportingAgencyIds} @> ${JSON.stringify([f.agencyId])}::jsonb`,
      )!,
    );
  if (f.mine) conds.push(await mineCondition(db, actor));
  if (f.status?.length) conds.push(inArray(roadmapItems.status, f.status));
  if (f.cost?.length) conds.push(inArray(roadmapItems.costClass, f.cost));
  if (f.confirmed !== undefined) conds.push(eq(roadmapItems.confirmed, f.confirmed));
  if (f.overdue) conds.push(and(ne(roadmapItems.status, 'done'), isNotNull(roadmapItems.targetMonth))!);
  const rows = await db
    .select()
    .from(roadmapItems)
    .where(and(...conds))
    .orderBy(asc(roadmapItems.id))
    .limit(5000);
  let items = await itemViews(deps, actor, rows);
  if (f.overdue) items = items.filter((i) => i.overdueDays > 0);
  return sortItems(items, f.sort);
}

export async function itemDetail(deps: Deps, actor: Actor, id: number) {
  const item = await getItem(deps.db, id);
  await authorize(deps.db, actor, 'roadmap.read', item.unitId);
  const [view] = await itemViews(deps, actor, [item]);
  const checkins = await deps.db
    .select({ c: roadmapCheckins, by: users.fullName })
    .from(roadmapCheckins)
    .leftJoin(users, eq(users.id, roadmapCheckins.createdBy))
    .where(eq(roadmapCheckins.itemId, id))
    .orderBy(desc(roadmapCheckins.month), desc(roadmapCheckins.createdAt), desc(roadmapCheckins.id));
  return {
    ...view!,
    checkins: checkins.map(({ c, by }) => ({
      id: c.id,
      month: c.month.slice(0, 7),
      percent: c.percent,
      note: c.note,
      files: c.files,
      at: c.createdAt.toISOString(),
      by,
    })),
  };
}
