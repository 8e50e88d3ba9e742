/**
 * Money is integer đồng, always. Sums use BigInt so nothing is lost past 2^53; rates are computed as
 * integer basis points (1/100 of a percent) and only turned into a decimal for display.
 */
export function assertDong(n: number): number {
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer amount of đồng: ${n}`);
  return n;
}

export function sumDong(values: Iterable<number>): number {
  let s = 0n;
  for (const v of values) s += BigInt(assertDong(v));
  const out = Number(s);
  if (!Number.isSafeInteger(out)) throw new Error('sum exceeds the safe integer range');
  return out;
}

/** part / whole in basis points (10000 = 100%), rounded half up; null when the whole is 0. */
export function rateBp(part: number, whole: number): number | null {
  if (whole === 0) return null;
  const p = BigInt(assertDong(part));
  const w = BigInt(assertDong(whole));
  const neg = p < 0n !== w < 0n;
  const ap = p < 0n ? -p : p;
  const aw = w < 0n ? -w : w;
  const bp = (ap * 10000n * 2n + aw) / (aw * 2n);
  return Number(neg ? -bp : bp);
}

/** 1234 bp → 12.34 (for display: "12,34%"). */
export const bpToPercent = (bp: number) => bp / 100;

/** đồng → triệu đồng for reports (exact for whole thousands). */
export const toMillions = (dong: number) => dong / 1_000_000;

/** Groups and sums amounts exactly. */
export function sumBy<T>(rows: readonly T[], key: (r: T) => string, amount: (r: T) => number): Map<string, number> {
  const acc = new Map<string, bigint>();
  for (const r of rows) acc.set(key(r), (acc.get(key(r)) ?? 0n) + BigInt(assertDong(amount(r))));
  return new Map([...acc].map(([k, v]) => [k, Number(v)]));
}

/**
 * How a Treasury voucher number is compared: Unicode NFC (so "Đ" typed two ways is one letter),
 * trimmed, inner spaces collapsed, upper case. Two payments with the same key are the same voucher.
 */
export function voucherKeyOf(voucherRef: string): string {
  return voucherRef.normalize('NFC').trim().replace(/\s+/g, ' ').toUpperCase();
}
