import { lifecycle } from './machine';

export const ACTIVITY_STATES = ['planned', 'held', 'concluded', 'follow_up', 'resupervised'] as const;
export type ActivityState = (typeof ACTIVITY_STATES)[number];

/**
 * A council's supervision activity moves one step forward at a time: planned → held (the day it was
 * held is needed) → concluded (the conclusion's text and date are needed) → followed up →
 * re-supervised. Its content may be edited in any state; only the status is a step.
 */
export type ActivityStep = 'hold' | 'conclude' | 'follow_up' | 'resupervise';
export const ACTIVITY_STEPS = ['hold', 'conclude', 'follow_up', 'resupervise'] as const satisfies readonly ActivityStep[];

export const ACTIVITY_LIFECYCLE = lifecycle<ActivityState, ActivityStep>({
  states: ACTIVITY_STATES,
  editable: ACTIVITY_STATES,
  final: ['resupervised'],
  steps: {
    hold: { from: ['planned'], to: 'held', refusal: 'oversight_status_order' },
    conclude: { from: ['held'], to: 'concluded', refusal: 'oversight_status_order' },
    follow_up: { from: ['concluded'], to: 'follow_up', refusal: 'oversight_status_order' },
    resupervise: { from: ['follow_up'], to: 'resupervised', refusal: 'oversight_status_order' },
  },
});

/** The status each step leads to: the API names the status, the table the step. */
export const ACTIVITY_STEP_TO: Record<ActivityStep, ActivityState> = {
  hold: 'held',
  conclude: 'concluded',
  follow_up: 'follow_up',
  resupervise: 'resupervised',
};

/** The step that leads to `status`, or null when no step does (an activity never moves back to planned). */
export function activityStepTo(status: ActivityState): ActivityStep | null {
  return ACTIVITY_STEPS.find((s) => ACTIVITY_STEP_TO[s] === status) ?? null;
}
