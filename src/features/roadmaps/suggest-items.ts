import { and, desc, eq, ne } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { assessmentResults, assessments, criteriaSets, roadmapItems, type CostClass } from '../../db/schema';
import { ruleViolation } from '../../lib/errors';
import { todayVn } from '../../shared/vi';
import { authorize } from '../access/authorize';
import { write } from '../access/write-path';
import { loadSetDocs, targetDoc } from '../assessments/results';
import { addMonths } from './dates';

const INFRASTRUCTURE = /hạ tầng|giao thông|thủy lợi|điện|trường|cơ sở vật chất|nhà ở|thương mại|môi trường/i;

/**
 * Turns a unit's gap list (its latest verified month, else its latest month) into suggested roadmap
 * items, one per unmet or missing indicator without an open item. The office then confirms each:
 * lead agency, target month, cost. No-cost items are suggested first and soonest ("dễ trước khó sau").
 */
export async function suggestItems(deps: Deps, actor: Actor, meta: RequestMeta, unitId: number) {
  await authorize(deps.db, actor, 'roadmap.manage', unitId);
  const [latest] = await deps.db
    .select({ a: assessments, r: assessmentResults })
    .from(assessments)
    .innerJoin(assessmentResults, eq(assessmentResults.assessmentId, assessments.id))
    .where(eq(assessments.unitId, unitId))
    .orderBy(desc(eq(assessments.status, 'verified')), desc(assessments.period))
    .limit(1);
  if (!latest) throw ruleViolation('no_assessment_for_unit');
  const docs = await loadSetDocs(deps.db, [latest.a.setId, latest.a.advancedSetId, latest.a.modelSetId]);
  const doc = targetDoc(
    {
      base: docs.get(latest.a.setId)!,
      advanced: latest.a.advancedSetId ? (docs.get(latest.a.advancedSetId) ?? null) : null,
      model: latest.a.modelSetId ? (docs.get(latest.a.modelSetId) ?? null) : null,
    },
    latest.a.targetLevel,
  );
  const [baseSet] = await deps.db
    .select({ code: criteriaSets.code })
    .from(criteriaSets)
    .where(eq(criteriaSets.id, latest.a.setId));
  const open = new Set(
    (
      await deps.db
        .select({ code: roadmapItems.indicatorCode })
        .from(roadmapItems)
        .where(and(eq(roadmapItems.unitId, unitId), eq(roadmapItems.setCode, baseSet!.code), ne(roadmapItems.status, 'done')))
    ).map((r) => r.code),
  );
  const thisMonth = `${todayVn(meta.now).slice(0, 7)}-01`;
  const rows = doc.criteria.flatMap((c) =>
    c.indicators
      .filter((i) => {
        const status = latest.r.indicatorStatus[i.code];
        // Met and "not applicable" indicators need no work.
        return status !== 'met' && status !== 'not_applicable' && !open.has(i.code);
      })
      .map((i) => {
        const cost: CostClass = INFRASTRUCTURE.test(c.name_vi) && i.type !== 'boolean' ? 'budget' : 'none';
        return {
          unitId,
          setCode: baseSet!.code,
          indicatorCode: i.code,
          criterionNumber: c.number,
          title: i.text_vi.slice(0, 500),
          costClass: cost,
          targetMonth: addMonths(thisMonth, cost === 'none' ? 3 : 9),
          priority: cost === 'none' ? 1 : 2,
          note: latest.r.indicatorStatus[i.code] === 'missing' ? 'Chưa có số liệu — cần kiểm đếm' : null,
          createdAt: meta.now,
          createdBy: actor.userId,
          updatedAt: meta.now,
        };
      }),
  );
  return write(
    { deps, actor, meta },
    {
      can: 'roadmap.manage',
      load: async () => rows,
      units: () => unitId,
      apply: async (tx) => {
        // One open item per (unit, set, indicator) is a unique index: a second suggestion adds nothing.
        const created = rows.length ? await tx.insert(roadmapItems).values(rows).onConflictDoNothing().returning() : [];
        return {
          result: created,
          audit: {
            action: 'roadmap_item.suggest',
            entityType: 'roadmap_item',
            unitId,
            after: { fromAssessment: latest.a.id, created: created.map((c) => ({ id: c.id, indicator: c.indicatorCode })) },
          },
        };
      },
    },
  );
}
