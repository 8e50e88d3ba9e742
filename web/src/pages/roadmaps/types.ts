export type RoadmapStatus = 'not_started' | 'in_progress' | 'at_risk' | 'done';
export type CostClass = 'none' | 'budget' | 'investment';
export type { RoadmapItem, RoadmapItemDetail as ItemDetail, LeadAgency } from '../../../../src/shared/api.gen';

export const monthVi = (m: string | null) => (m ? `${m.slice(5, 7)}/${m.slice(0, 4)}` : '—');
