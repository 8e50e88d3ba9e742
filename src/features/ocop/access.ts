/**
 * Who may do what to an OCOP product. Officials act through their unit grants (read, intake on the
 * commune's behalf, manage as the coordination office); a producer acts only on their own subject's
 * products, linked through `users.producer_id`, and sees nothing else.
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '../../context';
import type { Db } from '../../db/client';
import { ocopProducers, ocopProducts, users } from '../../db/schema';
import { openActions, transitionOf, type Actor as CycleActor, type OcopAction } from '../../domain/ocop/cycle';
import { allowedActions } from '../../lib/allowed-actions';
import { AppError } from '../../lib/errors';
import { allGrantUnits, grantUnitsFor, unitInScope } from '../access/authorize';
import { checkedByLoad, mayWrite } from '../access/write-path';

export type ProductRow = typeof ocopProducts.$inferSelect;
export type ProducerRow = typeof ocopProducers.$inferSelect;
export type OcopCapacity = 'office' | 'commune' | 'reader' | 'producer';

/** The subject a producer account belongs to (null for officials or a producer not yet registered). */
export async function ownProducerId(db: Db, actor: Actor): Promise<number | null> {
  if (!grantUnitsFor(actor, 'ocop.own').length) return null;
  const [u] = await db.select({ producerId: users.producerId }).from(users).where(eq(users.id, actor.userId));
  return u?.producerId ?? null;
}

/** The strongest capacity the actor has over something owned by `producerId` in `unitId`, or null. */
export async function capacityOver(
  db: Db,
  actor: Actor,
  unitId: number,
  producerId: number | null,
): Promise<OcopCapacity | null> {
  for (const [action, capacity] of [
    ['ocop.manage', 'office'],
    ['ocop.intake', 'commune'],
    ['ocop.read', 'reader'],
  ] as const) {
    const roots = grantUnitsFor(actor, action);
    if (roots.length && (await unitInScope(db, roots, unitId))) return capacity;
  }
  if (producerId !== null && (await ownProducerId(db, actor)) === producerId) return 'producer';
  return null;
}

/** Nothing to see: 403 when the unit is within the actor's grants (as `authorize` does), else 404. */
async function refuse(db: Db, actor: Actor, unitId: number): Promise<never> {
  const roots = allGrantUnits(actor);
  if (roots.length && (await unitInScope(db, roots, unitId))) throw new AppError('FORBIDDEN');
  throw new AppError('NOT_FOUND');
}

/**
 * Loads a product the actor may see and says in which capacity. Outside every grant → 404 (we do
 * not confirm it exists); inside but without an OCOP capacity, or too weak for `need` → 403.
 */
export async function productFor(db: Db, actor: Actor, id: number, need: 'read' | 'act' | 'manage' = 'read', lock = false) {
  const q = db.select().from(ocopProducts).where(eq(ocopProducts.id, id));
  const [product] = lock ? await q.for('update') : await q;
  if (!product) throw new AppError('NOT_FOUND');
  const capacity =
    (await capacityOver(db, actor, product.unitId, product.producerId)) ?? (await refuse(db, actor, product.unitId));
  if (need === 'act' && capacity === 'reader') throw new AppError('FORBIDDEN');
  if (need === 'manage' && capacity !== 'office') throw new AppError('FORBIDDEN');
  return { product, capacity };
}

export async function producerFor(db: Db, actor: Actor, id: number, need: 'read' | 'act' = 'read', lock = false) {
  const q = db.select().from(ocopProducers).where(eq(ocopProducers.id, id));
  const [producer] = lock ? await q.for('update') : await q;
  if (!producer) throw new AppError('NOT_FOUND');
  const capacity = (await capacityOver(db, actor, producer.unitId, producer.id)) ?? (await refuse(db, actor, producer.unitId));
  if (need === 'act' && capacity === 'reader') throw new AppError('FORBIDDEN');
  return { producer, capacity };
}

/** The cycle's notion of the actor: readers may not move products at all. */
export function cycleActor(capacity: OcopCapacity): CycleActor | null {
  return capacity === 'office' ? 'office' : capacity === 'commune' ? 'commune' : capacity === 'producer' ? 'producer' : null;
}

/**
 * The cycle steps `actor` may take on the product now, decided as `transitionProduct` decides them:
 * open from its stage, the actor's capacity among those the step allows, and its unit not ended.
 */
export function productActions(
  db: Db,
  actor: Actor,
  now: Date,
  product: ProductRow,
  capacity: OcopCapacity,
): Promise<OcopAction[]> {
  const who = cycleActor(capacity);
  return allowedActions(openActions, product.stage, async (a) =>
    who !== null && transitionOf(a).by.includes(who) ? mayWrite(db, actor, now, checkedByLoad, product.unitId, product) : false,
  );
}

/** The write path over a product: access decided while loading, and again on the locked row. */
export const onProduct = (actor: Actor, id: number, need: 'act' | 'manage' = 'act') => ({
  can: checkedByLoad,
  load: (db: Db) => productFor(db, actor, id, need),
  units: (x: { product: ProductRow }) => x.product.unitId,
  lock: (tx: Db) => productFor(tx, actor, id, need, true),
});

/** The same over a producer (subject). */
export const onProducer = (actor: Actor, id: number) => ({
  can: checkedByLoad,
  load: (db: Db) => producerFor(db, actor, id, 'act'),
  units: (x: { producer: ProducerRow }) => x.producer.unitId,
  lock: (tx: Db) => producerFor(tx, actor, id, 'act', true),
});
