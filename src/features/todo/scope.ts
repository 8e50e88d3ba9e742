/**
 * What the to-do queries share: the person's grants by role (a to-do follows the role, not only the
 * action — an office and a commune officer may both enter values, but only the officer's home shows
 * the months to fill in), the units under them as one sub-query, "the unit has not ended", and the
 * shape of an item.
 */
import { inArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Actor } from '../../context';
import type { Db } from '../../db/client';
import { units, unitScope } from '../../db/schema';
import type { Role } from '../../shared/roles';
import { addMonths, monthEnd } from '../roadmaps/dates';
import { TODO_LIMIT, type TodoGroup, type TodoGroupKey, type TodoItem, type TodoKind } from './schemas';

export type TodoContext = {
  db: Db;
  actor: Actor;
  /** Today in Vietnam, yyyy-mm-dd. */
  today: string;
  /** First day of the current month, yyyy-mm-01. */
  period: string;
  reminderDays: number;
};

/** Units on which the person holds one of `roles` (the grants themselves, not what lies under them). */
export function rootsOf(actor: Actor, roles: readonly Role[]): number[] {
  return [...new Set(actor.grants.filter((g) => roles.includes(g.role)).map((g) => g.unitId))];
}

/** `column IN (units under roots)`, over all time and predecessors, as `scopeFilter` does. */
export function under(db: Db, roots: number[], column: AnyPgColumn): SQL {
  if (!roots.length) return sql`false`;
  return inArray(column, db.select({ id: unitScope.descendantId }).from(unitScope).where(inArray(unitScope.ancestorId, roots)));
}

/** The joined `units` row (or an alias of it) has not ended: a unit that ended (merged, split, dissolved) is history, read-only. */
export const activeUnit = (today: string, unit: { effectiveTo: AnyPgColumn } = units) =>
  sql`(${unit.effectiveTo} is null or ${unit.effectiveTo} > ${today})`;

/** Rows in the answer before LIMIT, as a column of each row (`count(*) over ()`). */
export const totalRows = sql<number>`(count(*) over ())::int`;

export function item(kind: TodoKind, link: string, fields: Partial<Omit<TodoItem, 'kind' | 'link'>> = {}): TodoItem {
  return {
    kind,
    unitId: null,
    unitName: null,
    month: null,
    name: null,
    code: null,
    step: null,
    count: null,
    dueDate: null,
    overdue: false,
    link,
    ...fields,
  };
}

/** A part of a group: the first rows of one query and how many it had in all. */
export type Part = { total: number; items: TodoItem[] };

export const part = (rows: { total: number }[], items: TodoItem[]): Part => ({ total: rows[0]?.total ?? 0, items });

/** Overdue first, then the nearest due date, then the oldest month. */
function urgency(a: TodoItem, b: TodoItem): number {
  return (
    Number(b.overdue) - Number(a.overdue) ||
    (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') ||
    (a.month ?? '9999').localeCompare(b.month ?? '9999')
  );
}

/** One group from its parts, most urgent first; null when nothing waits. */
export function group(key: TodoGroupKey, parts: Part[]): TodoGroup | null {
  const total = parts.reduce((n, p) => n + p.total, 0);
  if (!total) return null;
  const items = parts
    .flatMap((p) => p.items)
    .sort(urgency)
    .slice(0, TODO_LIMIT);
  return { group: key, total, items };
}

/** yyyy-mm-dd + n days. */
export function addDays(iso: string, n: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The last target month that is "due" today: the current month, or a later one whose last day falls
 * within the reminder window (the same window as the daily reminder).
 */
export function dueCutoff(today: string, reminderDays: number): string {
  const current = `${today.slice(0, 7)}-01`;
  const horizon = addDays(today, reminderDays);
  let m = `${horizon.slice(0, 7)}-01`;
  if (monthEnd(m) > horizon) m = addMonths(m, -1);
  return m > current ? m : current;
}

export const ym = (isoDate: string) => isoDate.slice(0, 7);
