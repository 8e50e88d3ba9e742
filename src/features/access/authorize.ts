import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Actor } from '../../context';
import type { Db } from '../../db/client';
import { units, unitScope } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { roleAllows, type Action } from '../../shared/roles';

/** Units on which the actor holds a role that allows `action`. */
export function grantUnitsFor(actor: Pick<Actor, 'grants'>, action: Action): number[] {
  return [...new Set(actor.grants.filter((g) => roleAllows(g.role, action)).map((g) => g.unitId))];
}

export function allGrantUnits(actor: Actor): number[] {
  return [...new Set(actor.grants.map((g) => g.unitId))];
}

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  return actor;
}

/**
 * The one place that decides whether `actor` may do `action` on `unitId`.
 * Outside every unit the actor can see → NOT_FOUND (we do not confirm it exists);
 * visible but the role does not allow the action → FORBIDDEN.
 */
export async function authorize(db: Db, actor: Actor, action: Action, unitId: number): Promise<void> {
  const allowedRoots = grantUnitsFor(actor, action);
  if (allowedRoots.length && (await unitInScope(db, allowedRoots, unitId))) return;
  const anyRoots = allGrantUnits(actor);
  if (anyRoots.length && (await unitInScope(db, anyRoots, unitId))) throw new AppError('FORBIDDEN');
  throw new AppError('NOT_FOUND');
}

/** Role check without a unit (e.g. "may this person manage users anywhere?"). */
export function requireAction(actor: Actor, action: Action): void {
  if (!grantUnitsFor(actor, action).length) throw new AppError('FORBIDDEN');
}

/**
 * National data (scoring sheets of the OCOP programme) is kept only by those who hold the action on
 * the country itself: a province's office may read it but not change what every province uses.
 */
export async function requireNationalAction(db: Db, actor: Actor, action: Action): Promise<void> {
  requireAction(actor, action);
  const [country] = await db.select({ id: units.id }).from(units).where(eq(units.type, 'country')).limit(1);
  if (!country || !grantUnitsFor(actor, action).includes(country.id)) throw new AppError('FORBIDDEN');
}

export async function unitInScope(db: Db, roots: number[], unitId: number): Promise<boolean> {
  const rows = await db
    .select({ a: unitScope.ancestorId })
    .from(unitScope)
    .where(and(eq(unitScope.descendantId, unitId), inArray(unitScope.ancestorId, roots)))
    .limit(1);
  return rows.length > 0;
}

/**
 * `column IN (units the actor may <action>)` — add it to every query over unit-owned rows so that
 * a list never shows what `authorize` would refuse.
 */
export function scopeFilter(db: Db, actor: Pick<Actor, 'grants'>, action: Action, column: AnyPgColumn): SQL {
  const roots = grantUnitsFor(actor, action);
  if (!roots.length) return sql`false`;
  return inArray(column, db.select({ id: unitScope.descendantId }).from(unitScope).where(inArray(unitScope.ancestorId, roots)));
}

/** Which of `ids` lie under `roots` — one query for a whole list. */
export async function idsInScope(db: Db, roots: number[], ids: number[]): Promise<Set<number>> {
  if (!roots.length || !ids.length) return new Set();
  const rows = await db
    .selectDistinct({ id: unitScope.descendantId })
    .from(unitScope)
    .where(and(inArray(unitScope.descendantId, ids), inArray(unitScope.ancestorId, roots)));
  return new Set(rows.map((r) => r.id));
}

/** Descendants of a unit over all time (and itself), as a sub-query for `inArray`. */
export const underUnit = (db: Db, unitId: number) =>
  db.select({ id: unitScope.descendantId }).from(unitScope).where(eq(unitScope.ancestorId, unitId));
