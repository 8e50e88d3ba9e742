export type Flag = {
  rule: 'behind_time' | 'idle' | 'deadline_near' | 'over_budget' | 'allocated_not_ready';
  projectId: number;
  severity: 'high' | 'medium';
  values: Record<string, unknown>;
  projectName?: string;
};
export type CockpitData = {
  year: number;
  basemap: { tileUrl: string; attribution: string } | null;
  byDeadline: { deadline: string; allocated: number; paid: number; left: number; passed: boolean }[];
  unitName: string;
  asOf: string;
  totals: {
    plan: number;
    allocated: number;
    unallocated: number;
    disbursed: number;
    rateVsPlanBp: number | null;
    rateVsAllocatedBp: number | null;
    elapsedBp: number;
    over100: boolean;
  };
  plans: {
    id: number;
    name: string;
    version: number;
    resolutionNo: string | null;
    resolutionDate: string | null;
    body: string | null;
  }[];
  bySource: { code: string; name: string; plan: number; allocated: number; disbursed: number; rateBp: number | null }[];
  byUnit: {
    unitId: number;
    name: string;
    effectiveTo: string | null;
    allocated: number;
    disbursed: number;
    rateBp: number | null;
    community: { money: number; landM2: number; workdays: number; inKindValue: number };
  }[];
  projects: {
    id: number;
    code: string;
    name: string;
    unitName: string;
    status: string;
    allocated: number;
    disbursed: number;
    rateBp: number | null;
    deadline: string | null;
    lat: number | null;
    lon: number | null;
    flags: Flag[];
  }[];
  scurve: { month: string; disbursed: number; cumulative: number | null; cumulativeRateBp: number | null; timeBp: number }[];
  flags: (Flag & { projectName: string })[];
};
