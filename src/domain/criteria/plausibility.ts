/**
 * Plausibility at entry: what a value must look like before it is saved, as data in the criteria
 * set. A share cannot exceed its whole (99,999 of 759 households is a typing slip, not 13,175 %);
 * a number stays inside the indicator's range; a jump beyond the set's percentage from the last
 * verified month is allowed only with a note saying why.
 */
import { isNotApplicable, isRatioValue, type Indicator, type IndicatorValue } from './schema';
import { numericValue } from './engine';

export type PlausibilityProblem =
  | { code: 'share_over_whole'; num: number; den: number }
  | { code: 'below_min'; value: number; min: number }
  | { code: 'above_max'; value: number; max: number }
  | { code: 'jump_needs_note'; value: number; previous: number; percent: number; limit: number };

/** The set-wide defaults (`plausibility` in the set document). */
export type SetPlausibility = { jumpPercent?: number | undefined } | undefined;

type Ind = Pick<Indicator, 'type' | 'levels' | 'items' | 'plausible'>;

/** Whether the indicator is a share of a whole (numerator ≤ denominator): every ratio unless the set says otherwise. */
export const isShare = (ind: Ind) => ind.type === 'ratio' && ind.plausible?.share !== false;

/** The lowest plausible value: as the set says, otherwise 0 for numbers (incomes, areas and counts are never negative). */
const minOf = (ind: Ind) => ind.plausible?.min ?? (ind.type === 'number' ? 0 : undefined);

/** Percent change from `previous` to `value`, or null when there is nothing to compare with. */
function jumpPercent(previous: number, value: number): number | null {
  if (!Number.isFinite(previous) || previous === 0) return null;
  return (Math.abs(value - previous) / Math.abs(previous)) * 100;
}

/**
 * The problems of one entered value. `previous` is the value of the same indicator in the unit's
 * last verified month (null when there is none); `note` is the note saved with the value. A "not
 * applicable" value has no number to check, and one in the last verified month is nothing to
 * jump from: neither is ever implausible.
 */
export function plausibilityProblems(
  ind: Ind,
  value: IndicatorValue,
  opts: { previous?: IndicatorValue | null; note?: string | null; set?: SetPlausibility } = {},
): PlausibilityProblem[] {
  const problems: PlausibilityProblem[] = [];
  if (isNotApplicable(value)) return problems;
  const n = numericValue(ind.type, ind, value);
  if (n === null) return problems;
  if (isShare(ind) && isRatioValue(value) && value.num > value.den) {
    problems.push({ code: 'share_over_whole', num: value.num, den: value.den });
  }
  if (ind.type === 'number' || ind.type === 'ratio') {
    const min = minOf(ind);
    const max = ind.plausible?.max;
    if (min !== undefined && n < min) problems.push({ code: 'below_min', value: n, min });
    if (max !== undefined && n > max) problems.push({ code: 'above_max', value: n, max });
  }
  const limit = ind.plausible?.jumpPercent === null ? undefined : (ind.plausible?.jumpPercent ?? opts.set?.jumpPercent);
  const hasNote = (opts.note ?? '').trim().length > 0;
  const previous = opts.previous;
  if (
    limit !== undefined &&
    !hasNote &&
    previous !== undefined &&
    previous !== null &&
    !isNotApplicable(previous) &&
    !problems.length
  ) {
    const prev = numericValue(ind.type, ind, previous);
    if ((ind.type === 'number' || ind.type === 'ratio') && prev !== null) {
      // For a share the whole moves too (the households of a commune do not halve in a month).
      const pairs: [number, number][] = [[prev, n]];
      if (ind.type === 'ratio' && isRatioValue(previous) && isRatioValue(value)) pairs.push([previous.den, value.den]);
      for (const [p, v] of pairs) {
        const pct = jumpPercent(p, v);
        if (pct !== null && pct > limit) {
          problems.push({ code: 'jump_needs_note', value: v, previous: p, percent: Math.round(pct * 10) / 10, limit });
          break;
        }
      }
    }
  }
  return problems;
}

const fmt = (n: number, lang: 'vi' | 'en') =>
  new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 }).format(n);

/** The sentence a person reads for a problem. */
export function plausibilityMessage(p: PlausibilityProblem, lang: 'vi' | 'en'): string {
  const f = (n: number) => fmt(n, lang);
  switch (p.code) {
    case 'share_over_whole':
      return lang === 'vi'
        ? `Tử số (${f(p.num)}) lớn hơn mẫu số (${f(p.den)}): phần không thể lớn hơn tổng thể`
        : `The numerator (${f(p.num)}) exceeds the denominator (${f(p.den)}): a part cannot exceed the whole`;
    case 'below_min':
      return lang === 'vi'
        ? `Giá trị ${f(p.value)} nhỏ hơn mức thấp nhất hợp lý (${f(p.min)})`
        : `The value ${f(p.value)} is below the lowest plausible value (${f(p.min)})`;
    case 'above_max':
      return lang === 'vi'
        ? `Giá trị ${f(p.value)} lớn hơn mức cao nhất hợp lý (${f(p.max)})`
        : `The value ${f(p.value)} is above the highest plausible value (${f(p.max)})`;
    case 'jump_needs_note':
      return lang === 'vi'
        ? `Thay đổi ${f(p.percent)}% so với tháng đã xác minh gần nhất (${f(p.previous)} → ${f(p.value)}), vượt ngưỡng ${f(p.limit)}%: cần ghi chú lý do`
        : `A change of ${f(p.percent)}% from the last verified month (${f(p.previous)} → ${f(p.value)}), beyond ${f(p.limit)}%: add a note saying why`;
  }
}
