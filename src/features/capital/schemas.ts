import { z } from '@hono/zod-openapi';
import { MAX_AMOUNT } from '../../domain/capital/money';
import { IsoDate } from '../units/schemas';

/** Whole đồng, 0 … 10^14 (the limits keep every total exact). */
export const Dong = z.number().int().min(0).max(MAX_AMOUNT).openapi({ description: 'đồng (integer, at most 10^14)' });
/** A payment or reversal: whole đồng, 1 … 10^14. */
export const PositiveDong = z.number().int().min(1).max(MAX_AMOUNT).openapi({ description: 'đồng (integer, 1 … 10^14)' });
export const Year = z.coerce.number().int().min(2000).max(2100);
export const SourceCode = z.string().trim().min(1).max(30);
export const VoucherRef = z.string().trim().min(1).max(60);
export const Note = z.string().max(1000).nullable().optional();

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
    status: z.enum(['draft', 'approved', 'superseded']),
    resolutionNo: z.string().nullable(),
    resolutionDate: z.string().nullable(),
    body: z.string().nullable(),
    previousId: z.number().int().nullable(),
    rowVersion: z.number().int(),
    nextVersions: z.array(
      z.object({ id: z.number().int(), version: z.number().int(), status: z.enum(['draft', 'approved', 'superseded']) }),
    ),
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
