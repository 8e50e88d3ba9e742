import { lifecycle } from './machine';

/** The status an item stores (the board filters by it). */
export const ROADMAP_STATUSES = ['not_started', 'in_progress', 'at_risk', 'done'] as const;
export type RoadmapStatus = (typeof ROADMAP_STATUSES)[number];

/**
 * An item of work towards an unmet indicator. Suggested from the gap list, it is work nobody has
 * taken on yet: the office confirms it (a lead agency and a month needed, checked by the server),
 * then it moves — check-ins by whoever does the work start it, the office marks it at risk, back on
 * track, done, or reopens it. A verified month where the indicator is met closes it by itself (a
 * suggestion too) and one where it falls back reopens it (`assessments/sync-roadmap.ts`); the daily
 * check marks late work at risk. Editing the work itself (task, lead, month, cost, priority, note)
 * is a step of its own, so the page offers the form only to whom the server accepts it from.
 *
 * The state is read from the stored status and whether the item is confirmed (`roadmapItemState`).
 */
export const ROADMAP_ITEM_STATES = ['suggested', 'not_started', 'in_progress', 'at_risk', 'done', 'suggestion_closed'] as const;
export type RoadmapItemState = (typeof ROADMAP_ITEM_STATES)[number];

export const ROADMAP_ITEM_STEPS = ['edit', 'confirm', 'check_in', 'start', 'flag_at_risk', 'complete'] as const;
export type RoadmapItemStep = (typeof ROADMAP_ITEM_STEPS)[number];

const OPEN = ['not_started', 'in_progress', 'at_risk'] as const;

export const ROADMAP_ITEM_LIFECYCLE = lifecycle<RoadmapItemState, RoadmapItemStep>({
  states: ROADMAP_ITEM_STATES,
  editable: ROADMAP_ITEM_STATES,
  final: [],
  steps: {
    edit: { from: ROADMAP_ITEM_STATES, to: 'same', refusal: 'step_not_allowed' },
    confirm: {
      from: ['suggested'],
      to: 'not_started',
      refusal: 'item_already_confirmed',
      refusals: { suggestion_closed: 'item_closed' },
    },
    check_in: {
      from: OPEN,
      to: { not_started: 'in_progress' },
      refusal: 'item_closed',
      refusals: { suggested: 'suggestion_not_confirmed' },
    },
    /** To work: from not started, back on track from at risk, or reopened once done. */
    start: {
      from: ['not_started', 'at_risk', 'done'],
      to: 'in_progress',
      refusal: 'item_closed',
      refusals: { suggested: 'suggestion_not_confirmed' },
    },
    flag_at_risk: {
      from: ['not_started', 'in_progress'],
      to: 'at_risk',
      refusal: 'item_closed',
      refusals: { suggested: 'suggestion_not_confirmed' },
    },
    complete: {
      from: OPEN,
      to: 'done',
      refusal: 'item_closed',
      refusals: { suggested: 'suggestion_not_confirmed' },
    },
  },
});

/** The item's state: a suggestion until it is confirmed (closed if a verified month met it first). */
export function roadmapItemState(i: { confirmed: boolean; status: RoadmapStatus }): RoadmapItemState {
  if (i.confirmed) return i.status;
  return i.status === 'done' ? 'suggestion_closed' : 'suggested';
}

/** The status an item in `state` stores. */
export function storedStatus(state: RoadmapItemState): RoadmapStatus {
  return state === 'suggested' ? 'not_started' : state === 'suggestion_closed' ? 'done' : state;
}

/** The steps that set the status: the office's form names the status, the table the step. */
export const ROADMAP_STATUS_STEPS = ['start', 'flag_at_risk', 'complete'] as const satisfies readonly RoadmapItemStep[];
export type RoadmapStatusStep = (typeof ROADMAP_STATUS_STEPS)[number];
export const ROADMAP_STATUS_STEP_TO: Record<RoadmapStatusStep, RoadmapStatus> = {
  start: 'in_progress',
  flag_at_risk: 'at_risk',
  complete: 'done',
};

/** The step that sets `status`, or null when none does (work that started never goes back to not started). */
export function roadmapStepTo(status: RoadmapStatus): RoadmapStatusStep | null {
  return ROADMAP_STATUS_STEPS.find((s) => ROADMAP_STATUS_STEP_TO[s] === status) ?? null;
}
