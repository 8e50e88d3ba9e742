import { eq } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { sessions } from '../../db/schema';
import { writeOwn } from '../access/write-path';

export async function logout(deps: Deps, actor: Actor, meta: RequestMeta) {
  await writeOwn({ deps, actor, meta }, async (tx) => {
    await tx.update(sessions).set({ revokedAt: meta.now }).where(eq(sessions.idHash, actor.sessionIdHash));
    return {
      result: undefined,
      audit: { action: 'auth.logout', entityType: 'user', entityId: actor.userId, unitId: actor.homeUnitId },
    };
  });
}
