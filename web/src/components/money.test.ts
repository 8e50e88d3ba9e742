import { describe, expect, it } from 'vitest';
import { billions, billionsUnit, bp, money } from './money';

describe('amounts follow the UI language', () => {
  it('Vietnamese: tỷ / triệu / đồng with a decimal comma', () => {
    expect(money(20_000_000_000, 'vi')).toBe('20 tỷ');
    expect(money(12_750_000_000, 'vi')).toBe('12,75 tỷ');
    expect(money(600_000_000, 'vi')).toBe('600 triệu');
    expect(money(950_000, 'vi')).toBe('950.000 đồng');
    expect(bp(4550, 'vi')).toBe('45,5%');
    expect(billionsUnit('vi')).toBe('tỷ đồng');
    expect(billions(1.5, 'vi')).toBe('1,5 tỷ');
  });

  it('English: VND billion / million with a decimal point and no Vietnamese unit', () => {
    expect(money(20_000_000_000, 'en')).toBe('VND 20 billion');
    expect(money(12_750_000_000, 'en')).toBe('VND 12.75 billion');
    expect(money(1_250_500_000_000, 'en')).toBe('VND 1,250.5 billion');
    expect(money(600_000_000, 'en')).toBe('VND 600 million');
    expect(money(950_000, 'en')).toBe('VND 950,000');
    expect(money(-2_500_000, 'en')).toBe('VND -2.5 million');
    expect(bp(4550, 'en')).toBe('45.5%');
    expect(billionsUnit('en')).toBe('VND billion');
    expect(billions(1.5, 'en')).toBe('VND 1.5 billion');
    for (const v of [20e9, 6e8, 950_000]) expect(money(v, 'en')).not.toMatch(/tỷ|triệu|đồng/);
  });

  it('nothing to show is a dash in both languages', () => {
    expect(money(null, 'vi')).toBe('—');
    expect(money(undefined, 'en')).toBe('—');
    expect(bp(null, 'en')).toBe('—');
  });
});
