/**
 * The shipped sheets are kept as data in three pieces: parts A and B shared by every product set,
 * part C per set (with any A/B criterion a set words differently), and the legal regimes (star
 * bands, who recognises what). Composing them gives one full sheet per set and regime.
 */
import type { ScoringSheetDoc } from './schema';

type Part = ScoringSheetDoc['parts'][number];
type Criterion = Part['groups'][number]['criteria'][number];

export type SharedParts = { parts: Part[] };
export type SetPartC = { setNo: number; slug: string; overrides: Criterion[]; partC: Part };
export type RegimeSpec = {
  regime: string;
  version: number;
  legalBasis: { document: string; date: string | null };
  starBands: { star: number; min: number }[];
  recognition: ScoringSheetDoc['recognition'];
  forwardAt: number;
  note: string;
};

export const sheetCode = (setNo: number, slug: string) => `OCOP-BO${String(setNo).padStart(2, '0')}-${slug}`;

/** Replaces shared criteria by code; an override naming no shared criterion is an error in the data. */
function withOverrides(part: Part, overrides: Criterion[]): Part {
  return {
    ...part,
    groups: part.groups.map((g) => ({
      ...g,
      criteria: g.criteria.map((c) => overrides.find((o) => o.code === c.code) ?? c),
    })),
  };
}

export function composeSheet(
  shared: SharedParts,
  set: SetPartC,
  regime: RegimeSpec,
  meta: { setName: string; group: string; sheetNote: string },
): unknown {
  const known = new Set(shared.parts.flatMap((p) => p.groups.flatMap((g) => g.criteria.map((c) => c.code))));
  const stray = set.overrides.filter((o) => !known.has(o.code)).map((o) => o.code);
  if (stray.length) throw new Error(`set ${set.setNo}: overrides name no shared criterion: ${stray.join(', ')}`);
  const parts = [...shared.parts.map((p) => withOverrides(p, set.overrides)), set.partC];
  const criteria = parts.flatMap((p) => p.groups.flatMap((g) => g.criteria));
  return {
    schemaVersion: 1,
    code: sheetCode(set.setNo, set.slug),
    version: regime.version,
    regime: regime.regime,
    legalBasis: regime.legalBasis,
    setNo: set.setNo,
    setName: meta.setName,
    group: meta.group,
    parts,
    starBands: regime.starBands,
    recognition: regime.recognition,
    forwardAt: regime.forwardAt,
    verified: criteria.every((c) => c.verified === true),
    notes: [meta.sheetNote.replace('{setNo}', String(set.setNo)).replace('{setName}', meta.setName), regime.note],
  };
}
