import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate, meanReaches, meanShownX100, outcomeAt, starFor, thresholdsOf, toX100, type ExactMean } from './scoring';
import { shippedSheets } from '../../features/ocop/sheets';

const sheet = shippedSheets().find((s) => s.setNo === 4 && s.regime === 'QD1489_2025')!;
const BANDS = sheet.starBands;

/** Reference: the star of a rational mean, by BigInt cross-multiplication with the band minima. */
function referenceStar(totalsX100: number[]): number {
  const sum = totalsX100.reduce((a, b) => a + BigInt(b), 0n);
  const n = BigInt(totalsX100.length);
  let star = 1;
  for (const b of BANDS) if (sum >= BigInt(Math.round(b.min * 100)) * n) star = Math.max(star, b.star);
  return star;
}

/** A member's total: 0–100 points in hundredths. */
const totalX100 = fc.integer({ min: 0, max: 10_000 });
const council = fc.array(totalX100, { minLength: 1, maxLength: 25 });
const points = (xs: number[]) => xs.map((x) => x / 100);

describe('council arithmetic: exact mean, mean shown to two decimals, spread in hundredths', () => {
  it('64.4 − 54.4 is exactly 10: within a limit of 10, above it by one hundredth', () => {
    expect(toX100(64.4) - toX100(54.4)).toBe(1000);
    expect(64.4 - 54.4).not.toBe(10); // what floating point alone would compare
    expect(aggregate([64.4, 54.4], 10)).toMatchObject({ spreadX100: 1000, spread: 10, needsRescore: false });
    expect(aggregate([64.41, 54.4], 10)).toMatchObject({ spreadX100: 1001, needsRescore: true });
    expect(aggregate([0.3, 0.1, 0.2], 0.2)).toMatchObject({ sumX100: 60, spreadX100: 20, needsRescore: false, meanX100: 20 });
  });

  it('a score with more than two decimals is refused, not rounded', () => {
    expect(() => toX100(70.005)).toThrow(RangeError);
    expect(() => toX100(Number.NaN)).toThrow(RangeError);
    expect(toX100(70.01)).toBe(7001);
  });

  it('the star comes from the exact mean, never from the rounded one', () => {
    // 199 members at 50 and one at 49: the mean is 49.995, shown rounded would be 50.00
    const totals = [...Array<number>(199).fill(50), 49];
    const a = aggregate(totals, 10, thresholdsOf(sheet));
    expect(a.sumX100).toBe(999_900);
    expect(starFor(sheet, a)).toBe(2);
    expect(a.meanX100).toBe(4999); // held below the threshold it does not reach
    expect(starFor(sheet, aggregate([...Array<number>(200).fill(50)], 10))).toBe(3);
    expect(outcomeAt(sheet, 'province', aggregate([89.99, 90, 90], 10))).toMatchObject({ star: 4, forward: false });
    expect(outcomeAt(sheet, 'province', aggregate([90, 90, 90], 10))).toMatchObject({ star: 5, forward: true });
  });

  it('at the band edges the exact mean decides: 29.995, 30.00, 69.995, 70.00, 89.995, 90.00', () => {
    const star = (scores: number[]) => starFor(sheet, aggregate(scores, 10, thresholdsOf(sheet)));
    expect(star([29.99, 30])).toBe(1);
    expect(star([30, 30])).toBe(2);
    expect(star([69.99, 70])).toBe(3);
    expect(star([70, 70])).toBe(4);
    expect(star([89.99, 90])).toBe(4);
    expect(star([90, 90])).toBe(5);
    // a spread of exactly 10 stays within the limit; a hundredth more needs a rescore
    expect(aggregate([80, 70], 10)).toMatchObject({ spreadX100: 1000, needsRescore: false });
    expect(aggregate([80.01, 70], 10)).toMatchObject({ spreadX100: 1001, needsRescore: true });
  });

  it('property: the star equals the star of the rational mean (BigInt reference)', () => {
    fc.assert(
      fc.property(council, (xs) => {
        expect(starFor(sheet, aggregate(points(xs), 100))).toBe(referenceStar(xs));
      }),
      { numRuns: 2000 },
    );
  });

  it('property: the shown mean is within one hundredth of the exact mean and shows the same band', () => {
    fc.assert(
      fc.property(council, (xs) => {
        const a = aggregate(points(xs), 100, thresholdsOf(sheet));
        // |shown − sum/n| < 1 hundredth, in integers: |shown·n − sum| < n
        expect(Math.abs(a.meanX100 * a.n - a.sumX100)).toBeLessThan(a.n);
        // half up when no threshold is in the way
        const halfUp = Math.floor((2 * a.sumX100 + a.n) / (2 * a.n));
        expect(a.meanX100 === halfUp || a.meanX100 === halfUp - 1).toBe(true);
        expect(starFor(sheet, a.meanX100)).toBe(starFor(sheet, a));
        expect(meanReaches({ sumX100: a.meanX100, n: 1 }, sheet.forwardAt)).toBe(meanReaches(a, sheet.forwardAt));
      }),
      { numRuns: 2000 },
    );
  });

  it('property: the mean lies between the lowest and highest total and ignores the members’ order', () => {
    fc.assert(
      fc.property(council, fc.integer({ min: 0, max: 30 }), (xs, limit) => {
        const a = aggregate(points(xs), limit);
        expect(a.meanX100).toBeGreaterThanOrEqual(Math.min(...xs));
        expect(a.meanX100).toBeLessThanOrEqual(Math.max(...xs));
        expect(aggregate(points([...xs].reverse()), limit)).toEqual(a);
      }),
    );
  });

  it('property: the spread is max − min exactly, and rescoring is asked only above the limit', () => {
    // totals with one decimal, as a member may enter them: k / 10 points
    const tenths = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 15 });
    fc.assert(
      fc.property(tenths, fc.integer({ min: 0, max: 300 }), (ks, limitTenths) => {
        const a = aggregate(
          ks.map((k) => k / 10),
          limitTenths / 10,
        );
        const spreadTenths = Math.max(...ks) - Math.min(...ks);
        expect(a.spreadX100).toBe(spreadTenths * 10);
        expect(a.needsRescore).toBe(spreadTenths > limitTenths);
      }),
    );
  });

  it('property: the star never falls when a member raises their total', () => {
    fc.assert(
      fc.property(council, fc.nat(), fc.integer({ min: 0, max: 10_000 }), (xs, i, raise) => {
        const j = i % xs.length;
        const up = xs.map((x, k) => (k === j ? Math.min(10_000, x + raise) : x));
        const m = (ys: number[]): ExactMean => ({ sumX100: ys.reduce((a, b) => a + b, 0), n: ys.length });
        expect(starFor(sheet, m(up))).toBeGreaterThanOrEqual(starFor(sheet, m(xs)));
      }),
    );
  });

  it('meanShownX100 of no members is 0', () => {
    expect(meanShownX100({ sumX100: 0, n: 0 })).toBe(0);
  });
});
