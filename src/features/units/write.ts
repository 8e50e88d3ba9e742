import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { agencies, unitEvents, unitEventUnits, unitParents, units } from '../../db/schema';
import type { SuccessionPlan, UnitRef } from '../../domain/units/succession';
import { UNIT_LEVEL, type UnitType } from '../../shared/roles';
import { searchKey } from '../../shared/vi';

export type NewUnitRow = {
  code: string;
  name: string;
  type: UnitType;
  effectiveFrom: string;
  parentId: number | null;
  verified?: boolean;
  sourceNote?: string | null;
  isDemo?: boolean;
};

export async function insertUnit(tx: Db, u: NewUnitRow, now: Date) {
  const [row] = await tx
    .insert(units)
    .values({
      code: u.code,
      name: u.name,
      type: u.type,
      effectiveFrom: u.effectiveFrom,
      searchKey: searchKey(`${u.name} ${u.code}`),
      verified: u.verified ?? true,
      sourceNote: u.sourceNote ?? null,
      isDemo: u.isDemo ?? false,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (u.parentId !== null) {
    await tx.insert(unitParents).values({ unitId: row!.id, parentId: u.parentId, effectiveFrom: u.effectiveFrom });
  }
  if (hasPeoplesCommittee(u.type)) await tx.insert(agencies).values(peoplesCommitteeOf(row!));
  return row!;
}

/** District- and commune-level units are run by a People's Committee, which can lead their work. */
export const hasPeoplesCommittee = (type: UnitType) => UNIT_LEVEL[type] === 2 || UNIT_LEVEL[type] === 3;

export const peoplesCommitteeOf = (u: { id: number; name: string; isDemo: boolean }) => ({
  unitId: u.id,
  name: `Ủy ban nhân dân ${u.name}`,
  shortName: `UBND ${u.name}`,
  kind: 'people_committee' as const,
  isDemo: u.isDemo,
});

/** Writes a planned succession event: ends units and parent links, creates units, records the event. */
export async function writePlan(
  tx: Db,
  plan: SuccessionPlan,
  meta: {
    legalBasis: string;
    legalBasisDate?: string | null;
    note?: string | null;
    now: Date;
    newUnitExtra?: Partial<NewUnitRow>;
  },
) {
  const keyToId = new Map<string, number>();
  for (const n of plan.newUnits) {
    const row = await insertUnit(
      tx,
      { code: n.code, name: n.name, type: n.type, effectiveFrom: plan.date, parentId: null, ...meta.newUnitExtra },
      meta.now,
    );
    keyToId.set(n.key, row.id);
  }
  const resolve = (r: UnitRef) => (typeof r === 'number' ? r : keyToId.get(r.newKey)!);
  for (const id of plan.endUnits) {
    await tx
      .update(units)
      .set({ effectiveTo: plan.date, updatedAt: meta.now, version: sql`${units.version} + 1` })
      .where(eq(units.id, id));
  }
  for (const id of plan.endParentsOf) {
    // A link that would last zero days is removed rather than ended.
    await tx.delete(unitParents).where(and(eq(unitParents.unitId, id), eq(unitParents.effectiveFrom, plan.date)));
    await tx
      .update(unitParents)
      .set({ effectiveTo: plan.date })
      .where(and(eq(unitParents.unitId, id), or(isNull(unitParents.effectiveTo), gt(unitParents.effectiveTo, plan.date))));
  }
  for (const s of plan.startParents) {
    await tx.insert(unitParents).values({ unitId: resolve(s.unit), parentId: resolve(s.parent), effectiveFrom: plan.date });
  }
  const [event] = await tx
    .insert(unitEvents)
    .values({
      kind: plan.kind,
      effectiveDate: plan.date,
      legalBasis: meta.legalBasis,
      legalBasisDate: meta.legalBasisDate ?? null,
      note: meta.note ?? null,
      createdAt: meta.now,
    })
    .returning();
  const links = [
    ...plan.eventFrom.map((unitId) => ({ eventId: event!.id, unitId, role: 'from' as const })),
    ...plan.eventTo.map((r) => ({ eventId: event!.id, unitId: resolve(r), role: 'to' as const })),
  ];
  if (links.length) await tx.insert(unitEventUnits).values(links).onConflictDoNothing();
  return { event: event!, newUnitIds: [...keyToId.values()] };
}

/**
 * The unit tree is one aggregate (the scope closure is rebuilt from all of it): changes to its shape
 * take this transaction lock first, so two of them never interleave on any app instance.
 */
export async function lockUnitTree(tx: Db): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(727003)`);
}
