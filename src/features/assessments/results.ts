import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { assessmentResults, assessments, assessmentValues, criteriaSets } from '../../db/schema';
import { CompiledSetCache, MISSING, NOT_APPLICABLE, evaluate, type Evaluation } from '../../domain/criteria/engine';
import {
  evaluateLevels,
  evaluateValues,
  levelAttainment,
  type LevelResults,
  type TargetLevel,
} from '../../domain/criteria/levels';
import type { CriteriaSetDoc, IndicatorValue } from '../../domain/criteria/schema';

/** Published sets never change, so their compiled form is shared by every request. */
export const compiledSets = new CompiledSetCache();

export type AssessmentSets = { base: CriteriaSetDoc; advanced: CriteriaSetDoc | null; model: CriteriaSetDoc | null };
export type { TargetLevel };

/** The set whose indicators the unit fills in: the highest level it is assessed on. */
export function targetDoc(sets: AssessmentSets, target: TargetLevel): CriteriaSetDoc {
  if (target === 'model' && sets.model) return sets.model;
  if ((target === 'model' || target === 'advanced') && sets.advanced) return sets.advanced;
  return sets.base;
}

export type AssessmentEvaluation = {
  base: Evaluation;
  advanced: Evaluation | null;
  model: Evaluation | null;
  target: Evaluation;
};

export function evaluateAssessment(
  sets: AssessmentSets,
  target: TargetLevel,
  classCode: string,
  year: number,
  values: Record<string, IndicatorValue | undefined>,
): AssessmentEvaluation {
  const base = evaluate(compiledSets.get(sets.base, classCode, year), values);
  const wantAdvanced = target !== 'ntm' && sets.advanced;
  const advanced = wantAdvanced ? evaluate(compiledSets.get(sets.advanced!, classCode, year), values) : null;
  const model = target === 'model' && sets.model ? evaluate(compiledSets.get(sets.model, classCode, year), values) : null;
  return { base, advanced, model, target: model ?? advanced ?? base };
}

export type CompactAssessment = LevelResults;

/** Counts and statuses only, without reasons or shortfalls: what is stored and counted. */
export function evaluateAssessmentCompact(
  sets: AssessmentSets,
  target: TargetLevel,
  classCode: string,
  year: number,
  values: Record<string, IndicatorValue | undefined>,
): CompactAssessment {
  const compiled = (doc: CriteriaSetDoc | null) => (doc ? compiledSets.get(doc, classCode, year) : null);
  return evaluateLevels(
    { base: compiled(sets.base)!, advanced: compiled(sets.advanced), model: compiled(sets.model) },
    target,
    evaluateValues(values),
  );
}

/** The stored row: base counts and per-criterion counts, statuses of the target set, level attainment. */
export function resultRow(assessmentId: number, e: CompactAssessment, now: Date): typeof assessmentResults.$inferInsert {
  const { base, target } = e;
  const levels = levelAttainment(e);
  return {
    assessmentId,
    criteriaMet: base.criteriaMet,
    criteriaTotal: base.criteriaTotal,
    indicatorsMet: base.indicatorsMet,
    indicatorsTotal: base.indicatorsTotal,
    indicatorsMissing: base.indicatorsMissing,
    standardMet: levels.standard,
    advancedMet: levels.advanced,
    modelMet: levels.model,
    criteria: base.set.criterionNumbers.map((number, ci) => {
      const notApplicable = base.criterionCount(ci, NOT_APPLICABLE);
      return {
        number,
        met: base.criterionMet(ci),
        indicatorsMet: base.criterionIndicatorsMet(ci),
        indicatorsTotal: base.criterionIndicatorsTotal(ci),
        missing: base.criterionCount(ci, MISSING),
        ...(notApplicable ? { notApplicable, excluded: base.criterionExcluded(ci) } : {}),
      };
    }),
    indicatorStatus: Object.fromEntries(target.set.codes.map((code, i) => [code, target.statusAt(i)])),
    computedAt: now,
  };
}

export async function loadSetDocs(db: Db, ids: (number | null)[]): Promise<Map<number, CriteriaSetDoc>> {
  const wanted = [...new Set(ids.filter((x): x is number => x !== null))];
  if (!wanted.length) return new Map();
  const rows = await db
    .select({ id: criteriaSets.id, document: criteriaSets.document })
    .from(criteriaSets)
    .where(inArray(criteriaSets.id, wanted));
  return new Map(rows.map((r) => [r.id, r.document]));
}

export async function valuesOf(db: Db, assessmentId: number): Promise<Record<string, IndicatorValue | undefined>> {
  const rows = await db
    .select({ code: assessmentValues.indicatorCode, value: assessmentValues.value })
    .from(assessmentValues)
    .where(eq(assessmentValues.assessmentId, assessmentId));
  return Object.fromEntries(rows.filter((r) => r.value !== null).map((r) => [r.code, r.value as IndicatorValue]));
}

type AssessmentRow = typeof assessments.$inferSelect;

/** Evaluates a stored assessment from its stored values. */
async function evaluateStored(db: Db, a: AssessmentRow): Promise<CompactAssessment> {
  const docs = await loadSetDocs(db, [a.setId, a.advancedSetId, a.modelSetId]);
  const sets: AssessmentSets = {
    base: docs.get(a.setId)!,
    advanced: a.advancedSetId ? (docs.get(a.advancedSetId) ?? null) : null,
    model: a.modelSetId ? (docs.get(a.modelSetId) ?? null) : null,
  };
  return evaluateAssessmentCompact(sets, a.targetLevel, a.classCode, Number(a.period.slice(0, 4)), await valuesOf(db, a.id));
}

/** Re-evaluates one assessment and stores its result row, inside the caller's transaction. */
export async function refreshResults(tx: Db, assessmentId: number, now: Date): Promise<CompactAssessment> {
  const [a] = await tx.select().from(assessments).where(eq(assessments.id, assessmentId));
  if (!a) throw new Error(`assessment ${assessmentId} not found`);
  const e = await evaluateStored(tx, a);
  const row = resultRow(assessmentId, e, now);
  await tx.insert(assessmentResults).values(row).onConflictDoUpdate({ target: assessmentResults.assessmentId, set: row });
  return e;
}

/** Recomputes every result from the values, without storing (to prove the maintained rows are right). */
export async function recomputeAllResults(db: Db, now: Date) {
  const out = new Map<number, typeof assessmentResults.$inferInsert>();
  for (const a of await db.select().from(assessments)) out.set(a.id, resultRow(a.id, await evaluateStored(db, a), now));
  return out;
}
