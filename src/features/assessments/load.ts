import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { assessments } from '../../db/schema';
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
  const doc = targetDoc(await setsOf(db, a), a.targetLevel);
  return new Map(doc.criteria.flatMap((c) => c.indicators).map((i) => [i.code, i]));
}

/** Values may change only while the commune is working on the month. */
export function assertEditable(a: AssessmentRow) {
  if (a.status === 'verified') throw ruleViolation('assessment_locked');
  if (a.status === 'submitted') throw ruleViolation('assessment_submitted');
}
