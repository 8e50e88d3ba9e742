import { eq } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { sessions } from '../../db/schema';
import { writeAudit } from '../audit/write-audit';

export async function logout(deps: Deps, actor: Actor, meta: RequestMeta) {
  await deps.db.transaction(async (tx) => {
    await tx.update(sessions).set({ revokedAt: meta.now }).where(eq(sessions.idHash, actor.sessionIdHash));
    await writeAudit(
      tx,
      { actor, meta, auditKey: deps.config.auditKey },
      { action: 'auth.logout', entityType: 'user', entityId: actor.userId, unitId: actor.homeUnitId },
    );
  });
}
