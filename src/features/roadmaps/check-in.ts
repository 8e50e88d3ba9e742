import { and, eq } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { roadmapCheckins, roadmapItems, users } from '../../db/schema';
import { storeUpload } from '../files/store-upload';
import { AppError, ruleViolation, versionConflict } from '../../lib/errors';
import { authorize, grantUnitsFor, idsInScope } from '../access/authorize';
import { writeAudit } from '../audit/write-audit';
import { getItem } from './update-item';

export type CheckInInput = {
  version: number;
  month: string;
  percent: number;
  note: string;
  file?: { name: string; bytes: Uint8Array } | undefined;
};

/**
 * Monthly progress on an item, by the lead or a supporting agency, the lead person, the commune's
 * own officers, or the office.
 */
export async function checkIn(deps: Deps, actor: Actor, meta: RequestMeta, id: number, input: CheckInInput) {
  const item = await getItem(deps.db, id);
  await authorize(deps.db, actor, 'roadmap.checkin', item.unitId);
  if (item.status === 'done') throw ruleViolation('item_closed');
  const [me] = await deps.db.select({ agencyId: users.agencyId }).from(users).where(eq(users.id, actor.userId));
  const manages = (await idsInScope(deps.db, grantUnitsFor(actor, 'roadmap.manage'), [item.unitId])).has(item.unitId);
  const officerHere =
    actor.grants.some((g) => g.role === 'commune_officer') &&
    (
      await idsInScope(
        deps.db,
        actor.grants.filter((g) => g.role === 'commune_officer').map((g) => g.unitId),
        [item.unitId],
      )
    ).has(item.unitId);
  const agencyHere =
    me?.agencyId != null && (item.leadAgencyId === me.agencyId || item.supportingAgencyIds.includes(me.agencyId));
  if (!manages && !officerHere && !agencyHere && item.leadUserId !== actor.userId) throw new AppError('FORBIDDEN');
  const stored = input.file
    ? [await storeUpload(deps, input.file, meta.now)].map((f) => ({ fileId: f.fileId, name: f.name }))
    : [];
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(roadmapCheckins)
      .values({
        itemId: id,
        month: `${input.month}-01`,
        percent: input.percent,
        note: input.note,
        files: stored,
        createdAt: meta.now,
        createdBy: actor.userId,
      })
      .returning();
    const [after] = await tx
      .update(roadmapItems)
      .set({
        progress: input.percent,
        status: item.status === 'not_started' ? 'in_progress' : item.status,
        version: item.version + 1,
        updatedAt: meta.now,
      })
      .where(and(eq(roadmapItems.id, id), eq(roadmapItems.version, input.version)))
      .returning();
    if (!after) throw versionConflict(item.version);
    await writeAudit(
      tx,
      { actor, meta },
      {
        action: 'roadmap.checkin',
        entityType: 'roadmap_item',
        entityId: id,
        unitId: item.unitId,
        after: { checkinId: row!.id, month: input.month, percent: input.percent, note: input.note, files: stored },
      },
    );
    return row!;
  });
}
