/**
 * Which published sets govern a unit for a month, as a pure choice over candidate rows. The
 * database query (`features/criteria/queries.ts` `applicableSets`) and the "what if it were
 * published" comparison (`what-if.ts`) both decide through this one function, so a draft is judged
 * by exactly the rule that will apply to it once published.
 */
import type { CriteriaSetDoc } from './schema';

/** What the choice reads of a set row. */
export type SetCandidate = {
  code: string;
  version: number;
  level: CriteriaSetDoc['level'];
  derivation: 'advanced' | 'model' | 'overlay' | null;
  baseCode: string | null;
  ownerUnitId: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  document: Pick<CriteriaSetDoc, 'unitTypes'>;
};

export type ChosenSets<T> = { base: T; advanced: T | null; model: T | null };

/**
 * The set in force on `period` (yyyy-mm-dd) for a unit of `unitType` governed by `owners` (the
 * unit's ancestors over time, and itself): a provincial overlay beats the national set, the newest
 * version wins; the advanced and model sets are those derived from it. Candidates are taken as
 * published; their order does not matter.
 */
export function chooseSets<T extends SetCandidate>(
  candidates: readonly T[],
  unitType: string,
  owners: ReadonlySet<number>,
  period: string,
): ChosenSets<T> | null {
  const forType = candidates
    .filter(
      (s) =>
        owners.has(s.ownerUnitId) &&
        s.effectiveFrom <= period &&
        (s.effectiveTo === null || s.effectiveTo > period) &&
        (s.document.unitTypes as readonly string[]).includes(unitType),
    )
    .sort((a, b) => b.version - a.version);
  const base =
    forType.find((s) => s.level === 'ntm' && s.derivation === 'overlay') ??
    forType.find((s) => s.level === 'ntm' && !s.derivation);
  if (!base) return null;
  const baseCodes = [base.code, ...(base.baseCode ? [base.baseCode] : [])];
  const advanced = forType.find((s) => s.level === 'advanced' && s.baseCode !== null && baseCodes.includes(s.baseCode)) ?? null;
  const model = advanced ? (forType.find((s) => s.level === 'model' && s.baseCode === advanced.code) ?? null) : null;
  return { base, advanced, model };
}

/**
 * `chooseSets` over fixed candidates, each answer remembered by unit type, owners and period: the
 * communes of a province share one choice, so a country-wide comparison chooses a few times, not
 * once per commune.
 */
export class SetChooser<T extends SetCandidate> {
  private readonly memo = new Map<string, ChosenSets<T> | null>();
  constructor(private readonly candidates: readonly T[]) {}

  choose(unitType: string, owners: readonly number[], period: string): ChosenSets<T> | null {
    const sorted = [...owners].sort((a, b) => a - b);
    const key = `${unitType}|${period}|${sorted.join(',')}`;
    let hit = this.memo.get(key);
    if (hit === undefined) {
      hit = chooseSets(this.candidates, unitType, new Set(sorted), period);
      this.memo.set(key, hit);
    }
    return hit;
  }
}
