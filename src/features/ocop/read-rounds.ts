/** Rounds as their readers see them: the list (as reader or council member) and one round's page. */
import { asc, eq } from 'drizzle-orm';
import type { Actor, Deps } from '../../context';
import {
  ocopCertificates,
  ocopMemberScores,
  ocopProducers,
  ocopProducts,
  ocopRoundMembers,
  ocopRoundProducts,
  ocopRounds,
  ocopSheets,
  units,
} from '../../db/schema';
import { roundProductState } from '../../domain/lifecycles/ocop-round';
import { aggregate, thresholdsOf } from '../../domain/ocop/scoring';
import { grantUnitsFor, unitInScope } from '../access/authorize';
import { roundSteps } from './round-actions';
import { roundFor } from './round-access';
import { certificateView, roundProductView, roundView } from './views';

/**
 * The round as its reader sees it: members, products with their sheets and progress. A member sees
 * their own answers; the chair and the office see every member's total (to lead the discussion).
 */
export async function roundDetail(deps: Deps, actor: Actor, roundId: number) {
  const { round, members, me, isOffice } = await roundFor(deps.db, actor, roundId);
  const steps = await roundSteps(deps.db, actor, deps.clock.now(), { round, me, isOffice });
  const rps = await deps.db
    .select({ rp: ocopRoundProducts, p: ocopProducts, producerName: ocopProducers.name, sheet: ocopSheets, unitName: units.name })
    .from(ocopRoundProducts)
    .innerJoin(ocopProducts, eq(ocopProducts.id, ocopRoundProducts.productId))
    .innerJoin(ocopProducers, eq(ocopProducers.id, ocopProducts.producerId))
    .innerJoin(ocopSheets, eq(ocopSheets.id, ocopRoundProducts.sheetId))
    .innerJoin(units, eq(units.id, ocopProducts.unitId))
    .where(eq(ocopRoundProducts.roundId, roundId))
    .orderBy(asc(ocopProducts.name));
  const scores = await deps.db.select().from(ocopMemberScores).where(eq(ocopMemberScores.roundId, roundId));
  // Every certificate recorded from the round (a revoked one too: it was recorded, so not again).
  const certs = await deps.db.select().from(ocopCertificates).where(eq(ocopCertificates.roundId, roundId));
  const seeAll = isOffice || me?.role === 'chair';
  const names = new Map(members.map((m) => [m.userId, m.fullName]));
  const certOf = (productId: number) => {
    const c = certs.find((x) => x.productId === productId && x.revokedAt === null);
    return c ? certificateView(c) : null;
  };
  const products = [];
  for (const { rp, p, producerName, sheet, unitName } of rps) {
    const state = roundProductState(
      rp,
      certs.some((c) => c.productId === p.id),
    );
    products.push({ rp, p, producerName, sheet, unitName, actions: await steps.product(state) });
  }
  return {
    round: roundView(round),
    members,
    me,
    actions: await steps.round(rps.some(({ rp }) => rp.status !== 'decided')),
    products: products.map(({ rp, p, producerName, sheet, unitName, actions }) => {
      const mine = scores.filter((s) => s.productId === p.id);
      const own = mine.find((s) => s.userId === actor.userId) ?? null;
      return {
        ...roundProductView(rp),
        product: {
          id: p.id,
          name: p.name,
          code: p.code,
          stage: p.stage,
          setNo: p.setNo,
          groupName: p.groupName,
          unitName,
          producerName,
        },
        sheet: { id: sheet.id, code: sheet.code, version: sheet.version, verified: sheet.verified, document: sheet.document },
        submitted: mine.length,
        myAnswers: own?.answers ?? null,
        myTotal: own?.total ?? null,
        totals: seeAll
          ? mine.map((s) => ({
              userId: s.userId,
              fullName: names.get(s.userId) ?? '',
              total: s.total,
              submittedAt: s.submittedAt.toISOString(),
            }))
          : null,
        preview:
          seeAll && mine.length
            ? aggregate(
                mine.map((s) => s.total),
                round.spreadLimit,
                thresholdsOf(sheet.document),
              )
            : null,
        certificate: certOf(p.id),
        actions,
      };
    }),
  };
}

export async function listRounds(deps: Deps, actor: Actor, unitId: number | null) {
  const memberOf = await deps.db
    .select({ id: ocopRoundMembers.roundId })
    .from(ocopRoundMembers)
    .where(eq(ocopRoundMembers.userId, actor.userId));
  const rows = await deps.db.select().from(ocopRounds).orderBy(asc(ocopRounds.status), asc(ocopRounds.year));
  const readRoots = grantUnitsFor(actor, 'ocop.read');
  const out = [];
  const mine = new Set(memberOf.map((m) => m.id));
  for (const r of rows) {
    const visible = mine.has(r.id) || (readRoots.length && (await unitInScope(deps.db, readRoots, r.unitId)));
    if (!visible) continue;
    if (unitId && !(await unitInScope(deps.db, [unitId], r.unitId)) && !(await unitInScope(deps.db, [r.unitId], unitId)))
      continue;
    out.push({ ...roundView(r), member: mine.has(r.id) });
  }
  return out.reverse();
}
