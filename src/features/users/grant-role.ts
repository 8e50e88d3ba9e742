import { and, eq, isNull } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { roleGrants } from '../../db/schema';
import { AppError } from '../../lib/errors';
import type { Role } from '../../shared/roles';
import { authorize } from '../access/authorize';
import { auditSnapshot, writeAudit } from '../audit/write-audit';
import { assertCanGrant } from './grant-rules';
import { getUserRow } from './queries';

export async function grantRole(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  userId: number,
  input: { role: Role; unitId: number },
) {
  const target = await getUserRow(deps.db, userId);
  if (!target) throw new AppError('NOT_FOUND');
  await authorize(deps.db, actor, 'user.manage', target.homeUnitId);
  await assertCanGrant(deps.db, actor, input.role, input.unitId);
  return deps.db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(roleGrants)
      .where(
        and(
          eq(roleGrants.userId, userId),
          eq(roleGrants.role, input.role),
          eq(roleGrants.unitId, input.unitId),
          isNull(roleGrants.revokedAt),
        ),
      );
    if (existing) throw new AppError('CONFLICT', { field: 'role' });
    const [grant] = await tx
      .insert(roleGrants)
      .values({ userId, role: input.role, unitId: input.unitId, grantedAt: meta.now, grantedBy: actor.userId })
      .returning();
    await writeAudit(
      tx,
      { actor, meta },
      {
        action: 'user.grant_role',
        entityType: 'role_grant',
        entityId: grant!.id,
        unitId: input.unitId,
        after: auditSnapshot(grant),
      },
    );
    return grant!;
  });
}

export async function revokeRole(deps: Deps, actor: Actor, meta: RequestMeta, userId: number, grantId: number) {
  const target = await getUserRow(deps.db, userId);
  if (!target) throw new AppError('NOT_FOUND');
  await authorize(deps.db, actor, 'user.manage', target.homeUnitId);
  const [grant] = await deps.db
    .select()
    .from(roleGrants)
    .where(and(eq(roleGrants.id, grantId), eq(roleGrants.userId, userId), isNull(roleGrants.revokedAt)));
  if (!grant) throw new AppError('NOT_FOUND');
  await assertCanGrant(deps.db, actor, grant.role, grant.unitId);
  return deps.db.transaction(async (tx) => {
    const [after] = await tx
      .update(roleGrants)
      .set({ revokedAt: meta.now, revokedBy: actor.userId })
      .where(and(eq(roleGrants.id, grantId), isNull(roleGrants.revokedAt)))
      .returning();
    if (!after) throw new AppError('NOT_FOUND');
    await writeAudit(
      tx,
      { actor, meta },
      {
        action: 'user.revoke_role',
        entityType: 'role_grant',
        entityId: grantId,
        unitId: grant.unitId,
        before: auditSnapshot(grant),
        after: auditSnapshot(after),
      },
    );
  });
}
