import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { UnitType } from '../../shared/roles';
import { applyPlan, childrenAsOf, planSuccession, TimelineRuleError, type SuccessionCommand } from './succession';
import {
  activeAt,
  ancestorsAsOf,
  parentAsOf,
  predecessors,
  successorsAsOf,
  unitsAsOf,
  validateTimeline,
  type Timeline,
} from './timeline';

const START = '2000-01-01';
const TODAY = '2026-11-28';

function addDays(iso: string, days: number) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Country → 2 provinces → 2 districts each → 3 communes each → 1 village each. */
function initialTimeline(): { tl: Timeline; nextId: () => number } {
  let id = 0;
  const nextId = () => ++id;
  const tl: Timeline = { units: [], parents: [], events: [] };
  const add = (type: UnitType, parent: number | null) => {
    const u = { id: nextId(), type, from: START, to: null };
    tl.units.push(u);
    if (parent !== null) tl.parents.push({ unitId: u.id, parentId: parent, from: START, to: null });
    return u.id;
  };
  const country = add('country', null);
  for (let p = 0; p < 2; p++) {
    const prov = add('province', country);
    for (let d = 0; d < 2; d++) {
      const dist = add('district', prov);
      for (let c = 0; c < 3; c++) add('village', add('commune', dist));
    }
  }
  return { tl, nextId };
}

type Op = {
  op: 'merge' | 'split' | 'rename' | 'reclassify' | 'reassign' | 'dissolve' | 'absorb';
  a: number;
  b: number;
  c: number;
  gap: number;
};
const opArb: fc.Arbitrary<Op> = fc.record({
  op: fc.constantFrom<Op['op']>('merge', 'split', 'rename', 'reclassify', 'reassign', 'dissolve', 'absorb'),
  a: fc.nat(),
  b: fc.nat(),
  c: fc.nat(),
  gap: fc.integer({ min: 1, max: 900 }),
});

/** Interprets a random op against the current timeline into a command (or null when it cannot apply). */
function toCommand(tl: Timeline, op: Op, date: string, key: string): SuccessionCommand | null {
  const active = unitsAsOf(tl, date).filter((u) => u.from < date);
  const communes = active.filter((u) => u.type === 'commune' || u.type === 'ward');
  const districts = active.filter((u) => u.type === 'district');
  const provinces = active.filter((u) => u.type === 'province');
  const pick = <T>(xs: T[], n: number) => (xs.length ? xs[n % xs.length]! : undefined);
  const c1 = pick(communes, op.a);
  const c2 = pick(communes, op.b);
  const parentOf = (id: number) => parentAsOf(tl, id, date)!;
  switch (op.op) {
    case 'merge':
      if (!c1 || !c2 || c1.id === c2.id) return null;
      return {
        kind: 'merge',
        date,
        from: [c1.id, c2.id],
        newUnit: { key, code: key, name: key, type: 'commune', parentId: parentOf(c1.id) },
      };
    case 'absorb':
      if (!c1 || !c2 || c1.id === c2.id) return null;
      return { kind: 'merge', date, from: [c2.id], intoUnitId: c1.id };
    case 'split': {
      if (!c1) return null;
      const parent = parentOf(c1.id);
      const kids = childrenAsOf(tl, c1.id, date);
      return {
        kind: 'split',
        date,
        from: [c1.id],
        newUnits: [
          { key: `${key}a`, code: `${key}a`, name: `${key}a`, type: 'commune', parentId: parent },
          { key: `${key}b`, code: `${key}b`, name: `${key}b`, type: 'commune', parentId: parent },
        ],
        childAssignments: Object.fromEntries(kids.map((k, i) => [k, i % 2 ? `${key}b` : `${key}a`])),
      };
    }
    case 'rename':
      if (!c1) return null;
      return {
        kind: 'rename',
        date,
        from: [c1.id],
        newUnit: { key, code: key, name: key, type: c1.type, parentId: parentOf(c1.id) },
      };
    case 'reclassify':
      if (!c1) return null;
      return {
        kind: 'reclassify',
        date,
        from: [c1.id],
        newUnit: { key, code: key, name: key, type: c1.type === 'commune' ? 'ward' : 'commune', parentId: parentOf(c1.id) },
      };
    case 'reassign': {
      const target = pick([...districts, ...provinces], op.c);
      if (!c1 || !target || parentOf(c1.id) === target.id) return null;
      return { kind: 'reassign', date, unitIds: [c1.id], newParentId: target.id };
    }
    case 'dissolve': {
      const d = pick(districts, op.a);
      if (!d) return null;
      return { kind: 'dissolve', date, from: [d.id], childrenTo: parentOf(d.id) };
    }
  }
}

function evolve(ops: Op[]) {
  const { tl: start, nextId } = initialTimeline();
  let tl = start;
  let date = START;
  let eventId = 0;
  for (const [i, op] of ops.entries()) {
    date = addDays(date, op.gap);
    if (date >= TODAY) break;
    const cmd = toCommand(tl, op, date, `n${i}`);
    if (!cmd) continue;
    try {
      tl = applyPlan(tl, planSuccession(tl, cmd), nextId, ++eventId);
    } catch (err) {
      if (!(err instanceof TimelineRuleError)) throw err;
    }
  }
  return tl;
}

describe('unit timeline (property)', () => {
  it('stays sound under any sequence of merges, splits, renames, reclassifications, new parents and dissolutions', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 25 }), fc.integer({ min: 0, max: 9800 }), (ops, dayOffset) => {
        const tl = evolve(ops);
        expect(validateTimeline(tl)).toEqual([]);
        const root = tl.units.find((u) => u.type === 'country')!.id;
        const d = addDays(START, dayOffset);
        // Every active unit has exactly one active chain of ancestors up to the country.
        for (const u of unitsAsOf(tl, d)) {
          const chain = ancestorsAsOf(tl, u.id, d);
          if (u.type === 'country') expect(chain).toEqual([]);
          else expect(chain.at(-1)).toBe(root);
          for (const a of chain)
            expect(
              activeAt(
                tl.units.find((x) => x.id === a)!,
                d,
              ),
            ).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('following successors from any original commune reaches units active today', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 25 }), (ops) => {
        const tl = evolve(ops);
        const originalCommunes = tl.units.filter((u) => u.type === 'commune' && u.from === START);
        for (const c of originalCommunes) {
          const succ = successorsAsOf(tl, c.id, TODAY);
          expect(succ.length).toBeGreaterThan(0);
          for (const s of succ) {
            expect(
              activeAt(
                tl.units.find((u) => u.id === s)!,
                TODAY,
              ),
            ).toBe(true);
            // …and the commune is among the predecessors of what it became (or is it).
            if (s !== c.id) expect(predecessors(tl, s)).toContain(c.id);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the generator exercises every kind of event', () => {
    const kinds = new Set<string>();
    for (const ops of fc.sample(fc.array(opArb, { minLength: 10, maxLength: 25 }), { numRuns: 50, seed: 42 })) {
      for (const e of evolve(ops).events) kinds.add(e.kind);
    }
    expect([...kinds].sort()).toEqual(['dissolve', 'merge', 'reassign', 'reclassify', 'rename', 'split']);
  });

  it('refuses to merge a unit into itself, end a unit on its first day, or create a cycle', () => {
    const { tl } = initialTimeline();
    const commune = tl.units.find((u) => u.type === 'commune')!;
    const district = tl.units.find((u) => u.type === 'district')!;
    const rule = (cmd: SuccessionCommand) => {
      try {
        planSuccession(tl, cmd);
        return null;
      } catch (err) {
        return (err as TimelineRuleError).rule;
      }
    };
    expect(rule({ kind: 'merge', date: '2020-01-01', from: [commune.id], intoUnitId: commune.id })).toBe('merge_into_itself');
    expect(
      rule({
        kind: 'rename',
        date: START,
        from: [commune.id],
        newUnit: { key: 'k', code: 'k', name: 'k', type: 'commune', parentId: district.id },
      }),
    ).toBe('unit_not_active');
    expect(rule({ kind: 'reassign', date: '2020-01-01', unitIds: [district.id], newParentId: commune.id })).toBe(
      'reassign_cycle',
    );
    expect(
      rule({
        kind: 'split',
        date: '2020-01-01',
        from: [commune.id],
        newUnits: [
          { key: 'a', code: 'a', name: 'a', type: 'commune', parentId: district.id },
          { key: 'b', code: 'b', name: 'b', type: 'commune', parentId: district.id },
        ],
      }),
    ).toBe('split_children_unassigned');
  });
});
