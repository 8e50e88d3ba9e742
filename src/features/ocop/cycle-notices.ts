/**
 * Each step of the OCOP cycle tells whoever acts next, in the step's transaction: an idea or a plan
 * sent (again) → the coordination office over the product's unit, which reviews it; returned → the
 * producer, with the reason; a plan approved → the producer, who carries it out; submitted (or sent
 * back) for evaluation → the office above the commune, which sets up the council rounds.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { ocopProducers, roleGrants, units, users } from '../../db/schema';
import { todayVn } from '../../shared/vi';
import { notify, supervisingOffice } from '../notifications/notify';
import type { ProductRow } from './access';
import { officeOver, producerUsers } from './certificates';

/**
 * The producer's side: its accounts, or — for a subject without an account, whose papers the commune
 * keeps on its behalf — the commune officers of the product's unit.
 */
export async function producerSide(tx: Db, product: { producerId: number; unitId: number }): Promise<number[]> {
  const own = await producerUsers(tx, product.producerId);
  if (own.length) return own;
  const rows = await tx
    .selectDistinct({ id: roleGrants.userId })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(
      and(
        eq(roleGrants.unitId, product.unitId),
        eq(roleGrants.role, 'commune_officer'),
        isNull(roleGrants.revokedAt),
        eq(users.active, true),
      ),
    );
  return rows.map((r) => r.id);
}

type Step = { action: string; note: string | null };

/** The notice of a product's move (none for a step nobody waits on); the actor is not told of their own step. */
export async function noticeOfMove(
  tx: Db,
  product: ProductRow,
  step: Step,
  who: { userId: number | null; version: number; now: Date; publicUrl: string | undefined },
): Promise<number> {
  const [about] = await tx
    .select({ producer: ocopProducers.name, unit: units.name })
    .from(ocopProducers)
    .innerJoin(units, eq(units.id, product.unitId))
    .where(eq(ocopProducers.id, product.producerId));
  const base = {
    product: product.name,
    producer: about?.producer ?? '',
    unit: about?.unit ?? '',
    date: { date: todayVn(who.now) },
  };
  const reason = step.note ?? '';
  const others = (ids: number[]) => ids.filter((id) => id !== who.userId);
  const common = { link: `/ocop/san-pham/${product.id}`, dedupeKey: `ocop.${step.action}:${product.id}:${who.version}` };
  const send = (n: Parameters<typeof notify>[1]) => notify(tx, { ...n, userIds: others(n.userIds) }, who.now, who.publicUrl);
  switch (step.action) {
    case 'register_idea':
      return send({ ...common, userIds: await officeOver(tx, product.unitId), kind: 'ocop.idea_registered', params: base });
    case 'resubmit_idea':
      return send({ ...common, userIds: await officeOver(tx, product.unitId), kind: 'ocop.idea_resubmitted', params: base });
    case 'return_idea':
      return send({
        ...common,
        userIds: await producerSide(tx, product),
        kind: 'ocop.idea_returned',
        params: { product: product.name, reason },
      });
    case 'submit_plan':
      return send({ ...common, userIds: await officeOver(tx, product.unitId), kind: 'ocop.plan_submitted', params: base });
    case 'resubmit_plan':
      return send({ ...common, userIds: await officeOver(tx, product.unitId), kind: 'ocop.plan_resubmitted', params: base });
    case 'return_plan':
      return send({
        ...common,
        userIds: await producerSide(tx, product),
        kind: 'ocop.plan_returned',
        params: { product: product.name, reason },
      });
    case 'approve_plan':
      return send({
        ...common,
        userIds: await producerSide(tx, product),
        kind: 'ocop.plan_approved',
        params: { product: product.name, date: base.date },
      });
    case 'submit_for_evaluation':
      return send({ ...common, userIds: await supervisingOffice(tx, product.unitId), kind: 'ocop.submitted', params: base });
    case 're_evaluate':
      return send({ ...common, userIds: await supervisingOffice(tx, product.unitId), kind: 'ocop.re_evaluation', params: base });
    default:
      return 0;
  }
}
