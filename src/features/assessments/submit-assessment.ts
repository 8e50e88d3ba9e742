import { ASSESSMENT_LIFECYCLE } from '../../domain/lifecycles/assessment';
import { takeStep } from '../../lib/lifecycle';
import { eq } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { assessments } from '../../db/schema';
import { write } from '../access/write-path';
import { getAssessmentRow } from './load';
import { noticeOfStep } from './loop-notices';
import { STEP_NEEDS } from './step-access';

/** The commune hands the month to the coordination office for verification; the office is told. */
export async function submitAssessment(deps: Deps, actor: Actor, meta: RequestMeta, id: number, version: number) {
  return write(
    { deps, actor, meta },
    {
      can: STEP_NEEDS.submit,
      load: (db) => getAssessmentRow(db, id),
      units: (a) => a.unitId,
      lock: (tx) => getAssessmentRow(tx, id, true),
      version: { sent: version, stored: (a) => a.version },
      apply: async (tx, a) => {
        const status = takeStep(ASSESSMENT_LIFECYCLE, 'submit', a.status);
        const [after] = await tx
          .update(assessments)
          .set({
            status,
            submittedAt: meta.now,
            submittedBy: actor.userId,
            updatedAt: meta.now,
            version: a.version + 1,
          })
          .where(eq(assessments.id, id))
          .returning();
        await noticeOfStep(tx, a, after!.version, { step: 'submitted' }, meta.now, deps.config.publicUrl);
        return {
          result: after!,
          audit: {
            action: 'assessment.submit',
            entityType: 'assessment',
            entityId: id,
            unitId: a.unitId,
            before: { status: a.status },
            after: { status: 'submitted' },
          },
        };
      },
    },
  );
}
