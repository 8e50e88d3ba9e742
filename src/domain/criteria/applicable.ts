/**
 * Which published sets govern a unit for a month, by explicit applicability — never by version
 * number. A set governs the units under its owner (the country, or a province), of its unit types,
 * in its classes when it names some, from its effective date until its end. Among the sets that
 * govern a unit, precedence decides: a provincial overlay of the national set beats a provincial
 * replacement (where the law lets a province issue its own set), which beats the national set. A later
 * version of a set takes over from its effective date (`windowsOf`).
 * Two different sets of one precedence never both govern: publishing one that would is refused
 * (`applicabilityCollisions`).
 *
 * The database query (`features/criteria/queries.ts` `applicableSets`) and the "what if it were
 * published" comparison (`what-if.ts`) both decide through `chooseSets`, so a draft is judged by
 * exactly the rule that will apply to it once published.
 */
import type { CriteriaSetDoc } from './schema';

type Dimension = CriteriaSetDoc['classification']['dimension'];

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
  /** Null for a draft judged as if published now. */
  publishedAt?: Date | null | undefined;
  document: Pick<CriteriaSetDoc, 'unitTypes' | 'classification'> & { applicability?: CriteriaSetDoc['applicability'] };
};

export type Precedence = 'national' | 'replacement' | 'overlay';
const RANK: Record<Precedence, number> = { national: 1, replacement: 2, overlay: 3 };

export function precedenceOf(s: Pick<SetCandidate, 'derivation' | 'document'>): Precedence {
  if (s.derivation === 'overlay') return 'overlay';
  return s.document.applicability?.precedence === 'replacement' ? 'replacement' : 'national';
}

/** A unit's class per dimension on the month (region for 2021–2025 sets, commune group for 2026–2030). */
export type UnitClasses = Readonly<Partial<Record<Dimension, string | null>>>;

export type Window = { from: string; to: string | null };

/**
 * When each set is in force: from its effective date until its end — or until a later version of
 * the same set takes over (the version with the later effective date, then the later publication;
 * a draft judged as published counts as the latest). A version taken over on its first day never
 * governs.
 */
export function windowsOf<T extends SetCandidate>(sets: readonly T[]): Map<T, Window> {
  const out = new Map<T, Window>();
  const byCode = new Map<string, T[]>();
  for (const s of sets) byCode.set(s.code, [...(byCode.get(s.code) ?? []), s]);
  for (const versions of byCode.values()) {
    const ordered = [...versions].sort((a, b) => -newerFirst(a, b));
    ordered.forEach((s, i) => {
      const next = ordered[i + 1];
      const to = next && (s.effectiveTo === null || next.effectiveFrom < s.effectiveTo) ? next.effectiveFrom : s.effectiveTo;
      out.set(s, { from: s.effectiveFrom, to });
    });
  }
  return out;
}

const inForce = (w: Window, day: string) => w.from <= day && (w.to === null || w.to > day);

/** Does `s` (in force over `w`) govern a unit of this type, under these owners, with these classes, on `period`? */
export function governs(
  s: SetCandidate,
  w: Window,
  unitType: string,
  owners: ReadonlySet<number>,
  period: string,
  classes: UnitClasses = {},
): boolean {
  if (!owners.has(s.ownerUnitId) || !inForce(w, period)) return false;
  if (!(s.document.unitTypes as readonly string[]).includes(unitType)) return false;
  const only = s.document.applicability?.classes;
  if (only) {
    const mine = classes[s.document.classification.dimension];
    if (!mine || !only.includes(mine)) return false;
  }
  return true;
}

/** Later effective date first; then the later publication (a draft judged as published counts as newest). */
const newerFirst = (a: SetCandidate, b: SetCandidate) =>
  b.effectiveFrom.localeCompare(a.effectiveFrom) ||
  (b.publishedAt?.getTime() ?? Number.MAX_SAFE_INTEGER) - (a.publishedAt?.getTime() ?? Number.MAX_SAFE_INTEGER);

export type ChosenSets<T> = { base: T; advanced: T | null; model: T | null };

/**
 * The sets governing a unit of `unitType` under `owners` (its ancestors over time, and itself) on
 * `period`: the base set by precedence, and the advanced and model sets derived from it. Candidates
 * are taken as published; their order does not matter.
 */
export function chooseSets<T extends SetCandidate>(
  candidates: readonly T[],
  unitType: string,
  owners: ReadonlySet<number>,
  period: string,
  classes: UnitClasses = {},
): ChosenSets<T> | null {
  const windows = windowsOf(candidates);
  const governing = candidates.filter((s) => governs(s, windows.get(s)!, unitType, owners, period, classes));
  const pick = (list: T[]) => list.sort((a, b) => RANK[precedenceOf(b)] - RANK[precedenceOf(a)] || newerFirst(a, b))[0] ?? null;
  const base = pick(governing.filter((s) => s.level === 'ntm' && (s.derivation === null || s.derivation === 'overlay')));
  if (!base) return null;
  const baseCodes = [base.code, ...(base.baseCode ? [base.baseCode] : [])];
  const advanced = pick(governing.filter((s) => s.level === 'advanced' && s.baseCode !== null && baseCodes.includes(s.baseCode)));
  const model = advanced ? pick(governing.filter((s) => s.level === 'model' && s.baseCode === advanced.code)) : null;
  return { base, advanced, model };
}

/**
 * The published sets that `s` would contend with: another set (not a version of itself) of the same
 * level and precedence — for a derived set, derived from the same base — whose territory overlaps
 * (`related`: same owner, or one above the other), with a unit type and a class in common and
 * overlapping effective dates. Publishing `s` while any exists is refused: which one applies would
 * otherwise be a guess.
 */
export function applicabilityCollisions<T extends SetCandidate>(
  s: SetCandidate,
  published: readonly T[],
  related: (ownerA: number, ownerB: number) => boolean,
): T[] {
  const windows = windowsOf<SetCandidate>([...published, s]);
  const ws = windows.get(s)!;
  const classesOf = (x: SetCandidate) =>
    x.document.applicability?.classes ?? x.document.classification.classes.map((c) => c.code);
  return published.filter(
    (o) =>
      o.code !== s.code &&
      o.level === s.level &&
      precedenceOf(o) === precedenceOf(s) &&
      (s.derivation === null || s.derivation === 'overlay' || o.baseCode === s.baseCode) &&
      related(o.ownerUnitId, s.ownerUnitId) &&
      o.document.unitTypes.some((t) => (s.document.unitTypes as readonly string[]).includes(t)) &&
      (o.document.classification.dimension !== s.document.classification.dimension ||
        classesOf(o).some((c) => classesOf(s).includes(c))) &&
      overlaps(windows.get(o)!, ws),
  );
}

const overlaps = (a: Window, b: Window) =>
  (a.to === null || a.to > b.from) &&
  (b.to === null || b.to > a.from) &&
  (a.to === null || a.from < a.to) &&
  (b.to === null || b.from < b.to);

/**
 * `chooseSets` over fixed candidates, each answer remembered by unit type, owners, classes and
 * period: the communes of a province share one choice, so a country-wide comparison chooses a few
 * times, not once per commune.
 */
export class SetChooser<T extends SetCandidate> {
  private readonly memo = new Map<string, ChosenSets<T> | null>();
  private readonly byClass: boolean;
  constructor(private readonly candidates: readonly T[]) {
    this.byClass = candidates.some((c) => c.document.applicability?.classes);
  }

  choose(unitType: string, owners: readonly number[], period: string, classes: UnitClasses = {}): ChosenSets<T> | null {
    const sorted = [...owners].sort((a, b) => a - b);
    const cls = this.byClass ? `${classes.region7 ?? ''}/${classes.group3 ?? ''}` : '';
    const key = `${unitType}|${period}|${cls}|${sorted.join(',')}`;
    let hit = this.memo.get(key);
    if (hit === undefined) {
      hit = chooseSets(this.candidates, unitType, new Set(sorted), period, classes);
      this.memo.set(key, hit);
    }
    return hit;
  }
}
