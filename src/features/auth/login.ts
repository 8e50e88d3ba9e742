import { and, count, desc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { Deps, RequestMeta } from '../../context';
import type { Db } from '../../db/client';
import { loginAttempts, sessions, users } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { writeAudit } from '../audit/write-audit';
import { verifyPassword } from './passwords';
import { createSession, hashToken } from './sessions';

type LockState = { locked: true; minutesLeft: number } | { locked: false; recentFailures: number };

/**
 * Lockout is computed from the attempts table, so it works across app instances and for names
 * that do not exist (no hint which accounts are real). A 'lock' row starts a lock; a success or an
 * administrator's 'unlock' row resets the count.
 */
export async function lockState(db: Db, deps: Deps, username: string, now: Date): Promise<LockState> {
  const lockMs = deps.config.loginLockMinutes * 60_000;
  const [marker] = await db
    .select({ kind: loginAttempts.kind, at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.username, username), inArray(loginAttempts.kind, ['success', 'unlock', 'lock'])))
    .orderBy(desc(loginAttempts.at), desc(loginAttempts.id))
    .limit(1);
  if (marker?.kind === 'lock' && now.getTime() - marker.at.getTime() < lockMs) {
    return { locked: true, minutesLeft: Math.ceil((lockMs - (now.getTime() - marker.at.getTime())) / 60_000) };
  }
  const windowStart = new Date(now.getTime() - lockMs);
  const since = marker && marker.at > windowStart ? marker.at : windowStart;
  const [row] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.username, username), eq(loginAttempts.kind, 'failure'), gt(loginAttempts.at, since)));
  return { locked: false, recentFailures: row?.n ?? 0 };
}

export type LoginInput = { username: string; password: string; userAgent: string | null; previousToken?: string | undefined };

export async function login(deps: Deps, meta: RequestMeta, input: LoginInput) {
  const { db, config } = deps;
  const username = input.username.trim().toLowerCase();
  const now = meta.now;
  const ip = meta.ip ?? 'unknown';

  const [ipRow] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, ip), gt(loginAttempts.at, new Date(now.getTime() - 60_000))));
  if ((ipRow?.n ?? 0) >= config.loginIpLimitPerMinute) throw new AppError('RATE_LIMITED');

  const lock = await lockState(db, deps, username, now);
  if (lock.locked) throw new AppError('ACCOUNT_LOCKED', undefined, { minutes: lock.minutesLeft });

  const [user] = await db.select().from(users).where(eq(users.username, username));
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, input.password);
  const ok = Boolean(user && user.active && passwordOk);

  const result = await db.transaction(async (tx) => {
    if (!ok || !user) {
      await tx.insert(loginAttempts).values({ username, ip, kind: 'failure', at: now });
      const lockedNow = lock.recentFailures + 1 >= config.loginMaxFailures;
      if (lockedNow) await tx.insert(loginAttempts).values({ username, ip, kind: 'lock', at: now });
      await writeAudit(
        tx,
        { actor: null, meta, systemName: `Đăng nhập thất bại: ${username.slice(0, 80)}` },
        {
          action: lockedNow ? 'auth.login_locked' : 'auth.login_failed',
          entityType: 'user',
          entityId: user?.id ?? null,
          after: { username: username.slice(0, 80), reason: user && !user.active ? 'inactive' : 'credentials' },
        },
      );
      return { ok: false as const, lockedNow };
    }
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
    await writeAudit(
      tx,
      { actor: { userId: user.id, fullName: user.fullName, username: user.username }, meta },
      { action: 'auth.login', entityType: 'user', entityId: user.id, unitId: user.homeUnitId },
    );
    return { ok: true as const, session, user };
  });

  if (!result.ok) {
    if (result.lockedNow) throw new AppError('ACCOUNT_LOCKED', undefined, { minutes: config.loginLockMinutes });
    throw new AppError('INVALID_CREDENTIALS');
  }
  return result;
}

/** Which of these usernames are locked right now — one query for a whole list. */
export async function lockedAmong(db: Db, deps: Deps, usernames: string[], now: Date): Promise<Set<string>> {
  if (!usernames.length) return new Set();
  const lockMs = deps.config.loginLockMinutes * 60_000;
  const markers = await db
    .selectDistinctOn([loginAttempts.username], {
      username: loginAttempts.username,
      kind: loginAttempts.kind,
      at: loginAttempts.at,
    })
    .from(loginAttempts)
    .where(and(inArray(loginAttempts.username, usernames), inArray(loginAttempts.kind, ['success', 'unlock', 'lock'])))
    .orderBy(loginAttempts.username, desc(loginAttempts.at), desc(loginAttempts.id));
  return new Set(markers.filter((m) => m.kind === 'lock' && now.getTime() - m.at.getTime() < lockMs).map((m) => m.username));
}
