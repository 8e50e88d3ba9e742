import type { Actor } from '../../context';
import type { Db } from '../../db/client';
import { ASSESSMENT_LIFECYCLE, type AssessmentStep } from '../../domain/lifecycles/assessment';
import { allowedActions } from '../../lib/allowed-actions';
import type { Action } from '../../shared/roles';
import { mayWrite } from '../access/write-path';
import type { AssessmentRow } from './load';

/** The permission each step of the month needs on the commune: the use cases write with these. */
export const STEP_NEEDS: Record<AssessmentStep, Action> = {
  submit: 'assessment.enter',
  verify: 'assessment.verify',
  return: 'assessment.verify',
  reopen: 'assessment.verify',
};

/** The steps `actor` may take on the month now: open from its state and permitted on its commune. */
export function assessmentActions(db: Db, actor: Actor, now: Date, a: AssessmentRow): Promise<AssessmentStep[]> {
  return allowedActions(ASSESSMENT_LIFECYCLE, a.status, (step) => mayWrite(db, actor, now, STEP_NEEDS[step], a.unitId, a));
}
