import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { disbursementDeadline, effectiveDeadline, ruleFor, type DeadlineRule } from './deadlines';
import { amountStyleOf, dongFromNumber, MAX_AMOUNT, parseDongText, rateBp, sumBig, sumBy, sumDong, voucherKeyOf } from './money';
import { DEFAULT_RED_FLAG_SETTINGS, elapsedBp, redFlags, type ProjectFigures } from './red-flags';

const entry = fc.record({
  project: fc.integer({ min: 1, max: 6 }),
  source: fc.constantFrom('NSTW_DTPT', 'NSDP_TINH', 'XHH_TIEN'),
  unit: fc.constantFrom('Hải Sơn', 'Hải Ninh', 'Vĩnh Thực'),
  month: fc.integer({ min: 1, max: 12 }),
  amount: fc.integer({ min: -50_000_000, max: 2_000_000_000_000 }),
});

describe('capital arithmetic (property)', () => {
  it('sums by any grouping equal the ledger total, exactly', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 200 }), (ledger) => {
        const total = sumDong(ledger.map((e) => e.amount));
        for (const key of [
          (e: (typeof ledger)[number]) => String(e.project),
          (e: (typeof ledger)[number]) => e.source,
          (e: (typeof ledger)[number]) => e.unit,
          (e: (typeof ledger)[number]) => `${e.unit}|${e.month}`,
        ]) {
          expect(sumDong(sumBy(ledger, key, (e) => e.amount).values())).toBe(total);
        }
        expect(Number.isSafeInteger(total)).toBe(true);
      }),
    );
  });

  it('rates are integers in basis points, never negative for non-negative inputs, and over 100% is visible', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9e14 }), fc.integer({ min: 1, max: 9e14 }), (part, whole) => {
        const bp = rateBp(part, whole)!;
        expect(Number.isInteger(bp)).toBe(true);
        expect(bp).toBeGreaterThanOrEqual(0);
        if (part <= whole) expect(bp).toBeLessThanOrEqual(10000);
        else expect(bp).toBeGreaterThanOrEqual(10000);
      }),
    );
    expect(rateBp(1, 3)).toBe(3333);
    expect(rateBp(2, 3)).toBe(6666); // truncated: 100 % only when all is disbursed
    expect(rateBp(99_995, 100_000)).toBe(9999);
    expect(rateBp(5, 0)).toBeNull();
  });

  it('refuses non-integer money', () => {
    expect(() => sumDong([1.5])).toThrow();
    expect(() => rateBp(0.1, 3)).toThrow();
  });
});

const RULES: DeadlineRule[] = [
  {
    code: 'LDTC-2019-68',
    effectiveFrom: '2020-01-01',
    effectiveTo: '2025-01-01',
    rule: { normalMonth: 1, normalDay: 31, addedAfter: null, addedMonth: 1, addedDay: 31 },
  },
  {
    code: 'LDTC-2024-72',
    effectiveFrom: '2025-01-01',
    effectiveTo: null,
    rule: { normalMonth: 1, normalDay: 31, addedAfter: '09-30', addedMonth: 12, addedDay: 31 },
  },
];

describe('disbursement deadlines as data', () => {
  it('follow the law in force in the plan year, and capital added after 30 September', () => {
    expect(disbursementDeadline(ruleFor(RULES, 2022)!, 2022, '2022-02-10')).toBe('2023-01-31');
    expect(disbursementDeadline(ruleFor(RULES, 2022)!, 2022, '2022-10-15')).toBe('2023-01-31');
    expect(disbursementDeadline(ruleFor(RULES, 2026)!, 2026, '2026-03-01')).toBe('2027-01-31');
    expect(disbursementDeadline(ruleFor(RULES, 2026)!, 2026, '2026-09-30')).toBe('2027-01-31');
    expect(disbursementDeadline(ruleFor(RULES, 2026)!, 2026, '2026-10-01')).toBe('2027-12-31');
    expect(effectiveDeadline('2027-01-31', [{ newDeadline: '2027-06-30' }, { newDeadline: '2027-03-31' }])).toBe('2027-06-30');
  });
});

describe('red flags', () => {
  const base: ProjectFigures = {
    projectId: 1,
    status: 'construction',
    totalInvestment: 10_000_000_000,
    allocatedThisYear: 4_000_000_000,
    disbursedThisYear: 2_000_000_000,
    disbursedAllTime: 2_000_000_000,
    allocatedAllTime: 4_000_000_000,
    lastDisbursement: '2026-05-10',
    firstAllocation: '2026-01-15',
    deadline: '2027-01-31',
    readinessDone: 6,
    readinessTotal: 6,
  };
  const fired = (p: ProjectFigures, today: string) =>
    redFlags(p, 2026, today, DEFAULT_RED_FLAG_SETTINGS)
      .map((f) => f.rule)
      .sort();

  it('each rule fires, and does not without its cause', () => {
    expect(fired(base, '2026-06-01')).toEqual([]);
    expect(fired({ ...base, disbursedThisYear: 200_000_000, disbursedAllTime: 200_000_000 }, '2026-09-01')).toEqual([
      'behind_time',
      'idle',
    ]);
    expect(fired(base, '2026-09-15')).toContain('idle');
    expect(fired({ ...base, lastDisbursement: '2026-08-20' }, '2026-09-15')).not.toContain('idle');
    expect(
      fired(
        { ...base, lastDisbursement: '2026-12-01', disbursedThisYear: 3_900_000_000, disbursedAllTime: 3_900_000_000 },
        '2026-12-15',
      ),
    ).toEqual(['deadline_near']);
    expect(
      fired(
        { ...base, disbursedThisYear: 4_000_000_000, disbursedAllTime: 4_000_000_000, lastDisbursement: '2026-12-01' },
        '2026-12-15',
      ),
    ).toEqual([]);
    expect(fired({ ...base, disbursedAllTime: 10_500_000_000 }, '2026-06-01')).toEqual(['over_budget']);
    expect(fired({ ...base, readinessDone: 4 }, '2026-06-01')).toEqual(['allocated_not_ready']);
    expect(fired({ ...base, allocatedThisYear: 0, disbursedThisYear: 0 }, '2026-06-01')).toEqual([]);
  });

  it('elapsed time is 0 before the year and 100% after it', () => {
    expect(elapsedBp(2026, '2025-12-31')).toBe(0);
    expect(elapsedBp(2026, '2027-01-05')).toBe(10000);
    expect(elapsedBp(2026, '2026-07-02')).toBeGreaterThan(4900);
  });
});

describe('amounts typed in files: explicit rules, never a guess', () => {
  const vi = (n: number) => n.toLocaleString('de-DE'); // 1.500.000 — the grouping Vietnamese officials type
  const en = (n: number) => n.toLocaleString('en-US'); // 1,500,000

  it('reads Vietnamese and English grouping back to the same whole đồng, in a file of that style', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_AMOUNT }), (n) => {
        expect(parseDongText(vi(n), amountStyleOf([vi(n), '1.500.000']))).toEqual({ ok: true, dong: n });
        expect(parseDongText(`${vi(n)},00`, 'vi')).toEqual({ ok: true, dong: n });
        expect(parseDongText(`${en(n)}.00`, amountStyleOf([`${en(n)}.00`]))).toEqual({ ok: true, dong: n });
        expect(parseDongText(`${n}.00`, 'en')).toEqual({ ok: true, dong: n });
        expect(parseDongText(String(n), null)).toEqual({ ok: true, dong: n });
      }),
    );
  });

  it('a fractional đồng, an amount that reads two ways, a mixed file or a huge amount is a problem', () => {
    expect(parseDongText('1500000.00', amountStyleOf(['1500000.00']))).toEqual({ ok: true, dong: 1_500_000 });
    expect(parseDongText('1500000.5', 'en')).toEqual({ ok: false, problem: 'fractional_dong' });
    expect(parseDongText('12.5', null)).toEqual({ ok: false, problem: 'fractional_dong' });
    expect(parseDongText('1.500', null)).toEqual({ ok: false, problem: 'ambiguous' });
    expect(parseDongText('1.500', 'vi')).toEqual({ ok: true, dong: 1500 });
    expect(parseDongText('1.500', 'en')).toEqual({ ok: false, problem: 'fractional_dong' });
    expect(parseDongText('1,500', 'en')).toEqual({ ok: true, dong: 1500 });
    expect(amountStyleOf(['1.500.000', '1,500,000'])).toBe('mixed');
    expect(parseDongText('1.500.000', 'mixed')).toEqual({ ok: false, problem: 'mixed_styles' });
    expect(parseDongText('2.000.000', 'en')).toEqual({ ok: false, problem: 'mixed_styles' });
    expect(parseDongText('1.000.000.000.000.000', 'vi')).toEqual({ ok: false, problem: 'too_large' });
    expect(parseDongText('một triệu', null)).toEqual({ ok: false, problem: 'not_a_number' });
    expect(parseDongText('-4.000.000.000', 'vi')).toEqual({ ok: true, dong: -4_000_000_000 });
    expect(parseDongText('1.500.000 đ', 'vi')).toEqual({ ok: true, dong: 1_500_000 });
    expect(dongFromNumber(1_500_000.5)).toEqual({ ok: false, problem: 'fractional_dong' });
    expect(dongFromNumber(1_500_000)).toEqual({ ok: true, dong: 1_500_000 });
  });

  it('vouchers typed two ways (NFC, NFD, spaces, case) are one voucher', () => {
    expect(voucherKeyOf(' kb-Đ01 '.normalize('NFD'))).toBe(voucherKeyOf('KB-Đ01'));
    expect(voucherKeyOf('KB  2022   0131')).toBe(voucherKeyOf('kb 2022 0131'));
  });

  it('sums stay exact where a double would drift, and rates are truncated', () => {
    const big = Array.from({ length: 20 }, () => MAX_AMOUNT);
    expect(sumBig(big)).toBe(BigInt(MAX_AMOUNT) * 20n);
    expect(rateBp(MAX_AMOUNT - 1, MAX_AMOUNT)).toBe(9999);
    expect(rateBp(MAX_AMOUNT, MAX_AMOUNT)).toBe(10000);
  });
});
