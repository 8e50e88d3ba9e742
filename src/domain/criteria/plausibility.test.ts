import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plausibilityMessage, plausibilityProblems } from './plausibility';
import type { Indicator } from './schema';

const share: Pick<Indicator, 'type'> = { type: 'ratio' };
const income: Pick<Indicator, 'type'> = { type: 'number' };
const set = { jumpPercent: 50 };

describe('plausibility at entry', () => {
  it('refuses a part larger than its whole: 99,999 of 759 households', () => {
    const [p] = plausibilityProblems(share, { num: 99_999, den: 759 });
    expect(p).toEqual({ code: 'share_over_whole', num: 99_999, den: 759 });
    expect(plausibilityMessage(p!, 'vi')).toBe('Tử số (99.999) lớn hơn mẫu số (759): phần không thể lớn hơn tổng thể');
    expect(plausibilityMessage(p!, 'en')).toContain('cannot exceed the whole');
  });

  it('accepts every share within its whole, and refuses every one beyond it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e7 }), fc.integer({ min: 0, max: 1e7 }), (den, num) => {
        const problems = plausibilityProblems(share, { num, den });
        expect(problems.some((p) => p.code === 'share_over_whole')).toBe(num > den);
      }),
    );
  });

  it('lets a set declare a ratio that is not a share', () => {
    expect(plausibilityProblems({ type: 'ratio', plausible: { share: false } }, { num: 3, den: 2 })).toEqual([]);
  });

  it('keeps numbers within their range; a negative income is implausible by default', () => {
    expect(plausibilityProblems(income, -1)[0]?.code).toBe('below_min');
    expect(plausibilityProblems({ type: 'number', plausible: { max: 500 } }, 501)[0]?.code).toBe('above_max');
    expect(plausibilityProblems({ type: 'number', plausible: { min: -10 } }, -5)).toEqual([]);
  });

  it('asks for a note when a value jumps beyond the set percentage from the last verified month', () => {
    expect(plausibilityProblems(income, 80, { previous: 40, set })[0]).toMatchObject({
      code: 'jump_needs_note',
      percent: 100,
      limit: 50,
    });
    expect(plausibilityProblems(income, 80, { previous: 40, set, note: 'Số liệu điều tra mới của Cục Thống kê' })).toEqual([]);
    expect(plausibilityProblems(income, 59, { previous: 40, set })).toEqual([]);
    expect(plausibilityProblems(income, 80, { previous: null, set })).toEqual([]);
    expect(plausibilityProblems(income, 80, { previous: 40 })).toEqual([]);
    expect(plausibilityProblems({ type: 'number', plausible: { jumpPercent: null } }, 80, { previous: 40, set })).toEqual([]);
  });

  it("for a share, the whole may not jump either: Hải Sơn's households 1,798 → 799 in a month", () => {
    const [p] = plausibilityProblems(share, { num: 799, den: 799 }, { previous: { num: 1_798, den: 1_798 }, set });
    expect(p).toMatchObject({ code: 'jump_needs_note', previous: 1_798, value: 799, percent: 55.6 });
    expect(plausibilityProblems(share, { num: 899, den: 899 }, { previous: { num: 1_798, den: 1_798 }, set })).toEqual([]);
  });

  it('does not judge booleans, levels or item lists', () => {
    expect(plausibilityProblems({ type: 'boolean' }, true, { previous: false, set })).toEqual([]);
  });
});
