import { z } from '@hono/zod-openapi';
import { ROLES } from '../../shared/roles';
import { cleanString } from '../../lib/text';

export const GrantSchema = z
  .object({ id: z.number().int(), role: z.enum(ROLES), unitId: z.number().int(), unitName: z.string(), grantedAt: z.string() })
  .openapi('Grant');

export const UserSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    fullName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    title: z.string().nullable(),
    homeUnitId: z.number().int(),
    homeUnitName: z.string(),
    active: z.boolean(),
    isDemo: z.boolean(),
    lastLoginAt: z.string().nullable(),
    locked: z.boolean(),
    version: z.number().int(),
    grants: z.array(GrantSchema),
  })
  .openapi('User');

const Username = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(50)
  .regex(/^[a-z0-9._-]+$/, 'chữ thường không dấu, số, . _ - / lower-case letters, digits, . _ -');

export const CreateUserBody = z
  .object({
    username: Username,
    fullName: cleanString().min(2).max(120),
    email: z.email().max(200).nullable().optional(),
    phone: z
      .string()
      .trim()
      .max(30)
      .regex(/^[0-9 +().-]*$/)
      .nullable()
      .optional(),
    title: cleanString().max(120).nullable().optional(),
    homeUnitId: z.number().int().positive(),
    password: z.string().min(1).max(200),
    grants: z
      .array(z.object({ role: z.enum(ROLES), unitId: z.number().int().positive() }))
      .max(20)
      .optional(),
  })
  .openapi('CreateUser');

export const UpdateUserBody = z
  .object({
    version: z.number().int().positive(),
    fullName: cleanString().min(2).max(120).optional(),
    email: z.email().max(200).nullable().optional(),
    phone: z
      .string()
      .trim()
      .max(30)
      .regex(/^[0-9 +().-]*$/)
      .nullable()
      .optional(),
    title: cleanString().max(120).nullable().optional(),
    active: z.boolean().optional(),
  })
  .openapi('UpdateUser');

export const GrantBody = z.object({ role: z.enum(ROLES), unitId: z.number().int().positive() }).openapi('GrantRole');
export const ResetPasswordBody = z.object({ password: z.string().min(1).max(200) }).openapi('ResetPassword');
export const UserListQuery = z.object({
  q: z.string().max(100).optional(),
  unitId: z.coerce.number().int().positive().optional(),
});
export const GrantParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'id', in: 'path' } }),
  grantId: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'grantId', in: 'path' } }),
});
