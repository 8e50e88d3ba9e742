import { and, eq, isNull } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { loginAttempts, sessions, users } from '../../db/schema';
import type { Lang } from '../../lib/messages';
import { write } from '../access/write-path';
import { hashPassword } from '../auth/passwords';
import { clearSignInThrottle } from '../auth/throttle';
import { assertPasswordPolicy } from './create-user';
import { loadPerson, lockPerson, overPerson } from './person';

/** Lifts a sign-in lockout before it runs out (the person called the office). */
export async function unlockUser(deps: Deps, actor: Actor, meta: RequestMeta, userId: number) {
  await write(
    { deps, actor, meta },
    {
      can: overPerson(),
      load: (db) => loadPerson(db, userId),
      units: (p) => p.user.homeUnitId,
      lock: (tx) => lockPerson(tx, userId),
      apply: async (tx, p) => {
        await tx
          .insert(loginAttempts)
          .values({ username: p.user.username, ip: meta.ip ?? 'unknown', kind: 'unlock', at: meta.now });
        await clearSignInThrottle(tx, p.user.username);
        return {
          result: undefined,
          audit: { action: 'user.unlock', entityType: 'user', entityId: userId, unitId: p.user.homeUnitId },
        };
      },
    },
  );
}

/** Sets a new password for someone else and signs them out everywhere. */
export async function resetPassword(deps: Deps, actor: Actor, meta: RequestMeta, userId: number, password: string, lang: Lang) {
  const person = await loadPerson(deps.db, userId);
  assertPasswordPolicy(password, person.user.username, lang);
  const passwordHash = await hashPassword(password);
  await write(
    { deps, actor, meta },
    {
      can: overPerson(),
      load: async () => person,
      units: (p) => p.user.homeUnitId,
      lock: (tx) => lockPerson(tx, userId),
      apply: async (tx, p) => {
        await tx
          .update(users)
          .set({ passwordHash, passwordChangedAt: meta.now, updatedAt: meta.now, version: p.user.version + 1 })
          .where(eq(users.id, userId));
        await tx
          .update(sessions)
          .set({ revokedAt: meta.now })
          .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
        return {
          result: undefined,
          audit: { action: 'user.reset_password', entityType: 'user', entityId: userId, unitId: p.user.homeUnitId },
        };
      },
    },
  );
}
