import { formatNumberVi } from '../../../src/shared/vi';

/** đồng → "1.250,5 triệu" / "12,7 tỷ" as officials read amounts. */
export function money(dong: number | null | undefined): string {
  if (dong === null || dong === undefined) return '—';
  if (Math.abs(dong) >= 1_000_000_000) return `${formatNumberVi(dong / 1_000_000_000, 3)} tỷ`;
  if (Math.abs(dong) >= 1_000_000) return `${formatNumberVi(dong / 1_000_000, 3)} triệu`;
  return `${formatNumberVi(dong, 0)} đồng`;
}

export const bp = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${formatNumberVi(v / 100, 2)}%`);
