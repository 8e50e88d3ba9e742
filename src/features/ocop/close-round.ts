/** Closing a round once every product before it is decided. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { ocopRoundProducts, ocopRounds } from '../../db/schema';
import { ROUND_LIFECYCLE } from '../../domain/lifecycles/ocop-round';
import { ruleViolation } from '../../lib/errors';
import { takeStep } from '../../lib/lifecycle';
import { write } from '../access/write-path';
import { manageRound } from './round-access';

export async function closeRound(deps: Deps, actor: Actor, meta: RequestMeta, roundId: number) {
  return write(
    { deps, actor, meta },
    {
      ...manageRound(roundId),
      apply: async (tx, { round }) => {
        const status = takeStep(ROUND_LIFECYCLE, 'close', round.status);
        const open = await tx
          .select({ id: ocopRoundProducts.productId })
          .from(ocopRoundProducts)
          .where(and(eq(ocopRoundProducts.roundId, roundId), inArray(ocopRoundProducts.status, ['scoring', 'rescore'])));
        if (open.length) throw ruleViolation('ocop_round_has_open_products', { productIds: open.map((o) => o.id) });
        await tx.update(ocopRounds).set({ status }).where(eq(ocopRounds.id, roundId));
        return {
          result: { ok: true },
          audit: { action: 'ocop_round.close', entityType: 'ocop_round', entityId: roundId, unitId: round.unitId },
        };
      },
    },
  );
}
