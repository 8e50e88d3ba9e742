/**
 * Helpers for the server-rendered public pages (portal, OCOP product pages, QR links): HTML escaping,
 * star ratings and the installation's public address.
 */
import type { Deps } from '../context';

export function esc(s: string | number | null | undefined): string {
  return String(s ?? '').replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );
}

/** ★★★☆☆ for a 3-star product. */
export const stars = (n: number) => '★'.repeat(n) + '☆'.repeat(5 - n);

export const baseUrl = (deps: Deps) => (deps.config.publicUrl ?? `http://localhost:${deps.config.port}`).replace(/\/$/, '');
