import { and, eq } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { assessments } from '../../db/schema';
import { ruleViolation, versionConflict } from '../../lib/errors';
import { authorize } from '../access/authorize';
import { writeAudit } from '../audit/write-audit';
import { getAssessmentRow } from './load';

/** Unlocks a verified month for correction; only the office may, and it must say why. */
export async function reopenAssessment(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: number,
  input: { version: number; reason: string },
) {
  const a = await getAssessmentRow(deps.db, id);
  await authorize(deps.db, actor, 'assessment.verify', a.unitId);
  if (a.status !== 'verified') throw ruleViolation('not_verified', { status: a.status });
  return deps.db.transaction(async (tx) => {
    const [after] = await tx
      .update(assessments)
      .set({
        status: 'returned',
        returnComment: input.reason,
        verifiedAt: null,
        verifiedBy: null,
        updatedAt: meta.now,
        version: input.version + 1,
      })
      .where(and(eq(assessments.id, id), eq(assessments.version, input.version), eq(assessments.status, 'verified')))
      .returning();
    if (!after) throw versionConflict(a.version);
    await writeAudit(
      tx,
      { actor, meta },
      {
        action: 'assessment.reopen',
        entityType: 'assessment',
        entityId: id,
        unitId: a.unitId,
        before: { status: 'verified' },
        after: { status: 'returned', reason: input.reason },
      },
    );
    return after;
  });
}
