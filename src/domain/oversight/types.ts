/**
 * What a council saw: the figures frozen for a supervision activity. Plain data, stored as JSON and
 * never changed once written; packs and comparisons are computed from it alone.
 */
export type SnapshotCommune = {
  unitId: number;
  name: string;
  /** Month of the latest verified assessment up to the snapshot (yyyy-mm), or null when none. */
  month: string | null;
  criteriaMet: number | null;
  criteriaTotal: number | null;
  indicatorsMet: number | null;
  indicatorsTotal: number | null;
  standardMet: boolean | null;
  advancedMet: boolean | null;
  modelMet: boolean | null;
  /** Criterion numbers not yet met. */
  unmet: string[];
};

export type SnapshotRecommendation = {
  id: number;
  activityTitle: string;
  seq: number;
  text: string;
  addresseeLabel: string;
  deadline: string;
  status: 'open' | 'reported' | 'accepted' | 'not_accepted' | 'closed';
  overdue: boolean;
};

export type SnapshotData = {
  schema: 1;
  asOf: string;
  month: string;
  unit: { id: number; name: string };
  council: { id: number; name: string; term: string };
  activity: { id: number; kind: string; title: string; date: string; legalBasis: string };
  criteria: {
    setName: string | null;
    criteriaNames: { number: string; name: string }[];
    unitCount: number;
    assessedCount: number;
    criteriaTotal: number | null;
    indicatorsTotal: number | null;
    criteriaMetSum: number;
    indicatorsMetSum: number;
    averageCriteria: number | null;
    averageIndicators: number | null;
    standardCount: number;
    advancedCount: number;
    modelCount: number;
    communes: SnapshotCommune[];
  };
  ocop: {
    year: number;
    targets: { newProducts: number; newRated34: number; newOrganisations: number } | null;
    actual: { newProducts: number; newRated34: number; newOrganisations: number };
    products: number;
    starred: number;
    byStar: { star: number; n: number }[];
    expiringSoon: number;
    expired: number;
  };
  capital: {
    year: number;
    plan: number;
    allocated: number;
    disbursed: number;
    /** Disbursed / allocated in basis points. */
    rateBp: number | null;
    projects: { code: string; name: string; unitName: string; allocated: number; disbursed: number }[];
  };
  recommendations: SnapshotRecommendation[];
  petitions: { total: number; resolved: number; answered: number; rateBp: number | null };
};

export const LINK_TYPES = ['criterion', 'unit', 'project', 'ocop_target', 'roadmap_item'] as const;
export type RecommendationLink = { type: (typeof LINK_TYPES)[number]; ref: string; label: string };
