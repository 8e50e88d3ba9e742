import { criteriaOf } from '../domain/ocop/scoring';
import type { ScoringSheetDoc } from '../domain/ocop/schema';

/** Answers whose total is exactly `target` (from the top options downwards). */
export function answersFor(sheet: ScoringSheetDoc, target: number): Record<string, number> {
  const cs = criteriaOf(sheet);
  const pick = Object.fromEntries(cs.map((c) => [c.code, c.options.length - 1]));
  const total = () => cs.reduce((s, c) => s + c.options[pick[c.code]!]!.points, 0);
  let guard = 0;
  while (total() > target && guard++ < 1000) {
    const c = cs.find((x) => {
      const i = pick[x.code]!;
      return (
        i > 0 &&
        x.options[i - 1]!.points < x.options[i]!.points &&
        !x.mandatoryFromStar &&
        total() - (x.options[i]!.points - x.options[i - 1]!.points) >= target
      );
    });
    if (!c) break;
    pick[c.code] = pick[c.code]! - 1;
  }
  if (total() !== target) throw new Error(`cannot reach ${target}, got ${total()}`);
  return pick;
}
