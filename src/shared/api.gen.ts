/* Generated from the OpenAPI document by `npm run api:types`; do not edit. */

export type AssessmentDiff = {
  month: string;
  previousMonth: string | null;
  previousId: number | null;
  counts: {
    before: {
      criteriaMet: number;
      indicatorsMet: number;
    } | null;
    after: {
      criteriaMet: number;
      indicatorsMet: number;
    } | null;
  };
  changes: ({
    code: string;
    before: boolean | number | {
      num: number;
      den: number;
    } | string | string[] | {
      notApplicable: true;
      reason: string;
    } | null;
    after: boolean | number | {
      num: number;
      den: number;
    } | string | string[] | {
      notApplicable: true;
      reason: string;
    } | null;
    statusBefore: "met" | "unmet" | "missing" | "not_applicable" | null;
    statusAfter: "met" | "unmet" | "missing" | "not_applicable" | null;
    changedBy: string | null;
    changedAt: string | null;
  })[];
  evidenceAdded: ({
    at: string;
    id: number;
    code: string;
    name: string;
    by: string | null;
  })[];
};

export type AssessmentGridIndicator = {
  code: string;
  text: string;
  unit: string | null;
  type: "boolean" | "number" | "ratio" | "level" | "k_of_n";
  levels: string[] | null;
  items: {
    code: string;
    text_vi: string;
  }[] | null;
  level: "ntm" | "advanced" | "model";
  threshold: {
    classes?: string[];
    fromYear?: number;
    toYear?: number;
    op?: ">=" | "<=" | "=" | ">" | "<";
    value?: number;
    expect?: boolean;
    level?: string;
    k?: number;
    verified: boolean;
    source?: string;
  } | null;
  verified: boolean;
  source: string | null;
  notApplicable: {
    allowed: true;
    counts: "met" | "excluded";
    note?: string;
    source?: string;
    verified: boolean;
  } | null;
  value: boolean | number | {
    num: number;
    den: number;
  } | string | string[] | {
    notApplicable: true;
    reason: string;
  } | null;
  note: string | null;
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
  review: "pending" | "accepted" | "returned";
  reviewComment: string | null;
  status: "met" | "unmet" | "missing" | "not_applicable";
  reason: "ok" | "no_value" | "no_threshold" | "invalid_value" | "below_threshold" | "above_threshold" | "not_equal" | "expected_yes" | "expected_no" | "level_below" | "items_short" | "not_applicable" | "not_applicable_not_allowed";
  shortfall: number | null;
  evidence: ({
    id: number;
    name: string;
    mime: string;
    size: number;
    hasThumbnail: boolean;
    addedAt: string;
    addedBy: string | null;
  })[];
};

export type AssessmentSummary = {
  id: number;
  month: string;
  status: "draft" | "submitted" | "returned" | "verified";
  setCode: string;
  criteriaMet: number | null;
  criteriaTotal: number | null;
  indicatorsMet: number | null;
  indicatorsTotal: number | null;
};

export type AssessmentView = {
  assessment: {
    id: number;
    unitId: number;
    unitName: string;
    month: string;
    status: "draft" | "submitted" | "returned" | "verified";
    version: number;
    classCode: string;
    className: string;
    targetLevel: "ntm" | "advanced" | "model";
    returnComment: string | null;
    submittedAt: string | null;
    verifiedAt: string | null;
    verifiedBy: string | null;
    updatedAt: string;
  };
  set: {
    id: number;
    code: string;
    version: number;
    name: string;
    legalBasis: string;
    verified: boolean;
  };
  levels: {
    advanced: boolean;
    model: boolean;
  };
  document?: unknown;
  criteria: {
    number: string;
    name: string;
    group: string;
    verified: boolean;
    indicators: AssessmentGridIndicator[];
  }[];
  results: {
    criteriaMet: number;
    criteriaTotal: number;
    indicatorsMet: number;
    indicatorsTotal: number;
    indicatorsMissing: number;
    indicatorsNotApplicable: number;
    standardMet: boolean;
    advancedMet: boolean | null;
    modelMet: boolean | null;
  };
  permissions: {
    canEdit: boolean;
    canVerify: boolean;
  };
  actions: ("submit" | "verify" | "return" | "reopen")[];
  returns: ({
    at: string;
    by: string;
    kind: "returned" | "reopened";
    comment: string | null;
    indicators: ({
      code: string;
      comment: string | null;
    })[];
  })[];
};

export type AuditActor = {
  id: number;
  name: string;
};

export type AuditEvent = {
  seq: number;
  at: string;
  actorUserId: number | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  unitId: number | null;
  unitName: string | null;
  objectName: string | null;
  objectLink: string | null;
  before?: unknown;
  after?: unknown;
  requestId: string | null;
  ip: string | null;
  hash: string;
};

export type AuditVerification = {
  ok: boolean;
  events: number;
  headSeq: number;
  legacyEvents: number;
  checkpoints: number;
  lastCheckpointSeq: number | null;
  forgedCheckpoints: ({
    line: number;
    seq: number | null;
  })[];
  seq?: number;
  problem?: "edited" | "deleted" | "inserted" | "head_mismatch" | "not_signed" | "truncated" | "checkpoint_mismatch";
};

export type CapitalCockpit = {
  year: number;
  unitId: number;
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
  plans: ({
    id: number;
    name: string;
    version: number;
    resolutionNo: string | null;
    resolutionDate: string | null;
    body: string | null;
  })[];
  bySource: ({
    code: string;
    name: string;
    plan: number;
    allocated: number;
    disbursed: number;
    rateBp: number | null;
  })[];
  byUnit: ({
    unitId: number;
    name: string;
    effectiveTo: string | null;
    allocated: number;
    disbursed: number;
    rateBp: number | null;
    community: {
      money: number;
      landM2: number;
      workdays: number;
      inKindValue: number;
    };
  })[];
  projects: ({
    id: number;
    code: string;
    name: string;
    unitId: number;
    unitName: string;
    status: "proposed" | "readiness" | "approved" | "construction" | "completed" | "settled";
    type: "standard" | "small_community" | "recurrent";
    totalInvestment: number;
    allocated: number;
    disbursed: number;
    rateBp: number | null;
    deadline: string | null;
    lat: number | null;
    lon: number | null;
    readiness: {
      done: number;
      total: number;
    };
    flags: RedFlag[];
  })[];
  scurve: ({
    month: string;
    disbursed: number;
    cumulative: number | null;
    cumulativeRateBp: number | null;
    timeBp: number;
    future: boolean;
  })[];
  flags: (RedFlag & {
    projectName: string;
  })[];
  byDeadline: {
    deadline: string;
    allocated: number;
    paid: number;
    left: number;
    passed: boolean;
  }[];
  settings: RedFlagSettings;
  basemap: {
    tileUrl: string;
    attribution: string;
  } | null;
};

export type CapitalPlan = {
  id: number;
  unitId: number;
  kind: "annual" | "medium_term";
  year: number;
  endYear: number;
  name: string;
  version: number;
  status: "draft" | "approved" | "superseded";
  resolutionNo: string | null;
  resolutionDate: string | null;
  body: string | null;
  previousId: number | null;
  rowVersion: number;
  nextVersions: ({
    id: number;
    version: number;
    status: "draft" | "approved" | "superseded";
  })[];
  lines: {
    sourceCode: string;
    sourceName: string;
    amount: number;
    allocated: number;
    unallocated: number;
  }[];
  allocations: ({
    projectId: number;
    projectCode: string;
    projectName: string;
    sourceCode: string;
    sourceName: string;
    amount: number;
    addedOn: string | null;
  })[];
  actions: ("set_lines" | "allocate" | "approve" | "adjust")[];
};

export type CapitalProject = {
  id: number;
  code: string;
  name: string;
  unitId: number;
  unitIds: number[];
  owner: string;
  type: "standard" | "small_community" | "recurrent";
  status: "proposed" | "readiness" | "approved" | "construction" | "completed" | "settled";
  totalInvestment: number;
  approvalDecision: string | null;
  approvalDate: string | null;
  startDate: string | null;
  endDate: string | null;
  lat: number | null;
  lon: number | null;
  contractor: string | null;
  description: string | null;
  indicators: {
    setCode: string;
    code: string;
  }[];
  isDemo: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type CapitalProjectDetail = {
  project: CapitalProject & {
    units: {
      id: number;
      name: string;
    }[];
  };
  year: number;
  sources: {
    sourceCode: string;
    name: string;
    amount: number;
  }[];
  readiness: ProjectReadinessItem[];
  allocations: ({
    planId: number;
    planName: string;
    planYear: number;
    planVersion: number;
    planStatus: "draft" | "approved" | "superseded";
    resolutionNo: string | null;
    sourceCode: string;
    sourceName: string;
    amount: number;
    addedOn: string | null;
  })[];
  ledger: ({
    id: number;
    planYear: number;
    date: string;
    amount: number;
    sourceCode: string;
    sourceName: string;
    paymentType: "advance" | "acceptance";
    voucherRef: string;
    note: string | null;
  })[];
  tranches: {
    planId: number;
    sourceCode: string;
    sourceName: string;
    addedOn: string;
    amount: number;
    deadline: string;
    paid: number;
    left: number;
  }[];
  extensions: DeadlineExtension[];
  contributions: (Contribution & {
    sourceName: string;
  })[];
  totals: {
    allocated: number;
    disbursed: number;
    rateBp: number | null;
    deadline: string | null;
    disbursedAllTime: number;
  };
  scurve: ({
    month: string;
    cumulative: number;
    rateBp: number | null;
  })[];
  timeline: {
    at: string;
    action: string;
    by: string;
  }[];
  photos: ({
    id: number;
    caption: string | null;
    takenOn: string | null;
    addedAt: string;
  })[];
  actions: "advance"[];
};

export type CapitalProjectListItem = CapitalProject & {
  dossierMissing: string[];
  hasAllocation: boolean;
};

export type ChangePasswordBody = {
  currentPassword: string;
  newPassword: string;
};

export type Contribution = {
  id: number;
  projectId: number;
  sourceCode: string;
  date: string;
  quantity: number;
  valueVnd: number;
  note: string | null;
  createdAt: string;
};

export type CouncilHandover = {
  id: number;
  fromCouncilId: number;
  toCouncilId: number | null;
  handedOverOn: string;
  legalBasis: string;
  note: string | null;
  handedOver: number;
  closed: number;
};

export type CreateUnit = {
  code: string;
  name: string;
  type: "province" | "city" | "district" | "town" | "commune" | "ward" | "township" | "special_zone" | "village";
  parentId: number;
  effectiveFrom: string;
  verified?: boolean;
  sourceNote?: string | null;
};

export type CreateUser = {
  username: string;
  fullName: string;
  email?: string | null;
  phone?: string | null;
  title?: string | null;
  homeUnitId: number;
  password: string;
  grants?: ({
    role: "system_admin" | "coordination_office" | "agency" | "commune_officer" | "council_member" | "council_secretariat" | "ocop_producer" | "viewer";
    unitId: number;
  })[];
};

export type CriteriaSet = CriteriaSetMeta & {
  document?: unknown;
};

export type CriteriaSetMeta = {
  id: number;
  code: string;
  version: number;
  status: "draft" | "published" | "retired";
  level: string;
  phase: string;
  name: string;
  dimension: "region7" | "group3";
  effectiveFrom: string;
  effectiveTo: string | null;
  baseCode: string | null;
  derivation: string | null;
  ownerUnitId: number;
  verified: boolean;
  legalBasis: string;
  criteriaCount: number;
  indicatorCount: number;
  unverifiedIndicators: number;
  rowVersion: number;
  publishedAt: string | null;
};

export type DashboardSummary = {
  assessedCount: number;
  criteriaMetSum: number;
  indicatorsMetSum: number;
  averageCriteria: number | null;
  averageIndicators: number | null;
  criteriaTotal: number | null;
  indicatorsTotal: number | null;
  standardCount: number;
  advancedCount: number;
  modelCount: number;
  unitCount: number;
  units: ({
    unitId: number;
    name: string;
    assessmentId: number | null;
    month: string | null;
    criteriaMet: number | null;
    criteriaTotal: number | null;
    indicatorsMet: number | null;
    indicatorsTotal: number | null;
    standardMet: boolean | null;
    advancedMet: boolean | null;
    modelMet: boolean | null;
  })[];
};

export type DeadlineExtension = {
  id: number;
  projectId: number;
  planYear: number;
  newDeadline: string;
  decisionNo: string;
  decisionDate: string;
  createdAt: string;
};

export type Disbursement = {
  projectId: number;
  planYear: number;
  sourceCode: string;
  date: string;
  amount: number;
  paymentType: "advance" | "acceptance";
  voucherRef: string;
  trancheOn?: string | null;
  note?: string | null;
};

export type DisbursementEntry = {
  id: number;
  projectId: number;
  planYear: number;
  sourceCode: string;
  date: string;
  amount: number;
  paymentType: "advance" | "acceptance";
  voucherRef: string;
  reversesId: number | null;
  trancheOn: string | null;
  note: string | null;
  createdAt: string;
};

export type DisbursementReversal = {
  amount: number;
  date: string;
  voucherRef: string;
  note?: string | null;
};

export type DraftImpact = {
  set: {
    id: number;
    code: string;
    version: number;
    name: string;
    level: string;
    derivation: string | null;
  };
  unit: {
    id: number;
    name: string;
  };
  month: string;
  unitCount: number;
  before: WhatIfSummary;
  after: WhatIfSummary;
  criteria: {
    number: string;
    name: string;
    before: number;
    after: number;
  }[];
  changed: ({
    unitId: number;
    name: string;
    month: string;
    before: WhatIfStanding;
    after: WhatIfStanding;
    criteria: ({
      level: "ntm" | "advanced" | "model";
      criterion: string;
      name: string;
      before: boolean;
      after: boolean;
    })[];
  })[];
  publishing: {
    precedenceUnclear: boolean;
    collisions: {
      code: string;
      version: number;
      name: string;
    }[];
  };
};

export type Error = {
  error: {
    code: string;
    message: string;
    details?: unknown;
  };
};

export type FundingSource = {
  code: string;
  nameVi: string;
  nameEn: string;
  kind: "central" | "local" | "integrated" | "credit" | "enterprise" | "community";
  measure: "vnd" | "m2" | "workday";
  publicInvestment: boolean;
  sortOrder: number;
  legalBasis: string | null;
  verified: boolean;
};

export type Gaps = {
  month: string;
  items: {
    setCode: string;
    code: string;
    text: string;
    criterion: string;
    criterionName: string;
    verified: boolean;
    unmet: {
      unitId: number;
      name: string;
    }[];
    missing: {
      unitId: number;
      name: string;
    }[];
  }[];
};

export type Grant = {
  id: number;
  role: "system_admin" | "coordination_office" | "agency" | "commune_officer" | "council_member" | "council_secretariat" | "ocop_producer" | "viewer";
  unitId: number;
  unitName: string;
  grantedAt: string;
};

export type GrantRole = {
  role: "system_admin" | "coordination_office" | "agency" | "commune_officer" | "council_member" | "council_secretariat" | "ocop_producer" | "viewer";
  unitId: number;
};

export type Heatmap = {
  month: string;
  sets: {
    id: number;
    code: string;
    version: number;
    name: string;
    criteria: {
      number: string;
      name: string;
    }[];
  }[];
  rows: ({
    unitId: number;
    name: string;
    assessmentId: number | null;
    month: string | null;
    setId: number | null;
    criteriaMet: number | null;
    criteriaTotal: number | null;
    cells: ({
      number: string;
      status: "met" | "unmet" | "missing" | "not_applicable";
      indicatorsMet: number;
      indicatorsTotal: number;
      notApplicable: number;
    })[];
  })[];
};

export type LeadAgency = {
  id: number;
  name: string;
  unitId: number;
  kind: "department" | "people_committee";
  reachable: number;
};

export type LoginBody = {
  username: string;
  password: string;
};

export type MyPeriods = {
  latestMonth: string | null;
};

export type Notification = {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
};

export type NotificationPrefs = {
  email: boolean;
  digest: boolean;
  mutedKinds: string[];
};

export type OcopCatalogue = {
  groups: string[];
  sets: {
    no: number;
    name: string;
    group: string;
    verified: boolean;
  }[];
  stages: ({
    stage: "awareness" | "idea_registered" | "idea_returned" | "plan_submitted" | "plan_returned" | "implementing" | "evaluation" | "promotion";
    step: number;
  })[];
  transitions: ({
    action: string;
    from: ("awareness" | "idea_registered" | "idea_returned" | "plan_submitted" | "plan_returned" | "implementing" | "evaluation" | "promotion")[];
    to: "awareness" | "idea_registered" | "idea_returned" | "plan_submitted" | "plan_returned" | "implementing" | "evaluation" | "promotion";
    by: ("producer" | "commune" | "office")[];
    documents: string[];
    noteRequired?: boolean;
  })[];
  documents: {
    [key: string]: {
      vi: string;
      en: string;
    };
  };
  sheets: ({
    id: number;
    code: string;
    version: number;
    setNo: number;
    regime: string;
    verified: boolean;
    status: "draft" | "published";
  })[];
  setsWithSheet: number[];
  sheetPublishers: ("system_admin" | "coordination_office" | "agency" | "commune_officer" | "council_member" | "council_secretariat" | "ocop_producer" | "viewer")[];
};

export type OcopCertificate = {
  id: number;
  productId: number;
  number: string;
  decisionNo: string;
  decisionDate: string;
  issuedBy: string;
  star: number;
  validFrom: string;
  validTo: string;
  previousId: number | null;
  roundId: number | null;
  revokedAt: string | null;
  isDemo: boolean;
  createdAt: string;
};

export type OcopDashboard = {
  unitId: number;
  year: number;
  asOf: string;
  targets: {
    unitId: number;
    year: number;
    newProducts: number;
    newRated34: number;
    newOrganisations: number;
    legalBasis: string | null;
  } | null;
  actual: {
    newProducts: number;
    newRated34: number;
    newOrganisations: number;
  };
  totals: {
    products: number;
    starred: number;
  };
  byStar: {
    key: number;
    n: number;
  }[];
  byGroup: {
    key: string;
    n: number;
  }[];
  byUnit: {
    key: string;
    n: number;
  }[];
  byStage: ({
    key: "awareness" | "idea_registered" | "idea_returned" | "plan_submitted" | "plan_returned" | "implementing" | "evaluation" | "promotion";
    n: number;
  })[];
  byYear: {
    year: number;
    stars: {
      [key: string]: number;
    };
  }[];
  expiringSoon: ({
    id: number;
    name: string;
    producerName: string;
    unitName: string;
    star: number | null;
    validTo: string;
    daysLeft: number | null;
  })[];
  expired: {
    id: number;
    name: string;
    producerName: string;
    unitName: string;
    formerStar: number;
    validTo: string;
  }[];
};

export type OcopPipeline = {
  unitId: number;
  year: number;
  columns: ({
    stage: "awareness" | "idea_registered" | "idea_returned" | "plan_submitted" | "plan_returned" | "implementing" | "evaluation" | "promotion";
    step: number;
    items: OcopProductListItem[];
  })[];
};

export type OcopProducer = {
  id: number;
  unitId: number;
  name: string;
  kind: "enterprise" | "cooperative" | "coop_group" | "household";
  registrationNo: string | null;
  taxCode: string | null;
  address: string | null;
  contactName: string | null;
  phone: string | null;
  email: string | null;
  womenLed: boolean;
  ethnicMinorityLed: boolean;
  registeredOn: string | null;
  isDemo: boolean;
  version: number;
  createdAt: string;
};

export type OcopProducerDetail = {
  producer: OcopProducer;
  capacity: "office" | "commune" | "reader" | "producer";
  products: OcopProductListItem[];
};

export type OcopProducerListItem = OcopProducer & {
  unitName: string;
  products: number;
};

export type OcopProduct = {
  id: number;
  code: string;
  producerId: number;
  unitId: number;
  name: string;
  groupName: string;
  setNo: number;
  description: string | null;
  brandTags: string[];
  standards: ({
    kind: string;
    number: string | null;
    issuedBy: string | null;
    expiresOn: string | null;
  })[];
  stage: "awareness" | "idea_registered" | "idea_returned" | "plan_submitted" | "plan_returned" | "implementing" | "evaluation" | "promotion";
  cycleYear: number;
  published: boolean;
  isDemo: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type OcopProductDetail = {
  product: OcopProduct;
  producer: OcopProducer;
  unit: {
    id: number;
    name: string;
    code: string;
  };
  capacity: "office" | "commune" | "reader" | "producer";
  step: number;
  star: number | null;
  certificateStatus: "none" | "valid" | "expired";
  daysLeft: number | null;
  certificate: {
    id: number;
    number: string;
    star: number;
    validFrom: string;
    validTo: string;
  } | null;
  certificates: OcopCertificate[];
  results: ({
    roundId: number;
    productId: number;
    sheetId: number;
    status: "scoring" | "rescore" | "decided";
    rescoreCount: number;
    rescoreAskedAt: string | null;
    scoreX100: number | null;
    star: number | null;
    forwarded: boolean;
    recognised: boolean;
    decidedAt: string | null;
    roundName: string;
    level: "district" | "province" | "central";
    year: number;
  })[];
  transitions: ({
    id: number;
    productId: number;
    action: string;
    fromStage: "awareness" | "idea_registered" | "idea_returned" | "plan_submitted" | "plan_returned" | "implementing" | "evaluation" | "promotion";
    toStage: "awareness" | "idea_registered" | "idea_returned" | "plan_submitted" | "plan_returned" | "implementing" | "evaluation" | "promotion";
    documents: string[];
    note: string | null;
    at: string;
    by: number | null;
    byName: string | null;
  })[];
  photos: ({
    id: number;
    productId: number;
    fileId: number;
    caption: string | null;
    addedAt: string;
  })[];
  actions: ("register_idea" | "return_idea" | "resubmit_idea" | "submit_plan" | "return_plan" | "resubmit_plan" | "approve_plan" | "submit_for_evaluation" | "re_evaluate")[];
  warnings: ({
    rule: "ocop_sheet_not_published";
    setNo: number;
    setName: string;
    publishers: ({
      role: "system_admin" | "coordination_office" | "agency" | "commune_officer" | "council_member" | "council_secretariat" | "ocop_producer" | "viewer";
      label: string;
    })[];
    message: string;
  })[];
};

export type OcopProductListItem = OcopProduct & ({
  producerName: string;
  unitName: string;
  step: number;
  star: number | null;
  certificateStatus: "none" | "valid" | "expired";
  daysLeft: number | null;
  certificate: {
    id: number;
    number: string;
    star: number;
    validFrom: string;
    validTo: string;
  } | null;
});

export type OcopRound = {
  id: number;
  unitId: number;
  level: "district" | "province" | "central";
  regime: string;
  name: string;
  year: number;
  quorum: number;
  spreadLimit: number;
  status: "open" | "closed";
  isDemo: boolean;
  createdAt: string;
};

export type OcopRoundDetail = {
  round: OcopRound;
  members: ({
    userId: number;
    role: "chair" | "member";
    fullName: string;
  })[];
  me: {
    userId: number;
    role: "chair" | "member";
    fullName: string;
  } | null;
  actions: ("add_products" | "close")[];
  products: ({
    roundId: number;
    productId: number;
    sheetId: number;
    status: "scoring" | "rescore" | "decided";
    rescoreCount: number;
    rescoreAskedAt: string | null;
    scoreX100: number | null;
    star: number | null;
    forwarded: boolean;
    recognised: boolean;
    decidedAt: string | null;
    product: {
      id: number;
      name: string;
      code: string;
      stage: "awareness" | "idea_registered" | "idea_returned" | "plan_submitted" | "plan_returned" | "implementing" | "evaluation" | "promotion";
      setNo: number;
      groupName: string;
      unitName: string;
      producerName: string;
    };
    sheet: {
      id: number;
      code: string;
      version: number;
      verified: boolean;
      document: {
        schemaVersion: 1;
        code: string;
        version: number;
        regime: string;
        legalBasis: {
          document: string;
          date: string | null;
        };
        setNo: number;
        setName: string;
        group: string;
        parts: ({
          code: "A" | "B" | "C";
          name: string;
          max: number;
          groups: {
            code: string;
            name: string;
            criteria: {
              code: string;
              name: string;
              options: {
                label: string;
                points: number;
              }[];
              mandatoryFromStar?: number;
              bonus?: boolean;
              verified?: boolean;
            }[];
          }[];
        })[];
        starBands: {
          star: number;
          min: number;
        }[];
        recognition: {
          district?: number[];
          province?: number[];
          central?: number[];
        };
        forwardAt: number;
        verified: boolean;
        notes?: string[];
      };
    };
    submitted: number;
    myAnswers: {
      [key: string]: number;
    } | null;
    myTotal: number | null;
    totals: {
      userId: number;
      fullName: string;
      total: number;
      submittedAt: string;
    }[] | null;
    preview: {
      sumX100: number;
      n: number;
      meanX100: number;
      spreadX100: number;
      spread: number;
      needsRescore: boolean;
    } | null;
    certificate: OcopCertificate & ({
      [key: string]: unknown;
    } | null);
    actions: ("score" | "decide" | "certify")[];
  })[];
};

export type OcopSheet = {
  id: number;
  code: string;
  version: number;
  setNo: number;
  regime: string;
  document: {
    schemaVersion: 1;
    code: string;
    version: number;
    regime: string;
    legalBasis: {
      document: string;
      date: string | null;
    };
    setNo: number;
    setName: string;
    group: string;
    parts: ({
      code: "A" | "B" | "C";
      name: string;
      max: number;
      groups: {
        code: string;
        name: string;
        criteria: {
          code: string;
          name: string;
          options: {
            label: string;
            points: number;
          }[];
          mandatoryFromStar?: number;
          bonus?: boolean;
          verified?: boolean;
        }[];
      }[];
    })[];
    starBands: {
      star: number;
      min: number;
    }[];
    recognition: {
      district?: number[];
      province?: number[];
      central?: number[];
    };
    forwardAt: number;
    verified: boolean;
    notes?: string[];
  };
  verified: boolean;
  status: "draft" | "published";
  rowVersion: number;
  createdAt: string;
  publishedAt: string | null;
};

export type OpenAssessment = {
  unitId: number;
  month: string;
  targetLevel?: "ntm" | "advanced" | "model";
};

export type OversightActivity = {
  id: number;
  councilId: number;
  kind: "explanatory_session" | "thematic_supervision" | "questioning" | "plenary_item";
  title: string;
  topic: string;
  legalBasis: string;
  leadBodyId: number | null;
  scheduledOn: string;
  heldOn: string | null;
  chair: string | null;
  plan: string | null;
  explainingBodies: string[];
  invitees: string[];
  status: "planned" | "held" | "concluded" | "follow_up" | "resupervised";
  followsId: number | null;
  conclusionNo: string | null;
  conclusionDate: string | null;
  conclusionText: string | null;
  isDemo: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  actions: ("hold" | "conclude" | "follow_up" | "resupervise")[];
};

export type OversightActivityDetail = OversightActivity & ({
  council: {
    id: number;
    name: string;
    term: string;
    unitId: number;
    unitName: string;
  };
  leadBody: {
    id: number;
    councilId: number;
    kind: "standing_committee" | "committee" | "delegate_group";
    name: string;
  } | null;
  bodies: ({
    id: number;
    councilId: number;
    kind: "standing_committee" | "committee" | "delegate_group";
    name: string;
  })[];
  documents: ({
    id: number;
    activityId: number;
    kind: "plan" | "explanatory_report" | "verification_report" | "minutes" | "conclusion" | "follow_up_report" | "other";
    title: string;
    number: string | null;
    version: number;
    fileId: number;
    fileName: string;
    createdAt: string;
  })[];
  snapshots: {
    id: number;
    asOf: string;
    sha256: string;
    frozenAt: string;
  }[];
  recommendations: (OversightRecommendation & {
    addresseeUnitName: string;
  })[];
  siblings: {
    id: number;
    title: string;
    scheduledOn: string;
  }[];
});

export type OversightComparison = {
  recommendations: ({
    id: number;
    activityTitle: string;
    seq: number;
    text: string;
    addresseeLabel: string;
    deadline: string;
    overdue: boolean;
    handover: {
      handedOverOn: string;
      legalBasis: string;
      fromCouncilName: string;
      toCouncil: {
        id: number;
        name: string;
      } | null;
      outcome: "closed" | "handed_over" | null;
      closedReason: string | null;
    } | null;
    status: "open" | "reported" | "accepted" | "not_accepted" | "closed" | null;
    statusAfter: "open" | "reported" | "accepted" | "not_accepted" | "closed";
    met: boolean;
    overdueAfter: boolean;
  })[];
  before: {
    asOf: string;
    title: string;
  };
  after: {
    asOf: string;
    title: string;
  };
  summary: {
    averageCriteria: {
      before: number | null;
      after: number | null;
    };
    averageIndicators: {
      before: number | null;
      after: number | null;
    };
    standardCount: {
      before: number;
      after: number;
    };
    ocopActual: {
      before: {
        newProducts: number;
        newRated34: number;
        newOrganisations: number;
      };
      after: {
        newProducts: number;
        newRated34: number;
        newOrganisations: number;
      };
      targets: {
        newProducts: number;
        newRated34: number;
        newOrganisations: number;
      } | null;
    };
    disbursed: {
      before: number;
      after: number;
    };
    disbursedRateBp: {
      before: number | null;
      after: number | null;
    };
  };
  communes: ({
    unitId: number;
    name: string;
    before: {
      criteriaMet: number | null;
      indicatorsMet: number | null;
    } | null;
    after: {
      criteriaMet: number | null;
      indicatorsMet: number | null;
    } | null;
    criteriaDelta: number | null;
    indicatorsDelta: number | null;
    newlyMet: string[];
    newlyUnmet: string[];
    standardReached: boolean;
  })[];
  met: number;
  notMet: number;
  council: {
    id: number;
    name: string;
    unitName: string;
  };
  beforeSnapshot: {
    id: number;
    activityId: number;
    sha256: string;
  };
  afterSnapshot: {
    id: number;
    activityId: number;
    sha256: string;
  };
};

export type OversightCouncil = {
  id: number;
  unitId: number;
  name: string;
  term: string;
  createdAt: string;
};

export type OversightCouncilDetail = OversightCouncil & ({
  unitName: string;
  historic: boolean;
  endedOn: string | null;
  handover: {
    id: number;
    handedOverOn: string;
    legalBasis: string;
    note: string | null;
    toCouncil: {
      id: number;
      name: string;
    } | null;
    handedOver: number;
    closed: number;
  } | null;
  bodies: ({
    id: number;
    councilId: number;
    kind: "standing_committee" | "committee" | "delegate_group";
    name: string;
  })[];
  delegates: ({
    id: number;
    fullName: string;
    position: string | null;
    bodyIds: number[];
  })[];
  activities: ({
    id: number;
    kind: "explanatory_session" | "thematic_supervision" | "questioning" | "plenary_item";
    title: string;
    status: "planned" | "held" | "concluded" | "follow_up" | "resupervised";
    scheduledOn: string;
    heldOn: string | null;
    legalBasis: string;
  })[];
});

export type OversightPetition = {
  id: number;
  councilId: number;
  unitId: number;
  source: "voter_meeting" | "portal" | "delegate" | "other";
  sourceNote: string | null;
  receivedOn: string;
  text: string;
  category: "economy_budget" | "legal" | "culture_social" | "ethnic" | "urban" | "other" | null;
  assigneeUnitId: number | null;
  assigneeLabel: string | null;
  deadline: string | null;
  status: "received" | "assigned" | "answered" | "resolved" | "roadmap" | "forwarded" | "closed";
  answer: string | null;
  answeredOn: string | null;
  followUpCouncilId: number | null;
  handoverId: number | null;
  isDemo: boolean;
  version: number;
  createdAt: string;
  actions: ("assign" | "forward" | "answer" | "resolve" | "roadmap")[];
};

export type OversightRecommendation = {
  id: number;
  activityId: number;
  seq: number;
  text: string;
  addresseeUnitId: number;
  addresseeLabel: string;
  deadline: string;
  links: ({
    type: "criterion" | "unit" | "project" | "ocop_target" | "roadmap_item";
    ref: string;
    label: string;
  })[];
  status: "open" | "reported" | "accepted" | "not_accepted" | "closed";
  decidedOn: string | null;
  decisionNote: string | null;
  followUpCouncilId: number | null;
  handoverId: number | null;
  isDemo: boolean;
  version: number;
  createdAt: string;
  actions: ("report_progress" | "report_done" | "accept" | "not_accept")[];
};

export type OversightRecommendationDetail = OversightRecommendation & ({
  addresseeUnitName: string;
  overdue: boolean;
  handover: {
    handedOverOn: string;
    legalBasis: string;
    fromCouncilName: string;
    toCouncil: {
      id: number;
      name: string;
    } | null;
    outcome: "closed" | "handed_over" | null;
    closedReason: string | null;
  } | null;
  activity: {
    id: number;
    title: string;
    kind: "explanatory_session" | "thematic_supervision" | "questioning" | "plenary_item";
  };
  council: {
    id: number;
    name: string;
    unitId: number;
  };
  reports: ({
    id: number;
    recommendationId: number;
    reportedOn: string;
    text: string;
    done: boolean;
    fileId: number | null;
    fileName: string | null;
    createdAt: string;
  })[];
});

export type OversightSnapshot = {
  id: number;
  activityId: number;
  asOf: string;
  data: {
    schema: 1;
    asOf: string;
    month: string;
    unit: {
      id: number;
      name: string;
    };
    council: {
      id: number;
      name: string;
      term: string;
    };
    activity: {
      id: number;
      kind: string;
      title: string;
      date: string;
      legalBasis: string;
    };
    criteria: {
      setName: string | null;
      criteriaNames: {
        number: string;
        name: string;
      }[];
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
      communes: ({
        unitId: number;
        name: string;
        month: string | null;
        criteriaMet: number | null;
        criteriaTotal: number | null;
        indicatorsMet: number | null;
        indicatorsTotal: number | null;
        standardMet: boolean | null;
        advancedMet: boolean | null;
        modelMet: boolean | null;
        unmet: string[];
      })[];
    };
    ocop: {
      year: number;
      targets: {
        newProducts: number;
        newRated34: number;
        newOrganisations: number;
      } | null;
      actual: {
        newProducts: number;
        newRated34: number;
        newOrganisations: number;
      };
      products: number;
      starred: number;
      byStar: {
        star: number;
        n: number;
      }[];
      expiringSoon: number;
      expired: number;
    };
    capital: {
      year: number;
      plan: number;
      allocated: number;
      disbursed: number;
      rateBp: number | null;
      projects: {
        code: string;
        name: string;
        unitName: string;
        allocated: number;
        disbursed: number;
      }[];
    };
    recommendations: ({
      id: number;
      activityTitle: string;
      seq: number;
      text: string;
      addresseeLabel: string;
      deadline: string;
      status: "open" | "reported" | "accepted" | "not_accepted" | "closed";
      overdue: boolean;
    })[];
    petitions: {
      total: number;
      resolved: number;
      answered: number;
      rateBp: number | null;
    };
  };
  sha256: string;
  frozenAt: string;
};

export type PortalFeedback = {
  id: number;
  target: "unit" | "project" | "product";
  targetCode: string;
  targetTitle: string;
  unitId: number;
  category: "question" | "suggestion" | "complaint" | "praise" | "other";
  text: string;
  photoFileId: number | null;
  contactName: string | null;
  contact: string | null;
  status: "pending" | "published" | "rejected";
  answer: string | null;
  answeredOn: string | null;
  petitionId: number | null;
  version: number;
  createdAt: string;
};

export type PortalPublication = {
  id: number;
  unitId: number;
  kind: "period" | "project";
  period: string | null;
  projectId: number | null;
  publishedAt: string;
};

export type ProjectReadinessItem = {
  code: string;
  label: string;
  done: boolean;
  doneAt: string | null;
  note: string | null;
};

export type RecordSuccession = {
  command: ({
    kind: "merge";
    date: string;
    from: number[];
    newUnit?: {
      key: string;
      code: string;
      name: string;
      type: "province" | "city" | "district" | "town" | "commune" | "ward" | "township" | "special_zone" | "village";
      parentId: number;
    };
    intoUnitId?: number;
  }) | ({
    kind: "rename";
    date: string;
    from: [number];
    newUnit: {
      key: string;
      code: string;
      name: string;
      type: "province" | "city" | "district" | "town" | "commune" | "ward" | "township" | "special_zone" | "village";
      parentId: number;
    };
  }) | ({
    kind: "reclassify";
    date: string;
    from: [number];
    newUnit: {
      key: string;
      code: string;
      name: string;
      type: "province" | "city" | "district" | "town" | "commune" | "ward" | "township" | "special_zone" | "village";
      parentId: number;
    };
  }) | ({
    kind: "split";
    date: string;
    from: [number];
    newUnits: ({
      key: string;
      code: string;
      name: string;
      type: "province" | "city" | "district" | "town" | "commune" | "ward" | "township" | "special_zone" | "village";
      parentId: number;
    })[];
    childAssignments?: {
      [key: string]: string;
    };
  }) | {
    kind: "reassign";
    date: string;
    unitIds: number[];
    newParentId: number;
  } | {
    kind: "dissolve";
    date: string;
    from: [number];
    childrenTo: number;
  };
  legalBasis: string;
  legalBasisDate?: string | null;
  note?: string | null;
};

export type RedFlag = {
  rule: "behind_time" | "idle" | "deadline_near" | "over_budget" | "allocated_not_ready";
  projectId: number;
  severity: "high" | "medium";
  values: {
    [key: string]: number | string | null;
  };
};

export type RedFlagSettings = {
  behindTimePoints: number;
  idleMonths: number;
  deadlineDays: number;
};

export type ReopenAssessment = {
  version: number;
  reason: string;
};

export type ResetPassword = {
  password: string;
};

export type ResponsiblePerson = {
  id: number;
  name: string;
  agencyId: number | null;
};

export type ReviewAssessment = {
  version: number;
  outcome: "verify" | "return";
  comment?: string | null;
  indicators?: ({
    code: string;
    decision: "accept" | "return";
    comment?: string | null;
  })[];
};

export type RoadmapCheckin = {
  id: number;
  month: string;
  percent: number;
  note: string;
  files: {
    fileId: number;
    name: string;
  }[];
  at: string;
  by: string | null;
};

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
  supportingAgencies: {
    id: number;
    name: string;
  }[];
  targetMonth: string | null;
  costClass: "none" | "budget" | "investment";
  costEstimate: number | null;
  status: "not_started" | "in_progress" | "at_risk" | "done";
  priority: number;
  progress: number;
  confirmed: boolean;
  closedReason: "verified_met" | "manual" | null;
  reopenedCount: number;
  escalated: boolean;
  overdueDays: number;
  dueInDays: number | null;
  note: string | null;
  version: number;
  lastCheckin: {
    month: string;
    percent: number;
    note: string;
    at: string;
  } | null;
  actions: ("edit" | "confirm" | "check_in" | "start" | "flag_at_risk" | "complete")[];
};

export type RoadmapItemDetail = RoadmapItem & {
  checkins: RoadmapCheckin[];
};

export type SaveValues = {
  changes: ({
    code: string;
    value?: boolean | number | {
      num: number;
      den: number;
    } | string | string[] | {
      notApplicable: true;
      reason: string;
    } | null;
    note?: string | null;
    version: number;
  })[];
};

export type Scorecard = {
  unit: {
    id: number;
    name: string;
    type: "country" | "province" | "city" | "district" | "town" | "commune" | "ward" | "township" | "special_zone" | "village";
    effectiveFrom: string;
    effectiveTo: string | null;
  };
  sets: {
    id: number;
    code: string;
    name: string;
    criteria: {
      number: string;
      name: string;
      indicators: {
        code: string;
        text: string;
        verified: boolean;
      }[];
    }[];
  }[];
  months: ({
    assessmentId: number;
    month: string;
    status: "draft" | "submitted" | "returned" | "verified";
    setId: number;
    criteriaMet: number | null;
    criteriaTotal: number | null;
    indicatorsMet: number | null;
    indicatorsTotal: number | null;
    criteria: {
      [key: string]: "met" | "unmet" | "missing" | "not_applicable";
    };
    indicators: {
      [key: string]: "met" | "unmet" | "missing" | "not_applicable";
    };
  })[];
  year: number;
  predecessors: ({
    unit: {
      id: number;
      name: string;
      type: "country" | "province" | "city" | "district" | "town" | "commune" | "ward" | "township" | "special_zone" | "village";
      effectiveFrom: string;
      effectiveTo: string | null;
    };
    sets: {
      id: number;
      code: string;
      name: string;
      criteria: {
        number: string;
        name: string;
        indicators: {
          code: string;
          text: string;
          verified: boolean;
        }[];
      }[];
    }[];
    months: ({
      assessmentId: number;
      month: string;
      status: "draft" | "submitted" | "returned" | "verified";
      setId: number;
      criteriaMet: number | null;
      criteriaTotal: number | null;
      indicatorsMet: number | null;
      indicatorsTotal: number | null;
      criteria: {
        [key: string]: "met" | "unmet" | "missing" | "not_applicable";
      };
      indicators: {
        [key: string]: "met" | "unmet" | "missing" | "not_applicable";
      };
    })[];
  })[];
};

export type Session = {
  user: SessionUser;
  csrfToken: string;
};

export type SessionUser = {
  id: number;
  username: string;
  fullName: string;
  homeUnitId: number;
  homeUnitName: string;
  grants: ({
    id: number;
    role: "system_admin" | "coordination_office" | "agency" | "commune_officer" | "council_member" | "council_secretariat" | "ocop_producer" | "viewer";
    unitId: number;
    unitName: string;
  })[];
  permissions: ("unit.read" | "unit.manage" | "user.read" | "user.manage" | "audit.read" | "audit.verify" | "criteria.read" | "criteria.manage" | "assessment.read" | "assessment.enter" | "assessment.verify" | "roadmap.read" | "roadmap.manage" | "roadmap.checkin" | "outbox.read" | "capital.read" | "capital.manage" | "capital.disburse" | "ocop.read" | "ocop.intake" | "ocop.manage" | "ocop.score" | "ocop.own" | "ocop.sheet_manage" | "oversight.read" | "oversight.manage" | "oversight.respond" | "portal.publish" | "portal.moderate")[];
} | null;

export type TodoGroup = {
  group: "assessments" | "verification" | "roadmap_due" | "roadmap_suggestions" | "feedback" | "ocop_office" | "ocop_scoring" | "ocop_producer" | "oversight_council" | "oversight_respond";
  total: number;
  items: TodoItem[];
};

export type TodoItem = {
  kind: "assessment_open" | "assessment_draft" | "assessment_returned" | "assessment_reopened" | "assessment_submitted" | "roadmap_due" | "roadmap_unconfirmed" | "feedback_pending" | "ocop_idea_review" | "ocop_plan_review" | "ocop_awaiting_round" | "ocop_round_decide" | "ocop_round_close" | "ocop_certificate" | "ocop_score" | "ocop_producer_step" | "recommendation_deadline" | "recommendation_reported" | "petition_received" | "petition_answered" | "recommendation_to_report" | "petition_to_answer";
  unitId: number | null;
  unitName: string | null;
  month: string | null;
  name: string | null;
  code: string | null;
  step: "register_idea" | "return_idea" | "resubmit_idea" | "submit_plan" | "return_plan" | "resubmit_plan" | "approve_plan" | "submit_for_evaluation" | "re_evaluate" | null;
  count: number | null;
  dueDate: string | null;
  overdue: boolean;
  link: string;
};

export type TodoList = {
  today: string;
  groups: TodoGroup[];
};

export type TreasuryReference = {
  projects: {
    code: string;
    name: string;
    unit: string;
  }[];
  sources: {
    code: string;
    name: string;
  }[];
};

export type Unit = {
  id: number;
  code: string;
  name: string;
  type: "country" | "province" | "city" | "district" | "town" | "commune" | "ward" | "township" | "special_zone" | "village";
  effectiveFrom: string;
  effectiveTo: string | null;
  verified: boolean;
  sourceNote: string | null;
  isDemo: boolean;
  version: number;
  parentId: number | null;
};

export type UnitClassification = {
  id: number;
  unitId: number;
  dimension: "region7" | "group3";
  value: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  legalBasis: string | null;
  verified: boolean;
  note: string | null;
};

export type UnitDetail = {
  unit: Unit;
  ancestors: UnitRef[];
  parentHistory: ({
    parent: UnitRef & ({
      [key: string]: unknown;
    } | null);
    effectiveFrom: string;
    effectiveTo: string | null;
  })[];
  children: (Unit & ({
    linkFrom: string;
    linkTo: string | null;
  }))[];
  events: ({
    id: number;
    kind: "merge" | "split" | "rename" | "reclassify" | "reassign" | "dissolve";
    effectiveDate: string;
    legalBasis: string;
    legalBasisDate: string | null;
    note: string | null;
    from: UnitRef[];
    to: UnitRef[];
  })[];
  predecessors: UnitRef[];
  successors: UnitRef[];
};

export type UnitImportResult = {
  created: number;
  ids: number[];
};

export type UnitRef = {
  id: number;
  name: string;
  code: string;
  type: "country" | "province" | "city" | "district" | "town" | "commune" | "ward" | "township" | "special_zone" | "village";
  effectiveFrom: string;
  effectiveTo: string | null;
  inScope: boolean;
};

export type UpdateUnit = {
  version: number;
  code?: string;
  name?: string;
  verified?: boolean;
  sourceNote?: string | null;
};

export type UpdateUser = {
  version: number;
  fullName?: string;
  email?: string | null;
  phone?: string | null;
  title?: string | null;
  active?: boolean;
};

export type User = {
  id: number;
  username: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  homeUnitId: number;
  homeUnitName: string;
  active: boolean;
  isDemo: boolean;
  lastLoginAt: string | null;
  locked: boolean;
  version: number;
  grants: Grant[];
};

export type WhatIfStanding = {
  criteriaMet: number;
  criteriaTotal: number;
  indicatorsMet: number;
  indicatorsTotal: number;
  standard: boolean;
  advanced: boolean | null;
  model: boolean | null;
};

export type WhatIfSummary = {
  assessedCount: number;
  criteriaMetSum: number;
  indicatorsMetSum: number;
  averageCriteria: number | null;
  averageIndicators: number | null;
  criteriaTotal: number | null;
  indicatorsTotal: number | null;
  standardCount: number;
  advancedCount: number;
  modelCount: number;
};

/** Every operation of the API by method and path: its parameters, query, body and answer. */
export interface ApiOperations {
  /** A unit's monthly count-and-check, newest first */
  "GET /api/assessments": {
    params: never;
    query: {
      unitId: number;
    };
    body: never;
    response: {
      items: AssessmentSummary[];
    };
  };
  /** Open a month for a unit (carries over last month’s values) */
  "POST /api/assessments": {
    params: never;
    query: never;
    body: OpenAssessment;
    response: {
      id: number;
    };
  };
  /** An evidence file, or the thumbnail of an image */
  "GET /api/assessments/evidence/{evidenceId}/{variant}": {
    params: {
      evidenceId: number;
      variant: "file" | "thumbnail";
    };
    query: never;
    body: never;
    response: Blob;
  };
  /** The data-entry grid: indicators with thresholds, values, evidence, review state and results */
  "GET /api/assessments/{id}": {
    params: {
      id: number;
    };
    query: never;
    body: never;
    response: AssessmentView;
  };
  /** What changed since the previous month, who changed it, evidence added */
  "GET /api/assessments/{id}/diff": {
    params: {
      id: number;
    };
    query: never;
    body: never;
    response: AssessmentDiff;
  };
  /** Attach an evidence file to an indicator (multipart: file, indicatorCode) */
  "POST /api/assessments/{id}/evidence": {
    params: {
      id: number;
    };
    query: never;
    body: FormData;
    response: {
      id: number;
      name: string;
      mime: string;
      size: number;
      hasThumbnail: boolean;
    };
  };
  /** Withdraw an evidence file (kept in the trail) */
  "DELETE /api/assessments/{id}/evidence/{evidenceId}": {
    params: {
      id: number;
      evidenceId: number;
    };
    query: never;
    body: never;
    response: {
      ok: true;
    };
  };
  /** Import a filled template (multipart field "file"): all or nothing, errors per row in Vietnamese */
  "POST /api/assessments/{id}/import": {
    params: {
      id: number;
    };
    query: never;
    body: FormData;
    response: {
      saved: number;
    };
  };
  /** Reopen a verified month for correction (office only, with a reason) */
  "POST /api/assessments/{id}/reopen": {
    params: {
      id: number;
    };
    query: never;
    body: ReopenAssessment;
    response: {
      ok: true;
      status: string;
      version: number;
    };
  };
  /** Verify (locks the month) or return with comments, per indicator */
  "POST /api/assessments/{id}/review": {
    params: {
      id: number;
    };
    query: never;
    body: ReviewAssessment;
    response: {
      ok: true;
      status: string;
      version: number;
    };
  };
  /** Submit the month to the coordination office */
  "POST /api/assessments/{id}/submit": {
    params: {
      id: number;
    };
    query: never;
    body: {
      version: number;
    };
    response: {
      ok: true;
      status: string;
      version: number;
    };
  };
  /** The Excel entry template of this month (indicator rows, thresholds, drop-downs, current values) */
  "GET /api/assessments/{id}/template.xlsx": {
    params: {
      id: number;
    };
    query: never;
    body: never;
    response: Blob;
  };
  /** Save cells; each names the version it was read at (stale → 409, nothing written) */
  "PUT /api/assessments/{id}/values": {
    params: {
      id: number;
    };
    query: never;
    body: SaveValues;
    response: {
      criteriaMet: number;
      criteriaTotal: number;
      indicatorsMet: number;
      indicatorsTotal: number;
      standardMet: boolean;
    };
  };
  /** Browse the audit trail in my scope, newest first */
  "GET /api/audit": {
    params: never;
    query: {
      from?: string;
      to?: string;
      action?: string;
      kind?: string;
      entityType?: string;
      entityId?: string;
      actorUserId?: number;
      unitId?: number;
      beforeSeq?: number;
      limit?: number;
    };
    body: never;
    response: {
      items: AuditEvent[];
      nextBeforeSeq: number | null;
    };
  };
  /** The people who appear in the audit trail I may read (for the filter by person) */
  "GET /api/audit/actors": {
    params: never;
    query: never;
    body: never;
    response: {
      items: AuditActor[];
    };
  };
  /** Check the hash chain, the MACs and the checkpoints; reports the first edited, inserted, deleted or unsigned event, a truncation and forged checkpoints */
  "GET /api/audit/verify": {
    params: never;
    query: never;
    body: never;
    response: AuditVerification;
  };
  /** Sign in with username and password */
  "POST /api/auth/login": {
    params: never;
    query: never;
    body: LoginBody;
    response: Session;
  };
  /** Sign out (the session is revoked on the server) */
  "POST /api/auth/logout": {
    params: never;
    query: never;
    body: never;
    response: {
      ok: true;
    };
  };
  /** Change my password (other sessions are signed out) */
  "POST /api/auth/password": {
    params: never;
    query: never;
    body: ChangePasswordBody;
    response: {
      ok: true;
    };
  };
  /** Current session and CSRF token */
  "GET /api/auth/session": {
    params: never;
    query: never;
    body: never;
    response: Session;
  };
  /** Programme cockpit: plan, allocated, disbursed, rates by source / unit / project, S-curve, red flags */
  "GET /api/capital/cockpit": {
    params: never;
    query: {
      unitId: number;
      year: number;
      asOf?: string;
    };
    body: never;
    response: CapitalCockpit;
  };
  /** Record one disbursement (Treasury payment) */
  "POST /api/capital/disbursements": {
    params: never;
    query: never;
    body: Disbursement;
    response: DisbursementEntry;
  };
  /** Import Treasury disbursement lines (CSV or XLSX; all or nothing; the same line twice adds nothing) */
  "POST /api/capital/disbursements/import": {
    params: never;
    query: never;
    body: FormData;
    response: {
      added: number;
      skipped: number;
    };
  };
  /** What a Treasury import line may name: the projects of the reader’s scope under a unit, and the funding sources */
  "GET /api/capital/disbursements/reference": {
    params: never;
    query: {
      unitId: number;
    };
    body: never;
    response: TreasuryReference;
  };
  /** Treasury import template as CSV (UTF-8): the header row the import reads */
  "GET /api/capital/disbursements/template.csv": {
    params: never;
    query: {
      unitId: number;
    };
    body: never;
    response: Blob;
  };
  /** Treasury import template: the entry sheet with drop-downs, and reference sheets of projects and sources */
  "GET /api/capital/disbursements/template.xlsx": {
    params: never;
    query: {
      unitId: number;
    };
    body: never;
    response: Blob;
  };
  /** Take back (part of) a payment: a negative entry linked to it, never more than what is left of it */
  "POST /api/capital/disbursements/{id}/reversals": {
    params: {
      id: number;
    };
    query: never;
    body: DisbursementReversal;
    response: DisbursementEntry;
  };
  /** A progress photo, or its thumbnail */
  "GET /api/capital/photos/{photoId}/{variant}": {
    params: {
      photoId: number;
      variant: "file" | "thumbnail";
    };
    query: never;
    body: never;
    response: Blob;
  };
  /** Capital plans of a unit (all versions) */
  "GET /api/capital/plans": {
    params: never;
    query: {
      unitId: number;
      year?: number;
    };
    body: never;
    response: {
      items: CapitalPlan[];
    };
  };
  /** Create a draft annual or medium-term plan with the capital it provides by source */
  "POST /api/capital/plans": {
    params: never;
    query: never;
    body: ({
      unitId: number;
      kind: "annual" | "medium_term";
      year: number;
      endYear?: number;
      name: string;
      lines: {
        sourceCode: string;
        amount: number;
      }[];
    });
    response: CapitalPlan;
  };
  /** A plan with its lines, allocations and unallocated remainder */
  "GET /api/capital/plans/{id}": {
    params: {
      id: number;
    };
    query: never;
    body: never;
    response: CapitalPlan;
  };
  /** Start an adjustment: a new draft version of an approved plan */
  "POST /api/capital/plans/{id}/adjust": {
    params: {
      id: number;
    };
    query: never;
    body: never;
    response: CapitalPlan;
  };
  /** Allocate a draft plan to projects by source */
  "PUT /api/capital/plans/{id}/allocations": {
    params: {
      id: number;
    };
    query: never;
    body: ({
      rowVersion: number;
      allocations: ({
        projectId: number;
        sourceCode: string;
        amount: number;
        addedOn?: string | null;
      })[];
    });
    response: CapitalPlan;
  };
  /** Approve a plan by the council's resolution */
  "POST /api/capital/plans/{id}/approve": {
    params: {
      id: number;
    };
    query: never;
    body: {
      rowVersion: number;
      resolutionNo: string;
      resolutionDate: string;
      body: string;
    };
    response: CapitalPlan;
  };
  /** Set what a draft plan provides by source */
  "PUT /api/capital/plans/{id}/lines": {
    params: {
      id: number;
    };
    query: never;
    body: {
      rowVersion: number;
      lines: {
        sourceCode: string;
        amount: number;
      }[];
    };
    response: CapitalPlan;
  };
  /** Projects under a unit; ready=1 lists those ready for allocation at the thematic session */
  "GET /api/capital/projects": {
    params: never;
    query: {
      unitId: number;
      q?: string;
      ready?: "1";
    };
    body: never;
    response: {
      items: CapitalProjectListItem[];
    };
  };
  /** Create a project (with its dossier checklist) */
  "POST /api/capital/projects": {
    params: never;
    query: never;
    body: ({
      code: string;
      name: string;
      unitId: number;
      unitIds?: number[];
      owner: string;
      type: "standard" | "small_community" | "recurrent";
      sources: {
        sourceCode: string;
        amount: number;
      }[];
      approvalDecision?: string | null;
      approvalDate?: string | null;
      lat?: number | null;
      lon?: number | null;
      contractor?: string | null;
      description?: string | null;
      indicators?: {
        setCode: string;
        code: string;
      }[];
    });
    response: CapitalProject;
  };
  /** Project page: sources, dossier, allocations, ledger, S-curve, timeline */
  "GET /api/capital/projects/{id}": {
    params: {
      id: number;
    };
    query: {
      year?: number;
    };
    body: never;
    response: CapitalProjectDetail;
  };
  /** Edit a project or move its status one step (send the version you read) */
  "PATCH /api/capital/projects/{id}": {
    params: {
      id: number;
    };
    query: never;
    body: ({
      name?: string;
      owner?: string;
      type?: "standard" | "small_community" | "recurrent";
      sources?: {
        sourceCode: string;
        amount: number;
      }[];
      approvalDecision?: string | null;
      approvalDate?: string | null;
      lat?: number | null;
      lon?: number | null;
      contractor?: string | null;
      description?: string | null;
      indicators?: {
        setCode: string;
        code: string;
      }[];
      version: number;
      status?: "proposed" | "readiness" | "approved" | "construction" | "completed" | "settled";
    });
    response: CapitalProject;
  };
  /** Record a community contribution in kind (land m², working days) with its value */
  "POST /api/capital/projects/{id}/contributions": {
    params: {
      id: number;
    };
    query: never;
    body: ({
      sourceCode: string;
      date: string;
      quantity: number;
      valueVnd: number;
      note?: string | null;
    });
    response: Contribution;
  };
  /** Extend a year's disbursement deadline by decision */
  "POST /api/capital/projects/{id}/extensions": {
    params: {
      id: number;
    };
    query: never;
    body: {
      planYear: number;
      newDeadline: string;
      decisionNo: string;
      decisionDate: string;
    };
    response: DeadlineExtension;
  };
  /** Add a progress photo of the works (an image) */
  "POST /api/capital/projects/{id}/photos": {
    params: {
      id: number;
    };
    query: never;
    body: FormData;
    response: {
      id: number;
    };
  };
  /** QR code of the project’s public page, for the construction signboard */
  "GET /api/capital/projects/{id}/qr/{format}": {
    params: {
      id: number;
      format: "png" | "svg";
    };
    query: never;
    body: never;
    response: Blob;
  };
  /** Tick or untick a dossier item */
  "PUT /api/capital/projects/{id}/readiness/{code}": {
    params: {
      id: number;
      code: string;
    };
    query: never;
    body: ({
      done: boolean;
      note?: string | null;
    });
    response: ProjectReadinessItem;
  };
  /** Disbursement report by source and project (triệu đồng) */
  "GET /api/capital/report.xlsx": {
    params: never;
    query: {
      unitId: number;
      year: number;
    };
    body: never;
    response: Blob;
  };
  /** Red-flag thresholds for a unit */
  "GET /api/capital/settings": {
    params: never;
    query: {
      unitId: number;
    };
    body: never;
    response: RedFlagSettings;
  };
  /** Change the red-flag thresholds for a unit and everything under it */
  "PUT /api/capital/settings": {
    params: never;
    query: {
      unitId: number;
    };
    body: RedFlagSettings;
    response: RedFlagSettings;
  };
  /** Funding sources (data) */
  "GET /api/capital/sources": {
    params: never;
    query: never;
    body: never;
    response: {
      items: FundingSource[];
    };
  };
  /** A unit's regions (2021–2025) and commune groups (2026–2030) over time */
  "GET /api/classifications": {
    params: never;
    query: {
      unitId: number;
    };
    body: never;
    response: {
      items: UnitClassification[];
    };
  };
  /** Set the region or commune group of a unit from a date (ends the previous one) */
  "POST /api/classifications": {
    params: never;
    query: never;
    body: ({
      unitId: number;
      dimension: "region7" | "group3";
      value: string;
      effectiveFrom: string;
      legalBasis?: string | null;
      verified?: boolean;
      note?: string | null;
    });
    response: UnitClassification;
  };
  /** Criteria sets (all versions) */
  "GET /api/criteria-sets": {
    params: never;
    query: never;
    body: never;
    response: {
      items: CriteriaSetMeta[];
    };
  };
  /** Import a set document as a draft (validated against /api/schemas/criteria-set.json) */
  "POST /api/criteria-sets/import": {
    params: never;
    query: never;
    body: {
      ownerUnitId: number;
      document?: unknown;
    };
    response: CriteriaSetMeta;
  };
  /** A criteria set with its document */
  "GET /api/criteria-sets/{id}": {
    params: {
      id: number;
    };
    query: never;
    body: never;
    response: CriteriaSet;
  };
  /** Replace the document of a draft */
  "PUT /api/criteria-sets/{id}": {
    params: {
      id: number;
    };
    query: never;
    body: {
      rowVersion: number;
      document?: unknown;
    };
    response: CriteriaSetMeta;
  };
  /** Start a new draft version from this set */
  "POST /api/criteria-sets/{id}/drafts": {
    params: {
      id: number;
    };
    query: never;
    body: never;
    response: CriteriaSetMeta;
  };
  /** Download the set document as JSON */
  "GET /api/criteria-sets/{id}/export": {
    params: {
      id: number;
    };
    query: never;
    body: never;
    response: unknown;
  };
  /** Publish (freeze) a draft; an overlay must not loosen its base */
  "POST /api/criteria-sets/{id}/publish": {
    params: {
      id: number;
    };
    query: never;
    body: {
      rowVersion: number;
    };
    response: CriteriaSetMeta;
  };
  /** What publishing this draft would change for a month: each commune's latest verified month up to it, evaluated under the sets in force and with the draft published */
  "GET /api/criteria-sets/{id}/what-if": {
    params: {
      id: number;
    };
    query: {
      month: string;
      unitId?: number;
    };
    body: never;
    response: DraftImpact;
  };
  /** The communes that would gain or lose a criterion if this draft were published, as an Excel workbook */
  "GET /api/criteria-sets/{id}/what-if.xlsx": {
    params: {
      id: number;
    };
    query: {
      month: string;
      unitId?: number;
    };
    body: never;
    response: Blob;
  };
  /** What is missing where: per indicator, the units where it is unmet or has no value */
  "GET /api/dashboard/gaps": {
    params: never;
    query: {
      unitId: number;
      month: string;
    };
    body: never;
    response: Gaps;
  };
  /** Units × criteria, met / unmet / missing */
  "GET /api/dashboard/heatmap": {
    params: never;
    query: {
      unitId: number;
      month: string;
    };
    body: never;
    response: Heatmap;
  };
  /** The heat map as an Excel workbook */
  "GET /api/dashboard/heatmap.xlsx": {
    params: never;
    query: {
      unitId: number;
      month: string;
    };
    body: never;
    response: Blob;
  };
  /** A unit's year: criteria and indicators by month, with its predecessors' history */
  "GET /api/dashboard/scorecard": {
    params: never;
    query: {
      unitId: number;
      year: number;
    };
    body: never;
    response: Scorecard;
  };
  /** The scorecard as an Excel workbook */
  "GET /api/dashboard/scorecard.xlsx": {
    params: never;
    query: {
      unitId: number;
      year: number;
    };
    body: never;
    response: Blob;
  };
  /** Communes under a unit: averages of criteria and indicators met, units at standard / advanced / model (latest verified month) */
  "GET /api/dashboard/summary": {
    params: never;
    query: {
      unitId: number;
      month: string;
    };
    body: never;
    response: DashboardSummary;
  };
  /** Liveness and database check */
  "GET /api/health": {
    params: never;
    query: never;
    body: never;
    response: {
      status: "ok";
      database: "pglite" | "postgres";
      time: string;
    };
  };
  /** The latest month with data in my scope, where period pickers open */
  "GET /api/me/periods": {
    params: never;
    query: never;
    body: never;
    response: MyPeriods;
  };
  /** What waits for me: months to enter or verify, roadmap items due, OCOP steps, council follow-up */
  "GET /api/me/todo": {
    params: never;
    query: never;
    body: never;
    response: TodoList;
  };
  /** My inbox, newest first, with the unread count */
  "GET /api/notifications": {
    params: never;
    query: {
      unread?: "1" | "true";
    };
    body: never;
    response: {
      items: Notification[];
      unread: number;
    };
  };
  /** E-mail outbox (held when no SMTP server is configured) — administrators */
  "GET /api/notifications/outbox": {
    params: never;
    query: {
      status?: "pending" | "sending" | "sent" | "held" | "failed";
    };
    body: never;
    response: {
      smtpConfigured: boolean;
      items: ({
        id: number;
        toAddress: string;
        subject: string;
        text: string;
        status: string;
        attempts: number;
        lastError: string | null;
        createdAt: string;
        sentAt: string | null;
      })[];
    };
  };
  /** My notification preferences */
  "GET /api/notifications/preferences": {
    params: never;
    query: never;
    body: never;
    response: NotificationPrefs;
  };
  /** Change my notification preferences */
  "PUT /api/notifications/preferences": {
    params: never;
    query: never;
    body: NotificationPrefs;
    response: NotificationPrefs;
  };
  /** Mark all my notices read */
  "POST /api/notifications/read-all": {
    params: never;
    query: never;
    body: never;
    response: {
      ok: true;
      count: number;
    };
  };
  /** Mark one notice read */
  "POST /api/notifications/{id}/read": {
    params: {
      id: number;
    };
    query: never;
    body: never;
    response: {
      ok: true;
    };
  };
  /** Product groups and sets, cycle steps and transitions, documents */
  "GET /api/ocop/catalogue": {
    params: never;
    query: never;
    body: never;
    response: OcopCatalogue;
  };
  /** Targets vs actual, counts by star / group / unit / year, expiring and expired certificates */
  "GET /api/ocop/dashboard": {
    params: never;
    query: {
      unitId: number;
      year: number;
    };
    body: never;
    response: OcopDashboard;
  };
  /** A printable sheet of product labels (QR and star), up to 60 products */
  "GET /api/ocop/labels": {
    params: never;
    query: {
      productIds: string;
      copies?: number;
    };
    body: never;
    response: Blob;
  };
  /** A photo of a product */
  "GET /api/ocop/photos/{id}": {
    params: {
      id: number;
    };
    query: never;
    body: never;
    response: Blob;
  };
  /** Pipeline board: products of a unit and year by cycle step */
  "GET /api/ocop/pipeline": {
    params: never;
    query: {
      unitId: number;
      year: number;
    };
    body: never;
    response: OcopPipeline;
  };
  /** Producers (chủ thể) the caller may see */
  "GET /api/ocop/producers": {
    params: never;
    query: {
      unitId?: number;
      q?: string;
    };
    body: never;
    response: {
      items: OcopProducerListItem[];
    };
  };
  /** Register a producer (a producer account registers its own subject once) */
  "POST /api/ocop/producers": {
    params: never;
    query: never;
    body: ({
      unitId: number;
      name: string;
      kind: "enterprise" | "cooperative" | "coop_group" | "household";
      registrationNo?: string | null;
      taxCode?: string | null;
      registeredOn?: string | null;
      address?: string | null;
      contactName?: string | null;
      phone?: string | null;
      email?: string | null;
      womenLed?: boolean;
      ethnicMinorityLed?: boolean;
    });
    response: OcopProducer;
  };
  /** A producer and its products */
  "GET /api/ocop/producers/{id}": {
    params: {
      id: number;
    };
    query: never;
    body: never;
    response: OcopProducerDetail;
  };
  /** Edit a producer (with the version it was read at) */
  "PATCH /api/ocop/producers/{id}": {
    params: {
      id: number;
    };
    query: never;
    body: ({
      name?: string;
      kind?: "enterprise" | "cooperative" | "coop_group" | "household";
      registrationNo?: string | null;
      taxCode?: string | null;
      registeredOn?: string | null;
      address?: string | null;
      contactName?: string | null;
      phone?: string | null;
      email?: string | null;
      womenLed?: boolean;
      ethnicMinorityLed?: boolean;
      version: number;
    });
    response: OcopProducer;
  };
  /** Products the caller may see, with the star valid today */
  "GET /api/ocop/products": {
    params: never;
    query: {
      unitId?: number;
      year?: number;
      stage?: "awareness" | "idea_registered" | "idea_returned" | "plan_submitted" | "plan_returned" | "implementing" | "evaluation" | "promotion";
      q?: string;
      producerId?: number;
    };
    body: never;
    response: {
      items: OcopProductListItem[];
    };
  };
  /** Register a product (starts at step 1, awareness) */
  "POST /api/ocop/products": {
    params: never;
    query: never;
    body: ({
      producerId: number;
      name: string;
      setNo: number;
      cycleYear: number;
      description?: string | null;
      brandTags?: string[];
      standards?: ({
        kind: string;
        number?: string | null;
        issuedBy?: string | null;
        expiresOn?: string | null;
      })[];
    });
    response: OcopProduct & ({
      warnings: ({
        rule: "ocop_sheet_not_published";
        setNo: number;
        setName: string;
        publishers: ({
          role: "system_admin" | "coordination_office" | "agency" | "commune_officer" | "council_member" | "council_secretariat" | "ocop_producer" | "viewer";
          label: string;
        })[];
        message: string;
      })[];
    });
  };
  /** Product page: details, cycle history, certificates, results, next possible steps */
  "GET /api/ocop/products/{id}": {
    params: {
      id: number;
    };
    query: never;
    body: never;
    response: OcopProductDetail;
  };
  /** Edit a product; publishing on the public catalogue is for the office */
  "PATCH /api/ocop/products/{id}": {
    params: {
      id: number;
    };
    query: never;
    body: ({
      name?: string;
      setNo?: number;
      cycleYear?: number;
      description?: string | null;
      brandTags?: string[];
      standards?: ({
        kind: string;
        number?: string | null;
        issuedBy?: string | null;
        expiresOn?: string | null;
      })[];
      published?: boolean;
      version: number;
    });
    response: OcopProduct & ({
      warnings: ({
        rule: "ocop_sheet_not_published";
        setNo: number;
        setName: string;
        publishers: ({
          role: "system_admin" | "coordination_office" | "agency" | "commune_officer" | "council_member" | "council_secretariat" | "ocop_producer" | "viewer";
          label: string;
        })[];
        message: string;
      })[];
    });
  };
  /** Add a photo of the product (an image) */
  "POST /api/ocop/products/{id}/photos": {
    params: {
      id: number;
    };
    query: never;
    body: FormData;
    response: {
      id: number;
    };
  };
  /** QR code of the product’s public page, for its label */
  "GET /api/ocop/products/{id}/qr/{format}": {
    params: {
      id: number;
      format: "png" | "svg";
    };
    query: never;
    body: never;
    response: Blob;
  };
  /** Move a product through the cycle (who may, which documents, a note when returning) */
  "POST /api/ocop/products/{id}/transitions": {
    params: {
      id: number;
    };
    query: never;
    body: ({
      action: string;
      documents?: string[];
      note?: string | null;
      version: number;
    });
    response: OcopProduct;
  };
  /** Evaluation rounds the caller may see (as reader or council member) */
  "GET /api/ocop/rounds": {
    params: never;
    query: {
      unitId?: number;
    };
    body: never;
    response: {
      items: (OcopRound & {
        member: boolean;
      })[];
    };
  };
  /** Set up an evaluation council (one chair, members, quorum, spread limit) */
  "POST /api/ocop/rounds": {
    params: never;
    query: never;
    body: ({
      unitId: number;
      level: "district" | "province" | "central";
      name: string;
      year: number;
      quorum: number;
      spreadLimit?: number;
      members: ({
        userId: number;
        role: "chair" | "member";
      })[];
    });
    response: OcopRound;
  };
  /** A round: members, products, sheets, progress */
  "GET /api/ocop/rounds/{id}": {
    params: {
      id: number;
    };
    query: never;
    body: never;
    response: OcopRoundDetail;
  };
  /** Close a round once every product is decided */
  "POST /api/ocop/rounds/{id}/close": {
    params: {
      id: number;
    };
    query: never;
    body: never;
    response: {
      ok: boolean;
    };
  };
  /** Put products submitted for evaluation before the council */
  "POST /api/ocop/rounds/{id}/products": {
    params: {
      id: number;
    };
    query: never;
    body: {
      productIds: number[];
    };
    response: {
      items: ({
        roundId: number;
        productId: number;
        sheetId: number;
        status: "scoring" | "rescore" | "decided";
        rescoreCount: number;
        rescoreAskedAt: string | null;
        scoreX100: number | null;
        star: number | null;
        forwarded: boolean;
        recognised: boolean;
        decidedAt: string | null;
      })[];
    };
  };
  /** Record the recognition decision and certificate (valid 36 months) */
  "POST /api/ocop/rounds/{id}/products/{productId}/certificate": {
    params: {
      id: number;
      productId: number;
    };
    query: never;
    body: {
      number: string;
      decisionNo: string;
      decisionDate: string;
      issuedBy: string;
    };
    response: OcopCertificate;
  };
  /** Close the scoring of a product (chair or office): rescore when spread too wide, else mean, star, outcome */
  "POST /api/ocop/rounds/{id}/products/{productId}/decide": {
    params: {
      id: number;
      productId: number;
    };
    query: never;
    body: never;
    response: {
      status: "rescore";
      spread: number;
      meanX100: number;
    } | ({
      status: "decided";
      meanX100: number;
      spread: number;
      cap: number | null;
      star: number;
      recognisedHere: boolean;
      forward: boolean;
    });
  };
  /** A council member's sheet: criterion code → chosen option index */
  "PUT /api/ocop/rounds/{id}/products/{productId}/my-score": {
    params: {
      id: number;
      productId: number;
    };
    query: never;
    body: {
      answers: {
        [key: string]: number;
      };
    };
    response: {
      total: number;
      byPart: {
        A: number;
        B: number;
        C: number;
      };
      zeroMandatory: {
        code: string;
        fromStar: number;
      }[];
    };
  };
  /** Load a scoring sheet (JSON, validated; a new code or version, never an edit) */
  "POST /api/ocop/sheets": {
    params: never;
    query: never;
    body: {
      [key: string]: unknown;
    };
    response: {
      id: number;
      code: string;
      version: number;
    };
  };
  /** A scoring sheet with its criteria, options and star bands */
  "GET /api/ocop/sheets/{id}": {
    params: {
      id: number;
    };
    query: never;
    body: never;
    response: OcopSheet;
  };
  /** Replace the document of a draft sheet (validated against /api/schemas/ocop-sheet.json) */
  "PUT /api/ocop/sheets/{id}": {
    params: {
      id: number;
    };
    query: never;
    body: {
      rowVersion: number;
      document?: unknown;
    };
    response: {
      id: number;
      code: string;
      version: number;
      setNo: number;
      regime: string;
      status: "draft" | "published";
      verified: boolean;
      rowVersion: number;
    };
  };
  /** Start a draft sheet for a product set from this sheet as the template (next version of the set) */
  "POST /api/ocop/sheets/{id}/drafts": {
    params: {
      id: number;
    };
    query: never;
    body: {
      setNo: number;
    };
    response: {
      id: number;
      code: string;
      version: number;
      setNo: number;
      regime: string;
      status: "draft" | "published";
      verified: boolean;
      rowVersion: number;
    };
  };
  /** Download the sheet document as JSON (the format of /api/schemas/ocop-sheet.json) */
  "GET /api/ocop/sheets/{id}/export": {
    params: {
      id: number;
    };
    query: never;
    body: never;
    response: unknown;
  };
  /** Publish a draft sheet: frozen from now on, used by councils for its set */
  "POST /api/ocop/sheets/{id}/publish": {
    params: {
      id: number;
    };
    query: never;
    body: {
      rowVersion: number;
    };
    response: {
      id: number;
      code: string;
      version: number;
      setNo: number;
      regime: string;
      status: "draft" | "published";
      verified: boolean;
      rowVersion: number;
    };
  };
  /** Yearly OCOP targets of a unit */
  "PUT /api/ocop/targets": {
    params: never;
    query: never;
    body: ({
      unitId: number;
      year: number;
      newProducts: number;
      newRated34: number;
      newOrganisations: number;
      legalBasis?: string | null;
    });
    response: {
      unitId: number;
      year: number;
      newProducts: number;
      newRated34: number;
      newOrganisations: number;
      legalBasis: string | null;
    };
  };
  /** An activity with documents, snapshots and recommendations */
  "GET /api/oversight/activities/{id}": {
    params: {
      id: number;
    };
    query: never;
    body: never;
    response: OversightActivityDetail;
  };
  /** Edit an activity, record its conclusion or move its status one step forward */
  "PATCH /api/oversight/activities/{id}": {
    params: {
      id: number;
    };
    query: never;
    body: ({
      kind?: "explanatory_session" | "thematic_supervision" | "questioning" | "plenary_item";
      title?: string;
      topic?: string;
      scheduledOn?: string;
      heldOn?: string | null;
      leadBodyId?: number | null;
      chair?: string | null;
      plan?: string | null;
      explainingBodies?: string[];
      invitees?: string[];
      version: number;
      status?: "planned" | "held" | "concluded" | "follow_up" | "resupervised";
      conclusionNo?: string | null;
      conclusionDate?: string | null;
      conclusionText?: string | null;
    });
    response: OversightActivity;
  };
  /** File a document of the activity (the same kind again is its next version) */
  "POST /api/oversight/activities/{id}/documents": {
    params: {
      id: number;
    };
    query: never;
    body: FormData;
    response: {
      id: number;
      activityId: number;
      kind: "plan" | "explanatory_report" | "verification_report" | "minutes" | "conclusion" | "follow_up_report" | "other";
      title: string;
      number: string | null;
      version: number;
      fileId: number;
      fileName: string;
      createdAt: string;
    };
  };
  /** Record a recommendation of the conclusion (addressee, deadline, linked objects) */
  "POST /api/oversight/activities/{id}/recommendations": {
    params: {
      id: number;
    };
    query: never;
    body: ({
      text: string;
      addresseeUnitId: number;
      addresseeLabel: string;
      deadline: string;
      links?: ({
        type: "criterion" | "unit" | "project" | "ocop_target" | "roadmap_item";
        ref: string;
        label: string;
      })[];
    });
    response: OversightRecommendation;
  };
  /** Freeze the figures for the briefing (as of a day; the criteria month defaults to that day’s) */
  "POST /api/oversight/activities/{id}/snapshots": {
    params: {
      id: number;
    };
    query: never;
    body: {
      asOf?: string;
      month?: string;
    };
    response: {
      id: number;
      asOf: string;
      sha256: string;
    };
  };
  /** Promised vs delivered: two activities’ newest snapshots compared */
  "GET /api/oversight/compare": {
    params: never;
    query: {
      first: number;
      second: number;
    };
    body: never;
    response: OversightComparison;
  };
  /** Follow-up report for re-supervision (DOCX) from the comparison */
  "GET /api/oversight/compare/report.docx": {
    params: never;
    query: {
      first: number;
      second: number;
    };
    body: never;
    response: Blob;
  };
  /** Councils the actor may read */
  "GET /api/oversight/councils": {
    params: never;
    query: never;
    body: never;
    response: {
      items: (OversightCouncil & {
        unitName: string;
        historic: boolean;
      })[];
    };
  };
  /** Create a council for a unit and term */
  "POST /api/oversight/councils": {
    params: never;
    query: never;
    body: {
      unitId: number;
      name: string;
      term: string;
    };
    response: OversightCouncil;
  };
  /** A council with its bodies, delegates and activities */
  "GET /api/oversight/councils/{id}": {
    params: {
      id: number;
    };
    query: never;
    body: never;
    response: OversightCouncilDetail;
  };
  /** Plan a supervision activity (the governing law follows from its date) */
  "POST /api/oversight/councils/{id}/activities": {
    params: {
      id: number;
    };
    query: never;
    body: ({
      kind: "explanatory_session" | "thematic_supervision" | "questioning" | "plenary_item";
      title: string;
      topic: string;
      scheduledOn: string;
      heldOn?: string | null;
      leadBodyId?: number | null;
      chair?: string | null;
      plan?: string | null;
      explainingBodies?: string[];
      invitees?: string[];
      followsId?: number | null;
    });
    response: OversightActivity;
  };
  /** Add the standing committee, a committee (Ban) or a delegate group */
  "POST /api/oversight/councils/{id}/bodies": {
    params: {
      id: number;
    };
    query: never;
    body: ({
      kind: "standing_committee" | "committee" | "delegate_group";
      name: string;
    });
    response: {
      id: number;
      councilId: number;
      kind: "standing_committee" | "committee" | "delegate_group";
      name: string;
    };
  };
  /** Add a delegate */
  "POST /api/oversight/councils/{id}/delegates": {
    params: {
      id: number;
    };
    query: never;
    body: ({
      fullName: string;
      position?: string | null;
      bodyIds?: number[];
    });
    response: {
      id: number;
      councilId: number;
      fullName: string;
      position: string | null;
      bodyIds: number[];
    };
  };
  /** Hand over an ended council’s open recommendations and petitions to a successor council, or close them */
  "POST /api/oversight/councils/{id}/handover": {
    params: {
      id: number;
    };
    query: never;
    body: ({
      toCouncilId: number | null;
      handedOverOn: string;
      legalBasis: string;
      note?: string | null;
      items?: ({
        kind: "recommendation" | "petition";
        id: number;
        outcome: "handed_over" | "closed";
        reason?: string | null;
        addresseeUnitId?: number;
        deadline?: string;
      })[];
    });
    response: CouncilHandover;
  };
  /** Record a voters’ petition */
  "POST /api/oversight/councils/{id}/petitions": {
    params: {
      id: number;
    };
    query: never;
    body: ({
      unitId: number;
      source: "voter_meeting" | "portal" | "delegate" | "other";
      sourceNote?: string | null;
      receivedOn: string;
      text: string;
      category?: "economy_budget" | "legal" | "culture_social" | "ethnic" | "urban" | "other" | null;
    });
    response: OversightPetition;
  };
  /** The file of a document */
  "GET /api/oversight/documents/{id}/file": {
    params: {
      id: number;
    };
    query: never;
    body: never;
    response: Blob;
  };
  /** Voters’ petitions with the resolution rate (accent-insensitive search) */
  "GET /api/oversight/petitions": {
    params: never;
    query: {
      councilId?: number;
      status?: "received" | "assigned" | "answered" | "resolved" | "roadmap" | "forwarded" | "closed";
      q?: string;
      mine?: "0" | "1";
    };
    body: never;
    response: {
      items: (OversightPetition & {
        councilName: string;
        unitName: string;
      })[];
      stats: {
        total: number;
        resolved: number;
        answered: number;
        rateBp: number | null;
      };
    };
  };
  /** Classify, assign (with deadline) or close a petition (council) */
  "PATCH /api/oversight/petitions/{id}": {
    params: {
      id: number;
    };
    query: never;
    body: ({
      version: number;
      category?: "economy_budget" | "legal" | "culture_social" | "ethnic" | "urban" | "other" | null;
      assigneeUnitId?: number;
      assigneeLabel?: string;
      deadline?: string;
      status?: "received" | "assigned" | "answered" | "resolved" | "roadmap" | "forwarded" | "closed";
    });
    response: OversightPetition;
  };
  /** The assigned body answers the petition */
  "POST /api/oversight/petitions/{id}/answer": {
    params: {
      id: number;
    };
    query: never;
    body: {
      answer: string;
      version: number;
    };
    response: OversightPetition;
  };
  /** Recommendations of readable councils and those addressed to the actor (mine=1: only those) */
  "GET /api/oversight/recommendations": {
    params: never;
    query: {
      councilId?: number;
      status?: "open" | "reported" | "accepted" | "not_accepted";
      mine?: "0" | "1";
      overdue?: "0" | "1";
    };
    body: never;
    response: {
      items: (OversightRecommendation & ({
        activityTitle: string;
        councilName: string;
        councilId: number;
        followUpCouncilName: string | null;
        overdue: boolean;
        daysOverdue: number;
      }))[];
    };
  };
  /** A recommendation with its progress reports */
  "GET /api/oversight/recommendations/{id}": {
    params: {
      id: number;
    };
    query: never;
    body: never;
    response: OversightRecommendationDetail;
  };
  /** Edit a recommendation (council) */
  "PATCH /api/oversight/recommendations/{id}": {
    params: {
      id: number;
    };
    query: never;
    body: ({
      text?: string;
      addresseeUnitId?: number;
      addresseeLabel?: string;
      deadline?: string;
      links?: ({
        type: "criterion" | "unit" | "project" | "ocop_target" | "roadmap_item";
        ref: string;
        label: string;
      })[];
      version: number;
    });
    response: OversightRecommendation;
  };
  /** The council accepts the recommendation as met, or does not */
  "POST /api/oversight/recommendations/{id}/decision": {
    params: {
      id: number;
    };
    query: never;
    body: ({
      decision: "accepted" | "not_accepted";
      note?: string | null;
      version: number;
    });
    response: OversightRecommendation;
  };
  /** The addressee reports progress (JSON, or multipart with an evidence file) */
  "POST /api/oversight/recommendations/{id}/reports": {
    params: {
      id: number;
    };
    query: never;
    body: {
      text: string;
      done: boolean;
      version: number;
    } | FormData;
    response: {
      recommendation: OversightRecommendation;
      report: {
        id: number;
        recommendationId: number;
        reportedOn: string;
        text: string;
        done: boolean;
        fileId: number | null;
        fileName: string | null;
        createdAt: string;
      };
    };
  };
  /** The evidence file of a report */
  "GET /api/oversight/reports/{id}/file": {
    params: {
      id: number;
    };
    query: never;
    body: never;
    response: Blob;
  };
  /** A frozen snapshot: the figures exactly as the council saw them */
  "GET /api/oversight/snapshots/{id}": {
    params: {
      id: number;
    };
    query: never;
    body: never;
    response: OversightSnapshot;
  };
  /** Briefing pack generated from the snapshot (DOCX) */
  "GET /api/oversight/snapshots/{id}/pack.docx": {
    params: {
      id: number;
    };
    query: never;
    body: never;
    response: Blob;
  };
  /** Briefing pack generated from the snapshot (PDF) */
  "GET /api/oversight/snapshots/{id}/pack.pdf": {
    params: {
      id: number;
    };
    query: never;
    body: never;
    response: Blob;
  };
  /** Briefing pack generated from the snapshot (XLSX) */
  "GET /api/oversight/snapshots/{id}/pack.xlsx": {
    params: {
      id: number;
    };
    query: never;
    body: never;
    response: Blob;
  };
  /** Citizens’ feedback for moderation (pending first) */
  "GET /api/portal/feedback": {
    params: never;
    query: {
      status?: "pending" | "published" | "rejected";
    };
    body: never;
    response: {
      items: (PortalFeedback & {
        unitName: string;
      })[];
    };
  };
  /** Publish with a public answer or reject; optionally record it as a voters’ petition */
  "POST /api/portal/feedback/{id}/moderate": {
    params: {
      id: number;
    };
    query: never;
    body: ({
      decision: "publish" | "reject";
      answer?: string | null;
      toPetition?: boolean;
      version: number;
    });
    response: PortalFeedback;
  };
  /** What is published, within the actor’s units */
  "GET /api/portal/publications": {
    params: never;
    query: never;
    body: never;
    response: {
      items: (PortalPublication & ({
        unitName: string;
        projectCode: string | null;
        projectName: string | null;
      }))[];
    };
  };
  /** Publish a unit’s verified figures up to a month, or a capital project */
  "POST /api/portal/publications": {
    params: never;
    query: never;
    body: ({
      kind: "period";
      unitId: number;
      month: string;
    } | {
      kind: "project";
      projectId: number;
    });
    response: PortalPublication;
  };
  /** Unpublish: the item leaves every public page and download at once */
  "DELETE /api/portal/publications/{id}": {
    params: {
      id: number;
    };
    query: never;
    body: never;
    response: {
      id: number;
    };
  };
  /** Roadmap board: by unit, by agency or my work; filters; "dễ trước khó sau" ordering by default */
  "GET /api/roadmaps": {
    params: never;
    query: {
      unitId?: number;
      agencyId?: number;
      mine?: "1" | "true";
      status?: string;
      cost?: string;
      overdue?: "1" | "true";
      confirmed?: "true" | "false";
      sort?: "easy" | "target" | "priority";
    };
    body: never;
    response: {
      items: RoadmapItem[];
    };
  };
  /** Agencies that can lead work for a unit */
  "GET /api/roadmaps/agencies": {
    params: never;
    query: {
      unitId: number;
    };
    body: never;
    response: {
      items: LeadAgency[];
    };
  };
  /** Budget proposals: unmet items that need money under a unit */
  "GET /api/roadmaps/budget": {
    params: never;
    query: {
      unitId: number;
    };
    body: never;
    response: {
      items: RoadmapItem[];
      total: number;
      withoutEstimate: number;
    };
  };
  /** Budget proposals as the next year's public investment plan proposal (XLSX, triệu đồng) */
  "GET /api/roadmaps/budget.xlsx": {
    params: never;
    query: {
      unitId: number;
      year?: number;
    };
    body: never;
    response: Blob;
  };
  /** Confirm several suggested items at once, optionally with one lead agency, person and month — all or none (send each version you read) */
  "POST /api/roadmaps/confirm": {
    params: never;
    query: never;
    body: ({
      items: {
        id: number;
        version: number;
      }[];
      leadAgencyId?: number;
      leadUserId?: number | null;
      targetMonth?: string;
    });
    response: {
      confirmed: number;
    };
  };
  /** People who can be in charge of a unit's work: staff of the agencies that can lead it and officials over the unit */
  "GET /api/roadmaps/people": {
    params: never;
    query: {
      unitId: number;
    };
    body: never;
    response: {
      items: ResponsiblePerson[];
    };
  };
  /** Suggest items from a unit's gap list (the office then confirms each) */
  "POST /api/roadmaps/suggest": {
    params: never;
    query: never;
    body: {
      unitId: number;
    };
    response: {
      created: number;
    };
  };
  /** An item with its check-in history */
  "GET /api/roadmaps/{id}": {
    params: {
      id: number;
    };
    query: never;
    body: never;
    response: RoadmapItemDetail;
  };
  /** Assign, edit or confirm an item (send the version you read) */
  "PATCH /api/roadmaps/{id}": {
    params: {
      id: number;
    };
    query: never;
    body: ({
      version: number;
      title?: string;
      task?: string | null;
      leadAgencyId?: number | null;
      leadUserId?: number | null;
      supportingAgencyIds?: number[];
      targetMonth?: string | null;
      costClass?: "none" | "budget" | "investment";
      costEstimate?: number | null;
      status?: "not_started" | "in_progress" | "at_risk" | "done";
      priority?: number;
      note?: string | null;
      confirm?: boolean;
    });
    response: RoadmapItemDetail;
  };
  /** Monthly check-in: percent, note, optional evidence (JSON, or multipart with "file") */
  "POST /api/roadmaps/{id}/checkins": {
    params: {
      id: number;
    };
    query: never;
    body: {
      version: number;
      month: string;
      percent: number;
      note: string;
    };
    response: {
      id: number;
    };
  };
  /** Monthly check-in with an evidence file (multipart) */
  "POST /api/roadmaps/{id}/checkins/upload": {
    params: {
      id: number;
    };
    query: never;
    body: FormData;
    response: {
      id: number;
    };
  };
  /** JSON Schema of a criteria-set document (import/export format) */
  "GET /api/schemas/criteria-set.json": {
    params: never;
    query: never;
    body: never;
    response: {
      [key: string]: unknown;
    };
  };
  /** JSON Schema of an OCOP scoring-sheet document (import/export format) */
  "GET /api/schemas/ocop-sheet.json": {
    params: never;
    query: never;
    body: never;
    response: {
      [key: string]: unknown;
    };
  };
  /** Units in my scope (optionally active on a date, searched without accents) */
  "GET /api/units": {
    params: never;
    query: {
      asOf?: string;
      q?: string;
      type?: "country" | "province" | "city" | "district" | "town" | "commune" | "ward" | "township" | "special_zone" | "village";
      parentId?: number;
    };
    body: never;
    response: {
      items: Unit[];
    };
  };
  /** Create a unit under a parent */
  "POST /api/units": {
    params: never;
    query: never;
    body: CreateUnit;
    response: Unit;
  };
  /** Import units from CSV (all or nothing, errors per row) */
  "POST /api/units/import": {
    params: never;
    query: never;
    body: Blob | string;
    response: UnitImportResult;
  };
  /** Record a merge, split, rename, reclassification, new parent or dissolution */
  "POST /api/units/successions": {
    params: never;
    query: never;
    body: RecordSuccession;
    response: {
      eventId: number;
      newUnitIds: number[];
    };
  };
  /** A unit with its parents over time, children, succession events, predecessors and successors */
  "GET /api/units/{id}": {
    params: {
      id: number;
    };
    query: {
      asOf?: string;
    };
    body: never;
    response: UnitDetail;
  };
  /** Correct a unit record (optimistic concurrency: send the version you read) */
  "PATCH /api/units/{id}": {
    params: {
      id: number;
    };
    query: never;
    body: UpdateUnit;
    response: Unit;
  };
  /** Every unit this one was formed from, transitively */
  "GET /api/units/{id}/predecessors": {
    params: {
      id: number;
    };
    query: never;
    body: never;
    response: {
      ids: number[];
    };
  };
  /** The unit(s) that carry this one on, as of a date */
  "GET /api/units/{id}/successors": {
    params: {
      id: number;
    };
    query: {
      asOf?: string;
    };
    body: never;
    response: {
      ids: number[];
    };
  };
  /** People whose unit is in my scope */
  "GET /api/users": {
    params: never;
    query: {
      q?: string;
      unitId?: number;
    };
    body: never;
    response: {
      items: User[];
    };
  };
  /** Create a person, optionally with roles */
  "POST /api/users": {
    params: never;
    query: never;
    body: CreateUser;
    response: User;
  };
  /** One person with their roles */
  "GET /api/users/{id}": {
    params: {
      id: number;
    };
    query: never;
    body: never;
    response: User;
  };
  /** Edit a person (send the version you read) */
  "PATCH /api/users/{id}": {
    params: {
      id: number;
    };
    query: never;
    body: UpdateUser;
    response: User;
  };
  /** Grant a role on a unit (and its descendants) */
  "POST /api/users/{id}/grants": {
    params: {
      id: number;
    };
    query: never;
    body: GrantRole;
    response: Grant;
  };
  /** Revoke a role */
  "DELETE /api/users/{id}/grants/{grantId}": {
    params: {
      id: number;
      grantId: number;
    };
    query: never;
    body: never;
    response: {
      ok: true;
    };
  };
  /** Set a new password for someone (signs them out everywhere) */
  "POST /api/users/{id}/password": {
    params: {
      id: number;
    };
    query: never;
    body: ResetPassword;
    response: {
      ok: true;
    };
  };
  /** Lift a sign-in lockout */
  "POST /api/users/{id}/unlock": {
    params: {
      id: number;
    };
    query: never;
    body: never;
    response: {
      ok: true;
    };
  };
}
