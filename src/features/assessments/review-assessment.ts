import { ASSESSMENT_LIFECYCLE } from '../../domain/lifecycles/assessment';
import { takeStep } from '../../lib/lifecycle';
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { assessments, assessmentValues } from '../../db/schema';
import { AppError, ruleViolation } from '../../lib/errors';
import { write } from '../access/write-path';
import { syncRoadmap } from './sync-roadmap';
import { getAssessmentRow, indicatorsOf } from './load';
import { noticeOfStep } from './loop-notices';
import { STEP_NEEDS } from './step-access';

export type ReviewInput = {
  version: number;
  outcome: 'verify' | 'return';
  comment?: string | null | undefined;
  indicators?: { code: string; decision: 'accept' | 'return'; comment?: string | null | undefined }[] | undefined;
};

/**
 * The coordination office checks a submitted month indicator by indicator. Verifying accepts
 * every indicator and locks the month; returning sends it back with the comments. The commune is told.
 */
export async function reviewAssessment(deps: Deps, actor: Actor, meta: RequestMeta, id: number, input: ReviewInput) {
  const decisions = input.indicators ?? [];
  return write(
    { deps, actor, meta },
    {
      can: STEP_NEEDS[input.outcome],
      load: (db) => getAssessmentRow(db, id),
      units: (a) => a.unitId,
      lock: (tx) => getAssessmentRow(tx, id, true),
      version: { sent: input.version, stored: (a) => a.version },
      apply: async (tx, a) => {
        const status = takeStep(ASSESSMENT_LIFECYCLE, input.outcome === 'verify' ? 'verify' : 'return', a.status);
        const known = await indicatorsOf(tx, a);
        const unknown = decisions.filter((d) => !known.has(d.code));
        if (unknown.length)
          throw new AppError(
            'VALIDATION_FAILED',
            unknown.map((d) => ({ path: d.code, code: 'unknown_indicator', message: d.code })),
          );
        const returned = decisions.filter((d) => d.decision === 'return');
        if (input.outcome === 'verify' && returned.length)
          throw ruleViolation('cannot_verify_with_returned_indicators', { codes: returned.map((d) => d.code) });
        if (input.outcome === 'return' && !returned.length && !input.comment?.trim())
          throw ruleViolation('return_needs_a_comment');

        const [after] = await tx
          .update(assessments)
          .set({
            status,
            returnComment: input.outcome === 'return' ? (input.comment ?? null) : null,
            verifiedAt: status === 'verified' ? meta.now : null,
            verifiedBy: status === 'verified' ? actor.userId : null,
            updatedAt: meta.now,
            version: a.version + 1,
          })
          .where(eq(assessments.id, id))
          .returning();
        if (status === 'verified') {
          await tx
            .update(assessmentValues)
            .set({ review: 'accepted', reviewComment: null })
            .where(eq(assessmentValues.assessmentId, id));
        }
        for (const d of decisions) {
          await tx
            .insert(assessmentValues)
            .values({
              assessmentId: id,
              indicatorCode: d.code,
              value: null,
              version: 1,
              updatedAt: meta.now,
              review: d.decision === 'accept' ? 'accepted' : 'returned',
              reviewComment: d.comment ?? null,
            })
            .onConflictDoUpdate({
              target: [assessmentValues.assessmentId, assessmentValues.indicatorCode],
              set: { review: d.decision === 'accept' ? 'accepted' : 'returned', reviewComment: d.comment ?? null },
            });
        }
        const roadmap = status === 'verified' ? await syncRoadmap(tx, deps, id, meta.now) : null;
        const returnedCodes = returned.map((d) => d.code);
        if (returnedCodes.length) {
          await tx
            .update(assessmentValues)
            .set({ review: 'returned' })
            .where(and(eq(assessmentValues.assessmentId, id), inArray(assessmentValues.indicatorCode, returnedCodes)));
        }
        await noticeOfStep(
          tx,
          a,
          after!.version,
          status === 'verified'
            ? { step: 'verified' }
            : {
                step: 'returned',
                comment: input.comment?.trim() || null,
                indicators: returned.map((d) => ({ code: d.code, comment: d.comment?.trim() || null })),
              },
          meta.now,
          deps.config.publicUrl,
        );
        return {
          result: after!,
          audit: {
            action: status === 'verified' ? 'assessment.verify' : 'assessment.return',
            entityType: 'assessment',
            entityId: id,
            unitId: a.unitId,
            before: { status: a.status },
            after: { status, comment: input.comment ?? null, indicators: decisions, ...(roadmap ? { roadmap } : {}) },
          },
        };
      },
    },
  );
}
