/** Month arithmetic on ISO dates (yyyy-mm-dd), in Vietnam's calendar. */
export function monthEnd(firstOfMonth: string): string {
  const [y, m] = firstOfMonth.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000);
}

export function addMonths(firstOfMonth: string, n: number): string {
  const [y, m] = firstOfMonth.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 10);
}

export type Deadline = { overdueDays: number; dueInDays: number };

/** Days past the end of the target month (overdue) or left until it (due). */
export function deadline(targetMonth: string, today: string): Deadline {
  const d = daysBetween(today, monthEnd(targetMonth));
  return { overdueDays: Math.max(0, -d), dueInDays: d };
}
