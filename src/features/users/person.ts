import { eq } from 'drizzle-orm';
import type { Actor } from '../../context';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';
import { AppError } from '../../lib/errors';
import type { Action } from '../../shared/roles';
import { activeGrantsOf, assertAuthorityOver, type GrantHeld } from './authority';

export type Person = { user: typeof users.$inferSelect; grants: GrantHeld[] };

/** A person with the roles they hold now. */
export async function loadPerson(db: Db, id: number): Promise<Person> {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  if (!user) throw new AppError('NOT_FOUND');
  return { user, grants: await activeGrantsOf(db, id) };
}

/** The same, with the person's row locked for the rest of the transaction (roles change under it). */
export async function lockPerson(tx: Db, id: number): Promise<Person> {
  const [user] = await tx.select().from(users).where(eq(users.id, id)).for('update');
  if (!user) throw new AppError('NOT_FOUND');
  return { user, grants: await activeGrantsOf(tx, id) };
}

/** The write path's authorisation for an action on a person: authority over them and all they hold. */
export const overPerson =
  (via: Action = 'user.manage') =>
  (db: Db, actor: Actor, _units: number[], p: Person) =>
    assertAuthorityOver(db, actor, { id: p.user.id, homeUnitId: p.user.homeUnitId }, p.grants, via);
