/**
 * OCOP to-dos, read from the cycle's transition table (`waitsOn`): the office reviews ideas and
 * plans, puts products under evaluation before a council, decides, closes rounds and records
 * certificates; a round's members score; a producer takes its own next step with its documents.
 */
import { and, asc, eq, inArray, notExists, or, sql } from 'drizzle-orm';
import {
  ocopCertificates,
  ocopMemberScores,
  ocopProducts,
  ocopRoundMembers,
  ocopRoundProducts,
  ocopRounds,
  units,
} from '../../db/schema';
import { OCOP_STAGES, type OcopStage } from '../../db/schema/ocop';
import { producerNextStep, waitsOn } from '../../domain/ocop/cycle';
import { ownProducerId } from '../ocop/access';
import { TODO_LIMIT, type TodoKind } from './schemas';
import { activeUnit, group, item, part, rootsOf, totalRows, under, type Part, type TodoContext } from './scope';

/** The office's review steps, one kind each: the stages where only the office moves a product on. */
export const OFFICE_REVIEW: Partial<Record<OcopStage, TodoKind>> = {
  idea_registered: 'ocop_idea_review',
  plan_submitted: 'ocop_plan_review',
};

/** Products still before a council in an open round (not yet decided there). */
const inOpenRound = (db: TodoContext['db']) =>
  db
    .select({ one: sql`1` })
    .from(ocopRoundProducts)
    .innerJoin(ocopRounds, eq(ocopRounds.id, ocopRoundProducts.roundId))
    .where(
      and(
        eq(ocopRoundProducts.productId, ocopProducts.id),
        eq(ocopRounds.status, 'open'),
        sql`${ocopRoundProducts.status} <> 'decided'`,
      ),
    );

/** Members' sheets on a round's product, counting only the round's members. */
const sheetsIn = sql`(select count(*) from ${ocopMemberScores}
  join ${ocopRoundMembers} on ${ocopRoundMembers.roundId} = ${ocopMemberScores.roundId}
    and ${ocopRoundMembers.userId} = ${ocopMemberScores.userId}
  where ${ocopMemberScores.roundId} = ${ocopRoundProducts.roundId}
    and ${ocopMemberScores.productId} = ${ocopRoundProducts.productId})`;

/** Per round: products ready for the decision (quorum of sheets), decided, recognised without a certificate. */
const roundCounts = {
  products: sql<number>`count(${ocopRoundProducts.productId})::int`,
  ready: sql<number>`(count(*) filter (where ${ocopRoundProducts.status} = 'scoring' and ${sheetsIn} >= ${ocopRounds.quorum}))::int`,
  decided: sql<number>`(count(*) filter (where ${ocopRoundProducts.status} = 'decided'))::int`,
  uncertified: sql<number>`(count(*) filter (where ${ocopRoundProducts.status} = 'decided' and ${ocopRoundProducts.recognised}
    and not exists (select 1 from ${ocopCertificates} where ${ocopCertificates.productId} = ${ocopRoundProducts.productId}
      and ${ocopCertificates.roundId} = ${ocopRoundProducts.roundId} and ${ocopCertificates.revokedAt} is null)))::int`,
};

export async function ocopOfficeWork(ctx: TodoContext) {
  const roots = rootsOf(ctx.actor, ['coordination_office']);
  if (!roots.length) return null;
  const { db, today } = ctx;
  const reviewStages = OCOP_STAGES.filter((s) => OFFICE_REVIEW[s]);
  const products = await db
    .select({
      id: ocopProducts.id,
      name: ocopProducts.name,
      stage: ocopProducts.stage,
      unitId: units.id,
      unitName: units.name,
      total: totalRows,
    })
    .from(ocopProducts)
    .innerJoin(units, eq(units.id, ocopProducts.unitId))
    .where(
      and(
        under(db, roots, ocopProducts.unitId),
        activeUnit(today),
        or(inArray(ocopProducts.stage, reviewStages), and(eq(ocopProducts.stage, 'evaluation'), notExists(inOpenRound(db)))),
      ),
    )
    .orderBy(asc(ocopProducts.updatedAt), asc(ocopProducts.id))
    .limit(TODO_LIMIT);
  const reviews = part(
    products,
    products.map((p) =>
      item(
        OFFICE_REVIEW[p.stage] ?? 'ocop_awaiting_round',
        OFFICE_REVIEW[p.stage] ? `/ocop/san-pham/${p.id}` : '/ocop/hoi-dong',
        {
          unitId: p.unitId,
          unitName: p.unitName,
          name: p.name,
        },
      ),
    ),
  );
  const rounds = await db
    .select({ id: ocopRounds.id, name: ocopRounds.name, status: ocopRounds.status, ...roundCounts })
    .from(ocopRounds)
    .innerJoin(units, eq(units.id, ocopRounds.unitId))
    .leftJoin(ocopRoundProducts, eq(ocopRoundProducts.roundId, ocopRounds.id))
    .where(and(under(db, roots, ocopRounds.unitId), activeUnit(today)))
    .groupBy(ocopRounds.id)
    .having(sql`${ocopRounds.status} = 'open' or ${roundCounts.uncertified} > 0`)
    .orderBy(asc(ocopRounds.id));
  const steps = rounds.flatMap((r) => {
    const link = `/ocop/hoi-dong/${r.id}`;
    return [
      ...(r.ready ? [item('ocop_round_decide', link, { name: r.name, count: r.ready })] : []),
      ...(r.status === 'open' && r.products > 0 && r.decided === r.products
        ? [item('ocop_round_close', link, { name: r.name })]
        : []),
      ...(r.uncertified ? [item('ocop_certificate', link, { name: r.name, count: r.uncertified })] : []),
    ];
  });
  const roundPart: Part = { total: steps.length, items: steps.slice(0, TODO_LIMIT) };
  return group('ocop_office', [reviews, roundPart]);
}

/**
 * Members of open rounds: products without their sheet (or asked to rescore since it); the chair:
 * products with a quorum of sheets, ready for the decision.
 */
export async function ocopScoringWork({ db, actor, today }: TodoContext) {
  // A chair who is also the round's office finds the decision among the office's steps, not twice.
  const office = rootsOf(actor, ['coordination_office']);
  const mySheet = sql`exists (select 1 from ${ocopMemberScores}
    where ${ocopMemberScores.roundId} = ${ocopRoundProducts.roundId} and ${ocopMemberScores.productId} = ${ocopRoundProducts.productId}
      and ${ocopMemberScores.userId} = ${actor.userId}
      and (${ocopRoundProducts.rescoreAskedAt} is null or ${ocopMemberScores.submittedAt} > ${ocopRoundProducts.rescoreAskedAt}))`;
  const rounds = await db
    .select({
      id: ocopRounds.id,
      name: ocopRounds.name,
      role: ocopRoundMembers.role,
      toScore: sql<number>`(count(*) filter (where ${ocopRoundProducts.status} <> 'decided' and not ${mySheet}))::int`,
      ready: roundCounts.ready,
      office: sql<boolean>`${under(db, office, ocopRounds.unitId)}`,
    })
    .from(ocopRoundMembers)
    .innerJoin(ocopRounds, eq(ocopRounds.id, ocopRoundMembers.roundId))
    .innerJoin(units, eq(units.id, ocopRounds.unitId))
    .innerJoin(ocopRoundProducts, eq(ocopRoundProducts.roundId, ocopRounds.id))
    .where(and(eq(ocopRoundMembers.userId, actor.userId), eq(ocopRounds.status, 'open'), activeUnit(today)))
    .groupBy(ocopRounds.id, ocopRoundMembers.role)
    .orderBy(asc(ocopRounds.id));
  const items = rounds.flatMap((r) => {
    const link = `/ocop/hoi-dong/${r.id}`;
    return [
      ...(r.toScore ? [item('ocop_score', link, { name: r.name, count: r.toScore })] : []),
      ...(r.role === 'chair' && r.ready && !r.office ? [item('ocop_round_decide', link, { name: r.name, count: r.ready })] : []),
    ];
  });
  return group('ocop_scoring', [{ total: items.length, items }]);
}

/** A producer account: its own products whose next step is the producer's, with the documents it needs. */
export async function ocopProducerWork({ db, actor, today }: TodoContext) {
  const producerId = await ownProducerId(db, actor);
  if (producerId === null) return null;
  const stages = OCOP_STAGES.filter((s) => waitsOn(s) === 'producer');
  const rows = await db
    .select({
      id: ocopProducts.id,
      name: ocopProducts.name,
      stage: ocopProducts.stage,
      unitId: units.id,
      unitName: units.name,
      total: totalRows,
    })
    .from(ocopProducts)
    .innerJoin(units, eq(units.id, ocopProducts.unitId))
    .where(and(eq(ocopProducts.producerId, producerId), inArray(ocopProducts.stage, stages), activeUnit(today)))
    .orderBy(asc(ocopProducts.name))
    .limit(TODO_LIMIT);
  return group('ocop_producer', [
    part(
      rows,
      rows.map((p) => {
        const step = producerNextStep(p.stage)!;
        return item('ocop_producer_step', `/ocop/san-pham/${p.id}`, {
          unitId: p.unitId,
          unitName: p.unitName,
          name: p.name,
          step: step.action,
          count: step.documents.length,
        });
      }),
    ),
  ]);
}
