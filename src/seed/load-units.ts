import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { units } from '../db/schema';
import { planSuccession, type NewUnit } from '../domain/units/succession';
import { UNIT_TYPES } from '../shared/roles';
import { loadTimeline } from '../features/units/queries';
import { rebuildUnitScope } from '../features/units/scope';
import { insertUnit, writePlan } from '../features/units/write';

const UnitEntry = z.object({
  key: z.string(),
  code: z.string(),
  name: z.string(),
  type: z.enum(UNIT_TYPES),
  from: z.string(),
  parent: z.string().nullable(),
  verified: z.boolean(),
  note: z.string().optional(),
});
const NewUnitEntry = z.object({
  key: z.string(),
  code: z.string(),
  name: z.string(),
  type: z.enum(UNIT_TYPES),
  parent: z.string(),
  verified: z.boolean(),
});
const EventEntry = z.object({
  kind: z.enum(['merge', 'dissolve']),
  date: z.string(),
  legalBasis: z.string(),
  legalBasisDate: z.string().nullable(),
  from: z.array(z.string()),
  newUnit: NewUnitEntry.optional(),
  childrenTo: z.string().optional(),
  note: z.string().optional(),
});
export const UnitsFile = z.object({
  description: z.string(),
  notes: z.array(z.string()),
  units: z.array(UnitEntry),
  events: z.array(EventEntry),
});
export type UnitsFile = z.infer<typeof UnitsFile>;

/**
 * Loads a units file through the same planner and writer the API uses, so the shipped data obeys
 * the same rules as data entered by hand. Returns the database id of every key.
 */
export async function loadUnitsFile(tx: Db, file: UnitsFile, now: Date, isDemo: boolean): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const idOf = (key: string) => {
    const id = ids.get(key);
    if (id === undefined) throw new Error(`units file: unknown key ${key}`);
    return id;
  };
  for (const u of file.units) {
    const [existing] = await tx
      .select()
      .from(units)
      .where(and(eq(units.code, u.code), eq(units.type, u.type), eq(units.effectiveFrom, u.from)));
    if (existing) {
      ids.set(u.key, existing.id);
      continue;
    }
    const row = await insertUnit(
      tx,
      {
        code: u.code,
        name: u.name,
        type: u.type,
        effectiveFrom: u.from,
        parentId: u.parent ? idOf(u.parent) : null,
        verified: u.verified,
        sourceNote: u.note ?? (u.verified ? null : 'Mã/thành phần theo nguồn chưa chính thức — cần đối chiếu'),
        isDemo,
      },
      now,
    );
    ids.set(u.key, row.id);
  }
  for (const e of file.events) {
    const tl = await loadTimeline(tx);
    const newUnit: NewUnit | undefined = e.newUnit
      ? { key: e.newUnit.key, code: e.newUnit.code, name: e.newUnit.name, type: e.newUnit.type, parentId: idOf(e.newUnit.parent) }
      : undefined;
    const plan =
      e.kind === 'merge'
        ? planSuccession(tl, { kind: 'merge', date: e.date, from: e.from.map(idOf), ...(newUnit ? { newUnit } : {}) })
        : planSuccession(tl, { kind: 'dissolve', date: e.date, from: [idOf(e.from[0]!)], childrenTo: idOf(e.childrenTo!) });
    const { newUnitIds } = await writePlan(tx, plan, {
      legalBasis: e.legalBasis,
      legalBasisDate: e.legalBasisDate,
      note: e.note ?? null,
      now,
      newUnitExtra: {
        verified: e.newUnit?.verified ?? true,
        sourceNote: e.newUnit && !e.newUnit.verified ? 'Mã/thành phần theo nguồn chưa chính thức — cần đối chiếu' : null,
        isDemo,
      },
    });
    if (e.newUnit) ids.set(e.newUnit.key, newUnitIds[0]!);
  }
  await rebuildUnitScope(tx);
  return ids;
}
