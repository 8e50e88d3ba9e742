import { ASSESSMENT_LIFECYCLE } from '../../domain/lifecycles/assessment';
import { isEditable } from '../../domain/lifecycles/machine';
import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { assessments, assessmentValues } from '../../db/schema';
import type { IndicatorValue } from '../../domain/criteria/schema';
import { AppError, ruleViolation } from '../../lib/errors';
import { loadSetDocs, targetDoc, type AssessmentSets } from './results';

export type AssessmentRow = typeof assessments.$inferSelect;

export async function getAssessmentRow(db: Db, id: number, forUpdate = false): Promise<AssessmentRow> {
  const q = db.select().from(assessments).where(eq(assessments.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function setsOf(db: Db, a: AssessmentRow): Promise<AssessmentSets> {
  const docs = await loadSetDocs(db, [a.setId, a.advancedSetId, a.modelSetId]);
  return {
    base: docs.get(a.setId)!,
    advanced: a.advancedSetId ? (docs.get(a.advancedSetId) ?? null) : null,
    model: a.modelSetId ? (docs.get(a.modelSetId) ?? null) : null,
  };
}

export async function indicatorsOf(db: Db, a: AssessmentRow) {
  return (await targetSetOf(db, a)).indicators;
}

/** The set the month is assessed against, with its indicators by code. */
export async function targetSetOf(db: Db, a: AssessmentRow) {
  const doc = targetDoc(await setsOf(db, a), a.targetLevel);
  return { doc, indicators: new Map(doc.criteria.flatMap((c) => c.indicators).map((i) => [i.code, i])) };
}

/** The values of the unit's last verified month before this one (code → value), for plausibility. */
export async function lastVerifiedValues(db: Db, a: AssessmentRow, codes: string[]) {
  if (!codes.length) return new Map<string, IndicatorValue>();
  const [prev] = await db
    .select({ id: assessments.id })
    .from(assessments)
    .where(and(eq(assessments.unitId, a.unitId), eq(assessments.status, 'verified'), lt(assessments.period, a.period)))
    .orderBy(desc(assessments.period))
    .limit(1);
  if (!prev) return new Map<string, IndicatorValue>();
  const rows = await db
    .select({ code: assessmentValues.indicatorCode, value: assessmentValues.value })
    .from(assessmentValues)
    .where(and(eq(assessmentValues.assessmentId, prev.id), inArray(assessmentValues.indicatorCode, codes)));
  return new Map(rows.filter((r) => r.value !== null).map((r) => [r.code, r.value as IndicatorValue]));
}

/** Values may change only while the commune is working on the month. */
export function assertEditable(a: AssessmentRow) {
  if (isEditable(ASSESSMENT_LIFECYCLE, a.status)) return;
  throw ruleViolation(a.status === 'verified' ? 'assessment_locked' : 'assessment_submitted');
}
