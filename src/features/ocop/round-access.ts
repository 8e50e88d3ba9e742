/**
 * Evaluation rounds: a council (chair, members, quorum) scores each product on the set's sheet;
 * the product's score is the members' mean; a spread above the limit sends it back for rescoring;
 * the star follows the bands and the mandatory criteria; the office then records the certificate.
 *
 * This file holds what every step of a round shares: loading the round and its members, who may read
 * it, the office's and the members' write paths over it, and the product's row in it.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Actor } from '../../context';
import type { Db } from '../../db/client';
import { ocopCertificates, ocopRoundMembers, ocopRoundProducts, ocopRounds, ocopSheets, users } from '../../db/schema';
import { isEditable } from '../../domain/lifecycles/machine';
import { ROUND_LIFECYCLE, roundProductState } from '../../domain/lifecycles/ocop-round';
import { AppError, ruleViolation } from '../../lib/errors';
import { authorize, grantUnitsFor, unitInScope } from '../access/authorize';
import { checkedByLoad } from '../access/write-path';

export type RoundRow = typeof ocopRounds.$inferSelect;

export async function loadRound(db: Db, id: number, lock = false) {
  const q = db.select().from(ocopRounds).where(eq(ocopRounds.id, id));
  const [round] = lock ? await q.for('update') : await q;
  if (!round) throw new AppError('NOT_FOUND');
  const members = await db
    .select({ userId: ocopRoundMembers.userId, role: ocopRoundMembers.role, fullName: users.fullName })
    .from(ocopRoundMembers)
    .innerJoin(users, eq(users.id, ocopRoundMembers.userId))
    .where(eq(ocopRoundMembers.roundId, id))
    .orderBy(asc(ocopRoundMembers.role), asc(users.fullName));
  return { round, members };
}

/** Members see their round; otherwise reading needs ocop.read on the round's unit. */
export async function roundFor(db: Db, actor: Actor, id: number, lock = false) {
  const r = await loadRound(db, id, lock);
  const me = r.members.find((m) => m.userId === actor.userId) ?? null;
  if (!me) await authorize(db, actor, 'ocop.read', r.round.unitId);
  const manage = grantUnitsFor(actor, 'ocop.manage');
  const isOffice = manage.length > 0 && (await unitInScope(db, manage, r.round.unitId));
  return { ...r, me, isOffice };
}

/** The office's write path over a round: the round row locked first. */
export const manageRound = (roundId: number) => ({
  can: 'ocop.manage' as const,
  load: (db: Db) => loadRound(db, roundId),
  units: (r: { round: RoundRow }) => r.round.unitId,
  lock: (tx: Db) => loadRound(tx, roundId, true),
});

/**
 * A member's (or the chair's) write path on one product of a round: the round and the product's
 * row in it locked, membership decided again on the locked rows.
 */
export const inRound = (actor: Actor, roundId: number, productId: number, need: 'member' | 'chair') => {
  const load = async (db: Db, lock: boolean) => {
    const r = await roundFor(db, actor, roundId, lock);
    if (need === 'member' && !r.me) throw new AppError('FORBIDDEN', { reason: 'not_a_member' });
    if (need === 'chair' && r.me?.role !== 'chair' && !r.isOffice) throw new AppError('FORBIDDEN', { reason: 'chair_or_office' });
    return { ...r, ...(await roundProduct(db, roundId, productId, lock)) };
  };
  return {
    can: checkedByLoad,
    load: (db: Db) => load(db, false),
    units: (x: { round: RoundRow }) => x.round.unitId,
    lock: (tx: Db) => load(tx, true),
  };
};

/** Products are scored and decided only while the round is open (its lifecycle's editable state). */
export function requireOpen(round: RoundRow) {
  if (!isEditable(ROUND_LIFECYCLE, round.status)) throw ruleViolation('ocop_round_closed');
}

export async function roundProduct(db: Db, roundId: number, productId: number, lock = false) {
  if (lock)
    await db
      .select({ id: ocopRoundProducts.productId })
      .from(ocopRoundProducts)
      .where(and(eq(ocopRoundProducts.roundId, roundId), eq(ocopRoundProducts.productId, productId)))
      .for('update');
  const [row] = await db
    .select({ rp: ocopRoundProducts, sheet: ocopSheets })
    .from(ocopRoundProducts)
    .innerJoin(ocopSheets, eq(ocopSheets.id, ocopRoundProducts.sheetId))
    .where(and(eq(ocopRoundProducts.roundId, roundId), eq(ocopRoundProducts.productId, productId)));
  if (!row) throw new AppError('NOT_FOUND');
  const [cert] = await db
    .select({ id: ocopCertificates.id })
    .from(ocopCertificates)
    .where(and(eq(ocopCertificates.roundId, roundId), eq(ocopCertificates.productId, productId)));
  return { ...row, certificateId: cert?.id ?? null, state: roundProductState(row.rp, cert !== undefined) };
}
