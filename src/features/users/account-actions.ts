import { and, eq, isNull } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { loginAttempts, sessions, users } from '../../db/schema';
import { AppError } from '../../lib/errors';
import type { Lang } from '../../lib/messages';
import { authorize } from '../access/authorize';
import { writeAudit } from '../audit/write-audit';
import { hashPassword } from '../auth/passwords';
import { clearSignInThrottle } from '../auth/throttle';
import { assertPasswordPolicy } from './create-user';
import { getUserRow } from './queries';

/** Lifts a sign-in lockout before it runs out (the person called the office). */
export async function unlockUser(deps: Deps, actor: Actor, meta: RequestMeta, userId: number) {
  const target = await getUserRow(deps.db, userId);
  if (!target) throw new AppError('NOT_FOUND');
  await authorize(deps.db, actor, 'user.manage', target.homeUnitId);
  await deps.db.transaction(async (tx) => {
    await tx.insert(loginAttempts).values({ username: target.username, ip: meta.ip ?? 'unknown', kind: 'unlock', at: meta.now });
    await clearSignInThrottle(tx, target.username);
    await writeAudit(
      tx,
      { actor, meta },
      { action: 'user.unlock', entityType: 'user', entityId: userId, unitId: target.homeUnitId },
    );
  });
}

/** Sets a new password for someone else and signs them out everywhere. */
export async function resetPassword(deps: Deps, actor: Actor, meta: RequestMeta, userId: number, password: string, lang: Lang) {
  const target = await getUserRow(deps.db, userId);
  if (!target) throw new AppError('NOT_FOUND');
  await authorize(deps.db, actor, 'user.manage', target.homeUnitId);
  assertPasswordPolicy(password, target.username, lang);
  const passwordHash = await hashPassword(password);
  await deps.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: meta.now, updatedAt: meta.now, version: target.version + 1 })
      .where(eq(users.id, userId));
    await tx
      .update(sessions)
      .set({ revokedAt: meta.now })
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
    await writeAudit(
      tx,
      { actor, meta },
      { action: 'user.reset_password', entityType: 'user', entityId: userId, unitId: target.homeUnitId },
    );
  });
}
