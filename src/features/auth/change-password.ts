import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { loginAttempts, sessions, users } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { writeOwn } from '../access/write-path';
import { hashPassword, PASSWORD_PROBLEM_TEXT, passwordProblems, verifyPassword } from './passwords';
import { clearSignInThrottle, enterAccount, failedAt } from './throttle';

/**
 * Changing one's password signs out every other session of that person. The current password is
 * guessed-at like a sign-in (a stolen session could try), so each try takes a slot of the same
 * account throttle before the hash is checked, and a locked account cannot try at all.
 */
export async function changePassword(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  input: { currentPassword: string; newPassword: string },
  lang: 'vi' | 'en',
) {
  const { db, config } = deps;
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  const username = user?.username ?? actor.username;
  const gate = await enterAccount(db, config, username, meta.now);
  if (!gate.open) throw new AppError('ACCOUNT_LOCKED', undefined, { minutes: gate.minutes });
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    const lockedNow = await failedAt(db, config, username, gate, meta.now);
    const ip = meta.ip ?? 'unknown';
    await writeOwn({ deps, actor, meta }, async (tx) => {
      await tx.insert(loginAttempts).values({ username, ip, kind: 'failure', at: meta.now });
      if (lockedNow) await tx.insert(loginAttempts).values({ username, ip, kind: 'lock', at: meta.now });
      return {
        result: undefined,
        audit: {
          action: lockedNow ? 'auth.login_locked' : 'auth.change_password_failed',
          entityType: 'user',
          entityId: actor.userId,
          unitId: user?.homeUnitId ?? actor.homeUnitId,
          after: { reason: 'current_password' },
        },
      };
    });
    if (lockedNow) throw new AppError('ACCOUNT_LOCKED', undefined, { minutes: config.loginLockMinutes });
    throw new AppError('VALIDATION_FAILED', [
      {
        path: 'currentPassword',
        code: 'wrong_password',
        message: lang === 'vi' ? 'Mật khẩu hiện tại không đúng' : 'The current password is wrong',
      },
    ]);
  }
  await clearSignInThrottle(db, username);
  const problems = passwordProblems(input.newPassword, user.username);
  if (problems.length) {
    throw new AppError(
      'VALIDATION_FAILED',
      problems.map((p) => ({ path: 'newPassword', code: p, message: PASSWORD_PROBLEM_TEXT[p]![lang] })),
    );
  }
  const passwordHash = await hashPassword(input.newPassword);
  await writeOwn({ deps, actor, meta }, async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: meta.now, updatedAt: meta.now, version: user.version + 1 })
      .where(eq(users.id, user.id));
    await tx
      .update(sessions)
      .set({ revokedAt: meta.now })
      .where(and(eq(sessions.userId, user.id), ne(sessions.idHash, actor.sessionIdHash), isNull(sessions.revokedAt)));
    return {
      result: undefined,
      audit: { action: 'user.change_password', entityType: 'user', entityId: user.id, unitId: user.homeUnitId },
    };
  });
}
