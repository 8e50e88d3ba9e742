import { z } from '@hono/zod-openapi';
import { ROUND_PRODUCT_STEPS, ROUND_STATES, ROUND_STEPS } from '../../domain/lifecycles/ocop-round';
import { OCOP_ACTIONS } from '../../domain/ocop/cycle';
import { ScoringSheetDoc } from '../../domain/ocop/schema';
import { ROLES } from '../../shared/roles';

/**
 * What the OCOP API answers. Rows are mapped to these views (views.ts): search keys, the account a
 * subject is linked to and who typed a record in stay inside.
 */
export const STAGES = [
  'awareness',
  'idea_registered',
  'idea_returned',
  'plan_submitted',
  'plan_returned',
  'implementing',
  'evaluation',
  'promotion',
] as const;
export const StageSchema = z.enum(STAGES);
const Int = z.number().int();
/** A timestamp as JSON carries it (ISO 8601). */
const Instant = z.string();
const Level = z.enum(['district', 'province', 'central']);
const ProducerKind = z.enum(['enterprise', 'cooperative', 'coop_group', 'household']);
const Bilingual = z.object({ vi: z.string(), en: z.string() });

export const Producer = z
  .object({
    id: Int,
    unitId: Int,
    name: z.string(),
    kind: ProducerKind,
    registrationNo: z.string().nullable(),
    taxCode: z.string().nullable(),
    address: z.string().nullable(),
    contactName: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    womenLed: z.boolean(),
    ethnicMinorityLed: z.boolean(),
    registeredOn: z.string().nullable(),
    isDemo: z.boolean(),
    version: Int,
    createdAt: Instant,
  })
  .openapi('OcopProducer');

export const ProducerListItem = Producer.extend({ unitName: z.string(), products: Int }).openapi('OcopProducerListItem');

const Standard = z.object({
  kind: z.string(),
  number: z.string().nullable(),
  issuedBy: z.string().nullable(),
  expiresOn: z.string().nullable(),
});

export const Product = z
  .object({
    id: Int,
    code: z.string(),
    producerId: Int,
    unitId: Int,
    name: z.string(),
    groupName: z.string(),
    setNo: Int,
    description: z.string().nullable(),
    brandTags: z.array(z.string()),
    standards: z.array(Standard),
    stage: StageSchema,
    cycleYear: Int,
    published: z.boolean(),
    isDemo: z.boolean(),
    version: Int,
    createdAt: Instant,
    updatedAt: Instant,
  })
  .openapi('OcopProduct');

export const SheetWarning = z.object({
  rule: z.literal('ocop_sheet_not_published'),
  setNo: Int,
  setName: z.string(),
  publishers: z.array(z.object({ role: z.enum(ROLES), label: z.string() })),
  message: z.string(),
});

export const ProductWithWarnings = Product.extend({ warnings: z.array(SheetWarning) });

const CertificateRef = z.object({ id: Int, number: z.string(), star: Int, validFrom: z.string(), validTo: z.string() });

/** The star shown anywhere: from a certificate valid today, never a stored field. */
const StarState = {
  star: Int.nullable(),
  certificateStatus: z.enum(['none', 'valid', 'expired']),
  daysLeft: Int.nullable(),
  certificate: CertificateRef.nullable(),
};

export const ProductListItem = Product.extend({
  producerName: z.string(),
  unitName: z.string(),
  step: Int,
  ...StarState,
}).openapi('OcopProductListItem');

export const Certificate = z
  .object({
    id: Int,
    productId: Int,
    number: z.string(),
    decisionNo: z.string(),
    decisionDate: z.string(),
    issuedBy: z.string(),
    star: Int,
    validFrom: z.string(),
    validTo: z.string(),
    previousId: Int.nullable(),
    roundId: Int.nullable(),
    revokedAt: Instant.nullable(),
    isDemo: z.boolean(),
    createdAt: Instant,
  })
  .openapi('OcopCertificate');

const Capacity = z.enum(['office', 'commune', 'reader', 'producer']);
const RoundProductStatus = z.enum(['scoring', 'rescore', 'decided']);

/** A product's place in a round: status, score and outcome. */
export const RoundProductState = z.object({
  roundId: Int,
  productId: Int,
  sheetId: Int,
  status: RoundProductStatus,
  rescoreCount: Int,
  rescoreAskedAt: Instant.nullable(),
  scoreX100: Int.nullable(),
  star: Int.nullable(),
  forwarded: z.boolean(),
  recognised: z.boolean(),
  decidedAt: Instant.nullable(),
});

export const ProductDetail = z
  .object({
    product: Product,
    producer: Producer,
    unit: z.object({ id: Int, name: z.string(), code: z.string() }),
    capacity: Capacity,
    step: Int,
    ...StarState,
    certificates: z.array(Certificate),
    results: z.array(RoundProductState.extend({ roundName: z.string(), level: Level, year: Int })),
    transitions: z.array(
      z.object({
        id: Int,
        productId: Int,
        action: z.string(),
        fromStage: StageSchema,
        toStage: StageSchema,
        documents: z.array(z.string()),
        note: z.string().nullable(),
        at: Instant,
        by: Int.nullable(),
        byName: z.string().nullable(),
      }),
    ),
    photos: z.array(z.object({ id: Int, productId: Int, fileId: Int, caption: z.string().nullable(), addedAt: Instant })),
    /** The cycle steps the caller may take now; what each needs (documents, a note) is in the cycle's table. */
    actions: z.array(z.enum(OCOP_ACTIONS)),
    warnings: z.array(SheetWarning),
  })
  .openapi('OcopProductDetail');

export const ProducerDetail = z
  .object({ producer: Producer, capacity: Capacity, products: z.array(ProductListItem) })
  .openapi('OcopProducerDetail');

export const Catalogue = z
  .object({
    groups: z.array(z.string()),
    sets: z.array(z.object({ no: Int, name: z.string(), group: z.string(), verified: z.boolean() })),
    stages: z.array(z.object({ stage: StageSchema, step: Int })),
    transitions: z.array(
      z.object({
        action: z.string(),
        from: z.array(StageSchema),
        to: StageSchema,
        by: z.array(z.enum(['producer', 'commune', 'office'])),
        documents: z.array(z.string()),
        noteRequired: z.boolean().optional(),
      }),
    ),
    documents: z.record(z.string(), Bilingual),
    sheets: z.array(
      z.object({
        id: Int,
        code: z.string(),
        version: Int,
        setNo: Int,
        regime: z.string(),
        verified: z.boolean(),
        status: z.enum(['draft', 'published']),
      }),
    ),
    setsWithSheet: z.array(Int),
    sheetPublishers: z.array(z.enum(ROLES)),
  })
  .openapi('OcopCatalogue');

export const SheetRef = z.object({ id: Int, code: z.string(), version: Int });

export const Sheet = z
  .object({
    id: Int,
    code: z.string(),
    version: Int,
    setNo: Int,
    regime: z.string(),
    document: ScoringSheetDoc,
    verified: z.boolean(),
    status: z.enum(['draft', 'published']),
    rowVersion: Int,
    createdAt: Instant,
    publishedAt: Instant.nullable(),
  })
  .openapi('OcopSheet');

export const Pipeline = z
  .object({
    unitId: Int,
    year: Int,
    columns: z.array(z.object({ stage: StageSchema, step: Int, items: z.array(ProductListItem) })),
  })
  .openapi('OcopPipeline');

const Tally = <T extends z.ZodType>(key: T) => z.array(z.object({ key, n: Int }));

export const Target = z.object({
  unitId: Int,
  year: Int,
  newProducts: Int,
  newRated34: Int,
  newOrganisations: Int,
  legalBasis: z.string().nullable(),
});

export const Dashboard = z
  .object({
    unitId: Int,
    year: Int,
    asOf: z.string(),
    targets: Target.nullable(),
    actual: z.object({ newProducts: Int, newRated34: Int, newOrganisations: Int }),
    totals: z.object({ products: Int, starred: Int }),
    byStar: Tally(Int),
    byGroup: Tally(z.string()),
    byUnit: Tally(z.string()),
    byStage: Tally(StageSchema),
    byYear: z.array(z.object({ year: Int, stars: z.record(z.string(), Int) })),
    expiringSoon: z.array(
      z.object({
        id: Int,
        name: z.string(),
        producerName: z.string(),
        unitName: z.string(),
        star: Int.nullable(),
        validTo: z.string(),
        daysLeft: Int.nullable(),
      }),
    ),
    expired: z.array(
      z.object({
        id: Int,
        name: z.string(),
        producerName: z.string(),
        unitName: z.string(),
        formerStar: Int,
        validTo: z.string(),
      }),
    ),
  })
  .openapi('OcopDashboard');

export const Round = z
  .object({
    id: Int,
    unitId: Int,
    level: Level,
    regime: z.string(),
    name: z.string(),
    year: Int,
    quorum: Int,
    spreadLimit: z.number(),
    status: z.enum(ROUND_STATES),
    isDemo: z.boolean(),
    createdAt: Instant,
  })
  .openapi('OcopRound');

export const RoundListItem = Round.extend({ member: z.boolean() });

const Member = z.object({ userId: Int, role: z.enum(['chair', 'member']), fullName: z.string() });

export const RoundDetail = z
  .object({
    round: Round,
    members: z.array(Member),
    me: Member.nullable(),
    actions: z
      .array(z.enum(ROUND_STEPS))
      .openapi({ description: 'The steps the caller may take on the round now (its lifecycle and their rights)' }),
    products: z.array(
      RoundProductState.extend({
        product: z.object({
          id: Int,
          name: z.string(),
          code: z.string(),
          stage: StageSchema,
          setNo: Int,
          groupName: z.string(),
          unitName: z.string(),
          producerName: z.string(),
        }),
        sheet: z.object({ id: Int, code: z.string(), version: Int, verified: z.boolean(), document: ScoringSheetDoc }),
        submitted: Int,
        myAnswers: z.record(z.string(), Int).nullable(),
        myTotal: z.number().nullable(),
        totals: z.array(z.object({ userId: Int, fullName: z.string(), total: z.number(), submittedAt: Instant })).nullable(),
        preview: z
          .object({
            sumX100: Int,
            n: Int,
            meanX100: Int,
            spreadX100: Int,
            spread: z.number(),
            needsRescore: z.boolean(),
          })
          .nullable(),
        certificate: Certificate.nullable(),
        actions: z
          .array(z.enum(ROUND_PRODUCT_STEPS))
          .openapi({ description: 'The steps the caller may take on this product before the council now' }),
      }),
    ),
  })
  .openapi('OcopRoundDetail');

export const ScoreResult = z.object({
  total: z.number(),
  byPart: z.object({ A: z.number(), B: z.number(), C: z.number() }),
  zeroMandatory: z.array(z.object({ code: z.string(), fromStar: Int })),
});

export const Decision = z.union([
  z.object({ status: z.literal('rescore'), spread: z.number(), meanX100: Int }),
  z.object({
    status: z.literal('decided'),
    meanX100: Int,
    spread: z.number(),
    cap: Int.nullable(),
    star: Int,
    recognisedHere: z.boolean(),
    forward: z.boolean(),
  }),
]);
