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
  return { total: byPart.A + byPart.B + byPart.C, byPart, missing, invalid, zeroMandatory };
}

/** Mean ×100 rounded half up, spread of the totals, and whether the council must rescore. */
export function aggregate(totals: number[], spreadLimit: number) {
  if (!totals.length) return { meanX100: 0, spread: 0, needsRescore: false };
  const sum = totals.reduce((a, b) => a + b, 0);
  const meanX100 = Math.floor((sum * 100 * 2 + totals.length) / (totals.length * 2));
  const spread = Math.max(...totals) - Math.min(...totals);
  return { meanX100, spread, needsRescore: spread > spreadLimit };
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

export function starFor(sheet: ScoringSheetDoc, meanX100: number, cap = 5): number {
  let star = 1;
  for (const b of sheet.starBands) if (meanX100 >= Math.round(b.min * 100)) star = Math.max(star, b.star);
  return Math.min(star, cap);
}

export type Outcome = { star: number; recognisedHere: boolean; forward: boolean };

/** What the level's council may do with the result: recognise, forward upward, or neither (below 3★). */
export function outcomeAt(
  sheet: ScoringSheetDoc,
  level: 'district' | 'province' | 'central',
  meanX100: number,
  cap = 5,
): Outcome {
  const star = starFor(sheet, meanX100, cap);
  const here = sheet.recognition[level] ?? [];
  const forward = level !== 'central' && meanX100 >= Math.round(sheet.forwardAt * 100) && star > Math.max(0, ...here);
  return { star, recognisedHere: here.includes(star), forward };
}
