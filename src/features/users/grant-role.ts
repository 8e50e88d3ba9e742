import { and, eq, isNull } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import type { Db } from '../../db/client';
import { roleGrants } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { COUNCIL_ROLES, type Role } from '../../shared/roles';
import { write } from '../access/write-path';
import { auditSnapshot } from '../../lib/audit-chain';
import { assertAuthorityOver, assertCanGrant, assertSeparation } from './authority';
import { loadPerson, lockPerson, type Person } from './person';

/** A secretariat choosing delegates needs to see the person, not to manage the unit's users. */
const homeAccess = (role: Role) => (COUNCIL_ROLES.includes(role) ? 'user.read' : 'user.manage');

const mayGrant = (role: Role, unitId: number) => async (db: Db, actor: Actor, _u: number[], p: Person) => {
  await assertAuthorityOver(db, actor, { id: p.user.id, homeUnitId: p.user.homeUnitId }, p.grants, homeAccess(role));
  await assertCanGrant(db, actor, role, unitId);
};

export async function grantRole(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  userId: number,
  input: { role: Role; unitId: number },
) {
  return write(
    { deps, actor, meta },
    {
      can: mayGrant(input.role, input.unitId),
      load: (db) => loadPerson(db, userId),
      units: (p) => [p.user.homeUnitId, input.unitId],
      lock: (tx) => lockPerson(tx, userId),
      apply: async (tx, p) => {
        if (p.grants.some((g) => g.role === input.role && g.unitId === input.unitId))
          throw new AppError('CONFLICT', { field: 'role' });
        assertSeparation(p.grants, [input]);
        const [grant] = await tx
          .insert(roleGrants)
          .values({ userId, role: input.role, unitId: input.unitId, grantedAt: meta.now, grantedBy: actor.userId })
          .returning();
        return {
          result: grant!,
          audit: {
            action: 'user.grant_role',
            entityType: 'role_grant',
            entityId: grant!.id,
            unitId: input.unitId,
            after: auditSnapshot(grant),
          },
        };
      },
    },
  );
}

export async function revokeRole(deps: Deps, actor: Actor, meta: RequestMeta, userId: number, grantId: number) {
  const grantOf = async (db: Db) => {
    const [grant] = await db
      .select()
      .from(roleGrants)
      .where(and(eq(roleGrants.id, grantId), eq(roleGrants.userId, userId), isNull(roleGrants.revokedAt)));
    if (!grant) throw new AppError('NOT_FOUND');
    return grant;
  };
  const first = await grantOf(deps.db);
  await write(
    { deps, actor, meta },
    {
      can: mayGrant(first.role, first.unitId),
      load: (db) => loadPerson(db, userId),
      units: (p) => [p.user.homeUnitId, first.unitId],
      lock: (tx) => lockPerson(tx, userId),
      apply: async (tx) => {
        const grant = await grantOf(tx);
        const [after] = await tx
          .update(roleGrants)
          .set({ revokedAt: meta.now, revokedBy: actor.userId })
          .where(and(eq(roleGrants.id, grantId), isNull(roleGrants.revokedAt)))
          .returning();
        return {
          result: undefined,
          audit: {
            action: 'user.revoke_role',
            entityType: 'role_grant',
            entityId: grantId,
            unitId: grant.unitId,
            before: auditSnapshot(grant),
            after: auditSnapshot(after),
          },
        };
      },
    },
  );
}
