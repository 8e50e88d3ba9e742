import { ROLE_LABELS, SUCCESSION_LABELS, UNIT_TYPE_LABELS } from '../../../src/shared/roles';
import type { Lang } from '../i18n';
import type { Role, UnitType } from '../api/client';

export const roleLabel = (r: Role, lang: Lang) => ROLE_LABELS[r][lang];
export const unitTypeLabel = (t: UnitType, lang: Lang) => UNIT_TYPE_LABELS[t][lang];
export const successionLabel = (k: string, lang: Lang) => SUCCESSION_LABELS[k as keyof typeof SUCCESSION_LABELS]?.[lang] ?? k;
export { ROLE_LABELS, UNIT_TYPE_LABELS, SUCCESSION_LABELS };
