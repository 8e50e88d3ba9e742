/** A council member's sheet for one product, and the chair's notice once the quorum of sheets is in. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import type { Db } from '../../db/client';
import { ocopMemberScores, ocopProducts, ocopRoundProducts } from '../../db/schema';
import { ROUND_PRODUCT_LIFECYCLE } from '../../domain/lifecycles/ocop-round';
import { scoreSheet, type Answers } from '../../domain/ocop/scoring';
import { ruleViolation } from '../../lib/errors';
import { takeStep } from '../../lib/lifecycle';
import { write } from '../access/write-path';
import { notify } from '../notifications/notify';
import { inRound, requireOpen, type RoundRow } from './round-access';

/**
 * Once a product has its quorum of sheets (again, after a rescore), its chair is told to decide —
 * once per pass, and not when the chair's own sheet completes it.
 */
async function noticeWhenReady(
  tx: Db,
  r: { round: RoundRow; members: { userId: number; role: string }[]; rescoreCount: number; productId: number },
  actor: Actor,
  meta: RequestMeta,
  deps: Deps,
) {
  const memberIds = r.members.map((m) => m.userId);
  const sheets = await tx
    .select({ userId: ocopMemberScores.userId })
    .from(ocopMemberScores)
    .where(
      and(
        eq(ocopMemberScores.roundId, r.round.id),
        eq(ocopMemberScores.productId, r.productId),
        inArray(ocopMemberScores.userId, memberIds),
      ),
    );
  if (sheets.length < r.round.quorum) return;
  const [product] = await tx.select({ name: ocopProducts.name }).from(ocopProducts).where(eq(ocopProducts.id, r.productId));
  await notify(
    tx,
    {
      userIds: r.members.filter((m) => m.role === 'chair' && m.userId !== actor.userId).map((m) => m.userId),
      kind: 'ocop.ready_to_decide',
      params: {
        product: product?.name ?? '',
        round: r.round.name,
        scored: sheets.length,
        members: memberIds.length,
        quorum: r.round.quorum,
      },
      link: `/ocop/hoi-dong/${r.round.id}`,
      dedupeKey: `ocop.ready_to_decide:${r.round.id}:${r.productId}:${r.rescoreCount}`,
    },
    meta.now,
    deps.config.publicUrl,
  );
}

/** A member's sheet: every criterion answered with one of its options, or nothing is saved. */
export async function submitScore(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  roundId: number,
  productId: number,
  answers: Answers,
) {
  return write(
    { deps, actor, meta },
    {
      ...inRound(actor, roundId, productId, 'member'),
      apply: async (tx, { round, members, rp, sheet, state }) => {
        requireOpen(round);
        const to = takeStep(ROUND_PRODUCT_LIFECYCLE, 'score', state);
        const score = scoreSheet(sheet.document, answers);
        if (score.missing.length || score.invalid.length)
          throw ruleViolation('ocop_sheet_incomplete', { missing: score.missing, invalid: score.invalid });
        const [before] = await tx
          .select()
          .from(ocopMemberScores)
          .where(
            and(
              eq(ocopMemberScores.roundId, roundId),
              eq(ocopMemberScores.productId, productId),
              eq(ocopMemberScores.userId, actor.userId),
            ),
          );
        const values = {
          roundId,
          productId,
          userId: actor.userId,
          answers,
          total: score.total,
          submittedAt: meta.now,
          version: (before?.version ?? 0) + 1,
        };
        // A sheet submitted after a rescore request puts the product back to scoring.
        if (to === 'scoring' && rp.status !== to)
          await tx
            .update(ocopRoundProducts)
            .set({ status: to })
            .where(and(eq(ocopRoundProducts.roundId, roundId), eq(ocopRoundProducts.productId, productId)));
        await tx
          .insert(ocopMemberScores)
          .values(values)
          .onConflictDoUpdate({
            target: [ocopMemberScores.roundId, ocopMemberScores.productId, ocopMemberScores.userId],
            set: values,
          });
        await noticeWhenReady(tx, { round, members, rescoreCount: rp.rescoreCount, productId }, actor, meta, deps);
        return {
          result: { total: score.total, byPart: score.byPart, zeroMandatory: score.zeroMandatory },
          audit: {
            action: 'ocop_round.score',
            entityType: 'ocop_round',
            entityId: roundId,
            unitId: round.unitId,
            before: before ? { productId, total: before.total } : null,
            after: { productId, total: score.total, byPart: score.byPart },
          },
        };
      },
    },
  );
}
