import { z } from '@hono/zod-openapi';
import { plainPattern } from '../../lib/http';
import { SUCCESSION_KINDS, UNIT_TYPES } from '../../shared/roles';
import { cleanString } from '../../lib/text';

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'yyyy-mm-dd')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    message: 'not a calendar date',
    params: { vi: 'ngày không tồn tại' },
  })
  .openapi({ example: '2025-07-01' });

export const Month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'yyyy-mm')
  .openapi({ example: '2022-05' });

export const IdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const UnitSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    type: z.enum(UNIT_TYPES),
    effectiveFrom: z.string(),
    effectiveTo: z.string().nullable(),
    verified: z.boolean(),
    sourceNote: z.string().nullable(),
    isDemo: z.boolean(),
    version: z.number().int(),
    parentId: z.number().int().nullable(),
  })
  .openapi('Unit');

export const UnitRef = z
  .object({
    id: z.number().int(),
    name: z.string(),
    code: z.string(),
    type: z.enum(UNIT_TYPES),
    effectiveFrom: z.string(),
    effectiveTo: z.string().nullable(),
    inScope: z.boolean(),
  })
  .openapi('UnitRef');

export const UnitDetail = z
  .object({
    unit: UnitSchema,
    ancestors: z.array(UnitRef),
    parentHistory: z.array(
      z.object({ parent: UnitRef.nullable(), effectiveFrom: z.string(), effectiveTo: z.string().nullable() }),
    ),
    children: z.array(UnitSchema.extend({ linkFrom: z.string(), linkTo: z.string().nullable() })),
    events: z.array(
      z.object({
        id: z.number().int(),
        kind: z.enum(SUCCESSION_KINDS),
        effectiveDate: z.string(),
        legalBasis: z.string(),
        legalBasisDate: z.string().nullable(),
        note: z.string().nullable(),
        from: z.array(UnitRef),
        to: z.array(UnitRef),
      }),
    ),
    predecessors: z.array(UnitRef),
    successors: z.array(UnitRef),
  })
  .openapi('UnitDetail');

export const UnitListQuery = z.object({
  asOf: IsoDate.optional(),
  q: z.string().max(100).optional(),
  type: z.enum(UNIT_TYPES).optional(),
  parentId: z.coerce.number().int().positive().optional(),
});

const CODE = /^[\p{L}\p{N}._-]+$/u;
const Code = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .regex(CODE, 'chỉ chữ, số, . _ - / letters, digits, . _ -')
  .openapi({ pattern: plainPattern(CODE) });
const Name = cleanString().min(2).max(200);

export const CreateUnitBody = z
  .object({
    code: Code,
    name: Name,
    type: z.enum(UNIT_TYPES).exclude(['country']),
    parentId: z.number().int().positive(),
    effectiveFrom: IsoDate,
    verified: z.boolean().optional(),
    sourceNote: cleanString().max(1000).nullable().optional(),
  })
  .openapi('CreateUnit');

export const UpdateUnitBody = z
  .object({
    version: z.number().int().positive(),
    code: Code.optional(),
    name: Name.optional(),
    verified: z.boolean().optional(),
    sourceNote: cleanString().max(1000).nullable().optional(),
  })
  .openapi('UpdateUnit');

const NewUnit = z.object({
  key: z.string().min(1).max(40),
  code: Code,
  name: Name,
  type: z.enum(UNIT_TYPES).exclude(['country']),
  parentId: z.number().int().positive(),
});

export const SuccessionCommandSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('merge'),
    date: IsoDate,
    from: z.array(z.number().int().positive()).min(1).max(50),
    newUnit: NewUnit.optional(),
    intoUnitId: z.number().int().positive().optional(),
  }),
  z.object({ kind: z.literal('rename'), date: IsoDate, from: z.tuple([z.number().int().positive()]), newUnit: NewUnit }),
  z.object({ kind: z.literal('reclassify'), date: IsoDate, from: z.tuple([z.number().int().positive()]), newUnit: NewUnit }),
  z.object({
    kind: z.literal('split'),
    date: IsoDate,
    from: z.tuple([z.number().int().positive()]),
    newUnits: z.array(NewUnit).min(2).max(20),
    childAssignments: z.record(z.string(), z.string()).optional(),
  }),
  z.object({
    kind: z.literal('reassign'),
    date: IsoDate,
    unitIds: z.array(z.number().int().positive()).min(1).max(500),
    newParentId: z.number().int().positive(),
  }),
  z.object({
    kind: z.literal('dissolve'),
    date: IsoDate,
    from: z.tuple([z.number().int().positive()]),
    childrenTo: z.number().int().positive(),
  }),
]);

export const RecordSuccessionBody = z
  .object({
    command: SuccessionCommandSchema,
    legalBasis: cleanString().min(3).max(300),
    legalBasisDate: IsoDate.nullable().optional(),
    note: cleanString().max(2000).nullable().optional(),
  })
  .openapi('RecordSuccession');

export const ImportResult = z.object({ created: z.number().int(), ids: z.array(z.number().int()) }).openapi('UnitImportResult');
