/** The office records the recognition decision and its certificate (valid 36 months) for a product recognised here. */
import { and, eq } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { ocopCertificates, ocopProducts } from '../../db/schema';
import { SYSTEM_TRANSITIONS } from '../../domain/ocop/cycle';
import { AppError, ruleViolation } from '../../lib/errors';
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
        const { rp } = await roundProduct(tx, roundId, productId);
        if (rp.status !== 'decided' || !rp.recognised || !rp.star)
          throw ruleViolation('ocop_not_recognised_here', { status: rp.status, star: rp.star });
        const [product] = await tx.select().from(ocopProducts).where(eq(ocopProducts.id, productId)).for('update');
        const [already] = await tx
          .select({ id: ocopCertificates.id })
          .from(ocopCertificates)
          .where(and(eq(ocopCertificates.productId, productId), eq(ocopCertificates.roundId, roundId)));
        if (already) throw new AppError('CONFLICT', { field: 'certificate', certificateId: already.id });
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
            star: rp.star,
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
