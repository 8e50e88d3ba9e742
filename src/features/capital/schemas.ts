import { z } from '@hono/zod-openapi';
import { MAX_AMOUNT } from '../../domain/capital/money';
import { PROJECT_STATUSES } from '../../db/schema';
import { PLAN_STATES, PLAN_STEPS } from '../../domain/lifecycles/capital-plan';
import { PROJECT_STEPS } from '../../domain/lifecycles/project';
import { IsoDate } from '../units/schemas';
import { cleanString, text } from '../../lib/text';

/** Whole đồng, 0 … 10^14 (the limits keep every total exact). */
export const Dong = z.number().int().min(0).max(MAX_AMOUNT).openapi({ description: 'đồng (integer, at most 10^14)' });
/** A payment or reversal: whole đồng, 1 … 10^14. */
export const PositiveDong = z.number().int().min(1).max(MAX_AMOUNT).openapi({ description: 'đồng (integer, 1 … 10^14)' });
export const Year = z.coerce.number().int().min(2000).max(2100);
export const SourceCode = cleanString().min(1).max(30);
export const VoucherRef = cleanString().min(1).max(60);
export const Note = text({ max: 1000 }).nullable().optional();

/** One Treasury payment, as the API takes it and as every imported line is checked. */
export const DisbursementBody = z
  .object({
    projectId: z.number().int().positive(),
    planYear: Year,
    sourceCode: SourceCode,
    date: IsoDate,
    amount: PositiveDong,
    paymentType: z.enum(['advance', 'acceptance']),
    voucherRef: VoucherRef,
    trancheOn: IsoDate.nullable()
      .optional()
      .openapi({ description: 'the tranche paid from, by the date its capital was added; omitted: first in, first out' }),
    note: Note,
  })
  .openapi('Disbursement');

/** Taking back (part of) a named payment: a negative entry linked to it, never more than is left of it. */
export const ReversalBody = z
  .object({
    amount: PositiveDong.openapi({ description: 'how much of the payment is taken back (đồng, positive)' }),
    date: IsoDate,
    voucherRef: VoucherRef,
    note: Note,
  })
  .openapi('DisbursementReversal');

/** A funding source as the catalogue gives it. */
export const FundingSource = z
  .object({
    code: z.string(),
    nameVi: z.string(),
    nameEn: z.string(),
    kind: z.enum(['central', 'local', 'integrated', 'credit', 'enterprise', 'community']),
    measure: z.enum(['vnd', 'm2', 'workday']),
    publicInvestment: z.boolean(),
    sortOrder: z.number().int(),
    legalBasis: z.string().nullable(),
    verified: z.boolean(),
  })
  .openapi('FundingSource');

/** A capital plan version with its lines by source and its allocations in tranches. */
export const CapitalPlan = z
  .object({
    id: z.number().int(),
    unitId: z.number().int(),
    kind: z.enum(['annual', 'medium_term']),
    year: z.number().int(),
    endYear: z.number().int(),
    name: z.string(),
    version: z.number().int(),
    status: z.enum(PLAN_STATES),
    resolutionNo: z.string().nullable(),
    resolutionDate: z.string().nullable(),
    body: z.string().nullable(),
    previousId: z.number().int().nullable(),
    rowVersion: z.number().int(),
    nextVersions: z.array(z.object({ id: z.number().int(), version: z.number().int(), status: z.enum(PLAN_STATES) })),
    lines: z.array(
      z.object({
        sourceCode: z.string(),
        sourceName: z.string(),
        amount: z.number(),
        allocated: z.number(),
        unallocated: z.number(),
      }),
    ),
    allocations: z.array(
      z.object({
        projectId: z.number().int(),
        projectCode: z.string(),
        projectName: z.string(),
        sourceCode: z.string(),
        sourceName: z.string(),
        amount: z.number(),
        addedOn: z
          .string()
          .nullable()
          .openapi({ description: 'the date this tranche was added; empty in a draft: the approving resolution’s date' }),
      }),
    ),
    actions: z
      .array(z.enum(PLAN_STEPS))
      .openapi({ description: 'The steps the caller may take on the plan now (its lifecycle and their rights)' }),
  })
  .openapi('CapitalPlan');

/** A ledger entry as shown: the Treasury line, never the import fingerprints kept for deduplication. */
export const DisbursementEntry = z
  .object({
    id: z.number().int(),
    projectId: z.number().int(),
    planYear: z.number().int(),
    sourceCode: z.string(),
    date: z.string(),
    amount: z.number().openapi({ description: 'đồng; negative only for a reversal' }),
    paymentType: z.enum(['advance', 'acceptance']),
    voucherRef: z.string(),
    reversesId: z.number().int().nullable(),
    trancheOn: z.string().nullable(),
    note: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('DisbursementEntry');

export const disbursementView = (r: {
  id: number;
  projectId: number;
  planYear: number;
  sourceCode: string;
  date: string;
  amount: number;
  paymentType: 'advance' | 'acceptance';
  voucherRef: string;
  reversesId: number | null;
  trancheOn: string | null;
  note: string | null;
  createdAt: Date;
}): z.infer<typeof DisbursementEntry> => ({
  id: r.id,
  projectId: r.projectId,
  planYear: r.planYear,
  sourceCode: r.sourceCode,
  date: r.date,
  amount: r.amount,
  paymentType: r.paymentType,
  voucherRef: r.voucherRef,
  reversesId: r.reversesId,
  trancheOn: r.trancheOn,
  note: r.note,
  createdAt: r.createdAt.toISOString(),
});

export const DeadlineExtension = z
  .object({
    id: z.number().int(),
    projectId: z.number().int(),
    planYear: z.number().int(),
    newDeadline: z.string(),
    decisionNo: z.string(),
    decisionDate: z.string(),
    createdAt: z.string(),
  })
  .openapi('DeadlineExtension');

export const Contribution = z
  .object({
    id: z.number().int(),
    projectId: z.number().int(),
    sourceCode: z.string(),
    date: z.string(),
    quantity: z.number(),
    valueVnd: z.number(),
    note: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Contribution');

const Int = z.number().int();
/** A timestamp as JSON carries it (ISO 8601). */
const Instant = z.string();
/** A share in basis points (10000 = 100 %); empty when there is nothing to compare with. */
const Bp = z.number().int().nullable();

/** Red-flag thresholds of a unit (the nearest unit's setting wins). */
export const RedFlagSettings = z
  .object({
    behindTimePoints: z.number().int().min(1).max(100),
    idleMonths: z.number().int().min(1).max(24),
    deadlineDays: z.number().int().min(1).max(365),
  })
  .openapi('RedFlagSettings');

/** A project as the API shows it: never its search key or who typed it in. */
export const Project = z
  .object({
    id: Int,
    code: z.string(),
    name: z.string(),
    unitId: Int,
    unitIds: z.array(Int).openapi({ description: 'every unit the project serves' }),
    owner: z.string(),
    type: z.enum(['standard', 'small_community', 'recurrent']),
    status: z.enum(PROJECT_STATUSES),
    totalInvestment: z.number().openapi({ description: 'đồng, all sources' }),
    approvalDecision: z.string().nullable(),
    approvalDate: z.string().nullable(),
    startDate: z.string().nullable(),
    endDate: z.string().nullable(),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
    contractor: z.string().nullable(),
    description: z.string().nullable(),
    indicators: z.array(z.object({ setCode: z.string(), code: z.string() })),
    isDemo: z.boolean(),
    version: Int,
    createdAt: Instant,
    updatedAt: Instant,
  })
  .openapi('CapitalProject');

export const ProjectListItem = Project.extend({
  dossierMissing: z.array(z.string()).openapi({ description: 'the dossier items not yet done' }),
  hasAllocation: z.boolean(),
}).openapi('CapitalProjectListItem');

/** One item of a project's dossier checklist; who ticked it stays inside. */
export const ReadinessItem = z
  .object({
    code: z.string(),
    label: z.string(),
    done: z.boolean(),
    doneAt: Instant.nullable(),
    note: z.string().nullable(),
  })
  .openapi('ProjectReadinessItem');

export const RedFlag = z
  .object({
    rule: z.enum(['behind_time', 'idle', 'deadline_near', 'over_budget', 'allocated_not_ready']),
    projectId: Int,
    severity: z.enum(['high', 'medium']),
    values: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
  })
  .openapi('RedFlag');

/** The project page: its sources, dossier, allocations, tranches, ledger, S-curve and timeline. */
export const ProjectDetail = z
  .object({
    project: Project.extend({ units: z.array(z.object({ id: Int, name: z.string() })) }),
    year: Int,
    sources: z.array(z.object({ sourceCode: z.string(), name: z.string(), amount: z.number() })),
    readiness: z.array(ReadinessItem),
    allocations: z.array(
      z.object({
        planId: Int,
        planName: z.string(),
        planYear: Int,
        planVersion: Int,
        planStatus: z.enum(PLAN_STATES),
        resolutionNo: z.string().nullable(),
        sourceCode: z.string(),
        sourceName: z.string(),
        amount: z.number(),
        addedOn: z.string().nullable(),
      }),
    ),
    ledger: z.array(
      z.object({
        id: Int,
        planYear: Int,
        date: z.string(),
        amount: z.number(),
        sourceCode: z.string(),
        sourceName: z.string(),
        paymentType: z.enum(['advance', 'acceptance']),
        voucherRef: z.string(),
        note: z.string().nullable(),
      }),
    ),
    tranches: z.array(
      z.object({
        planId: Int,
        sourceCode: z.string(),
        sourceName: z.string(),
        addedOn: z.string(),
        amount: z.number(),
        deadline: z.string(),
        paid: z.number(),
        left: z.number(),
      }),
    ),
    extensions: z.array(DeadlineExtension),
    contributions: z.array(Contribution.extend({ sourceName: z.string() })),
    totals: z.object({
      allocated: z.number(),
      disbursed: z.number(),
      rateBp: Bp,
      deadline: z.string().nullable(),
      disbursedAllTime: z.number(),
    }),
    scurve: z.array(z.object({ month: z.string(), cumulative: z.number(), rateBp: Bp })),
    timeline: z.array(z.object({ at: Instant, action: z.string(), by: z.string() })),
    photos: z.array(z.object({ id: Int, caption: z.string().nullable(), takenOn: z.string().nullable(), addedAt: Instant })),
    /** The steps of its status the caller may take now (`advance`: to the next status, see `nextProjectState`). */
    actions: z.array(z.enum(PROJECT_STEPS)),
  })
  .openapi('CapitalProjectDetail');

/** The programme cockpit of a unit and year. */
export const Cockpit = z
  .object({
    year: Int,
    unitId: Int,
    unitName: z.string(),
    asOf: z.string().openapi({ description: 'the day the figures stand on (yyyy-mm-dd)' }),
    totals: z.object({
      plan: z.number(),
      allocated: z.number(),
      unallocated: z.number(),
      disbursed: z.number(),
      rateVsPlanBp: Bp,
      rateVsAllocatedBp: Bp,
      elapsedBp: Int,
      over100: z.boolean(),
    }),
    plans: z.array(
      z.object({
        id: Int,
        name: z.string(),
        version: Int,
        resolutionNo: z.string().nullable(),
        resolutionDate: z.string().nullable(),
        body: z.string().nullable(),
      }),
    ),
    bySource: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        plan: z.number(),
        allocated: z.number(),
        disbursed: z.number(),
        rateBp: Bp,
      }),
    ),
    byUnit: z.array(
      z.object({
        unitId: Int,
        name: z.string(),
        effectiveTo: z.string().nullable().openapi({ description: 'The last day of a former unit; null for a current one' }),
        allocated: z.number(),
        disbursed: z.number(),
        rateBp: Bp,
        community: z.object({
          money: z.number(),
          landM2: z.number(),
          workdays: z.number(),
          inKindValue: z.number(),
        }),
      }),
    ),
    projects: z.array(
      z.object({
        id: Int,
        code: z.string(),
        name: z.string(),
        unitId: Int,
        unitName: z.string(),
        status: z.enum(PROJECT_STATUSES),
        type: z.enum(['standard', 'small_community', 'recurrent']),
        totalInvestment: z.number(),
        allocated: z.number(),
        disbursed: z.number(),
        rateBp: Bp,
        deadline: z.string().nullable(),
        lat: z.number().nullable(),
        lon: z.number().nullable(),
        readiness: z.object({ done: Int, total: Int }),
        flags: z.array(RedFlag),
      }),
    ),
    scurve: z.array(
      z.object({
        month: z.string(),
        disbursed: z.number(),
        cumulative: z.number().nullable().openapi({ description: 'empty for months after the day the figures stand on' }),
        cumulativeRateBp: Bp,
        timeBp: Int,
        future: z.boolean(),
      }),
    ),
    flags: z.array(RedFlag.extend({ projectName: z.string() })),
    byDeadline: z.array(
      z.object({ deadline: z.string(), allocated: z.number(), paid: z.number(), left: z.number(), passed: z.boolean() }),
    ),
    settings: RedFlagSettings,
    basemap: z
      .object({ tileUrl: z.string(), attribution: z.string() })
      .nullable()
      .openapi({ description: 'The configured base-map tiles; null → the map is an outline with the points' }),
  })
  .openapi('CapitalCockpit');
