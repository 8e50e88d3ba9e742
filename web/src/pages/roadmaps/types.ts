export type RoadmapStatus = 'not_started' | 'in_progress' | 'at_risk' | 'done';
export type CostClass = 'none' | 'budget' | 'investment';
export type RoadmapItem = {
  id: number;
  unitId: number;
  unitName: string;
  setCode: string;
  indicatorCode: string;
  indicatorText: string;
  criterionNumber: string;
  title: string;
  task: string | null;
  leadAgencyId: number | null;
  leadAgencyName: string | null;
  leadUserId: number | null;
  leadUserName: string | null;
  supportingAgencies: { id: number; name: string }[];
  targetMonth: string | null;
  costClass: CostClass;
  costEstimate: number | null;
  status: RoadmapStatus;
  priority: number;
  progress: number;
  confirmed: boolean;
  closedReason: 'verified_met' | 'manual' | null;
  reopenedCount: number;
  escalated: boolean;
  overdueDays: number;
  dueInDays: number | null;
  note: string | null;
  version: number;
  lastCheckin: { month: string; percent: number; note: string; at: string } | null;
};
export type ItemDetail = RoadmapItem & {
  checkins: {
    id: number;
    month: string;
    percent: number;
    note: string;
    files: { fileId: number; name: string }[];
    at: string;
    by: string | null;
  }[];
};

export const monthVi = (m: string | null) => (m ? `${m.slice(5, 7)}/${m.slice(0, 4)}` : '—');

/** An agency that can lead a unit's work, with how many people would be told about it. */
export type LeadAgency = { id: number; name: string; unitId: number; kind: string; reachable: number };
