/**
 * OCOP scoring, pure: one member's sheet → total; the council's totals → mean, spread, rescoring;
 * the mean and the mandatory criteria → the star; the star and the level → recognised or forwarded.
 * Scores are kept as integer hundredths of a point so the mean is exact enough and comparable.
 */
import type { ScoringSheetDoc } from './schema';

export type Answers = Record<string, number>;

export function criteriaOf(sheet: ScoringSheetDoc) {
  return sheet.parts.flatMap((p) => p.groups.flatMap((g) => g.criteria.map((c) => ({ ...c, part: p.code }))));
}

/** A criterion is checked against the official annex when it says so; older sheets without the mark follow the sheet. */
export function criterionVerified(sheet: Pick<ScoringSheetDoc, 'verified'>, c: { verified?: boolean | undefined }): boolean {
  return c.verified ?? sheet.verified;
}

export type SheetScore = {
  total: number;
  byPart: Record<'A' | 'B' | 'C', number>;
  missing: string[];
  invalid: string[];
  zeroMandatory: { code: string; fromStar: number }[];
};

export function scoreSheet(sheet: ScoringSheetDoc, answers: Answers): SheetScore {
  const byPart = { A: 0, B: 0, C: 0 };
  const missing: string[] = [];
  const invalid: string[] = [];
  const zeroMandatory: { code: string; fromStar: number }[] = [];
  for (const c of criteriaOf(sheet)) {
    const choice = answers[c.code];
    if (choice === undefined) {
      missing.push(c.code);
      continue;
    }
    const option = Number.isInteger(choice) ? c.options[choice] : undefined;
    if (!option) {
      invalid.push(c.code);
      continue;
    }
    byPart[c.part] += option.points;
    if (c.mandatoryFromStar && option.points === 0) zeroMandatory.push({ code: c.code, fromStar: c.mandatoryFromStar });
  }
  // An answer to a criterion the sheet does not have is a sheet for another product set (or a typing
  // slip): refused with the rest, never ignored.
  const known = new Set(criteriaOf(sheet).map((c) => c.code));
  for (const code of Object.keys(answers)) if (!known.has(code)) invalid.push(code);
  return { total: byPart.A + byPart.B + byPart.C, byPart, missing, invalid, zeroMandatory };
}

/**
 * Council arithmetic, exact. Totals are taken as integer hundredths of a point (64.4 → 6440), so no
 * binary fraction ever decides anything:
 * - the exact mean is sumX100 / (100·n); the star and the forwarding threshold compare
 *   sumX100 ≥ threshold·100·n in integers (a mean of 49.996 is below 50, whatever it rounds to);
 * - the mean shown has two decimals, rounded half up, except that it never shows a threshold the
 *   exact mean has not reached (49.996 shows as 49.99, not 50.00, next to its 2 stars);
 * - the spread is max − min in hundredths and asks for rescoring only when above limit·100, so
 *   64.4 − 54.4 is exactly 10 and within a limit of 10.
 */
export type ExactMean = { sumX100: number; n: number };

/** Points as integer hundredths; a value with more than two decimals is refused, never rounded silently. */
export function toX100(points: number): number {
  const x = Math.round(points * 100);
  if (!Number.isFinite(points) || Math.abs(x - points * 100) > 1e-6) throw new RangeError(`not a score in hundredths: ${points}`);
  return x;
}

/** Whether the exact mean reaches `points` (cross-multiplied, integers only). */
export function meanReaches(mean: ExactMean, points: number): boolean {
  return mean.sumX100 >= toX100(points) * mean.n;
}

/** The thresholds a shown mean must not cross on its own: the star bands and the forwarding score. */
export function thresholdsOf(sheet: Pick<ScoringSheetDoc, 'starBands' | 'forwardAt'>): number[] {
  return [...sheet.starBands.map((b) => b.min), sheet.forwardAt];
}

/** The mean to two decimals (hundredths), half up, held below any threshold the exact mean misses. */
export function meanShownX100(mean: ExactMean, thresholds: number[] = []): number {
  if (mean.n === 0) return 0;
  let shown = Math.floor((mean.sumX100 * 2 + mean.n) / (mean.n * 2));
  for (const t of thresholds) {
    const tX100 = toX100(t);
    if (shown >= tX100 && !meanReaches(mean, t)) shown = tX100 - 1;
  }
  return shown;
}

export type CouncilResult = ExactMean & { meanX100: number; spreadX100: number; spread: number; needsRescore: boolean };

/** The council's totals (points, at most two decimals) → exact mean, mean shown, spread, rescoring. */
export function aggregate(totals: number[], spreadLimit: number, thresholds: number[] = []): CouncilResult {
  const x100 = totals.map(toX100);
  const sumX100 = x100.reduce((a, b) => a + b, 0);
  const mean = { sumX100, n: x100.length };
  const spreadX100 = x100.length ? Math.max(...x100) - Math.min(...x100) : 0;
  return {
    ...mean,
    meanX100: meanShownX100(mean, thresholds),
    spreadX100,
    spread: spreadX100 / 100,
    needsRescore: spreadX100 > toX100(spreadLimit),
  };
}

/** A mandatory criterion fails when most members gave it 0; the star then stays below its level. */
export function starCap(memberScores: SheetScore[]): number {
  let cap = 5;
  const counts = new Map<string, { fromStar: number; n: number }>();
  for (const s of memberScores)
    for (const z of s.zeroMandatory) counts.set(z.code, { fromStar: z.fromStar, n: (counts.get(z.code)?.n ?? 0) + 1 });
  for (const { fromStar, n } of counts.values()) if (n * 2 > memberScores.length) cap = Math.min(cap, fromStar - 1);
  return Math.max(1, cap);
}

/** The star of the exact mean (a bare number is one total, in hundredths), capped by the mandatory criteria. */
export function starFor(sheet: Pick<ScoringSheetDoc, 'starBands'>, mean: ExactMean | number, cap = 5): number {
  const m = typeof mean === 'number' ? { sumX100: mean, n: 1 } : mean;
  let star = 1;
  for (const b of sheet.starBands) if (meanReaches(m, b.min)) star = Math.max(star, b.star);
  return Math.min(star, cap);
}

export type Outcome = { star: number; recognisedHere: boolean; forward: boolean };

/** What the level's council may do with the result: recognise, forward upward, or neither (below 3★). */
export function outcomeAt(
  sheet: ScoringSheetDoc,
  level: 'district' | 'province' | 'central',
  mean: ExactMean | number,
  cap = 5,
): Outcome {
  const m = typeof mean === 'number' ? { sumX100: mean, n: 1 } : mean;
  const star = starFor(sheet, m, cap);
  const here = sheet.recognition[level] ?? [];
  const forward = level !== 'central' && meanReaches(m, sheet.forwardAt) && star > Math.max(0, ...here);
  return { star, recognisedHere: here.includes(star), forward };
}
