import { rateBp } from '../capital/money';

/** Statuses a petition may move to from each status; `roadmap` items are shelved with a plan. */
export const PETITION_FLOW: Record<string, readonly string[]> = {
  received: ['assigned', 'forwarded'],
  assigned: ['answered', 'forwarded'],
  answered: ['resolved', 'roadmap', 'assigned'],
  roadmap: ['resolved', 'assigned'],
  resolved: [],
  forwarded: [],
};

export function canMovePetition(from: string, to: string): boolean {
  return PETITION_FLOW[from]?.includes(to) ?? false;
}

/** Resolution rate as councils report it: resolved / all received, in basis points. */
export function petitionStats(statuses: readonly string[]) {
  const total = statuses.length;
  const resolved = statuses.filter((s) => s === 'resolved').length;
  const answered = statuses.filter((s) => s === 'answered' || s === 'resolved' || s === 'roadmap').length;
  return { total, resolved, answered, rateBp: rateBp(resolved, total) };
}

/** Activity statuses in order; an activity only moves forward. */
export const ACTIVITY_FLOW = ['planned', 'held', 'concluded', 'follow_up', 'resupervised'] as const;

export function canMoveActivity(from: string, to: string): boolean {
  const i = ACTIVITY_FLOW.indexOf(from as (typeof ACTIVITY_FLOW)[number]);
  const j = ACTIVITY_FLOW.indexOf(to as (typeof ACTIVITY_FLOW)[number]);
  return i >= 0 && j === i + 1;
}
