import { describe, expect, it } from 'vitest';
import { criteriaOf, scoreSheet } from '../../domain/ocop/scoring';
import { answersFor } from '../../testing/ocop';
import { PRODUCT_GROUPS, PRODUCT_SETS, shippedSheets } from './sheets';

const sheets = shippedSheets();
const maxOf = (c: { options: { points: number }[] }) => Math.max(...c.options.map((o) => o.points));

describe('the shipped OCOP scoring sheets: 6 groups, 26 product sets, each regime', () => {
  it('one sheet per product set and regime, named after the catalogue, codes unique', () => {
    expect(PRODUCT_SETS).toHaveLength(26);
    expect(PRODUCT_GROUPS).toHaveLength(6);
    for (const regime of ['QD148_2023', 'QD1489_2025']) {
      const of = sheets.filter((s) => s.regime === regime);
      expect(of.map((s) => s.setNo)).toEqual(PRODUCT_SETS.map((s) => s.no));
      for (const s of of) {
        const set = PRODUCT_SETS.find((p) => p.no === s.setNo)!;
        expect([s.setName, s.group]).toEqual([set.name, set.group]);
      }
    }
    const keys = sheets.map((s) => `${s.code}@${s.version}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(sheets.map((s) => s.group))).toEqual(new Set(PRODUCT_GROUPS));
  });

  describe.each(sheets.map((s) => [`${s.code} v${s.version}`, s] as const))('%s', (_name, sheet) => {
    it('parts A 40, B 25, C 35 add up to 100; every criterion lies within its part', () => {
      expect(sheet.parts.map((p) => [p.code, p.max])).toEqual([
        ['A', 40],
        ['B', 25],
        ['C', 35],
      ]);
      for (const part of sheet.parts) {
        const sum = part.groups.flatMap((g) => g.criteria).reduce((s, c) => s + maxOf(c), 0);
        expect(sum, `part ${part.code}`).toBe(part.max);
        for (const g of part.groups) {
          expect(g.code.startsWith(part.code)).toBe(true);
          for (const c of g.criteria) expect(c.code.startsWith(`${g.code}.`), c.code).toBe(true);
        }
      }
      expect(sheet.parts.reduce((s, p) => s + p.max, 0)).toBe(100);
    });

    it("each criterion's options are whole points from 0 up to its maximum, rising, with at least two choices", () => {
      const codes = criteriaOf(sheet).map((c) => c.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const c of criteriaOf(sheet)) {
        const points = c.options.map((o) => o.points);
        expect(points.length, c.code).toBeGreaterThanOrEqual(2);
        for (const p of points) {
          expect(Number.isInteger(p) && p >= 0 && p <= maxOf(c), c.code).toBe(true);
        }
        expect(
          points.every((p, i) => i === 0 || p > points[i - 1]!),
          `${c.code} rises`,
        ).toBe(true);
        expect(maxOf(c)).toBeLessThanOrEqual(sheet.parts.find((p) => p.code === c.part)!.max);
        if (c.mandatoryFromStar) expect(points[0], `${c.code} can fail`).toBe(0);
      }
    });

    it('every criterion says whether it was checked against the official annex; the sheet is verified only if all are', () => {
      const cs = criteriaOf(sheet);
      for (const c of cs) expect(typeof c.verified, c.code).toBe('boolean');
      expect(sheet.verified).toBe(cs.every((c) => c.verified));
      // Nothing has been checked against Annex III yet: the mark must show everywhere.
      expect(cs.filter((c) => c.verified)).toEqual([]);
    });

    it("reaches each recognised star's threshold exactly and can score below 2 stars", () => {
      const lowest = criteriaOf(sheet).reduce((s, c) => s + c.options[0]!.points, 0);
      for (const target of [50, 70, 90, 100]) expect(scoreSheet(sheet, answersFor(sheet, target)).total).toBe(target);
      expect(lowest).toBeLessThan(30);
    });
  });

  it('parts A and B are the shared structure: the same criteria codes and maxima in every sheet', () => {
    const shape = (s: (typeof sheets)[number]) =>
      s.parts
        .filter((p) => p.code !== 'C')
        .flatMap((p) => p.groups.flatMap((g) => g.criteria.map((c) => `${c.code}:${maxOf(c)}`)))
        .join(' ');
    expect(new Set(sheets.map(shape)).size).toBe(1);
  });
});
