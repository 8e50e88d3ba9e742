/**
 * Disbursement deadlines as data. Law 58/2024/QH15 art. 72: a year's capital may be disbursed until
 * 31 January of the next year; capital added after 30 September until 31 December of the next year;
 * extensions by decision. The rule that applies is the one in force during the plan year.
 */
export type DeadlineRule = {
  code: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  rule: { normalMonth: number; normalDay: number; addedAfter: string | null; addedMonth: number; addedDay: number };
};

export function ruleFor(rules: DeadlineRule[], planYear: number): DeadlineRule | null {
  const d = `${planYear}-06-30`;
  return (
    rules
      .filter((r) => r.effectiveFrom <= d && (!r.effectiveTo || r.effectiveTo > d))
      .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0] ?? null
  );
}

const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The last day a year's allocation (added on `addedOn`) may be disbursed, before any extension. */
export function disbursementDeadline(rule: DeadlineRule, planYear: number, addedOn: string): string {
  const r = rule.rule;
  if (r.addedAfter && addedOn > `${planYear}-${r.addedAfter}`) return iso(planYear + 1, r.addedMonth, r.addedDay);
  return iso(planYear + 1, r.normalMonth, r.normalDay);
}

/** With extensions, the latest decided deadline wins. */
export function effectiveDeadline(base: string, extensions: { newDeadline: string }[]): string {
  return extensions.reduce((d, e) => (e.newDeadline > d ? e.newDeadline : d), base);
}
