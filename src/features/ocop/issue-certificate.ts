/** The office records the recognition decision and its certificate (valid 36 months) for a product recognised here. */
import { eq } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { ocopCertificates, ocopProducts } from '../../db/schema';
import { ROUND_PRODUCT_LIFECYCLE } from '../../domain/lifecycles/ocop-round';
import { SYSTEM_TRANSITIONS } from '../../domain/ocop/cycle';
import { AppError, ruleViolation } from '../../lib/errors';
import { takeStep } from '../../lib/lifecycle';
import { todayVn } from '../../shared/vi';
import { write } from '../access/write-path';
import { notify } from '../notifications/notify';
import { latestCertificates, officeOver, validTo } from './certificates';
import { producerSide } from './cycle-notices';
import { moveProduct } from './products';
import { loadRound, manageRound, roundProduct } from './round-access';

export async function issueCertificate(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  roundId: number,
  productId: number,
  input: { number: string; decisionNo: string; decisionDate: string; issuedBy: string },
) {
  if (input.decisionDate > todayVn(meta.now)) throw ruleViolation('ocop_decision_in_future');
  return write(
    { deps, actor, meta },
    {
      ...manageRound(roundId),
      lock: async (tx) => {
        const r = await loadRound(tx, roundId, true);
        await roundProduct(tx, roundId, productId, true);
        return r;
      },
      apply: async (tx) => {
        const { rp, state, certificateId } = await roundProduct(tx, roundId, productId);
        // Recorded already (a moment ago, by someone else): a conflict naming it, not a step out of order.
        if (certificateId !== null) throw new AppError('CONFLICT', { field: 'certificate', certificateId });
        takeStep(ROUND_PRODUCT_LIFECYCLE, 'certify', state);
        const [product] = await tx.select().from(ocopProducts).where(eq(ocopProducts.id, productId)).for('update');
        const [clash] = await tx
          .select({ id: ocopCertificates.id })
          .from(ocopCertificates)
          .where(eq(ocopCertificates.number, input.number));
        if (clash) throw new AppError('CONFLICT', { field: 'number' });
        const previous = (await latestCertificates(tx, [productId])).get(productId) ?? null;
        const [cert] = await tx
          .insert(ocopCertificates)
          .values({
            productId,
            number: input.number,
            decisionNo: input.decisionNo,
            decisionDate: input.decisionDate,
            issuedBy: input.issuedBy,
            star: rp.star!, // recognised here: the council gave it its star
            validFrom: input.decisionDate,
            validTo: validTo(input.decisionDate),
            previousId: previous?.id ?? null,
            roundId,
            createdAt: meta.now,
          })
          .returning();
        if (product!.stage === SYSTEM_TRANSITIONS.recognised.from) {
          await moveProduct(tx, { actor, meta }, product!, {
            action: 'recognised',
            to: SYSTEM_TRANSITIONS.recognised.to,
            note: `Giấy chứng nhận ${input.number}`,
          });
        }
        await notify(
          tx,
          {
            userIds: [...(await producerSide(tx, product!)), ...(await officeOver(tx, product!.unitId))],
            kind: 'ocop.certified',
            params: {
              product: product!.name,
              star: cert!.star,
              decision: input.decisionNo,
              number: input.number,
              validTo: { date: cert!.validTo },
            },
            link: `/ocop/san-pham/${productId}`,
            dedupeKey: `ocop.certified:${cert!.id}`,
          },
          meta.now,
          deps.config.publicUrl,
        );
        return {
          result: cert!,
          audit: {
            action: 'ocop_certificate.issue',
            entityType: 'ocop_product',
            entityId: productId,
            unitId: product!.unitId,
            after: { ...cert!, createdAt: undefined, stage: SYSTEM_TRANSITIONS.recognised.to },
          },
        };
      },
    },
  );
}
