import { and, eq, isNull } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { sessions, users } from '../../db/schema';
import { AppError, versionConflict } from '../../lib/errors';
import { searchKey } from '../../shared/vi';
import { authorize } from '../access/authorize';
import { auditSnapshot, writeAudit } from '../audit/write-audit';
import { getUserRow } from './queries';

export type UpdateUserInput = {
  version: number;
  fullName?: string | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  title?: string | null | undefined;
  active?: boolean | undefined;
};

/** Edits a person's profile; deactivating signs them out everywhere. */
export async function updateUser(deps: Deps, actor: Actor, meta: RequestMeta, id: number, input: UpdateUserInput) {
  const target = await getUserRow(deps.db, id);
  if (!target) throw new AppError('NOT_FOUND');
  await authorize(deps.db, actor, 'user.manage', target.homeUnitId);
  if (input.active === false && id === actor.userId) throw new AppError('RULE_VIOLATION', { rule: 'cannot_deactivate_self' });
  return deps.db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, id)).for('update');
    if (!before) throw new AppError('NOT_FOUND');
    if (before.version !== input.version) throw versionConflict(before.version);
    const next = {
      fullName: input.fullName ?? before.fullName,
      email: input.email === undefined ? before.email : input.email,
      phone: input.phone === undefined ? before.phone : input.phone,
      title: input.title === undefined ? before.title : input.title,
      active: input.active ?? before.active,
    };
    const [after] = await tx
      .update(users)
      .set({
        ...next,
        searchKey: searchKey(`${next.fullName} ${before.username} ${next.email ?? ''}`),
        version: before.version + 1,
        updatedAt: meta.now,
      })
      .where(and(eq(users.id, id), eq(users.version, input.version)))
      .returning();
    if (!after) throw versionConflict(before.version);
    if (!after.active) {
      await tx
        .update(sessions)
        .set({ revokedAt: meta.now })
        .where(and(eq(sessions.userId, id), isNull(sessions.revokedAt)));
    }
    await writeAudit(
      tx,
      { actor, meta },
      {
        action: 'user.update',
        entityType: 'user',
        entityId: id,
        unitId: after.homeUnitId,
        before: auditSnapshot(before),
        after: auditSnapshot(after),
      },
    );
    return after;
  });
}
