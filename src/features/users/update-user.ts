import { and, eq, isNull } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { sessions, users } from '../../db/schema';
import { ruleViolation } from '../../lib/errors';
import { searchKey } from '../../shared/vi';
import { write } from '../access/write-path';
import { auditSnapshot } from '../../lib/audit-chain';
import { loadPerson, lockPerson, overPerson } from './person';

export type UpdateUserInput = {
  version: number;
  fullName?: string | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  title?: string | null | undefined;
  active?: boolean | undefined;
};

/**
 * Edits a person's profile; deactivating signs them out everywhere. One's own profile may be edited
 * (not deactivated); anyone else's needs authority over them and every role they hold.
 */
export async function updateUser(deps: Deps, actor: Actor, meta: RequestMeta, id: number, input: UpdateUserInput) {
  const self = id === actor.userId;
  if (self && input.active !== undefined) throw ruleViolation('cannot_deactivate_self');
  return write(
    { deps, actor, meta },
    {
      can: self ? async () => undefined : overPerson(),
      load: (db) => loadPerson(db, id),
      units: (p) => p.user.homeUnitId,
      lock: (tx) => lockPerson(tx, id),
      version: { sent: input.version, stored: (p) => p.user.version },
      apply: async (tx, { user: before }) => {
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
          .where(eq(users.id, id))
          .returning();
        if (!after!.active) {
          await tx
            .update(sessions)
            .set({ revokedAt: meta.now })
            .where(and(eq(sessions.userId, id), isNull(sessions.revokedAt)));
        }
        return {
          result: after!,
          audit: {
            action: 'user.update',
            entityType: 'user',
            entityId: id,
            unitId: after!.homeUnitId,
            before: auditSnapshot(before),
            after: auditSnapshot(after),
          },
        };
      },
    },
  );
}
