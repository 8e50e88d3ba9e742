/**
 * Money is integer đồng, always. Sums use BigInt so nothing is lost past 2^53; rates are computed as
 * integer basis points (1/100 of a percent), truncated, and only turned into a decimal for display.
 *
 * Limits are chosen so that totals fit: one amount is at most MAX_AMOUNT (100 nghìn tỷ đồng), a plan
 * has at most 20 lines, so a plan's total stays below 2^53 and every sum a screen shows is exact.
 */

/** The largest amount one line, allocation or payment may carry: 10^14 đồng (100 nghìn tỷ). */
export const MAX_AMOUNT = 100_000_000_000_000;
export function assertDong(n: number): number {
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer amount of đồng: ${n}`);
  return n;
}

/** The exact sum, as a BigInt. */
export function sumBig(values: Iterable<number>): bigint {
  let s = 0n;
  for (const v of values) s += BigInt(assertDong(v));
  return s;
}

/**
 * The exact sum as a number. The limits keep every real total below 2^53; a sum beyond it (never
 * expected) is still returned, rounded to the nearest representable đồng, rather than failing a page.
 */
export function sumDong(values: Iterable<number>): number {
  return Number(sumBig(values));
}

/**
 * part / whole in basis points (10000 = 100%), truncated toward zero, so 100,00 % is shown only when
 * everything is disbursed (99,995 % reads 99,99 %); null when the whole is 0.
 */
export function rateBp(part: number, whole: number): number | null {
  if (whole === 0) return null;
  const p = BigInt(assertDong(part));
  const w = BigInt(assertDong(whole));
  const neg = p < 0n !== w < 0n;
  const ap = p < 0n ? -p : p;
  const aw = w < 0n ? -w : w;
  const bp = (ap * 10000n) / aw;
  return Number(neg ? -bp : bp);
}

/** 1234 bp → 12.34 (for display: "12,34%"). */
export const bpToPercent = (bp: number) => bp / 100;

/** đồng → triệu đồng for reports (exact for whole thousands). */
export const toMillions = (dong: number) => dong / 1_000_000;

/** Groups and sums amounts exactly, as BigInt (for comparisons that must never round). */
export function sumByBig<T>(rows: readonly T[], key: (r: T) => string, amount: (r: T) => number): Map<string, bigint> {
  const acc = new Map<string, bigint>();
  for (const r of rows) acc.set(key(r), (acc.get(key(r)) ?? 0n) + BigInt(assertDong(amount(r))));
  return acc;
}

/** Groups and sums amounts exactly. */
export function sumBy<T>(rows: readonly T[], key: (r: T) => string, amount: (r: T) => number): Map<string, number> {
  return new Map([...sumByBig(rows, key, amount)].map(([k, v]) => [k, Number(v)]));
}

/**
 * How a Treasury voucher number is compared: Unicode NFC (so "Đ" typed two ways is one letter),
 * trimmed, inner spaces collapsed, upper case. Two payments with the same key are the same voucher.
 */
export function voucherKeyOf(voucherRef: string): string {
  return voucherRef.normalize('NFC').trim().replace(/\s+/g, ' ').toUpperCase();
}

export type NumberStyle = 'vi' | 'en';
export type AmountProblem = 'not_a_number' | 'fractional_dong' | 'ambiguous' | 'mixed_styles' | 'too_large';

type Reading = { intPart: string; fraction: string };

/**
 * How a typed amount can be read. Vietnamese style groups thousands with dots and uses a decimal
 * comma ("1.500.000", "1.500.000,00", "1500,00"); English style groups with commas and uses a
 * decimal point ("1,500,000", "1,500,000.00", "1500000.00"). "1.500" and "1,500" fit both styles
 * with different values; "1500000" fits both with the same value.
 */
function readingsOf(token: string): Partial<Record<NumberStyle, Reading>> {
  const out: Partial<Record<NumberStyle, Reading>> = {};
  if (/^\d+$/.test(token)) return { vi: { intPart: token, fraction: '' }, en: { intPart: token, fraction: '' } };
  let m = /^(\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/.exec(token) ?? /^(\d+),(\d+)$/.exec(token);
  if (m) out.vi = { intPart: m[1]!.replace(/\./g, ''), fraction: m[2] ?? '' };
  m = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/.exec(token) ?? /^(\d+)\.(\d+)$/.exec(token);
  if (m) out.en = { intPart: m[1]!.replace(/,/g, ''), fraction: m[2] ?? '' };
  return out;
}

/** The amount as typed, without spaces, a currency word or a sign. */
function normalizeAmountText(text: string): { sign: 1 | -1; token: string } {
  let t = text
    .normalize('NFC')
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/(đồng|đ|vnđ|vnd)$/i, '');
  let sign: 1 | -1 = 1;
  if (t.startsWith('-') || t.startsWith('−')) {
    sign = -1;
    t = t.slice(1);
  }
  return { sign, token: t };
}

/**
 * The style a whole file is written in, decided only by amounts that can be read one way: null when
 * nothing decides it, 'mixed' when some amounts are Vietnamese and others English.
 */
export function amountStyleOf(texts: readonly string[]): NumberStyle | 'mixed' | null {
  let vi = false;
  let en = false;
  for (const text of texts) {
    const r = readingsOf(normalizeAmountText(text).token);
    if (r.vi && !r.en) vi = true;
    if (r.en && !r.vi) en = true;
  }
  return vi && en ? 'mixed' : vi ? 'vi' : en ? 'en' : null;
}

/**
 * Reads an amount of đồng typed in a file whose style is `style` (from `amountStyleOf`). A
 * fractional đồng, an amount that reads differently in the two styles when the file does not say
 * which, or anything else is a problem — never a guess.
 */
export function parseDongText(
  text: string,
  style: NumberStyle | 'mixed' | null,
): { ok: true; dong: number } | { ok: false; problem: AmountProblem } {
  const { sign, token } = normalizeAmountText(text);
  const r = readingsOf(token);
  if (!r.vi && !r.en) return { ok: false, problem: 'not_a_number' };
  let reading: Reading | undefined;
  if (r.vi && r.en && r.vi.intPart === r.en.intPart && r.vi.fraction === r.en.fraction) reading = r.vi;
  else if (style === 'mixed') return { ok: false, problem: 'mixed_styles' };
  else if (style === null) {
    if (r.vi && r.en) return { ok: false, problem: 'ambiguous' };
    reading = r.vi ?? r.en;
  } else {
    reading = r[style];
    if (!reading) return { ok: false, problem: 'mixed_styles' };
  }
  if (/[^0]/.test(reading!.fraction)) return { ok: false, problem: 'fractional_dong' };
  const big = BigInt(reading!.intPart);
  if (big > BigInt(MAX_AMOUNT)) return { ok: false, problem: 'too_large' };
  return { ok: true, dong: sign * Number(big) };
}

/** An amount from a spreadsheet cell that holds a number: whole đồng within the limit, or a problem. */
export function dongFromNumber(n: number): { ok: true; dong: number } | { ok: false; problem: AmountProblem } {
  if (!Number.isFinite(n)) return { ok: false, problem: 'not_a_number' };
  if (!Number.isInteger(n)) return { ok: false, problem: 'fractional_dong' };
  if (Math.abs(n) > MAX_AMOUNT) return { ok: false, problem: 'too_large' };
  return { ok: true, dong: n };
}
