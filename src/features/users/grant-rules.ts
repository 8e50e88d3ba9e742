import type { Actor } from '../../context';
import type { Db } from '../../db/client';
import { AppError } from '../../lib/errors';
import { DELEGABLE_ROLES, type Role } from '../../shared/roles';
import { authorize, unitInScope } from '../access/authorize';

/**
 * A role may be granted on a unit by someone who manages users there; roles beyond the delegable
 * ones (system admin, coordination office) only by a system administrator over that unit.
 */
export async function assertCanGrant(db: Db, actor: Actor, role: Role, unitId: number) {
  await authorize(db, actor, 'user.manage', unitId);
  if (DELEGABLE_ROLES.includes(role)) return;
  const adminRoots = actor.grants.filter((g) => g.role === 'system_admin').map((g) => g.unitId);
  if (!adminRoots.length || !(await unitInScope(db, adminRoots, unitId))) throw new AppError('FORBIDDEN');
}
