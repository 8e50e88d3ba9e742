/**
 * Planning a succession event (merge, split, rename, reclassify, new parent, dissolution) as a
 * pure function over the timeline. The use case loads the affected part of the timeline, plans,
 * then writes the plan; property tests apply random plans and check the timeline stays sound.
 */
import type { SuccessionKind, UnitType } from '../../shared/roles';
import { activeAt, parentAsOf, type Timeline } from './timeline';

export type NewUnit = { key: string; code: string; name: string; type: UnitType; parentId: number };

export type SuccessionCommand =
  | { kind: 'merge'; date: string; from: number[]; newUnit?: NewUnit; intoUnitId?: number }
  | { kind: 'rename' | 'reclassify'; date: string; from: [number]; newUnit: NewUnit }
  | {
      kind: 'split';
      date: string;
      from: [number];
      newUnits: NewUnit[];
      /** child unit id → key of the new unit it moves under */
      childAssignments?: Record<number, string>;
    }
  | { kind: 'reassign'; date: string; unitIds: number[]; newParentId: number }
  | { kind: 'dissolve'; date: string; from: [number]; childrenTo: number };

/** A reference to an existing unit (number) or to a unit the plan creates (its key). */
export type UnitRef = number | { newKey: string };

export type SuccessionPlan = {
  kind: SuccessionKind;
  date: string;
  endUnits: number[];
  newUnits: NewUnit[];
  /** parent rows of these units that are active on `date` end on `date` */
  endParentsOf: number[];
  startParents: { unit: UnitRef; parent: UnitRef }[];
  eventFrom: number[];
  eventTo: UnitRef[];
};

/** The rules a succession can break (each has its words in lib/messages RULE_TEXT). */
export type TimelineRule =
  | 'duplicate_new_unit_key'
  | 'merge_into_itself'
  | 'merge_needs_target'
  | 'merge_needs_two_units'
  | 'parent_not_active'
  | 'reassign_cycle'
  | 'reassign_needs_units'
  | 'reassign_same_parent'
  | 'reclassify_same_type'
  | 'split_children_unassigned'
  | 'split_needs_two_units'
  | 'unit_not_active'
  | 'unit_unknown';

export class TimelineRuleError extends Error {
  constructor(
    readonly rule: TimelineRule,
    readonly info: Record<string, unknown> = {},
  ) {
    super(rule);
    this.name = 'TimelineRuleError';
  }
}

export function childrenAsOf(tl: Timeline, unitId: number, d: string): number[] {
  return tl.parents.filter((p) => p.parentId === unitId && activeAt(p, d)).map((p) => p.unitId);
}

export function planSuccession(tl: Timeline, cmd: SuccessionCommand): SuccessionPlan {
  const byId = new Map(tl.units.map((u) => [u.id, u]));
  const requireActive = (id: number, role: string) => {
    const u = byId.get(id);
    if (!u) throw new TimelineRuleError('unit_unknown', { unitId: id, role });
    // The unit must exist before the event day and still be active on it.
    if (!activeAt(u, cmd.date) || u.from >= cmd.date) {
      throw new TimelineRuleError('unit_not_active', { unitId: id, role, date: cmd.date });
    }
  };
  const requireParentActive = (id: number) => {
    const u = byId.get(id);
    if (!u || !activeAt(u, cmd.date)) throw new TimelineRuleError('parent_not_active', { unitId: id, date: cmd.date });
  };
  const base = { date: cmd.date, newUnits: [] as NewUnit[], endParentsOf: [] as number[] };

  switch (cmd.kind) {
    case 'merge': {
      const sources = [...new Set(cmd.from)];
      if (sources.length < (cmd.intoUnitId ? 1 : 2)) throw new TimelineRuleError('merge_needs_two_units');
      sources.forEach((id) => requireActive(id, 'from'));
      if (cmd.intoUnitId !== undefined) {
        if (sources.includes(cmd.intoUnitId)) throw new TimelineRuleError('merge_into_itself');
        requireActive(cmd.intoUnitId, 'into');
        const into = cmd.intoUnitId;
        const children = sources.flatMap((s) => childrenAsOf(tl, s, cmd.date));
        return {
          ...base,
          kind: 'merge',
          endUnits: sources,
          endParentsOf: [...sources, ...children],
          startParents: children.map((c) => ({ unit: c, parent: into })),
          eventFrom: sources,
          eventTo: [into],
        };
      }
      if (!cmd.newUnit) throw new TimelineRuleError('merge_needs_target');
      return replaceBy(tl, base, 'merge', sources, cmd.newUnit, requireParentActive);
    }
    case 'rename':
    case 'reclassify': {
      requireActive(cmd.from[0], 'from');
      const old = byId.get(cmd.from[0])!;
      if (cmd.kind === 'reclassify' && old.type === cmd.newUnit.type) {
        throw new TimelineRuleError('reclassify_same_type');
      }
      return replaceBy(tl, base, cmd.kind, cmd.from, cmd.newUnit, requireParentActive);
    }
    case 'split': {
      const source = cmd.from[0];
      requireActive(source, 'from');
      if (cmd.newUnits.length < 2) throw new TimelineRuleError('split_needs_two_units');
      assertDistinctKeys(cmd.newUnits);
      cmd.newUnits.forEach((n) => requireParentActive(n.parentId));
      const children = childrenAsOf(tl, source, cmd.date);
      const assignments = cmd.childAssignments ?? {};
      const keys = new Set(cmd.newUnits.map((n) => n.key));
      const unassigned = children.filter((c) => !keys.has(assignments[c] ?? ''));
      if (unassigned.length) throw new TimelineRuleError('split_children_unassigned', { children: unassigned });
      return {
        ...base,
        kind: 'split',
        endUnits: [source],
        newUnits: cmd.newUnits,
        endParentsOf: [source, ...children],
        startParents: [
          ...cmd.newUnits.map((n) => ({ unit: { newKey: n.key }, parent: n.parentId })),
          ...children.map((c) => ({ unit: c, parent: { newKey: assignments[c]! } })),
        ],
        eventFrom: [source],
        eventTo: cmd.newUnits.map((n) => ({ newKey: n.key })),
      };
    }
    case 'reassign': {
      const ids = [...new Set(cmd.unitIds)];
      if (!ids.length) throw new TimelineRuleError('reassign_needs_units');
      ids.forEach((id) => requireActive(id, 'unit'));
      requireParentActive(cmd.newParentId);
      for (const id of ids) {
        if (id === cmd.newParentId || isAncestor(tl, id, cmd.newParentId, cmd.date)) {
          throw new TimelineRuleError('reassign_cycle', { unitId: id });
        }
        if (parentAsOf(tl, id, cmd.date) === cmd.newParentId) throw new TimelineRuleError('reassign_same_parent', { unitId: id });
      }
      return {
        ...base,
        kind: 'reassign',
        endUnits: [],
        endParentsOf: ids,
        startParents: ids.map((id) => ({ unit: id, parent: cmd.newParentId })),
        eventFrom: ids,
        eventTo: ids,
      };
    }
    case 'dissolve': {
      const source = cmd.from[0];
      requireActive(source, 'from');
      requireParentActive(cmd.childrenTo);
      if (cmd.childrenTo === source || isAncestor(tl, source, cmd.childrenTo, cmd.date)) {
        throw new TimelineRuleError('reassign_cycle', { unitId: source });
      }
      const children = childrenAsOf(tl, source, cmd.date);
      return {
        ...base,
        kind: 'dissolve',
        endUnits: [source],
        endParentsOf: [source, ...children],
        startParents: children.map((c) => ({ unit: c, parent: cmd.childrenTo })),
        eventFrom: [source],
        eventTo: [],
      };
    }
  }
}

function replaceBy(
  tl: Timeline,
  base: { date: string; newUnits: NewUnit[]; endParentsOf: number[] },
  kind: SuccessionKind,
  sources: number[],
  newUnit: NewUnit,
  requireParentActive: (id: number) => void,
): SuccessionPlan {
  requireParentActive(newUnit.parentId);
  if (sources.includes(newUnit.parentId)) throw new TimelineRuleError('reassign_cycle', { unitId: newUnit.parentId });
  const children = sources.flatMap((s) => childrenAsOf(tl, s, base.date));
  return {
    ...base,
    kind,
    endUnits: sources,
    newUnits: [newUnit],
    endParentsOf: [...sources, ...children],
    startParents: [
      { unit: { newKey: newUnit.key }, parent: newUnit.parentId },
      ...children.map((c) => ({ unit: c, parent: { newKey: newUnit.key } })),
    ],
    eventFrom: sources,
    eventTo: [{ newKey: newUnit.key }],
  };
}

function assertDistinctKeys(units: NewUnit[]) {
  if (new Set(units.map((u) => u.key)).size !== units.length) throw new TimelineRuleError('duplicate_new_unit_key');
}

function isAncestor(tl: Timeline, ancestor: number, unit: number, d: string): boolean {
  let current = parentAsOf(tl, unit, d);
  const seen = new Set<number>();
  while (current !== null && !seen.has(current)) {
    if (current === ancestor) return true;
    seen.add(current);
    current = parentAsOf(tl, current, d);
  }
  return false;
}

/**
 * Applies a plan to an in-memory timeline (used by tests and by the demo loader's checks).
 * `nextId` allocates ids for the new units.
 */
export function applyPlan(tl: Timeline, plan: SuccessionPlan, nextId: () => number, eventId: number): Timeline {
  const keyToId = new Map(plan.newUnits.map((n) => [n.key, nextId()]));
  const resolve = (r: UnitRef) => (typeof r === 'number' ? r : keyToId.get(r.newKey)!);
  const ended = new Set(plan.endUnits);
  const endParents = new Set(plan.endParentsOf);
  return {
    units: [
      ...tl.units.map((u) => (ended.has(u.id) ? { ...u, to: plan.date } : u)),
      ...plan.newUnits.map((n) => ({ id: keyToId.get(n.key)!, type: n.type, from: plan.date, to: null })),
    ],
    parents: [
      ...tl.parents
        .filter((p) => !(endParents.has(p.unitId) && p.from === plan.date))
        .map((p) => (endParents.has(p.unitId) && activeAt(p, plan.date) ? { ...p, to: plan.date } : p)),
      ...plan.startParents.map((s) => ({ unitId: resolve(s.unit), parentId: resolve(s.parent), from: plan.date, to: null })),
    ],
    events: [
      ...tl.events,
      { id: eventId, kind: plan.kind, date: plan.date, from: plan.eventFrom, to: plan.eventTo.map(resolve) },
    ],
  };
}
