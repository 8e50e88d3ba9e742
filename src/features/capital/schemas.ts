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
