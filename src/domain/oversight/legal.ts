/**
 * Which supervision law governs an activity, by the day it is held: Law 87/2015/QH13 (in force
 * 1 July 2016) until 28 February 2026, Law 121/2025/QH15 from 1 March 2026.
 */
export const SUPERVISION_LAWS = [
  {
    code: '87/2015/QH13',
    name: 'Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân số 87/2015/QH13',
    from: '2016-07-01',
    to: '2026-03-01',
  },
  {
    code: '121/2025/QH15',
    name: 'Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân số 121/2025/QH15',
    from: '2026-03-01',
    to: null,
  },
] as const;

export function supervisionLawOn(isoDate: string) {
  const law = SUPERVISION_LAWS.find((l) => isoDate >= l.from && (l.to === null || isoDate < l.to));
  return law ?? SUPERVISION_LAWS[0];
}
