import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Actor, Deps, Grant } from '../../context';
import type { Db } from '../../db/client';
import { sessions, users } from '../../db/schema';

export const SESSION_COOKIE = 'dl_session';
export const CSRF_COOKIE = 'dl_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export const newToken = () => randomBytes(32).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export type LoadedSession = { state: 'none' } | { state: 'expired' } | { state: 'active'; actor: Actor; csrfToken: string };

/** Seconds between writes of `last_seen_at`: the idle timer needs minutes, not every request. */
const TOUCH_EVERY_MS = 60_000;

export async function loadSession(deps: Deps, token: string | undefined): Promise<LoadedSession> {
  if (!token) return { state: 'none' };
  const idHash = hashToken(token);
  const [row] = await deps.db
    .select({
      session: sessions,
      user: users,
      // The grants come with the session in the same statement: one round trip per request.
      grants: sql<
        Grant[]
      >`(select coalesce(jsonb_agg(jsonb_build_object('id', g.id, 'role', g.role, 'unitId', g.unit_id) order by g.id), '[]'::jsonb)
        from role_grants g where g.user_id = ${users.id} and g.revoked_at is null)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, idHash), isNull(sessions.revokedAt)));
  if (!row) return { state: 'none' };
  const now = deps.clock.now().getTime();
  const idleLimit = deps.config.sessionIdleMinutes * 60_000;
  if (now >= row.session.expiresAt.getTime() || now - row.session.lastSeenAt.getTime() > idleLimit || !row.user.active) {
    return { state: 'expired' };
  }
  if (now - row.session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await deps.db
      .update(sessions)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(sessions.idHash, idHash));
  }
  const grants = row.grants;
  return {
    state: 'active',
    csrfToken: row.session.csrfToken,
    actor: {
      userId: row.user.id,
      username: row.user.username,
      fullName: row.user.fullName,
      homeUnitId: row.user.homeUnitId,
      grants,
      sessionIdHash: idHash,
    },
  };
}

export async function createSession(db: Db, deps: Deps, userId: number, meta: { ip: string | null; userAgent: string | null }) {
  const token = newToken();
  const csrfToken = newToken();
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + deps.config.sessionMaxHours * 3600_000);
  await db.insert(sessions).values({
    idHash: hashToken(token),
    userId,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return { token, csrfToken, expiresAt };
}
