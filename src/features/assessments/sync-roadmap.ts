import { and, eq, ne } from 'drizzle-orm';
import type { Deps } from '../../context';
import type { Db } from '../../db/client';
import { assessmentResults, assessments, criteriaSets, roadmapItems } from '../../db/schema';
import { storedStatus } from '../../domain/lifecycles/roadmap-item';
import { agencyUsers, notify } from '../notifications/notify';

/**
 * After a month is verified: items whose indicator is now met close themselves; items closed that
 * way whose indicator has fallen back reopen. Runs inside the verification's transaction.
 */
export async function syncRoadmap(tx: Db, deps: Deps, assessmentId: number, now: Date) {
  const [a] = await tx.select().from(assessments).where(eq(assessments.id, assessmentId));
  const [r] = await tx.select().from(assessmentResults).where(eq(assessmentResults.assessmentId, assessmentId));
  const [set] = await tx.select({ code: criteriaSets.code }).from(criteriaSets).where(eq(criteriaSets.id, a!.setId));
  const items = await tx
    .select()
    .from(roadmapItems)
    .where(and(eq(roadmapItems.unitId, a!.unitId), eq(roadmapItems.setCode, set!.code)));
  const closed: number[] = [];
  const reopened: number[] = [];
  const month = { month: a!.period };
  for (const item of items) {
    const status = r!.indicatorStatus[item.indicatorCode];
    if (!status) continue;
    const people = async () => [
      ...(item.leadUserId ? [item.leadUserId] : []),
      ...(await agencyUsers(tx, item.leadAgencyId ? [item.leadAgencyId] : [])),
    ];
    if (status === 'met' && item.status !== 'done') {
      await tx
        .update(roadmapItems)
        .set({
          status: 'done',
          progress: 100,
          closedAt: now,
          closedReason: 'verified_met',
          version: item.version + 1,
          updatedAt: now,
        })
        .where(eq(roadmapItems.id, item.id));
      closed.push(item.id);
      await notify(
        tx,
        {
          userIds: await people(),
          kind: 'roadmap.closed',
          params: { code: item.indicatorCode, month, title: item.title },
          link: `/viec/${item.id}`,
          dedupeKey: `closed:${item.id}:${assessmentId}`,
        },
        now,
        deps.config.publicUrl,
      );
    } else if ((status === 'unmet' || status === 'missing') && item.status === 'done' && item.closedReason === 'verified_met') {
      // A "not applicable" indicator neither closes nor reopens an item: nobody has to reach it, nor has it been reached.
      const [openTwin] = await tx
        .select({ id: roadmapItems.id })
        .from(roadmapItems)
        .where(
          and(
            eq(roadmapItems.unitId, item.unitId),
            eq(roadmapItems.setCode, item.setCode),
            eq(roadmapItems.indicatorCode, item.indicatorCode),
            ne(roadmapItems.status, 'done'),
          ),
        );
      if (openTwin) continue;
      await tx
        .update(roadmapItems)
        .set({
          // Confirmed work resumes; a suggestion nobody took on is a suggestion again (its lifecycle's state).
          status: storedStatus(item.confirmed ? 'in_progress' : 'suggested'),
          closedAt: null,
          closedReason: null,
          reopenedCount: item.reopenedCount + 1,
          version: item.version + 1,
          updatedAt: now,
        })
        .where(eq(roadmapItems.id, item.id));
      reopened.push(item.id);
      await notify(
        tx,
        {
          userIds: await people(),
          kind: 'roadmap.reopened',
          params: { code: item.indicatorCode, month, title: item.title },
          link: `/viec/${item.id}`,
          dedupeKey: `reopened:${item.id}:${assessmentId}`,
        },
        now,
        deps.config.publicUrl,
      );
    }
  }
  return { closed, reopened };
}
