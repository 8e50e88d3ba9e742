import type { IndicatorStatus } from '../../../../src/domain/criteria/engine';
import type { CriteriaSetDoc, IndicatorValue, NotApplicableRule, ThresholdRule } from '../../../../src/domain/criteria/schema';

export type GridIndicator = {
  code: string;
  text: string;
  unit: string | null;
  type: 'boolean' | 'number' | 'ratio' | 'level' | 'k_of_n';
  levels: string[] | null;
  items: { code: string; text_vi: string }[] | null;
  level: 'ntm' | 'advanced' | 'model';
  threshold: ThresholdRule | null;
  verified: boolean;
  source: string | null;
  /** Whether the set allows "not applicable" here and how it counts; null = not allowed. */
  notApplicable: NotApplicableRule | null;
  value: IndicatorValue | null;
  note: string | null;
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
  review: 'pending' | 'accepted' | 'returned';
  reviewComment: string | null;
  status: IndicatorStatus;
  evidence: {
    id: number;
    name: string;
    mime: string;
    size: number;
    hasThumbnail: boolean;
    addedAt: string;
    addedBy: string | null;
  }[];
};

export type AssessmentReturn = {
  at: string;
  by: string;
  kind: 'returned' | 'reopened';
  comment: string | null;
  indicators: { code: string; comment: string | null }[];
};
export type AssessmentView = {
  returns: AssessmentReturn[];
  assessment: {
    id: number;
    unitId: number;
    unitName: string;
    month: string;
    status: 'draft' | 'submitted' | 'returned' | 'verified';
    version: number;
    classCode: string;
    className: string;
    targetLevel: 'ntm' | 'advanced' | 'model';
    returnComment: string | null;
    submittedAt: string | null;
    verifiedAt: string | null;
    verifiedBy: string | null;
    updatedAt: string;
  };
  set: { id: number; code: string; version: number; name: string; legalBasis: string; verified: boolean };
  levels: { advanced: boolean; model: boolean };
  document: CriteriaSetDoc;
  criteria: { number: string; name: string; group: string; verified: boolean; indicators: GridIndicator[] }[];
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
  permissions: { canEdit: boolean; canVerify: boolean };
};
