import { formatAmountVi, formatNumberVi } from '../../../src/shared/vi';
import type { Lang } from '../i18n';

/** A number in the UI language: Vietnamese "1.234,5" (decimal comma), English "1,234.5" (decimal point). */
export function formatNumber(n: number, fractionDigits: number, lang: Lang): string {
  if (lang === 'vi') return formatNumberVi(n, fractionDigits);
  return new Intl.NumberFormat('en-US', { minimumFractionDigits: 0, maximumFractionDigits: fractionDigits }).format(n);
}

/** đồng in English: "VND 12.7 billion" / "VND 1,250.5 million" / "VND 950,000". */
export function formatAmountEn(dong: number): string {
  if (Math.abs(dong) >= 1_000_000_000) return `VND ${formatNumber(dong / 1_000_000_000, 3, 'en')} billion`;
  if (Math.abs(dong) >= 1_000_000) return `VND ${formatNumber(dong / 1_000_000, 3, 'en')} million`;
  return `VND ${formatNumber(dong, 0, 'en')}`;
}

/**
 * đồng as officials read amounts, in the UI language: "1.250,5 triệu" / "12,7 tỷ" in Vietnamese,
 * "VND 1,250.5 million" / "VND 12.7 billion" in English.
 */
export function money(dong: number | null | undefined, lang: Lang): string {
  if (dong === null || dong === undefined) return '—';
  return lang === 'vi' ? formatAmountVi(dong) : formatAmountEn(dong);
}

/** Basis points as a percentage in the UI language: 4550 → "45,5%" / "45.5%". */
export const bp = (v: number | null | undefined, lang: Lang) =>
  v === null || v === undefined ? '—' : `${formatNumber(v / 100, 2, lang)}%`;

/** The unit of a chart's billions axis and its labels. */
export const billionsUnit = (lang: Lang) => (lang === 'vi' ? 'tỷ đồng' : 'VND billion');
export const billions = (v: number, lang: Lang) =>
  lang === 'vi' ? `${formatNumber(v, 3, lang)} tỷ` : `VND ${formatNumber(v, 3, lang)} billion`;
