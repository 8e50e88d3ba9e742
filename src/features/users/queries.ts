import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Actor, Deps } from '../../context';
import type { Db } from '../../db/client';
import { roleGrants, units, users } from '../../db/schema';
import { searchKey, viCollator } from '../../shared/vi';
import { scopeFilter } from '../access/authorize';
import { lockedAmong } from '../auth/login';

export type UserRow = typeof users.$inferSelect;

export async function userViews(deps: Deps, rows: UserRow[]) {
  const db = deps.db;
  if (!rows.length) return [];
  const ids = rows.map((u) => u.id);
  const grants = await db
    .select({ g: roleGrants, unitName: units.name })
    .from(roleGrants)
    .innerJoin(units, eq(units.id, roleGrants.unitId))
    .where(and(inArray(roleGrants.userId, ids), isNull(roleGrants.revokedAt)));
  const homeNames = new Map(
    (
      await db
        .select({ id: units.id, name: units.name })
        .from(units)
        .where(
          inArray(
            units.id,
            rows.map((u) => u.homeUnitId),
          ),
        )
    ).map((u) => [u.id, u.name]),
  );
  const locked = await lockedAmong(
    db,
    deps,
    rows.map((u) => u.username),
    deps.clock.now(),
  );
  return rows.map((u) => ({
    id: u.id,
    username: u.username,
    fullName: u.fullName,
    email: u.email,
    phone: u.phone,
    title: u.title,
    homeUnitId: u.homeUnitId,
    homeUnitName: homeNames.get(u.homeUnitId) ?? '',
    active: u.active,
    isDemo: u.isDemo,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    locked: locked.has(u.username),
    version: u.version,
    grants: grants
      .filter((g) => g.g.userId === u.id)
      .map((g) => ({
        id: g.g.id,
        role: g.g.role,
        unitId: g.g.unitId,
        unitName: g.unitName,
        grantedAt: g.g.grantedAt.toISOString(),
      })),
  }));
}

/** People whose home unit lies in the actor's user.read scope. */
export async function listUsers(deps: Deps, actor: Actor, opts: { q?: string | undefined; unitId?: number | undefined }) {
  const db = deps.db;
  const conds: SQL[] = [scopeFilter(db, actor, 'user.read', users.homeUnitId)];
  if (opts.q) conds.push(sql`${users.searchKey} like ${'%' + searchKey(opts.q) + '%'}`);
  if (opts.unitId) conds.push(eq(users.homeUnitId, opts.unitId));
  const rows = await db
    .select()
    .from(users)
    .where(and(...conds))
    .limit(2000);
  return (await userViews(deps, rows)).sort((a, b) => viCollator.compare(a.fullName, b.fullName));
}

export async function getUserRow(db: Db, id: number) {
  const [u] = await db.select().from(users).where(eq(users.id, id));
  return u;
}
