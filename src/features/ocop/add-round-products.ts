/** Putting products submitted for evaluation before a round's council, each with the sheet of its set. */
import { inArray } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { ocopProducts, ocopRoundProducts } from '../../db/schema';
import { ROUND_LIFECYCLE } from '../../domain/lifecycles/ocop-round';
import { AppError, ruleViolation } from '../../lib/errors';
import { takeStep } from '../../lib/lifecycle';
import type { RuleCode } from '../../lib/messages';
import { unitInScope } from '../access/authorize';
import { write } from '../access/write-path';
import { notify } from '../notifications/notify';
import { manageRound } from './round-access';
import { sheetFor } from './sheets';

export async function addRoundProducts(deps: Deps, actor: Actor, meta: RequestMeta, roundId: number, productIds: number[]) {
  return write(
    { deps, actor, meta },
    {
      ...manageRound(roundId),
      apply: async (tx, { round, members }) => {
        takeStep(ROUND_LIFECYCLE, 'add_products', round.status);
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
