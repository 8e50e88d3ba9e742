/**
 * The administrative-unit timeline as pure data: which unit existed when, under which parent,
 * and which unit succeeded which. Dates are ISO `yyyy-mm-dd` strings; `to` is exclusive.
 * The database queries in `features/units` answer the same questions in SQL; tests check both agree.
 */
import type { SuccessionKind, UnitType } from '../../shared/roles';

export type TUnit = { id: number; type: UnitType; from: string; to: string | null };
export type TParent = { unitId: number; parentId: number; from: string; to: string | null };
export type TEvent = { id: number; kind: SuccessionKind; date: string; from: number[]; to: number[] };
export type Timeline = { units: TUnit[]; parents: TParent[]; events: TEvent[] };

export const activeAt = (r: { from: string; to: string | null }, d: string) => r.from <= d && (r.to === null || d < r.to);

export function unitsAsOf(tl: Timeline, d: string): TUnit[] {
  return tl.units.filter((u) => activeAt(u, d));
}

export function parentAsOf(tl: Timeline, unitId: number, d: string): number | null {
  const rows = tl.parents.filter((p) => p.unitId === unitId && activeAt(p, d));
  if (rows.length > 1) throw new Error(`unit ${unitId} has ${rows.length} parents on ${d}`);
  return rows[0]?.parentId ?? null;
}

/** Nearest first; throws on a cycle. */
export function ancestorsAsOf(tl: Timeline, unitId: number, d: string): number[] {
  const chain: number[] = [];
  const seen = new Set([unitId]);
  let current = parentAsOf(tl, unitId, d);
  while (current !== null) {
    if (seen.has(current)) throw new Error(`cycle through unit ${current}`);
    seen.add(current);
    chain.push(current);
    current = parentAsOf(tl, current, d);
  }
  return chain;
}

/** Every unit this one was formed from, transitively (merge, split, rename, reclassify). */
export function predecessors(tl: Timeline, unitId: number): number[] {
  const out: number[] = [];
  const seen = new Set([unitId]);
  const queue = [unitId];
  while (queue.length) {
    const id = queue.shift()!;
    for (const e of tl.events) {
      if (!e.to.includes(id)) continue;
      for (const f of e.from) {
        if (!seen.has(f)) {
          seen.add(f);
          out.push(f);
          queue.push(f);
        }
      }
    }
  }
  return out;
}

/** The unit(s) active on `d` that carry this unit on: itself if still active, else its successors. */
export function successorsAsOf(tl: Timeline, unitId: number, d: string): number[] {
  const byId = new Map(tl.units.map((u) => [u.id, u]));
  const result = new Set<number>();
  const seen = new Set<number>();
  const visit = (id: number) => {
    if (seen.has(id)) return;
    seen.add(id);
    const u = byId.get(id);
    if (u && activeAt(u, d)) {
      result.add(id);
      return;
    }
    for (const e of tl.events) {
      if (e.date > d || !e.from.includes(id)) continue;
      for (const t of e.to) if (t !== id) visit(t);
    }
  };
  visit(unitId);
  return [...result].sort((a, b) => a - b);
}

/** Problems that make a timeline inconsistent; empty when it is sound. */
export function validateTimeline(tl: Timeline): string[] {
  const problems: string[] = [];
  const byId = new Map(tl.units.map((u) => [u.id, u]));
  for (const p of tl.parents) {
    const child = byId.get(p.unitId);
    const parent = byId.get(p.parentId);
    if (!child || !parent) {
      problems.push(`parent row ${p.unitId}→${p.parentId} names an unknown unit`);
      continue;
    }
    if (p.from < child.from || (child.to !== null && (p.to === null || p.to > child.to))) {
      problems.push(`parent interval of ${p.unitId} lies outside the unit's life`);
    }
    if (p.from < parent.from || (parent.to !== null && (p.to === null || p.to > parent.to))) {
      problems.push(`unit ${p.unitId} is under ${p.parentId} while that parent does not exist`);
    }
  }
  for (const u of tl.units) {
    const rows = tl.parents.filter((p) => p.unitId === u.id).sort((a, b) => (a.from < b.from ? -1 : 1));
    for (let i = 1; i < rows.length; i++) {
      const prev = rows[i - 1]!;
      if (prev.to === null || prev.to > rows[i]!.from) problems.push(`unit ${u.id} has overlapping parents`);
    }
    if (u.type !== 'country') {
      // Every non-root unit must have a parent throughout its life (checked at its start and after each change).
      const checkpoints = [u.from, ...rows.map((r) => r.to).filter((t): t is string => t !== null)];
      for (const d of checkpoints) {
        if (activeAt(u, d) && parentAsOf(tl, u.id, d) === null) problems.push(`unit ${u.id} has no parent on ${d}`);
      }
    }
  }
  return problems;
}
