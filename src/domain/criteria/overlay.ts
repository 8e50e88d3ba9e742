/**
 * A provincial overlay may tighten the national set or add to it, never loosen or drop anything.
 * Returns the places where `overlay` is weaker than `base` (empty when it is a valid overlay).
 */
import { pickThreshold } from './engine';
import type { CriteriaSetDoc, Indicator, ThresholdRule } from './schema';

export type OverlayViolation = {
  indicator: string;
  cls: string;
  year: number;
  problem: 'removed' | 'type_changed' | 'loosened' | 'threshold_removed' | 'not_applicable_added';
};

/** Is `o` at least as demanding as `b` for the same indicator? */
export function atLeastAsStrict(ind: Indicator, b: ThresholdRule, o: ThresholdRule): boolean {
  switch (ind.type) {
    case 'boolean':
      return o.expect === b.expect;
    case 'level':
      return (ind.levels ?? []).indexOf(o.level ?? '') >= (ind.levels ?? []).indexOf(b.level ?? '');
    case 'k_of_n':
      return (o.k ?? 0) >= (b.k ?? 0);
    case 'number':
    case 'ratio': {
      const bv = b.value!;
      const ov = o.value!;
      switch (b.op!) {
        case '>=':
          return (o.op === '>=' && ov >= bv) || (o.op === '>' && ov >= bv) || (o.op === '=' && ov >= bv);
        case '>':
          return (o.op === '>' && ov >= bv) || ((o.op === '>=' || o.op === '=') && ov > bv);
        case '<=':
          return (o.op === '<=' && ov <= bv) || (o.op === '<' && ov <= bv) || (o.op === '=' && ov <= bv);
        case '<':
          return (o.op === '<' && ov <= bv) || ((o.op === '<=' || o.op === '=') && ov < bv);
        case '=':
          return o.op === '=' && ov === bv;
      }
    }
  }
}

export function overlayViolations(base: CriteriaSetDoc, overlay: CriteriaSetDoc): OverlayViolation[] {
  const out: OverlayViolation[] = [];
  const overlayIndicators = new Map(overlay.criteria.flatMap((c) => c.indicators).map((i) => [i.code, i]));
  const [fromYear, toYear] = base.phase.split('-').map(Number) as [number, number];
  for (const ind of base.criteria.flatMap((c) => c.indicators)) {
    const o = overlayIndicators.get(ind.code);
    if (!o) {
      out.push({ indicator: ind.code, cls: '*', year: fromYear, problem: 'removed' });
      continue;
    }
    if (o.type !== ind.type) {
      out.push({ indicator: ind.code, cls: '*', year: fromYear, problem: 'type_changed' });
      continue;
    }
    // Allowing "not applicable" where the national set does not lets a commune skip the indicator.
    if (o.notApplicable && !ind.notApplicable)
      out.push({ indicator: ind.code, cls: '*', year: fromYear, problem: 'not_applicable_added' });
    for (const cls of base.classification.classes.map((c) => c.code)) {
      for (let year = fromYear; year <= toYear; year++) {
        const b = pickThreshold(ind.thresholds, cls, year);
        if (!b) continue;
        const t = pickThreshold(o.thresholds, cls, year);
        if (!t) out.push({ indicator: ind.code, cls, year, problem: 'threshold_removed' });
        else if (!atLeastAsStrict(ind, b, t)) out.push({ indicator: ind.code, cls, year, problem: 'loosened' });
      }
    }
  }
  return out;
}
