import { formatNumberVi } from '../../shared/vi';
import type { Indicator, ThresholdRule } from './schema';

/** A threshold as officials read it: "≥ 70%", "Đạt / Có", "≥ 1/7 mục", marked when unverified. */
export function thresholdText(
  ind: { type: Indicator['type']; items?: Indicator['items'] | null },
  t: ThresholdRule | null | undefined,
  lang: 'vi' | 'en' = 'vi',
  markUnverified = true,
): string {
  if (!t) return lang === 'vi' ? 'chưa có ngưỡng' : 'no threshold';
  const mark = t.verified || !markUnverified ? '' : lang === 'vi' ? ' (chưa xác minh)' : ' (unverified)';
  const op = (o: string | undefined) => ({ '>=': '≥', '<=': '≤', '=': '=', '>': '>', '<': '<' })[o ?? '='] ?? o;
  switch (ind.type) {
    case 'boolean':
      return (t.expect ? (lang === 'vi' ? 'Đạt / Có' : 'Achieved / yes') : lang === 'vi' ? 'Không' : 'None') + mark;
    case 'number':
      return `${op(t.op)} ${formatNumberVi(t.value!)}${mark}`;
    case 'ratio':
      return `${op(t.op)} ${formatNumberVi(t.value!)}%${mark}`;
    case 'level':
      return `≥ ${t.level}${mark}`;
    case 'k_of_n':
      return `≥ ${t.k}/${ind.items?.length ?? 0} ${lang === 'vi' ? 'mục' : 'items'}${mark}`;
  }
}
