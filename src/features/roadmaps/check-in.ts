import { desc, eq } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { roadmapCheckins, roadmapItems, users } from '../../db/schema';
import { keepUpload, recordFile } from '../files/store-upload';
import type { Db } from '../../db/client';
import { ROADMAP_ITEM_LIFECYCLE, roadmapItemState, storedStatus } from '../../domain/lifecycles/roadmap-item';
import { AppError, ruleViolation } from '../../lib/errors';
import { todayVn } from '../../shared/vi';
import { takeStep } from '../../lib/lifecycle';
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
 * Who reports progress on an item: with `roadmap.checkin` on its unit, the office or the commune's own
 * officers over it, the lead or a supporting agency, or the person in charge. Throws like `authorize`
 * (404 outside, 403 inside). What it rests on — the unit, the caller's agency — is asked once per
 * unit, so a board of thousands of items asks a handful of questions.
 */
export function checkInRights(db: Db, actor: Actor) {
  const overUnit = new Map<number, Promise<boolean>>();
  let myAgency: Promise<number | null> | undefined;
  const officialHere = async (unitId: number) => {
    await authorize(db, actor, 'roadmap.checkin', unitId);
    const manages = (await idsInScope(db, grantUnitsFor(actor, 'roadmap.manage'), [unitId])).has(unitId);
    const officerRoots = actor.grants.filter((g) => g.role === 'commune_officer').map((g) => g.unitId);
    return manages || (officerRoots.length > 0 && (await idsInScope(db, officerRoots, [unitId])).has(unitId));
  };
  return async (item: ItemRow): Promise<void> => {
    if (!overUnit.has(item.unitId)) overUnit.set(item.unitId, officialHere(item.unitId));
    if (await overUnit.get(item.unitId)) return;
    myAgency ??= db
      .select({ agencyId: users.agencyId })
      .from(users)
      .where(eq(users.id, actor.userId))
      .then(([me]) => me?.agencyId ?? null);
    const agencyId = await myAgency;
    const agencyHere = agencyId !== null && (item.leadAgencyId === agencyId || item.supportingAgencyIds.includes(agencyId));
    if (!agencyHere && item.leadUserId !== actor.userId) throw new AppError('FORBIDDEN');
  };
}

/** The write path's `can` for a check-in (decided afresh each time: on the locked row too). */
export const mayCheckIn = (db: Db, actor: Actor, _units: number[], item: ItemRow) => checkInRights(db, actor)(item);

/** A report is for a month that has come, and not for one before the item existed. */
function assertCheckInMonth(item: ItemRow, month: string, now: Date) {
  if (month > todayVn(now).slice(0, 7)) throw ruleViolation('checkin_month_in_future', { month });
  const since = todayVn(item.createdAt).slice(0, 7);
  if (month < since) throw ruleViolation('checkin_month_before_item', { month, since });
}

/**
 * Monthly progress on confirmed, open work: it starts work not yet started. A report for a month
 * earlier than the latest one reported is kept in the history but leaves the item's progress as it is.
 */
export async function checkIn(deps: Deps, actor: Actor, meta: RequestMeta, id: number, input: CheckInInput) {
  const first = await getItem(deps.db, id);
  await mayCheckIn(deps.db, actor, [], first);
  assertCheckInMonth(first, input.month, meta.now);
  // Refused before an evidence file is kept.
  takeStep(ROADMAP_ITEM_LIFECYCLE, 'check_in', roadmapItemState(first), { indicator: first.indicatorCode });
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
        const state = takeStep(ROADMAP_ITEM_LIFECYCLE, 'check_in', roadmapItemState(item), { indicator: item.indicatorCode });
        const [latest] = await tx
          .select({ month: roadmapCheckins.month })
          .from(roadmapCheckins)
          .where(eq(roadmapCheckins.itemId, id))
          .orderBy(desc(roadmapCheckins.month))
          .limit(1);
        const current = !latest || `${input.month}-01` >= latest.month;
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
            ...(current ? { progress: input.percent, status: storedStatus(state) } : {}),
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
            after: { checkinId: row!.id, month: input.month, percent: input.percent, note: input.note, files: stored, current },
          },
        };
      },
    },
  );
}
