import { lifecycle } from './machine';

export const PLAN_STATES = ['draft', 'approved', 'superseded'] as const;
export type PlanState = (typeof PLAN_STATES)[number];

/**
 * A capital plan version (annual or medium-term): a draft's lines by source and its allocations to
 * projects are set by the office, then the council's resolution approves it. An approved plan is
 * changed only by an adjustment: a new draft version copying it, which supersedes it when approved.
 * Whether an approval fits the year (one current plan, nothing paid beyond the new allocations) and
 * whether an adjustment is already pending are rules across plans, checked by the server.
 */
export const PLAN_STEPS = ['set_lines', 'allocate', 'approve', 'adjust'] as const;
export type PlanStep = (typeof PLAN_STEPS)[number];

export const PLAN_LIFECYCLE = lifecycle<PlanState, PlanStep>({
  states: PLAN_STATES,
  editable: ['draft'],
  final: ['superseded'],
  steps: {
    set_lines: { from: ['draft'], to: 'same', refusal: 'plan_not_draft' },
    allocate: { from: ['draft'], to: 'same', refusal: 'plan_not_draft' },
    approve: { from: ['draft'], to: 'approved', refusal: 'plan_not_draft' },
    /** The plan stays approved until its adjustment is approved; the adjustment is a new draft. */
    adjust: { from: ['approved'], to: 'same', refusal: 'only_approved_plans_are_adjusted' },
  },
});
