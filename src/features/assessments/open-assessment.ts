import { and, desc, eq, lt } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { assessments, assessmentValues, units } from '../../db/schema';
import { AppError, ruleViolation } from '../../lib/errors';
import { todayVn } from '../../shared/vi';
import { authorize } from '../access/authorize';
import { write } from '../access/write-path';
import { applicableSets, classificationOf } from '../criteria/queries';
import { refreshResults, type TargetLevel } from './results';

export const periodStart = (month: string) => `${month}-01`;

/**
 * Opens the count-and-check of a unit for a month under the set in force then, with the unit's
 * region or commune group at that date. The previous month's values are carried over as the
 * starting point (the diff then shows what changed).
 */
export async function openAssessment(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  input: { unitId: number; month: string; targetLevel?: TargetLevel | undefined },
) {
  const period = periodStart(input.month);
  // A month is counted once it has begun, never ahead of time.
  if (input.month > todayVn(meta.now).slice(0, 7)) throw ruleViolation('assessment_future_month');
  const [unit] = await deps.db.select().from(units).where(eq(units.id, input.unitId));
  if (!unit) throw new AppError('NOT_FOUND');
  await authorize(deps.db, actor, 'assessment.enter', unit.id);
  const lastDay = new Date(Date.UTC(Number(input.month.slice(0, 4)), Number(input.month.slice(5, 7)), 0))
    .toISOString()
    .slice(0, 10);
  if (unit.effectiveFrom > lastDay || (unit.effectiveTo && unit.effectiveTo <= period))
    throw ruleViolation('unit_not_active_in_period', { period });
  const sets = await applicableSets(deps.db, unit.id, period);
  if (!sets) throw ruleViolation('no_criteria_set_for_unit', { unitType: unit.type, period });
  const cls = await classificationOf(deps.db, unit.id, sets.base.dimension, period);
  if (!cls) throw ruleViolation('unit_not_classified', { dimension: sets.base.dimension });

  return write(
    { deps, actor, meta },
    {
      can: 'assessment.enter',
      load: async () => unit,
      units: (u) => u.id,
      // One month per unit: the unit's row serialises two openings of the same month.
      lock: async (tx, u) => {
        await tx.select({ id: units.id }).from(units).where(eq(units.id, u.id)).for('update');
        return u;
      },
      apply: async (tx) => {
        const [existing] = await tx
          .select()
          .from(assessments)
          .where(and(eq(assessments.unitId, unit.id), eq(assessments.period, period)));
        if (existing) throw new AppError('CONFLICT', { assessmentId: existing.id });
        const [previous] = await tx
          .select()
          .from(assessments)
          .where(and(eq(assessments.unitId, unit.id), lt(assessments.period, period)))
          .orderBy(desc(assessments.period))
          .limit(1);
        const targetLevel = input.targetLevel ?? previous?.targetLevel ?? 'ntm';
        const [row] = await tx
          .insert(assessments)
          .values({
            unitId: unit.id,
            setId: sets.base.id,
            advancedSetId: sets.advanced?.id ?? null,
            modelSetId: sets.model?.id ?? null,
            period,
            classCode: cls.value,
            targetLevel,
            status: 'draft',
            createdAt: meta.now,
            createdBy: actor.userId,
            updatedAt: meta.now,
          })
          .returning();
        let carried = 0;
        if (previous && previous.setId === sets.base.id) {
          const prevValues = await tx.select().from(assessmentValues).where(eq(assessmentValues.assessmentId, previous.id));
          if (prevValues.length) {
            await tx.insert(assessmentValues).values(
              prevValues.map((v) => ({
                assessmentId: row!.id,
                indicatorCode: v.indicatorCode,
                value: v.value,
                note: v.note,
                version: 1,
                updatedAt: meta.now,
                updatedBy: v.updatedBy,
              })),
            );
            carried = prevValues.length;
          }
        }
        await refreshResults(tx, row!.id, meta.now);
        return {
          result: row!,
          audit: {
            action: 'assessment.open',
            entityType: 'assessment',
            entityId: row!.id,
            unitId: unit.id,
            after: { period, setId: sets.base.id, classCode: cls.value, targetLevel, carriedFrom: previous?.id ?? null, carried },
          },
        };
      },
    },
  );
}
