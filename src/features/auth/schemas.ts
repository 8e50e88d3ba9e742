import { z } from '@hono/zod-openapi';
import { ACTIONS, ROLES } from '../../shared/roles';
import { cleanString } from '../../lib/text';

export const LoginBody = z
  .object({
    username: cleanString().min(1).max(100),
    password: z.string().min(1).max(200),
  })
  .openapi('LoginBody');

export const GrantView = z.object({
  id: z.number().int(),
  role: z.enum(ROLES),
  unitId: z.number().int(),
  unitName: z.string(),
});

export const SessionUser = z
  .object({
    id: z.number().int(),
    username: z.string(),
    fullName: z.string(),
    homeUnitId: z.number().int(),
    homeUnitName: z.string(),
    grants: z.array(GrantView),
    permissions: z.array(z.enum(ACTIONS)),
  })
  .openapi('SessionUser');

export const SessionView = z.object({ user: SessionUser.nullable(), csrfToken: z.string() }).openapi('Session');

export const ChangePasswordBody = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) })
  .openapi('ChangePasswordBody');
