import { and, asc, eq, inArray, isNull, lte, or, gt, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Actor } from '../../context';
import { rowsOf, type Db } from '../../db/client';
import { unitEvents, unitEventUnits, unitParents, units } from '../../db/schema';
import type { Timeline } from '../../domain/units/timeline';
import { searchKey, viCollator } from '../../shared/vi';
import type { UnitType } from '../../shared/roles';
import { grantUnitsFor, idsInScope, scopeFilter } from '../access/authorize';

/** `effective_from <= d < effective_to` for a table with those columns. */
export function activeOn(table: { effectiveFrom: AnyPgColumn; effectiveTo: AnyPgColumn }, d: string): SQL {
  return and(lte(table.effectiveFrom, d), or(isNull(table.effectiveTo), gt(table.effectiveTo, d)))!;
}

export type UnitRow = typeof units.$inferSelect;

export function unitView(u: UnitRow, parentId: number | null = null) {
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    type: u.type,
    effectiveFrom: u.effectiveFrom,
    effectiveTo: u.effectiveTo,
    verified: u.verified,
    sourceNote: u.sourceNote,
    isDemo: u.isDemo,
    version: u.version,
    parentId,
  };
}

/** Units the actor may read, active on `asOf` (or all time), with their parent on that date. */
export async function listUnits(
  db: Db,
  actor: Actor,
  opts: {
    asOf?: string | undefined;
    q?: string | undefined;
    type?: UnitType | undefined;
    parentId?: number | undefined;
    limit?: number;
  },
) {
  const conds: SQL[] = [scopeFilter(db, actor, 'unit.read', units.id)];
  if (opts.asOf) conds.push(activeOn(units, opts.asOf));
  if (opts.q) conds.push(sql`${units.searchKey} like ${'%' + searchKey(opts.q) + '%'}`);
  if (opts.type) conds.push(eq(units.type, opts.type));
  const parentJoinCond = opts.asOf
    ? and(eq(unitParents.unitId, units.id), activeOn(unitParents, opts.asOf))
    : and(eq(unitParents.unitId, units.id), isNull(unitParents.effectiveTo));
  if (opts.parentId !== undefined) conds.push(eq(unitParents.parentId, opts.parentId));
  const rows = await db
    .select({ unit: units, parentId: unitParents.parentId })
    .from(units)
    .leftJoin(unitParents, parentJoinCond)
    .where(and(...conds))
    .limit(opts.limit ?? 5000);
  return rows
    .map((r) => unitView(r.unit, r.parentId))
    .sort((a, b) => viCollator.compare(a.name, b.name) || a.effectiveFrom.localeCompare(b.effectiveFrom));
}

export async function getUnitRow(db: Db, id: number): Promise<UnitRow | undefined> {
  const [u] = await db.select().from(units).where(eq(units.id, id));
  return u;
}

/** Transitive predecessors (the units this one was formed from), nearest first. */
export async function predecessorIds(db: Db, unitId: number): Promise<number[]> {
  const res = await db.execute(sql`
    with recursive pred (id, depth) as (
      select f.unit_id, 1
        from unit_event_units t
        join unit_event_units f on f.event_id = t.event_id and f.role = 'from'
       where t.role = 'to' and t.unit_id = ${unitId} and f.unit_id <> ${unitId}
      union
      select f.unit_id, p.depth + 1
        from pred p
        join unit_event_units t on t.unit_id = p.id and t.role = 'to'
        join unit_event_units f on f.event_id = t.event_id and f.role = 'from'
       where f.unit_id <> p.id and p.depth < 50
    )
    select id, min(depth) as depth from pred where id <> ${unitId} group by id order by min(depth), id`);
  return rowsOf<{ id: number }>(res).map((r) => Number(r.id));
}

/** The unit(s) active on `asOf` that carry `unitId` on: itself when still active, else its successors. */
export async function successorIdsAsOf(db: Db, unitId: number, asOf: string): Promise<number[]> {
  const res = await db.execute(sql`
    with recursive succ (id) as (
      select ${unitId}::int
      union
      select t.unit_id
        from succ s
        join units su on su.id = s.id
        join unit_event_units f on f.unit_id = s.id and f.role = 'from'
        join unit_events e on e.id = f.event_id and e.effective_date <= ${asOf}
        join unit_event_units t on t.event_id = e.id and t.role = 'to'
       where t.unit_id <> s.id
         and not (su.effective_from <= ${asOf} and (su.effective_to is null or su.effective_to > ${asOf}))
    )
    select s.id from succ s join units u on u.id = s.id
     where u.effective_from <= ${asOf} and (u.effective_to is null or u.effective_to > ${asOf})
     order by s.id`);
  return rowsOf<{ id: number }>(res).map((r) => Number(r.id));
}

/** Ancestors on `asOf`, nearest first. */
export async function ancestorIdsAsOf(db: Db, unitId: number, asOf: string): Promise<number[]> {
  const res = await db.execute(sql`
    with recursive anc (id, depth) as (
      select p.parent_id, 1 from unit_parents p
       where p.unit_id = ${unitId} and p.effective_from <= ${asOf} and (p.effective_to is null or p.effective_to > ${asOf})
      union all
      select p.parent_id, a.depth + 1 from anc a
        join unit_parents p on p.unit_id = a.id
       where p.effective_from <= ${asOf} and (p.effective_to is null or p.effective_to > ${asOf}) and a.depth < 20
    )
    select id from anc order by depth`);
  return rowsOf<{ id: number }>(res).map((r) => Number(r.id));
}

export async function unitsByIds(db: Db, ids: number[]): Promise<Map<number, UnitRow>> {
  if (!ids.length) return new Map();
  const rows = await db.select().from(units).where(inArray(units.id, ids));
  return new Map(rows.map((u) => [u.id, u]));
}

/** Everything the unit page shows: parents over time, children, succession, in the actor's scope. */
export async function unitDetail(db: Db, actor: Actor, unit: UnitRow, asOf: string) {
  const [parents, children, eventRows, preds, succ, ancestors] = await Promise.all([
    db.select().from(unitParents).where(eq(unitParents.unitId, unit.id)).orderBy(asc(unitParents.effectiveFrom)),
    db
      .select({ unit: units, p: unitParents })
      .from(unitParents)
      .innerJoin(units, eq(units.id, unitParents.unitId))
      .where(and(eq(unitParents.parentId, unit.id), scopeFilter(db, actor, 'unit.read', units.id))),
    db
      .select({ event: unitEvents })
      .from(unitEvents)
      .innerJoin(unitEventUnits, eq(unitEventUnits.eventId, unitEvents.id))
      .where(eq(unitEventUnits.unitId, unit.id)),
    predecessorIds(db, unit.id),
    successorIdsAsOf(db, unit.id, asOf),
    ancestorIdsAsOf(db, unit.id, unit.effectiveTo && unit.effectiveTo <= asOf ? prevDay(unit.effectiveTo) : asOf),
  ]);
  const eventIds = [...new Set(eventRows.map((e) => e.event.id))];
  const links = eventIds.length ? await db.select().from(unitEventUnits).where(inArray(unitEventUnits.eventId, eventIds)) : [];
  const related = await unitsByIds(db, [
    ...parents.map((p) => p.parentId),
    ...links.map((l) => l.unitId),
    ...preds,
    ...succ,
    ...ancestors,
  ]);
  const visible = await idsInScope(db, grantUnitsFor(actor, 'unit.read'), [...related.keys()]);
  const ref = (id: number) => {
    const u = related.get(id);
    return u
      ? {
          id,
          name: u.name,
          code: u.code,
          type: u.type,
          effectiveFrom: u.effectiveFrom,
          effectiveTo: u.effectiveTo,
          inScope: visible.has(id),
        }
      : null;
  };
  const refs = (ids: number[]) => ids.map(ref).filter((r) => r !== null);
  return {
    unit: unitView(
      unit,
      parents.find((p) => p.effectiveFrom <= asOf && (!p.effectiveTo || p.effectiveTo > asOf))?.parentId ?? null,
    ),
    ancestors: refs(ancestors),
    parentHistory: parents.map((p) => ({ parent: ref(p.parentId), effectiveFrom: p.effectiveFrom, effectiveTo: p.effectiveTo })),
    children: children
      .map((c) => ({ ...unitView(c.unit, unit.id), linkFrom: c.p.effectiveFrom, linkTo: c.p.effectiveTo }))
      .sort((a, b) => viCollator.compare(a.name, b.name)),
    events: [...new Map(eventRows.map((e) => [e.event.id, e.event])).values()]
      .sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate))
      .map((e) => ({
        id: e.id,
        kind: e.kind,
        effectiveDate: e.effectiveDate,
        legalBasis: e.legalBasis,
        legalBasisDate: e.legalBasisDate,
        note: e.note,
        from: refs(links.filter((l) => l.eventId === e.id && l.role === 'from').map((l) => l.unitId)),
        to: refs(links.filter((l) => l.eventId === e.id && l.role === 'to').map((l) => l.unitId)),
      })),
    predecessors: refs(preds),
    successors: refs(succ.filter((id) => id !== unit.id)),
  };
}

function prevDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Loads the whole timeline (units, parents, events) — for succession planning and checks. */
export async function loadTimeline(db: Db): Promise<Timeline> {
  // Sequential on purpose: inside a transaction all four share one connection.
  const u = await db.select({ id: units.id, type: units.type, from: units.effectiveFrom, to: units.effectiveTo }).from(units);
  const p = await db
    .select({
      unitId: unitParents.unitId,
      parentId: unitParents.parentId,
      from: unitParents.effectiveFrom,
      to: unitParents.effectiveTo,
    })
    .from(unitParents);
  const e = await db.select().from(unitEvents);
  const l = await db.select().from(unitEventUnits);
  const byEvent = new Map<number, { from: number[]; to: number[] }>();
  for (const x of l) {
    const entry = byEvent.get(x.eventId) ?? { from: [], to: [] };
    entry[x.role].push(x.unitId);
    byEvent.set(x.eventId, entry);
  }
  return {
    units: u,
    parents: p,
    events: e.map((ev) => ({
      id: ev.id,
      kind: ev.kind,
      date: ev.effectiveDate,
      ...(byEvent.get(ev.id) ?? { from: [], to: [] }),
    })),
  };
}
