import { lifecycle } from './machine';

export const ASSESSMENT_STATES = ['draft', 'submitted', 'returned', 'verified'] as const;
export type AssessmentState = (typeof ASSESSMENT_STATES)[number];

/**
 * A commune's month: entered (draft), sent to the office (submitted), returned for correction or
 * verified and locked; a locked month is reopened only by the office, with a reason (back to returned).
 */
export const ASSESSMENT_STEPS = ['submit', 'verify', 'return', 'reopen'] as const;
export type AssessmentStep = (typeof ASSESSMENT_STEPS)[number];

export const ASSESSMENT_LIFECYCLE = lifecycle<AssessmentState, AssessmentStep>({
  states: ASSESSMENT_STATES,
  editable: ['draft', 'returned'],
  final: [],
  steps: {
    submit: { from: ['draft', 'returned'], to: 'submitted', refusal: 'cannot_submit_from' },
    verify: { from: ['submitted'], to: 'verified', refusal: 'not_submitted' },
    return: { from: ['submitted'], to: 'returned', refusal: 'not_submitted' },
    reopen: { from: ['verified'], to: 'returned', refusal: 'not_verified' },
  },
});
