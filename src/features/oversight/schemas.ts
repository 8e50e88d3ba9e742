import { z } from '@hono/zod-openapi';
import {
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  COUNCIL_BODY_KINDS,
  DOCUMENT_KINDS,
  PETITION_CATEGORIES,
  PETITION_SOURCES,
  PETITION_STATUSES,
  RECOMMENDATION_STATUSES,
} from '../../db/schema';
import { ACTIVITY_STEPS } from '../../domain/lifecycles/activity';
import { PETITION_STEPS } from '../../domain/lifecycles/petition';
import { RECOMMENDATION_STEPS } from '../../domain/lifecycles/recommendation';
import { LINK_TYPES } from '../../domain/oversight/types';

/**
 * What the oversight API answers. Rows are mapped to these views (views.ts): who typed a record in
 * or decided it (user ids) stays inside.
 */
const Int = z.number().int();
/** A timestamp as JSON carries it (ISO 8601). */
const Instant = z.string();
const RecStatus = z.enum(RECOMMENDATION_STATUSES);
const Link = z.object({ type: z.enum(LINK_TYPES), ref: z.string(), label: z.string() });
const Ref = z.object({ id: Int, name: z.string() });
/** The steps of a record's lifecycle the caller may take now (allowed from its state, and authorised on its unit). */
const Actions = <T extends readonly [string, ...string[]]>(steps: T) =>
  z.array(z.enum(steps)).openapi({
    description: 'Steps the caller may take now: open from the current state and authorised on the record’s unit',
  });

export const Council = z
  .object({ id: Int, unitId: Int, name: z.string(), term: z.string(), createdAt: Instant })
  .openapi('OversightCouncil');
export const CouncilListItem = Council.extend({ unitName: z.string(), historic: z.boolean() });

export const Body = z.object({ id: Int, councilId: Int, kind: z.enum(COUNCIL_BODY_KINDS), name: z.string() });
export const Delegate = z.object({
  id: Int,
  councilId: Int,
  fullName: z.string(),
  position: z.string().nullable(),
  bodyIds: z.array(Int),
});

export const CouncilDetail = Council.extend({
  unitName: z.string(),
  historic: z.boolean(),
  endedOn: z.string().nullable(),
  handover: z
    .object({
      id: Int,
      handedOverOn: z.string(),
      legalBasis: z.string(),
      note: z.string().nullable(),
      toCouncil: Ref.nullable(),
      handedOver: Int,
      closed: Int,
    })
    .nullable(),
  bodies: z.array(Body),
  delegates: z.array(Delegate.omit({ councilId: true })),
  activities: z.array(
    z.object({
      id: Int,
      kind: z.enum(ACTIVITY_KINDS),
      title: z.string(),
      status: z.enum(ACTIVITY_STATUSES),
      scheduledOn: z.string(),
      heldOn: z.string().nullable(),
      legalBasis: z.string(),
    }),
  ),
}).openapi('OversightCouncilDetail');

export const Activity = z
  .object({
    id: Int,
    councilId: Int,
    kind: z.enum(ACTIVITY_KINDS),
    title: z.string(),
    topic: z.string(),
    legalBasis: z.string(),
    leadBodyId: Int.nullable(),
    scheduledOn: z.string(),
    heldOn: z.string().nullable(),
    chair: z.string().nullable(),
    plan: z.string().nullable(),
    explainingBodies: z.array(z.string()),
    invitees: z.array(z.string()),
    status: z.enum(ACTIVITY_STATUSES),
    followsId: Int.nullable(),
    conclusionNo: z.string().nullable(),
    conclusionDate: z.string().nullable(),
    conclusionText: z.string().nullable(),
    isDemo: z.boolean(),
    version: Int,
    createdAt: Instant,
    updatedAt: Instant,
    actions: Actions(ACTIVITY_STEPS),
  })
  .openapi('OversightActivity');

export const Recommendation = z
  .object({
    id: Int,
    activityId: Int,
    seq: Int,
    text: z.string(),
    addresseeUnitId: Int,
    addresseeLabel: z.string(),
    deadline: z.string(),
    links: z.array(Link),
    status: RecStatus,
    decidedOn: z.string().nullable(),
    decisionNote: z.string().nullable(),
    followUpCouncilId: Int.nullable(),
    handoverId: Int.nullable(),
    isDemo: z.boolean(),
    version: Int,
    createdAt: Instant,
    actions: Actions(RECOMMENDATION_STEPS),
  })
  .openapi('OversightRecommendation');

export const OversightDocument = z.object({
  id: Int,
  activityId: Int,
  kind: z.enum(DOCUMENT_KINDS),
  title: z.string(),
  number: z.string().nullable(),
  version: Int,
  fileId: Int,
  fileName: z.string(),
  createdAt: Instant,
});

export const ActivityDetail = Activity.extend({
  council: z.object({ id: Int, name: z.string(), term: z.string(), unitId: Int, unitName: z.string() }),
  leadBody: Body.nullable(),
  bodies: z.array(Body),
  documents: z.array(OversightDocument),
  snapshots: z.array(z.object({ id: Int, asOf: z.string(), sha256: z.string(), frozenAt: Instant })),
  recommendations: z.array(Recommendation.extend({ addresseeUnitName: z.string() })),
  siblings: z.array(z.object({ id: Int, title: z.string(), scheduledOn: z.string() })),
}).openapi('OversightActivityDetail');

const Handover = z.object({
  handedOverOn: z.string(),
  legalBasis: z.string(),
  fromCouncilName: z.string(),
  toCouncil: Ref.nullable(),
  outcome: z.enum(['closed', 'handed_over']).nullable(),
  closedReason: z.string().nullable(),
});

export const Report = z.object({
  id: Int,
  recommendationId: Int,
  reportedOn: z.string(),
  text: z.string(),
  done: z.boolean(),
  fileId: Int.nullable(),
  fileName: z.string().nullable(),
  createdAt: Instant,
});

export const RecommendationDetail = Recommendation.extend({
  addresseeUnitName: z.string(),
  overdue: z.boolean(),
  handover: Handover.nullable(),
  activity: z.object({ id: Int, title: z.string(), kind: z.enum(ACTIVITY_KINDS) }),
  council: z.object({ id: Int, name: z.string(), unitId: Int }),
  reports: z.array(Report),
}).openapi('OversightRecommendationDetail');

export const RecommendationListItem = Recommendation.extend({
  activityTitle: z.string(),
  councilName: z.string(),
  councilId: Int,
  followUpCouncilName: z.string().nullable(),
  overdue: z.boolean(),
  daysOverdue: Int,
});

export const Petition = z
  .object({
    id: Int,
    councilId: Int,
    unitId: Int,
    source: z.enum(PETITION_SOURCES),
    sourceNote: z.string().nullable(),
    receivedOn: z.string(),
    text: z.string(),
    category: z.enum(PETITION_CATEGORIES).nullable(),
    assigneeUnitId: Int.nullable(),
    assigneeLabel: z.string().nullable(),
    deadline: z.string().nullable(),
    status: z.enum(PETITION_STATUSES),
    answer: z.string().nullable(),
    answeredOn: z.string().nullable(),
    followUpCouncilId: Int.nullable(),
    handoverId: Int.nullable(),
    isDemo: z.boolean(),
    version: Int,
    createdAt: Instant,
    actions: Actions(PETITION_STEPS),
  })
  .openapi('OversightPetition');

export const PetitionList = z.object({
  items: z.array(Petition.extend({ councilName: z.string(), unitName: z.string() })),
  stats: z.object({ total: Int, resolved: Int, answered: Int, rateBp: Int.nullable() }),
});

const Ocop3 = z.object({ newProducts: Int, newRated34: Int, newOrganisations: Int });

export const SnapshotData = z.object({
  schema: z.literal(1),
  asOf: z.string(),
  month: z.string(),
  unit: Ref,
  council: z.object({ id: Int, name: z.string(), term: z.string() }),
  activity: z.object({ id: Int, kind: z.string(), title: z.string(), date: z.string(), legalBasis: z.string() }),
  criteria: z.object({
    setName: z.string().nullable(),
    criteriaNames: z.array(z.object({ number: z.string(), name: z.string() })),
    unitCount: Int,
    assessedCount: Int,
    criteriaTotal: Int.nullable(),
    indicatorsTotal: Int.nullable(),
    criteriaMetSum: Int,
    indicatorsMetSum: Int,
    averageCriteria: z.number().nullable(),
    averageIndicators: z.number().nullable(),
    standardCount: Int,
    advancedCount: Int,
    modelCount: Int,
    communes: z.array(
      z.object({
        unitId: Int,
        name: z.string(),
        month: z.string().nullable(),
        criteriaMet: Int.nullable(),
        criteriaTotal: Int.nullable(),
        indicatorsMet: Int.nullable(),
        indicatorsTotal: Int.nullable(),
        standardMet: z.boolean().nullable(),
        advancedMet: z.boolean().nullable(),
        modelMet: z.boolean().nullable(),
        unmet: z.array(z.string()),
      }),
    ),
  }),
  ocop: z.object({
    year: Int,
    targets: Ocop3.nullable(),
    actual: Ocop3,
    products: Int,
    starred: Int,
    byStar: z.array(z.object({ star: Int, n: Int })),
    expiringSoon: Int,
    expired: Int,
  }),
  capital: z.object({
    year: Int,
    plan: z.number(),
    allocated: z.number(),
    disbursed: z.number(),
    rateBp: Int.nullable(),
    projects: z.array(
      z.object({ code: z.string(), name: z.string(), unitName: z.string(), allocated: z.number(), disbursed: z.number() }),
    ),
  }),
  recommendations: z.array(
    z.object({
      id: Int,
      activityTitle: z.string(),
      seq: Int,
      text: z.string(),
      addresseeLabel: z.string(),
      deadline: z.string(),
      status: RecStatus,
      overdue: z.boolean(),
    }),
  ),
  petitions: z.object({ total: Int, resolved: Int, answered: Int, rateBp: Int.nullable() }),
});

export const SnapshotView = z
  .object({ id: Int, activityId: Int, asOf: z.string(), data: SnapshotData, sha256: z.string(), frozenAt: Instant })
  .openapi('OversightSnapshot');

const BeforeAfter = <T extends z.ZodType>(t: T) => z.object({ before: t, after: t });

export const Comparison = z
  .object({
    recommendations: z.array(
      z.object({
        id: Int,
        activityTitle: z.string(),
        seq: Int,
        text: z.string(),
        addresseeLabel: z.string(),
        deadline: z.string(),
        overdue: z.boolean(),
        handover: Handover.nullable(),
        status: RecStatus.nullable(),
        statusAfter: RecStatus,
        met: z.boolean(),
        overdueAfter: z.boolean(),
      }),
    ),
    before: z.object({ asOf: z.string(), title: z.string() }),
    after: z.object({ asOf: z.string(), title: z.string() }),
    summary: z.object({
      averageCriteria: BeforeAfter(z.number().nullable()),
      averageIndicators: BeforeAfter(z.number().nullable()),
      standardCount: BeforeAfter(Int),
      ocopActual: z.object({ before: Ocop3, after: Ocop3, targets: Ocop3.nullable() }),
      disbursed: BeforeAfter(z.number()),
      disbursedRateBp: BeforeAfter(Int.nullable()),
    }),
    communes: z.array(
      z.object({
        unitId: Int,
        name: z.string(),
        before: z.object({ criteriaMet: Int.nullable(), indicatorsMet: Int.nullable() }).nullable(),
        after: z.object({ criteriaMet: Int.nullable(), indicatorsMet: Int.nullable() }).nullable(),
        criteriaDelta: Int.nullable(),
        indicatorsDelta: Int.nullable(),
        newlyMet: z.array(z.string()),
        newlyUnmet: z.array(z.string()),
        standardReached: z.boolean(),
      }),
    ),
    met: Int,
    notMet: Int,
    council: z.object({ id: Int, name: z.string(), unitName: z.string() }),
    beforeSnapshot: z.object({ id: Int, activityId: Int, sha256: z.string() }),
    afterSnapshot: z.object({ id: Int, activityId: Int, sha256: z.string() }),
  })
  .openapi('OversightComparison');
