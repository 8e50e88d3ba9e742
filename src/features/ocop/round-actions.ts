/**
 * What the caller may do with a round and with each product before it, sent with the round as
 * `actions`: the steps the round's lifecycles open from the current state, kept to those the write
 * path would let the caller take — the same decision on the same unit as the use cases make it
 * (`manageRound`: `ocop.manage` on the round's unit; `inRound`: a member scores, the chair or the
 * office decides, while the round is open) and an ended unit read-only.
 */
import type { Actor } from '../../context';
import type { Db } from '../../db/client';
import { isEditable } from '../../domain/lifecycles/machine';
import {
  ROUND_LIFECYCLE,
  ROUND_PRODUCT_LIFECYCLE,
  type RoundProductState,
  type RoundProductStep,
  type RoundStep,
} from '../../domain/lifecycles/ocop-round';
import { allowedActions } from '../../lib/allowed-actions';
import { checkedByLoad, mayWrite } from '../access/write-path';
import type { RoundRow } from './round-access';

/** Who takes each step on a product before the council, and whether it needs the round open. */
export const ROUND_PRODUCT_STEP_NEEDS = {
  score: { by: 'member', whileOpen: true },
  decide: { by: 'chair_or_office', whileOpen: true },
  certify: { by: 'office', whileOpen: false },
} as const satisfies Record<RoundProductStep, { by: 'member' | 'chair_or_office' | 'office'; whileOpen: boolean }>;

/**
 * The steps `actor` may take on the round and on each of its products now. The write path's
 * decisions depend only on the round (its unit, the caller's seat in it), so they are asked once.
 */
export async function roundSteps(
  db: Db,
  actor: Actor,
  now: Date,
  r: { round: RoundRow; me: { role: 'chair' | 'member' } | null; isOffice: boolean },
) {
  /** `manageRound`: ocop.manage on the round's unit, not ended. */
  const manages = await mayWrite(db, actor, now, 'ocop.manage', r.round.unitId, r.round);
  /** `inRound`: the seat is decided while loading; the round's unit must not have ended. */
  const writable = await mayWrite(db, actor, now, checkedByLoad, r.round.unitId, r.round);
  const open = isEditable(ROUND_LIFECYCLE, r.round.status);
  const seated: Record<(typeof ROUND_PRODUCT_STEP_NEEDS)[RoundProductStep]['by'], boolean> = {
    member: writable && r.me !== null,
    chair_or_office: writable && (r.me?.role === 'chair' || r.isOffice),
    office: manages,
  };
  return {
    /** `undecided`: a product before it is still being scored, so the round cannot close yet (`close-round.ts`). */
    round: (undecided: boolean): Promise<RoundStep[]> =>
      allowedActions(ROUND_LIFECYCLE, r.round.status, (step) => manages && !(step === 'close' && undecided)),
    product: (state: RoundProductState): Promise<RoundProductStep[]> =>
      allowedActions(ROUND_PRODUCT_LIFECYCLE, state, (step) => {
        const need = ROUND_PRODUCT_STEP_NEEDS[step];
        return (open || !need.whileOpen) && seated[need.by];
      }),
  };
}
