/** The council's decision on a product: rescore when the spread is too wide, else the mean, the star and what follows. */
import { and, eq } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { ocopMemberScores, ocopProducts, ocopRoundProducts } from '../../db/schema';
import { ROUND_PRODUCT_LIFECYCLE } from '../../domain/lifecycles/ocop-round';
import { SYSTEM_TRANSITIONS } from '../../domain/ocop/cycle';
import { aggregate, outcomeAt, scoreSheet, starCap, thresholdsOf } from '../../domain/ocop/scoring';
import { ruleViolation } from '../../lib/errors';
import { takeStep } from '../../lib/lifecycle';
import { write } from '../access/write-path';
import { phrase } from '../notifications/catalogue';
import { notify, supervisingOffice } from '../notifications/notify';
import { officeOver } from './certificates';
import { producerSide } from './cycle-notices';
import { moveProduct } from './products';
import { inRound, requireOpen } from './round-access';

type DecideResult =
  | { status: 'rescore'; spread: number; meanX100: number }
  | ({ status: 'decided'; meanX100: number; spread: number; cap: number | null } & ReturnType<typeof outcomeAt>);

/**
 * Closes a product's scoring: needs the quorum; a spread above the limit asks every member to
 * rescore; otherwise records the mean, the star and what happens next (recognised here → the office
 * records the certificate; forwarded → the next level's council; below recognition → back to step 4).
 */
export async function decideProduct(deps: Deps, actor: Actor, meta: RequestMeta, roundId: number, productId: number) {
  return write(
    { deps, actor, meta },
    {
      ...inRound(actor, roundId, productId, 'chair'),
      apply: async (tx, { round, members, rp, sheet, state }) => {
        requireOpen(round);
        // Asked to rescore once: the council decides again only after a member has scored again.
        takeStep(ROUND_PRODUCT_LIFECYCLE, 'decide', state);
        const memberIds = new Set(members.map((m) => m.userId));
        const scores = (
          await tx
            .select()
            .from(ocopMemberScores)
            .where(and(eq(ocopMemberScores.roundId, roundId), eq(ocopMemberScores.productId, productId)))
        ).filter((s) => memberIds.has(s.userId));
        if (scores.length < round.quorum)
          throw ruleViolation('ocop_quorum_not_met', { scored: scores.length, quorum: round.quorum });
        const agg = aggregate(
          scores.map((s) => s.total),
          round.spreadLimit,
          thresholdsOf(sheet.document),
        );
        const [product] = await tx.select().from(ocopProducts).where(eq(ocopProducts.id, productId));
        if (agg.needsRescore) {
          await tx
            .update(ocopRoundProducts)
            .set({ status: 'rescore', rescoreCount: rp.rescoreCount + 1, rescoreAskedAt: meta.now })
            .where(and(eq(ocopRoundProducts.roundId, roundId), eq(ocopRoundProducts.productId, productId)));
          await notify(
            tx,
            {
              userIds: [...memberIds],
              kind: 'ocop.rescore',
              params: { product: product!.name, round: round.name, spread: agg.spread, limit: round.spreadLimit },
              link: `/ocop/hoi-dong/${roundId}`,
              dedupeKey: `ocop.rescore:${roundId}:${productId}:${rp.rescoreCount + 1}`,
            },
            meta.now,
            deps.config.publicUrl,
          );
          return {
            result: { status: 'rescore' as const, spread: agg.spread, meanX100: agg.meanX100 } as DecideResult,
            audit: {
              action: 'ocop_round.ask_rescore',
              entityType: 'ocop_round',
              entityId: roundId,
              unitId: round.unitId,
              after: { productId, spread: agg.spread, limit: round.spreadLimit, totals: scores.map((s) => s.total) },
            },
          };
        }
        const cap = starCap(scores.map((s) => scoreSheet(sheet.document, s.answers)));
        const outcome = outcomeAt(sheet.document, round.level, agg, cap);
        await tx
          .update(ocopRoundProducts)
          .set({
            status: 'decided',
            scoreX100: agg.meanX100,
            star: outcome.star,
            forwarded: outcome.forward,
            recognised: outcome.recognisedHere,
            decidedAt: meta.now,
          })
          .where(and(eq(ocopRoundProducts.roundId, roundId), eq(ocopRoundProducts.productId, productId)));
        const backToStep4 = !outcome.recognisedHere && !outcome.forward;
        if (backToStep4) {
          const t = SYSTEM_TRANSITIONS.notRecognised;
          await moveProduct(tx, { actor, meta }, product!, {
            action: 'not_recognised',
            to: t.to,
            note: `Kết quả ${(agg.meanX100 / 100).toFixed(2)} điểm, ${outcome.star} sao — chưa đủ điều kiện công nhận`,
          });
        }
        const result = {
          product: product!.name,
          round: round.name,
          score: { decimal: agg.meanX100 / 100, digits: 2 },
          star: outcome.star,
        };
        await notify(
          tx,
          {
            userIds: await producerSide(tx, product!),
            kind: 'ocop.result',
            params: {
              ...result,
              outcome: phrase(
                outcome.recognisedHere ? 'resultRecognised' : outcome.forward ? 'resultForwarded' : 'resultNotRecognised',
              ),
            },
            link: `/ocop/san-pham/${productId}`,
            dedupeKey: `ocop.result:${roundId}:${productId}`,
          },
          meta.now,
          deps.config.publicUrl,
        );
        // Whoever acts next: the office records the certificate, or the office above convenes its council.
        if (outcome.recognisedHere || outcome.forward)
          await notify(
            tx,
            outcome.recognisedHere
              ? {
                  userIds: await officeOver(tx, round.unitId),
                  kind: 'ocop.to_certify',
                  params: result,
                  link: `/ocop/hoi-dong/${roundId}`,
                  dedupeKey: `ocop.to_certify:${roundId}:${productId}`,
                }
              : {
                  userIds: await supervisingOffice(tx, round.unitId),
                  kind: 'ocop.forwarded',
                  params: result,
                  link: `/ocop/san-pham/${productId}`,
                  dedupeKey: `ocop.forwarded:${roundId}:${productId}`,
                },
            meta.now,
            deps.config.publicUrl,
          );
        return {
          result: { status: 'decided' as const, meanX100: agg.meanX100, spread: agg.spread, cap, ...outcome } as DecideResult,
          audit: {
            action: 'ocop_round.decide',
            entityType: 'ocop_round',
            entityId: roundId,
            unitId: round.unitId,
            after: {
              productId,
              meanX100: agg.meanX100,
              spread: agg.spread,
              cap,
              ...outcome,
              totals: scores.map((s) => s.total),
              ...(backToStep4 ? { stage: SYSTEM_TRANSITIONS.notRecognised.to } : {}),
            },
          },
        };
      },
    },
  );
}
