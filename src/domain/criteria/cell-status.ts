/**
 * One criterion of a stored result, as the heat map, the scorecard, the Excel exports and the
 * public page show it.
 */

/**
 * A criterion of a stored result. `indicatorsMet` counts the "not applicable" indicators the set
 * counts as met, `indicatorsTotal` leaves out those it excludes. `notApplicable` (how many are not
 * applicable) and `excluded` (how many of them left the denominator) are present only when some
 * indicator is not applicable, so results without any stay as they always were.
 */
export type CriterionCounts = {
  number: string;
  met: boolean;
  indicatorsMet: number;
  indicatorsTotal: number;
  missing: number;
  notApplicable?: number;
  excluded?: number;
};

export const CELL_STATUSES = ['met', 'unmet', 'missing', 'not_applicable'] as const;
export type CellStatus = (typeof CELL_STATUSES)[number];

/**
 * met / unmet / missing (a criterion whose only shortfalls are missing values) / not applicable
 * (every indicator of the criterion is not applicable: met by the rule, but nothing in it applies).
 */
export function cellStatus(c: CriterionCounts): CellStatus {
  const na = c.notApplicable ?? 0;
  if (c.met) return na > 0 && na === c.indicatorsTotal + (c.excluded ?? 0) ? 'not_applicable' : 'met';
  return c.indicatorsMet + c.missing === c.indicatorsTotal ? 'missing' : 'unmet';
}
