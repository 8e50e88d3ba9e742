import { rateBp } from '../capital/money';

/**
 * Figures over voters' petitions. Their states and steps are the lifecycle table in
 * `domain/lifecycles/petition.ts`.
 */

/** Resolution rate as councils report it: resolved / all received, in basis points. */
export function petitionStats(statuses: readonly string[]) {
  const total = statuses.length;
  const resolved = statuses.filter((s) => s === 'resolved').length;
  const answered = statuses.filter((s) => s === 'answered' || s === 'resolved' || s === 'roadmap').length;
  return { total, resolved, answered, rateBp: rateBp(resolved, total) };
}
