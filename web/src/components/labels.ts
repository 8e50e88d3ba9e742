import { ROLE_LABELS, SUCCESSION_LABELS, UNIT_TYPE_LABELS } from '../../../src/shared/roles';
import type { Lang } from '../i18n';
import { formatDateVi } from '../../../src/shared/vi';
import type { Role, UnitType } from '../api/client';

export const roleLabel = (r: Role, lang: Lang) => ROLE_LABELS[r][lang];
export const unitTypeLabel = (t: UnitType, lang: Lang) => UNIT_TYPE_LABELS[t][lang];
export const successionLabel = (k: string, lang: Lang) => SUCCESSION_LABELS[k as keyof typeof SUCCESSION_LABELS]?.[lang] ?? k;

/**
 * A unit as a person picks it: a former unit (ended by a merger) says so and until when, so that
 * "xã Hải Sơn" before and after 1/7/2025 are never two identical entries.
 */
export function unitOptionLabel(u: { name: string; effectiveTo: string | null }, lang: Lang): string {
  if (!u.effectiveTo) return u.name;
  const last = new Date(Date.parse(`${u.effectiveTo}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return lang === 'vi' ? `${u.name} (cũ, đến ${formatDateVi(last)})` : `${u.name} (former, until ${formatDateVi(last)})`;
}

export { ROLE_LABELS, UNIT_TYPE_LABELS, SUCCESSION_LABELS };
