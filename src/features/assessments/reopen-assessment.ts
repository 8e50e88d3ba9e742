import { ASSESSMENT_LIFECYCLE } from '../../domain/lifecycles/assessment';
import { takeStep } from '../../lib/lifecycle';
import { eq } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { assessments } from '../../db/schema';
import { write } from '../access/write-path';
import { getAssessmentRow } from './load';
import { noticeOfStep } from './loop-notices';
import { STEP_NEEDS } from './step-access';

/** Unlocks a verified month for correction; only the office may, and it must say why. The commune is told why. */
export async function reopenAssessment(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: number,
  input: { version: number; reason: string },
) {
  return write(
    { deps, actor, meta },
    {
      can: STEP_NEEDS.reopen,
      load: (db) => getAssessmentRow(db, id),
      units: (a) => a.unitId,
      lock: (tx) => getAssessmentRow(tx, id, true),
      version: { sent: input.version, stored: (a) => a.version },
      apply: async (tx, a) => {
        const status = takeStep(ASSESSMENT_LIFECYCLE, 'reopen', a.status);
        const [after] = await tx
          .update(assessments)
          .set({
            status,
            returnComment: input.reason,
            verifiedAt: null,
            verifiedBy: null,
            updatedAt: meta.now,
            version: a.version + 1,
          })
          .where(eq(assessments.id, id))
          .returning();
        await noticeOfStep(tx, a, after!.version, { step: 'reopened', reason: input.reason }, meta.now, deps.config.publicUrl);
        return {
          result: after!,
          audit: {
            action: 'assessment.reopen',
            entityType: 'assessment',
            entityId: id,
            unitId: a.unitId,
            before: { status: 'verified' },
            after: { status: 'returned', reason: input.reason },
          },
        };
      },
    },
  );
}
