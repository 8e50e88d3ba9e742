import { isRatioValue, SMALLEST_DENOMINATOR, VALUE_LIMIT, type IndicatorValue } from '../../../../src/domain/criteria/schema';

/**
 * Whether a value typed in the grid lies within the bounds the server accepts (a number within
 * ±VALUE_LIMIT; a ratio's numerator within 0…VALUE_LIMIT over a denominator of at least
 * SMALLEST_DENOMINATOR and at most VALUE_LIMIT). A value beyond them is refused on save, so the live
 * preview never counts it as met.
 */
export function withinBounds(v: IndicatorValue): boolean {
  if (typeof v === 'number') return Number.isFinite(v) && Math.abs(v) <= VALUE_LIMIT;
  if (isRatioValue(v))
    return (
      Number.isFinite(v.num) &&
      Number.isFinite(v.den) &&
      v.num >= 0 &&
      v.num <= VALUE_LIMIT &&
      v.den >= SMALLEST_DENOMINATOR &&
      v.den <= VALUE_LIMIT
    );
  return true;
}

/** The value the live preview evaluates: none for an empty cell or a value beyond the server's bounds. */
export function previewValue(v: IndicatorValue | null | undefined): IndicatorValue | undefined {
  return v === null || v === undefined || !withinBounds(v) ? undefined : v;
}
