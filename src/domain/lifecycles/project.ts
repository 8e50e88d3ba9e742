import { lifecycle } from './machine';

export const PROJECT_STATES = ['proposed', 'readiness', 'approved', 'construction', 'completed', 'settled'] as const;
export type ProjectState = (typeof PROJECT_STATES)[number];
export const PROJECT_STEPS = ['advance'] as const;
export type ProjectStep = (typeof PROJECT_STEPS)[number];

/**
 * An investment project moves one step forward at a time: proposed → preparing the dossier →
 * approved for allocation (the whole dossier needed, checked by the server) → under construction →
 * completed → settled.
 */
export const PROJECT_LIFECYCLE = lifecycle<ProjectState, ProjectStep>({
  states: PROJECT_STATES,
  editable: ['proposed', 'readiness', 'approved', 'construction', 'completed'],
  final: ['settled'],
  steps: {
    advance: {
      from: ['proposed', 'readiness', 'approved', 'construction', 'completed'],
      to: {
        proposed: 'readiness',
        readiness: 'approved',
        approved: 'construction',
        construction: 'completed',
        completed: 'settled',
      },
      refusal: 'status_transition',
    },
  },
});

/** The state a project moves to next, or null when it is settled. */
export function nextProjectState(s: ProjectState): ProjectState | null {
  const step = PROJECT_LIFECYCLE.steps.advance;
  return step.from.includes(s) && typeof step.to === 'object' ? (step.to[s] ?? null) : null;
}
