/**
 * Evaluation rounds: a council (chair, members, quorum) scores each product on the set's sheet;
 * the product's score is the members' mean; a spread above the limit sends it back for rescoring;
 * the star follows the bands and the mandatory criteria; the office then records the certificate.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import type { Db } from '../../db/client';
import {
  ocopCertificates,
  ocopMemberScores,
  ocopProducers,
  ocopProducts,
  ocopRoundMembers,
  ocopRoundProducts,
  ocopRounds,
  ocopSheets,
  roleGrants,
  unitScope,
  units,
  users,
} from '../../db/schema';
import { SYSTEM_TRANSITIONS } from '../../domain/ocop/cycle';
import { aggregate, outcomeAt, scoreSheet, starCap, thresholdsOf, type Answers } from '../../domain/ocop/scoring';
import { AppError, ruleViolation } from '../../lib/errors';
import type { RuleCode } from '../../lib/messages';
import { todayVn } from '../../shared/vi';
import { ROLE_ACTIONS } from '../../shared/roles';
import { authorize, grantUnitsFor, unitInScope } from '../access/authorize';
import { checkedByLoad, write } from '../access/write-path';
import { phrase } from '../notifications/catalogue';
import { notify, supervisingOffice } from '../notifications/notify';
import { latestCertificates, officeOver, validTo } from './certificates';
import { producerSide } from './cycle-notices';
import { moveProduct } from './products';
import { regimeOn, sheetFor } from './sheets';
import { certificateView, roundProductView, roundView } from './views';

type RoundRow = typeof ocopRounds.$inferSelect;

export type RoundInput = {
  unitId: number;
  level: 'district' | 'province' | 'central';
  name: string;
  year: number;
  quorum: number;
  spreadLimit?: number | undefined;
  members: { userId: number; role: 'chair' | 'member' }[];
};

const SCORING_ROLES = (Object.keys(ROLE_ACTIONS) as (keyof typeof ROLE_ACTIONS)[]).filter((r) =>
  ROLE_ACTIONS[r].includes('ocop.score'),
);

export async function createRound(deps: Deps, actor: Actor, meta: RequestMeta, input: RoundInput) {
  const chairs = input.members.filter((m) => m.role === 'chair');
  if (chairs.length !== 1) throw ruleViolation('ocop_one_chair', { chairs: chairs.length });
  const memberIds = [...new Set(input.members.map((m) => m.userId))];
  if (memberIds.length !== input.members.length)
    throw new AppError('VALIDATION_FAILED', { field: 'members', reason: 'duplicate' });
  if (input.quorum < 1 || input.quorum > memberIds.length)
    throw ruleViolation('ocop_quorum', { quorum: input.quorum, members: memberIds.length });
  const regime = regimeOn(todayVn(meta.now));
  if (input.level === 'district' && regime !== 'QD148_2023') throw ruleViolation('ocop_no_district_level', { regime });
  return write(
    { deps, actor, meta },
    {
      can: 'ocop.manage',
      load: async () => input,
      units: (i) => i.unitId,
      apply: async (tx) => {
        // every member must be able to score in the round's unit
        const eligible = await tx
          .selectDistinct({ id: roleGrants.userId })
          .from(roleGrants)
          .innerJoin(unitScope, and(eq(unitScope.ancestorId, roleGrants.unitId), eq(unitScope.descendantId, input.unitId)))
          .innerJoin(users, eq(users.id, roleGrants.userId))
          .where(
            and(
              inArray(roleGrants.userId, memberIds),
              inArray(roleGrants.role, SCORING_ROLES),
              isNull(roleGrants.revokedAt),
              eq(users.active, true),
            ),
          );
        const ok = new Set(eligible.map((r) => r.id));
        const refused = memberIds.filter((id) => !ok.has(id));
        if (refused.length) throw ruleViolation('ocop_member_not_eligible', { userIds: refused });
        const [row] = await tx
          .insert(ocopRounds)
          .values({
            unitId: input.unitId,
            level: input.level,
            regime,
            name: input.name,
            year: input.year,
            quorum: input.quorum,
            spreadLimit: input.spreadLimit ?? 10,
            createdAt: meta.now,
            createdBy: actor.userId,
          })
          .returning();
        await tx.insert(ocopRoundMembers).values(input.members.map((m) => ({ roundId: row!.id, ...m })));
        return {
          result: row!,
          audit: {
            action: 'ocop_round.create',
            entityType: 'ocop_round',
            entityId: row!.id,
            unitId: row!.unitId,
            after: { ...row!, createdAt: undefined, members: input.members },
          },
        };
      },
    },
  );
}

async function loadRound(db: Db, id: number, lock = false) {
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
async function roundFor(db: Db, actor: Actor, id: number, lock = false) {
  const r = await loadRound(db, id, lock);
  const me = r.members.find((m) => m.userId === actor.userId) ?? null;
  if (!me) await authorize(db, actor, 'ocop.read', r.round.unitId);
  const manage = grantUnitsFor(actor, 'ocop.manage');
  const isOffice = manage.length > 0 && (await unitInScope(db, manage, r.round.unitId));
  return { ...r, me, isOffice };
}

/** The office's write path over a round: the round row locked first. */
const manageRound = (roundId: number) => ({
  can: 'ocop.manage' as const,
  load: (db: Db) => loadRound(db, roundId),
  units: (r: { round: RoundRow }) => r.round.unitId,
  lock: (tx: Db) => loadRound(tx, roundId, true),
});

/**
 * A member's (or the chair's) write path on one product of a round: the round and the product's
 * row in it locked, membership decided again on the locked rows.
 */
const inRound = (actor: Actor, roundId: number, productId: number, need: 'member' | 'chair') => {
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

type DecideResult =
  | { status: 'rescore'; spread: number; meanX100: number }
  | ({ status: 'decided'; meanX100: number; spread: number; cap: number | null } & ReturnType<typeof outcomeAt>);

function requireOpen(round: RoundRow) {
  if (round.status !== 'open') throw ruleViolation('ocop_round_closed');
}

export async function addRoundProducts(deps: Deps, actor: Actor, meta: RequestMeta, roundId: number, productIds: number[]) {
  return write(
    { deps, actor, meta },
    {
      ...manageRound(roundId),
      apply: async (tx, { round, members }) => {
        requireOpen(round);
        const products = await tx.select().from(ocopProducts).where(inArray(ocopProducts.id, productIds));
        if (products.length !== new Set(productIds).size) throw new AppError('NOT_FOUND', { entity: 'ocop_product' });
        const problems: ({ rule: RuleCode } & Record<string, unknown>)[] = [];
        const rows: (typeof ocopRoundProducts.$inferInsert)[] = [];
        for (const p of products) {
          if (!(await unitInScope(tx, [round.unitId], p.unitId))) {
            problems.push({ productId: p.id, rule: 'ocop_product_outside_round' });
            continue;
          }
          if (p.stage !== 'evaluation') {
            problems.push({ productId: p.id, rule: 'ocop_not_submitted_for_evaluation', stage: p.stage });
            continue;
          }
          const sheet = await sheetFor(tx, p.setNo, round.regime);
          if (!sheet) {
            problems.push({ productId: p.id, rule: 'ocop_no_scoring_sheet', setNo: p.setNo, regime: round.regime });
            continue;
          }
          if (!(sheet.document.recognition[round.level] ?? []).length && round.level !== 'central') {
            problems.push({ productId: p.id, rule: 'ocop_level_not_in_regime', level: round.level });
            continue;
          }
          rows.push({ roundId, productId: p.id, sheetId: sheet.id });
        }
        if (problems.length) throw ruleViolation(problems[0]!.rule, { products: problems });
        const added = await tx.insert(ocopRoundProducts).values(rows).onConflictDoNothing().returning();
        if (added.length) {
          const ids = added.map((a) => a.productId).sort((a, b) => a - b);
          const names = products.filter((p) => ids.includes(p.id)).map((p) => p.name);
          await notify(
            tx,
            {
              userIds: members.map((m) => m.userId),
              kind: 'ocop.round_products',
              params: { round: round.name, count: added.length, products: names.join(', ') },
              link: `/ocop/hoi-dong/${roundId}`,
              dedupeKey: `ocop.round_products:${roundId}:${ids.join('-')}`,
            },
            meta.now,
            deps.config.publicUrl,
          );
        }
        return {
          result: added,
          audit: {
            action: 'ocop_round.add_products',
            entityType: 'ocop_round',
            entityId: roundId,
            unitId: round.unitId,
            after: { added: added.map((a) => a.productId) },
          },
        };
      },
    },
  );
}

async function roundProduct(db: Db, roundId: number, productId: number, lock = false) {
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
  return row;
}

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
      apply: async (tx, { round, members, rp, sheet }) => {
        requireOpen(round);
        if (rp.status === 'decided') throw ruleViolation('ocop_result_decided');
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
        if (rp.status === 'rescore')
          await tx
            .update(ocopRoundProducts)
            .set({ status: 'scoring' })
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
      apply: async (tx, { round, members, rp, sheet }) => {
        requireOpen(round);
        if (rp.status === 'decided') throw ruleViolation('ocop_result_decided');
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
        // Asked once: the council decides again only after a member has scored again (back to 'scoring').
        if (rp.status === 'rescore') throw ruleViolation('ocop_rescore_pending');
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

export async function closeRound(deps: Deps, actor: Actor, meta: RequestMeta, roundId: number) {
  return write(
    { deps, actor, meta },
    {
      ...manageRound(roundId),
      apply: async (tx, { round }) => {
        requireOpen(round);
        const open = await tx
          .select({ id: ocopRoundProducts.productId })
          .from(ocopRoundProducts)
          .where(and(eq(ocopRoundProducts.roundId, roundId), inArray(ocopRoundProducts.status, ['scoring', 'rescore'])));
        if (open.length) throw ruleViolation('ocop_round_has_open_products', { productIds: open.map((o) => o.id) });
        await tx.update(ocopRounds).set({ status: 'closed' }).where(eq(ocopRounds.id, roundId));
        return {
          result: { ok: true },
          audit: { action: 'ocop_round.close', entityType: 'ocop_round', entityId: roundId, unitId: round.unitId },
        };
      },
    },
  );
}

/**
 * The round as its reader sees it: members, products with their sheets and progress. A member sees
 * their own answers; the chair and the office see every member's total (to lead the discussion).
 */
export async function roundDetail(deps: Deps, actor: Actor, roundId: number) {
  const { round, members, me, isOffice } = await roundFor(deps.db, actor, roundId);
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
  const certs = await deps.db
    .select()
    .from(ocopCertificates)
    .where(and(eq(ocopCertificates.roundId, roundId), isNull(ocopCertificates.revokedAt)));
  const seeAll = isOffice || me?.role === 'chair';
  const names = new Map(members.map((m) => [m.userId, m.fullName]));
  const certOf = (productId: number) => {
    const c = certs.find((x) => x.productId === productId);
    return c ? certificateView(c) : null;
  };
  return {
    round: roundView(round),
    members,
    me,
    canManage: isOffice,
    canDecide: isOffice || me?.role === 'chair',
    products: rps.map(({ rp, p, producerName, sheet, unitName }) => {
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
