import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { sessions, users } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { writeAudit } from '../audit/write-audit';
import { hashPassword, PASSWORD_PROBLEM_TEXT, passwordProblems, verifyPassword } from './passwords';

/** Changing one's password signs out every other session of that person. */
export async function changePassword(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  input: { currentPassword: string; newPassword: string },
  lang: 'vi' | 'en',
) {
  const [user] = await deps.db.select().from(users).where(eq(users.id, actor.userId));
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('VALIDATION_FAILED', [
      {
        path: 'currentPassword',
        code: 'wrong_password',
        message: lang === 'vi' ? 'Mật khẩu hiện tại không đúng' : 'The current password is wrong',
      },
    ]);
  }
  const problems = passwordProblems(input.newPassword, user.username);
  if (problems.length) {
    throw new AppError(
      'VALIDATION_FAILED',
      problems.map((p) => ({ path: 'newPassword', code: p, message: PASSWORD_PROBLEM_TEXT[p]![lang] })),
    );
  }
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: meta.now, updatedAt: meta.now, version: user.version + 1 })
      .where(eq(users.id, user.id));
    await tx
      .update(sessions)
      .set({ revokedAt: meta.now })
      .where(and(eq(sessions.userId, user.id), ne(sessions.idHash, actor.sessionIdHash), isNull(sessions.revokedAt)));
    await writeAudit(
      tx,
      { actor, meta },
      { action: 'user.password_changed', entityType: 'user', entityId: user.id, unitId: user.homeUnitId },
    );
  });
}
