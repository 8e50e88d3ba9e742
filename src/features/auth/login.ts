import { and, eq, isNull } from 'drizzle-orm';
import type { Deps, RequestMeta } from '../../context';
import { loginAttempts, sessions, users } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { writeAs } from '../access/write-path';
import { verifyPassword } from './passwords';
import { createSession, hashToken } from './sessions';
import { clearSignInThrottle, enterAccount, enterAddress, failedAt } from './throttle';

export type LoginInput = { username: string; password: string; userAgent: string | null; previousToken?: string | undefined };

/**
 * Signs in. The address and the account each give up a slot of their throttle *before* the password
 * hash is checked (`throttle.ts`), so parallel guesses on any number of instances are refused
 * without being evaluated once the limits are reached.
 */
export async function login(deps: Deps, meta: RequestMeta, input: LoginInput) {
  const { db, config } = deps;
  const username = input.username.trim().toLowerCase();
  const now = meta.now;
  const ip = meta.ip ?? 'unknown';

  if (!(await enterAddress(db, config, ip, now))) throw new AppError('RATE_LIMITED');
  const gate = await enterAccount(db, config, username, now);
  if (!gate.open) throw new AppError('ACCOUNT_LOCKED', undefined, { minutes: gate.minutes });

  const [user] = await db.select().from(users).where(eq(users.username, username));
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, input.password);
  const ok = Boolean(user && user.active && passwordOk);

  if (!ok || !user) {
    const lockedNow = await failedAt(db, config, username, gate, now);
    await writeAs(deps, { meta, systemName: `Đăng nhập thất bại: ${username.slice(0, 80)}` }, async (tx) => {
      await tx.insert(loginAttempts).values({ username, ip, kind: 'failure', at: now });
      if (lockedNow) await tx.insert(loginAttempts).values({ username, ip, kind: 'lock', at: now });
      return {
        result: undefined,
        audit: {
          action: lockedNow ? 'auth.login_locked' : 'auth.login_failed',
          entityType: 'user',
          entityId: user?.id ?? null,
          after: { username: username.slice(0, 80), reason: user && !user.active ? 'inactive' : 'credentials' },
        },
      };
    });
    if (lockedNow) throw new AppError('ACCOUNT_LOCKED', undefined, { minutes: config.loginLockMinutes });
    throw new AppError('INVALID_CREDENTIALS');
  }

  const who = { userId: user.id, fullName: user.fullName, username: user.username };
  return writeAs(deps, { meta, systemName: '', actor: who }, async (tx) => {
    await clearSignInThrottle(tx, username);
    await tx.insert(loginAttempts).values({ username, ip, kind: 'success', at: now });
    // A new session id at every sign-in: a session fixed before login is never reused.
    if (input.previousToken) {
      await tx
        .update(sessions)
        .set({ revokedAt: now })
        .where(and(eq(sessions.idHash, hashToken(input.previousToken)), isNull(sessions.revokedAt)));
    }
    const session = await createSession(tx, deps, user.id, { ip, userAgent: input.userAgent });
    await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id));
    return {
      result: { ok: true as const, session, user },
      audit: { action: 'auth.login', entityType: 'user', entityId: user.id, unitId: user.homeUnitId },
    };
  });
}

export { lockedAmong } from './throttle';
