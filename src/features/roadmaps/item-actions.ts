/**
 * What the caller may do with an item of work now, sent with each item as `actions`: the steps its
 * lifecycle opens from its state, kept to those the write path would let the caller take — the
 * office's (`roadmap.manage` on the item's unit: edit, confirm, set the status) and the check-in
 * (`checkInRights`: whoever does or oversees the work) — and an ended unit read-only. The board and
 * the item page show a button only for a step listed here.
 */
import type { Actor } from '../../context';
import type { Db } from '../../db/client';
import { roadmapItems } from '../../db/schema';
import { ROADMAP_ITEM_LIFECYCLE, roadmapItemState, type RoadmapItemStep } from '../../domain/lifecycles/roadmap-item';
import { allowedActions } from '../../lib/allowed-actions';
import { AppError } from '../../lib/errors';
import type { Action } from '../../shared/roles';
import { checkedByLoad, mayWrite } from '../access/write-path';
import { checkInRights } from './check-in';

type ItemRow = typeof roadmapItems.$inferSelect;

/** What each step needs: the permission the office's use cases write with, or the check-in's own rule. */
export const ITEM_STEP_NEEDS = {
  edit: 'roadmap.manage',
  confirm: 'roadmap.manage',
  check_in: 'check_in',
  start: 'roadmap.manage',
  flag_at_risk: 'roadmap.manage',
  complete: 'roadmap.manage',
} as const satisfies Record<RoadmapItemStep, Action | 'check_in'>;

/** True when `check` passes, false when it refuses as an authorisation does; anything else is thrown. */
async function passes(check: () => Promise<unknown>): Promise<boolean> {
  try {
    await check();
    return true;
  } catch (e) {
    if (e instanceof AppError && (e.code === 'FORBIDDEN' || e.code === 'NOT_FOUND')) return false;
    throw e;
  }
}

/**
 * The open steps of the items of one answer. Decisions are remembered per unit, so a board of a
 * thousand items asks a handful of questions, not thousands.
 */
export function itemSteps(db: Db, actor: Actor, now: Date) {
  const memo = new Map<string, Promise<boolean>>();
  const once = (key: string, f: () => Promise<boolean>) => {
    if (!memo.has(key)) memo.set(key, f());
    return memo.get(key)!;
  };
  const manages = (item: ItemRow) => once(`m${item.unitId}`, () => mayWrite(db, actor, now, 'roadmap.manage', item.unitId, item));
  const writable = (item: ItemRow) => once(`w${item.unitId}`, () => mayWrite(db, actor, now, checkedByLoad, item.unitId, item));
  const rights = checkInRights(db, actor);
  const checksIn = async (item: ItemRow) => (await writable(item)) && passes(() => rights(item));
  return (item: ItemRow): Promise<RoadmapItemStep[]> =>
    allowedActions(ROADMAP_ITEM_LIFECYCLE, roadmapItemState(item), (step) =>
      ITEM_STEP_NEEDS[step] === 'check_in' ? checksIn(item) : manages(item),
    );
}
