import { and, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { agencies, roleGrants, units, unitScope, users } from '../../db/schema';
import { sortVi } from '../../shared/vi';

/**
 * Agencies that can lead work for a unit: those of the unit and of the units above it that still
 * exist — the unit's own People's Committee first, then the rest in Vietnamese order.
 */
export async function agenciesFor(db: Db, unitId: number, today: string) {
  const rows = await db
    .select({ id: agencies.id, name: agencies.name, unitId: agencies.unitId, kind: agencies.kind })
    .from(agencies)
    .innerJoin(unitScope, and(eq(unitScope.ancestorId, agencies.unitId), eq(unitScope.descendantId, unitId)))
    .innerJoin(units, eq(units.id, agencies.unitId))
    .where(and(eq(agencies.active, true), or(isNull(units.effectiveTo), gt(units.effectiveTo, today))));
  const own = rows.filter((a) => a.unitId === unitId && a.kind === 'people_committee');
  return [
    ...own,
    ...sortVi(
      rows.filter((a) => !own.includes(a)),
      (a) => a.name,
    ),
  ];
}

/**
 * People who can be responsible for an item of a unit: members of the agencies that can lead it, and
 * officials with a grant on the unit or a unit above it (commune officers, offices, departments).
 */
export async function responsiblePeopleFor(db: Db, unitId: number, today: string, onlyUserId?: number) {
  const agencyIds = (await agenciesFor(db, unitId, today)).map((a) => a.id);
  const granted = db
    .select({ id: roleGrants.userId })
    .from(roleGrants)
    .innerJoin(unitScope, and(eq(unitScope.ancestorId, roleGrants.unitId), eq(unitScope.descendantId, unitId)))
    .where(and(isNull(roleGrants.revokedAt), inArray(roleGrants.role, ['commune_officer', 'coordination_office', 'agency'])));
  const rows = await db
    .select({ id: users.id, name: users.fullName, agencyId: users.agencyId })
    .from(users)
    .where(
      and(
        eq(users.active, true),
        onlyUserId ? eq(users.id, onlyUserId) : undefined,
        or(agencyIds.length ? inArray(users.agencyId, agencyIds) : sql`false`, inArray(users.id, granted)),
      ),
    )
    .limit(1000);
  return sortVi(rows, (r) => r.name);
}
