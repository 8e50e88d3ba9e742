import { eq } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { roadmapCheckins, roadmapItems, users } from '../../db/schema';
import { keepUpload, recordFile } from '../files/store-upload';
import type { Db } from '../../db/client';
import { AppError, ruleViolation } from '../../lib/errors';
import { authorize, grantUnitsFor, idsInScope } from '../access/authorize';
import { write } from '../access/write-path';
import { getItem } from './update-item';

type ItemRow = Awaited<ReturnType<typeof getItem>>;

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
  const mayCheckIn = async (db: Db, _a: Actor, _u: number[], item: ItemRow) => {
    await authorize(db, actor, 'roadmap.checkin', item.unitId);
    const [me] = await db.select({ agencyId: users.agencyId }).from(users).where(eq(users.id, actor.userId));
    const manages = (await idsInScope(db, grantUnitsFor(actor, 'roadmap.manage'), [item.unitId])).has(item.unitId);
    const officerRoots = actor.grants.filter((g) => g.role === 'commune_officer').map((g) => g.unitId);
    const officerHere = officerRoots.length > 0 && (await idsInScope(db, officerRoots, [item.unitId])).has(item.unitId);
    const agencyHere =
      me?.agencyId != null && (item.leadAgencyId === me.agencyId || item.supportingAgencyIds.includes(me.agencyId));
    if (!manages && !officerHere && !agencyHere && item.leadUserId !== actor.userId) throw new AppError('FORBIDDEN');
  };
  const first = await getItem(deps.db, id);
  await mayCheckIn(deps.db, actor, [], first);
  if (first.status === 'done') throw ruleViolation('item_closed');
  const kept = input.file ? await keepUpload(deps, input.file) : null;
  return write(
    { deps, actor, meta },
    {
      can: mayCheckIn,
      load: async () => first,
      units: (item) => item.unitId,
      lock: (tx) => getItem(tx, id, true),
      version: { sent: input.version, stored: (item) => item.version },
      apply: async (tx, item) => {
        const stored = kept ? [await recordFile(tx, kept, meta.now)].map((f) => ({ fileId: f.fileId, name: f.name })) : [];
        if (item.status === 'done') throw ruleViolation('item_closed');
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
        await tx
          .update(roadmapItems)
          .set({
            progress: input.percent,
            status: item.status === 'not_started' ? 'in_progress' : item.status,
            version: item.version + 1,
            updatedAt: meta.now,
          })
          .where(eq(roadmapItems.id, id));
        return {
          result: row!,
          audit: {
            action: 'roadmap_item.check_in',
            entityType: 'roadmap_item',
            entityId: id,
            unitId: item.unitId,
            after: { checkinId: row!.id, month: input.month, percent: input.percent, note: input.note, files: stored },
          },
        };
      },
    },
  );
}
