import { z } from '@hono/zod-openapi';
import { REASONS, STATUS_CODES } from '../../domain/criteria/engine';
import { INDICATOR_TYPES, IndicatorValue, NotApplicableRule, ThresholdRule } from '../../domain/criteria/schema';
import { ASSESSMENT_STEPS } from '../../domain/lifecycles/assessment';
import { Month } from '../units/schemas';
import { cleanString } from '../../lib/text';

export const OpenAssessmentBody = z
  .object({ unitId: z.number().int().positive(), month: Month, targetLevel: z.enum(['ntm', 'advanced', 'model']).optional() })
  .openapi('OpenAssessment');

export const SaveValuesBody = z
  .object({
    changes: z
      .array(
        z.object({
          code: z.string().min(1).max(20),
          value: IndicatorValue.nullable().optional(),
          note: cleanString().max(2000).nullable().optional(),
          version: z.number().int().min(0),
        }),
      )
      .min(1)
      .max(500)
      // Two changes to one cell in a batch would each claim the same version: the second would overwrite
      // the first unseen. Each indicator once per save.
      .refine((changes) => new Set(changes.map((c) => c.code)).size === changes.length, {
        message: 'Each indicator may appear once in a save',
        params: { vi: 'Mỗi chỉ tiêu chỉ được có một thay đổi trong một lần lưu' },
      }),
  })
  .openapi('SaveValues');

export const VersionBody = z.object({ version: z.number().int().positive() });

export const ReviewBody = z
  .object({
    version: z.number().int().positive(),
    outcome: z.enum(['verify', 'return']),
    comment: cleanString().max(4000).nullable().optional(),
    indicators: z
      .array(
        z.object({
          code: z.string().min(1).max(20),
          decision: z.enum(['accept', 'return']),
          comment: cleanString().max(2000).nullable().optional(),
        }),
      )
      .max(500)
      .optional(),
  })
  .openapi('ReviewAssessment');

export const ReopenBody = z
  .object({ version: z.number().int().positive(), reason: cleanString().min(5).max(2000) })
  .openapi('ReopenAssessment');

export const AssessmentSummary = z
  .object({
    id: z.number().int(),
    month: z.string(),
    status: z.enum(['draft', 'submitted', 'returned', 'verified']),
    setCode: z.string(),
    criteriaMet: z.number().int().nullable(),
    criteriaTotal: z.number().int().nullable(),
    indicatorsMet: z.number().int().nullable(),
    indicatorsTotal: z.number().int().nullable(),
  })
  .openapi('AssessmentSummary');

/** One cell of the grid: the indicator as the set says it, its value, review and result, its evidence. */
const GridIndicator = z
  .object({
    code: z.string(),
    text: z.string(),
    unit: z.string().nullable(),
    type: z.enum(INDICATOR_TYPES),
    levels: z.array(z.string()).nullable(),
    items: z.array(z.object({ code: z.string(), text_vi: z.string() })).nullable(),
    level: z.enum(['ntm', 'advanced', 'model']),
    threshold: ThresholdRule.nullable(),
    verified: z.boolean(),
    source: z.string().nullable(),
    /** Whether the set allows "not applicable" here, how it counts and when it applies; null = not allowed. */
    notApplicable: NotApplicableRule.nullable(),
    value: IndicatorValue.nullable(),
    note: z.string().nullable(),
    version: z.number().int(),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
    review: z.enum(['pending', 'accepted', 'returned']),
    reviewComment: z.string().nullable(),
    status: z.enum(STATUS_CODES),
    reason: z.enum(REASONS),
    shortfall: z.number().nullable(),
    evidence: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        mime: z.string(),
        size: z.number().int(),
        hasThumbnail: z.boolean(),
        addedAt: z.string(),
        addedBy: z.string().nullable(),
      }),
    ),
  })
  .openapi('AssessmentGridIndicator');

const GridCriterion = z.object({
  number: z.string(),
  name: z.string(),
  group: z.string(),
  verified: z.boolean(),
  indicators: z.array(GridIndicator),
});

export const AssessmentView = z
  .object({
    assessment: z.object({
      id: z.number().int(),
      unitId: z.number().int(),
      unitName: z.string(),
      month: z.string(),
      status: z.enum(['draft', 'submitted', 'returned', 'verified']),
      version: z.number().int(),
      classCode: z.string(),
      className: z.string(),
      targetLevel: z.enum(['ntm', 'advanced', 'model']),
      returnComment: z.string().nullable(),
      submittedAt: z.string().nullable(),
      verifiedAt: z.string().nullable(),
      verifiedBy: z.string().nullable(),
      updatedAt: z.string(),
    }),
    set: z.object({
      id: z.number().int(),
      code: z.string(),
      version: z.number().int(),
      name: z.string(),
      legalBasis: z.string(),
      verified: z.boolean(),
    }),
    levels: z.object({ advanced: z.boolean(), model: z.boolean() }),
    /** The set's document; it follows its own published schema (/api/schemas/criteria-set.json). */
    document: z.unknown(),
    criteria: z.array(GridCriterion),
    results: z.object({
      criteriaMet: z.number().int(),
      criteriaTotal: z.number().int(),
      indicatorsMet: z.number().int(),
      indicatorsTotal: z.number().int(),
      indicatorsMissing: z.number().int(),
      indicatorsNotApplicable: z.number().int(),
      standardMet: z.boolean(),
      advancedMet: z.boolean().nullable(),
      modelMet: z.boolean().nullable(),
    }),
    permissions: z.object({ canEdit: z.boolean(), canVerify: z.boolean() }),
    /** The steps the caller may take on the month now (its state allows them and the caller holds the permission). */
    actions: z.array(z.enum(ASSESSMENT_STEPS)),
    /** The month's returns and reopenings, oldest first, with the indicators returned and their comments. */
    returns: z.array(
      z.object({
        at: z.string(),
        by: z.string(),
        kind: z.enum(['returned', 'reopened']),
        comment: z.string().nullable(),
        indicators: z.array(z.object({ code: z.string(), comment: z.string().nullable() })),
      }),
    ),
  })
  .openapi('AssessmentView');

const IndicatorStatus = z.enum(['met', 'unmet', 'missing', 'not_applicable']).nullable();
const MetCounts = z.object({ criteriaMet: z.number().int(), indicatorsMet: z.number().int() }).nullable();

/** What changed since the previous month, who changed it, and the evidence added. */
export const AssessmentDiff = z
  .object({
    month: z.string(),
    previousMonth: z.string().nullable(),
    previousId: z.number().int().nullable(),
    counts: z.object({ before: MetCounts, after: MetCounts }),
    changes: z.array(
      z.object({
        code: z.string(),
        before: IndicatorValue.nullable(),
        after: IndicatorValue.nullable(),
        statusBefore: IndicatorStatus,
        statusAfter: IndicatorStatus,
        changedBy: z.string().nullable(),
        changedAt: z.string().nullable(),
      }),
    ),
    evidenceAdded: z.array(
      z.object({ at: z.string(), id: z.number().int(), code: z.string(), name: z.string(), by: z.string().nullable() }),
    ),
  })
  .openapi('AssessmentDiff');
