import { lifecycle } from './machine';

export const RECOMMENDATION_STATES = ['open', 'reported', 'accepted', 'not_accepted', 'closed'] as const;
export type RecommendationState = (typeof RECOMMENDATION_STATES)[number];

/**
 * A council's recommendation: the addressee reports progress (a report saying it is done moves it to
 * "reported"); the council accepts it as met (final) or does not accept the report (back to the
 * addressee, who reports again). A report that is not yet "done" keeps the state, except that it
 * reopens a not-accepted one.
 */
export type RecommendationStep = 'report_progress' | 'report_done' | 'accept' | 'not_accept';
export const RECOMMENDATION_STEPS = [
  'report_progress',
  'report_done',
  'accept',
  'not_accept',
] as const satisfies readonly RecommendationStep[];

export const RECOMMENDATION_LIFECYCLE = lifecycle<RecommendationState, RecommendationStep>({
  states: RECOMMENDATION_STATES,
  editable: ['open', 'reported', 'not_accepted'],
  final: ['accepted', 'closed'],
  steps: {
    report_progress: {
      from: ['open', 'reported', 'not_accepted'],
      to: { not_accepted: 'open' },
      refusal: 'oversight_recommendation_closed',
    },
    report_done: { from: ['open', 'reported', 'not_accepted'], to: 'reported', refusal: 'oversight_recommendation_closed' },
    accept: { from: ['reported'], to: 'accepted', refusal: 'oversight_accept_needs_report' },
    not_accept: { from: ['open', 'reported', 'not_accepted'], to: 'not_accepted', refusal: 'oversight_recommendation_closed' },
  },
});

/** Still waiting for the addressee or the council (counts as overdue after its deadline). */
export const recommendationOpen = (s: RecommendationState) => !RECOMMENDATION_LIFECYCLE.final.includes(s);
