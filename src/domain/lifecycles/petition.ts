import { lifecycle } from './machine';

export const PETITION_STATES = ['received', 'assigned', 'answered', 'resolved', 'roadmap', 'forwarded', 'closed'] as const;
export type PetitionState = (typeof PETITION_STATES)[number];

/**
 * A voters' petition: the council assigns it to the body that must answer (or forwards it to a higher
 * level); the assigned body answers; the council then marks it resolved, shelves it with a roadmap, or
 * assigns it again when the answer does not settle it. Resolved, forwarded and closed (by a council's
 * handover) are the end. Classifying and re-dating are edits, not steps.
 */
export type PetitionStep = 'assign' | 'forward' | 'answer' | 'resolve' | 'roadmap';
export const PETITION_STEPS = ['assign', 'forward', 'answer', 'resolve', 'roadmap'] as const satisfies readonly PetitionStep[];

export const PETITION_LIFECYCLE = lifecycle<PetitionState, PetitionStep>({
  states: PETITION_STATES,
  /** Classifying, re-dating and re-assigning happen while it is open; an ended petition is kept as it ended. */
  editable: ['received', 'assigned', 'answered', 'roadmap'],
  final: ['resolved', 'forwarded', 'closed'],
  steps: {
    assign: { from: ['received', 'answered', 'roadmap'], to: 'assigned', refusal: 'petition_status_order' },
    forward: { from: ['received', 'assigned'], to: 'forwarded', refusal: 'petition_status_order' },
    answer: { from: ['assigned'], to: 'answered', refusal: 'petition_status_order' },
    resolve: { from: ['answered', 'roadmap'], to: 'resolved', refusal: 'petition_status_order' },
    roadmap: { from: ['answered'], to: 'roadmap', refusal: 'petition_status_order' },
  },
});

/** The status each step leads to: the council's form names the status, the table the step. */
export const PETITION_STEP_TO: Record<PetitionStep, PetitionState> = {
  assign: 'assigned',
  forward: 'forwarded',
  answer: 'answered',
  resolve: 'resolved',
  roadmap: 'roadmap',
};

/** The step that leads to `status`, or null when no step does. */
export function petitionStepTo(status: PetitionState): PetitionStep | null {
  return PETITION_STEPS.find((s) => PETITION_STEP_TO[s] === status) ?? null;
}
