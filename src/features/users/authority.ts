/**
 * Authority over people. Acting on a person (edit, lock, unlock, reset a password, grant, revoke)
 * needs authority over their home unit *and over every role they hold*: an office can never reach an
 * administrator whose home unit happens to lie in its province. Nobody grants a role they could not
 * hold themselves at that unit, nor grants to themselves; `system_admin` only comes from a system
 * administrator; the council's roles only from a system administrator or that council's own
 * secretariat — never from the executive it oversees, and never to a person of that executive.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../context';
import type { Db } from '../../db/client';
import { roleGrants } from '../../db/schema';
import { AppError, ruleViolation } from '../../lib/errors';
import { FORBIDDEN_REASON_TEXT } from '../../lib/messages';
import { COUNCIL_ROLES, DELEGABLE_ROLES, EXECUTIVE_ROLES, ROLE_ACTIONS, type Action, type Role } from '../../shared/roles';
import { authorize, unitInScope } from '../access/authorize';

const refuse = (reason: keyof typeof FORBIDDEN_REASON_TEXT) => new AppError('FORBIDDEN', { reason });

async function adminOver(db: Db, actor: Actor, unitId: number): Promise<boolean> {
  const roots = actor.grants.filter((g) => g.role === 'system_admin').map((g) => g.unitId);
  return roots.length > 0 && unitInScope(db, roots, unitId);
}

/** Everything the actor may do at a unit, from every role that covers it. */
async function actionsAt(db: Db, actor: Actor, unitId: number): Promise<Set<Action>> {
  const out = new Set<Action>();
  for (const g of actor.grants) {
    if (await unitInScope(db, [g.unitId], unitId)) for (const a of ROLE_ACTIONS[g.role]) out.add(a);
  }
  return out;
}

/** A producer's own-products capacity is within what an office that registers producers can do. */
const heldAs = (a: Action): Action => (a === 'ocop.own' ? 'ocop.intake' : a);

/** Throws unless the actor may hand out `role` on `unitId`. */
export async function assertCanGrant(db: Db, actor: Actor, role: Role, unitId: number): Promise<void> {
  if (await adminOver(db, actor, unitId)) return;
  if (role === 'system_admin') throw refuse('system_admin_only_by_admin');
  if (COUNCIL_ROLES.includes(role)) {
    if (actor.grants.some((g) => g.role === 'council_secretariat' && g.unitId === unitId)) return;
    throw refuse('council_roles_by_secretariat');
  }
  await authorize(db, actor, 'user.manage', unitId);
  if (!DELEGABLE_ROLES.includes(role)) throw refuse('role_only_by_admin');
  const mine = await actionsAt(db, actor, unitId);
  if (!ROLE_ACTIONS[role].every((a) => mine.has(heldAs(a)))) throw refuse('role_beyond_own');
}

export type GrantHeld = { role: Role; unitId: number };

export async function activeGrantsOf(db: Db, userId: number): Promise<GrantHeld[]> {
  return db
    .select({ role: roleGrants.role, unitId: roleGrants.unitId })
    .from(roleGrants)
    .where(and(eq(roleGrants.userId, userId), isNull(roleGrants.revokedAt)));
}

/**
 * Throws unless the actor has authority over the person: their home unit (`via` user.manage, or
 * user.read for a secretariat choosing delegates) and every role they hold. Not over oneself.
 */
export async function assertAuthorityOver(
  db: Db,
  actor: Actor,
  target: { id: number; homeUnitId: number },
  held: readonly GrantHeld[],
  via: Action = 'user.manage',
): Promise<void> {
  if (target.id === actor.userId) throw refuse('not_on_oneself');
  await authorize(db, actor, via, target.homeUnitId);
  for (const g of held) {
    try {
      await assertCanGrant(db, actor, g.role, g.unitId);
    } catch (err) {
      // The person is visible; what they hold is beyond the actor — say so, do not pretend they are missing.
      if (err instanceof AppError && (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN')) throw refuse('target_holds_more');
      throw err;
    }
  }
}

/** The body that is overseen never acts as the council that oversees it. */
export function assertSeparation(held: readonly GrantHeld[], adding: readonly GrantHeld[]): void {
  const all = [...held, ...adding];
  const executive = all.some((g) => EXECUTIVE_ROLES.includes(g.role));
  const council = all.some((g) => COUNCIL_ROLES.includes(g.role));
  if (executive && council) throw ruleViolation('executive_council_separation');
}
