import { formatAmountVi, formatNumberVi } from '../../../src/shared/vi';

/** đồng → "1.250,5 triệu" / "12,7 tỷ" as officials read amounts. */
export function money(dong: number | null | undefined): string {
  if (dong === null || dong === undefined) return '—';
  return formatAmountVi(dong);
}

export const bp = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${formatNumberVi(v / 100, 2)}%`);
