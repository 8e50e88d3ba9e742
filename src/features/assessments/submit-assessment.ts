import { and, eq } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { assessments } from '../../db/schema';
import { ruleViolation, versionConflict } from '../../lib/errors';
import { authorize } from '../access/authorize';
import { writeAudit } from '../audit/write-audit';
import { getAssessmentRow } from './load';

/** The commune hands the month to the coordination office for verification. */
export async function submitAssessment(deps: Deps, actor: Actor, meta: RequestMeta, id: number, version: number) {
  const a = await getAssessmentRow(deps.db, id);
  await authorize(deps.db, actor, 'assessment.enter', a.unitId);
  if (a.status !== 'draft' && a.status !== 'returned') throw ruleViolation('cannot_submit_from', { status: a.status });
  return deps.db.transaction(async (tx) => {
    const [after] = await tx
      .update(assessments)
      .set({ status: 'submitted', submittedAt: meta.now, submittedBy: actor.userId, updatedAt: meta.now, version: version + 1 })
      .where(and(eq(assessments.id, id), eq(assessments.version, version), eq(assessments.status, a.status)))
      .returning();
    if (!after) throw versionConflict(a.version);
    await writeAudit(
      tx,
      { actor, meta },
      {
        action: 'assessment.submit',
        entityType: 'assessment',
        entityId: id,
        unitId: a.unitId,
        before: { status: a.status },
        after: { status: 'submitted' },
      },
    );
    return after;
  });
}
