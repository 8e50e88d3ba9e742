import { and, desc, eq, gt, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { criteriaSets, unitClassifications, unitScope, units } from '../../db/schema';
import { chooseSets, type ChosenSets } from '../../domain/criteria/applicable';

export type CriteriaSetRow = typeof criteriaSets.$inferSelect;

export function setMeta(r: CriteriaSetRow) {
  const indicators = r.document.criteria.reduce((n, c) => n + c.indicators.length, 0);
  const unverified = r.document.criteria.reduce(
    (n, c) => n + c.indicators.filter((i) => !i.verified || i.thresholds.some((t) => !t.verified)).length,
    0,
  );
  return {
    id: r.id,
    code: r.code,
    version: r.version,
    status: r.status,
    level: r.level,
    phase: r.phase,
    name: r.nameVi,
    dimension: r.dimension,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    baseCode: r.baseCode,
    derivation: r.derivation,
    ownerUnitId: r.ownerUnitId,
    verified: r.verified,
    legalBasis: r.document.legalBasis.document,
    criteriaCount: r.document.criteria.length,
    indicatorCount: indicators,
    unverifiedIndicators: unverified,
    rowVersion: r.rowVersion,
    publishedAt: r.publishedAt?.toISOString() ?? null,
  };
}

export async function getSetRow(db: Db, id: number): Promise<CriteriaSetRow | undefined> {
  const [row] = await db.select().from(criteriaSets).where(eq(criteriaSets.id, id));
  return row;
}

/** Every unit above `unitId` at any time (and itself): sets owned by one of them govern it. */
export async function governingUnits(db: Db, unitId: number): Promise<number[]> {
  const rows = await db.select({ id: unitScope.ancestorId }).from(unitScope).where(eq(unitScope.descendantId, unitId));
  return rows.map((r) => r.id);
}

export type ApplicableSets = ChosenSets<CriteriaSetRow>;

/**
 * The published sets that govern a unit for a month, by their explicit applicability (owner's
 * territory, unit types, classes, effective dates, precedence) — see `chooseSets`. Advanced and
 * model sets are those derived from the base set.
 */
export async function applicableSets(db: Db, unitId: number, period: string): Promise<ApplicableSets | null> {
  const [unit] = await db.select().from(units).where(eq(units.id, unitId));
  if (!unit) return null;
  const owners = await governingUnits(db, unitId);
  const candidates = await db
    .select()
    .from(criteriaSets)
    .where(
      and(
        eq(criteriaSets.status, 'published'),
        inArray(criteriaSets.ownerUnitId, owners),
        lte(criteriaSets.effectiveFrom, period),
        or(isNull(criteriaSets.effectiveTo), gt(criteriaSets.effectiveTo, period)),
      ),
    );
  const classes = candidates.some((c) => c.document.applicability?.classes)
    ? {
        region7: (await classificationOf(db, unitId, 'region7', period))?.value ?? null,
        group3: (await classificationOf(db, unitId, 'group3', period))?.value ?? null,
      }
    : {};
  return chooseSets(candidates, unit.type, new Set(owners), period, classes);
}

export async function classificationOf(db: Db, unitId: number, dimension: 'region7' | 'group3', date: string) {
  const [row] = await db
    .select()
    .from(unitClassifications)
    .where(
      and(
        eq(unitClassifications.unitId, unitId),
        eq(unitClassifications.dimension, dimension),
        lte(unitClassifications.effectiveFrom, date),
        or(isNull(unitClassifications.effectiveTo), gt(unitClassifications.effectiveTo, date)),
      ),
    )
    .orderBy(desc(unitClassifications.effectiveFrom))
    .limit(1);
  return row ?? null;
}
