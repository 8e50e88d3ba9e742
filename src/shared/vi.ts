/**
 * Vietnamese text and number conventions shared by the server and the web client.
 * Pure functions; no I/O.
 */

export const viCollator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Sort by a Vietnamese key the way people expect (Đ after D, tones ignored first). */
export function sortVi<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => viCollator.compare(key(a), key(b)));
}

/**
 * Accent-insensitive search key: lower case, diacritics removed, đ → d, whitespace collapsed.
 * "Hải Sơn" and "hai son" share the key "hai son".
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** ISO date (yyyy-mm-dd) → dd/mm/yyyy. */
export function formatDateVi(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${m[3]}/${m[2]}/${m[1]}`;
}

/** dd/mm/yyyy → ISO yyyy-mm-dd, or null when it is not a real calendar date. */
export function parseDateVi(text: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Timestamp → dd/mm/yyyy HH:mm in Vietnam time (UTC+7, no daylight saving). */
/** yyyy-mm → mm/yyyy; anything else → ''. */
export function formatMonthVi(ym: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym ?? '');
  return m ? `${m[2]}/${m[1]}` : '';
}

export function formatDateTimeVi(iso: string | Date | null | undefined): string {
  if (!iso) return '';
  const t = typeof iso === 'string' ? new Date(iso) : iso;
  const local = new Date(t.getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(local.getUTCDate())}/${p(local.getUTCMonth() + 1)}/${local.getUTCFullYear()} ${p(local.getUTCHours())}:${p(local.getUTCMinutes())}`;
}

/** 42.333 → "42,33" (Vietnamese decimal comma, dot thousands). */
export function formatNumberVi(n: number, fractionDigits = 2): string {
  return new Intl.NumberFormat('vi-VN', {
    minimumFractionDigits: 0,
    maximumFractionDigits: fractionDigits,
  }).format(n);
}

/** đồng → "1.250,5 triệu" / "12,7 tỷ" / "950.000 đồng", as officials read amounts. */
export function formatAmountVi(dong: number): string {
  if (Math.abs(dong) >= 1_000_000_000) return `${formatNumberVi(dong / 1_000_000_000, 3)} tỷ`;
  if (Math.abs(dong) >= 1_000_000) return `${formatNumberVi(dong / 1_000_000, 3)} triệu`;
  return `${formatNumberVi(dong, 0)} đồng`;
}

/** Today's date in Vietnam (UTC+7) as yyyy-mm-dd. */
export function todayVn(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/**
 * A number as a Vietnamese official types it: "42,33" and "1.234,5" (decimal comma, dot thousands),
 * "1.500" (thousands), but also "42.5" (decimal point). Null when it is not a number.
 */
export function parseNumberVi(text: string): number | null {
  const s = text.trim().replace(/\s/g, '');
  if (!s) return null;
  let normalised: string;
  if (s.includes(',')) normalised = s.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d{1,3}(\.\d{3})+$/.test(s)) normalised = s.replace(/\./g, '');
  else normalised = s;
  if (!/^-?\d+(\.\d+)?$/.test(normalised)) return null;
  const n = Number(normalised);
  return Number.isFinite(n) ? n : null;
}
