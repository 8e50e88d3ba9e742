import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { AppError } from '../../lib/errors';
import { conflictResponse, createRouter, errorResponses, json, jsonBody } from '../../lib/http';
import { actorOf, metaOf } from '../../lib/request';
import { authorize, requireAction } from '../access/authorize';
import { resetPassword, unlockUser } from './account-actions';
import { createUser } from './create-user';
import { grantRole, revokeRole } from './grant-role';
import { getUserRow, listUsers, userViews } from './queries';
import {
  CreateUserBody,
  GrantBody,
  GrantParams,
  GrantSchema,
  ResetPasswordBody,
  UpdateUserBody,
  UserListQuery,
  UserSchema,
} from './schemas';
import { updateUser } from './update-user';
import { IdParam } from '../units/schemas';

export const userRoutes = createRouter();
const Ok = z.object({ ok: z.literal(true) });

async function viewOf(c: Context<AppEnv>, id: number) {
  const deps = c.get('deps');
  const row = await getUserRow(deps.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return (await userViews(deps, [row]))[0]!;
}

userRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['Users'],
    summary: 'People whose unit is in my scope',
    request: { query: UserListQuery },
    responses: { 200: json(z.object({ items: z.array(UserSchema) })), ...errorResponses },
  }),
  async (c) => {
    const actor = actorOf(c);
    requireAction(actor, 'user.read');
    return c.json({ items: await listUsers(c.get('deps'), actor, c.req.valid('query')) }, 200);
  },
);

userRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/{id}',
    tags: ['Users'],
    summary: 'One person with their roles',
    request: { params: IdParam },
    responses: { 200: json(UserSchema), ...errorResponses },
  }),
  async (c) => {
    const actor = actorOf(c);
    const { id } = c.req.valid('param');
    const row = await getUserRow(c.get('deps').db, id);
    if (!row) throw new AppError('NOT_FOUND');
    await authorize(c.get('deps').db, actor, 'user.read', row.homeUnitId);
    return c.json(await viewOf(c, id), 200);
  },
);

userRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/',
    tags: ['Users'],
    summary: 'Create a person, optionally with roles',
    request: { body: jsonBody(CreateUserBody) },
    responses: { 201: json(UserSchema, 'Created'), ...errorResponses, ...conflictResponse },
  }),
  async (c) => {
    const user = await createUser(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('json'), c.get('lang'));
    return c.json(await viewOf(c, user.id), 201);
  },
);

userRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/{id}',
    tags: ['Users'],
    summary: 'Edit a person (send the version you read)',
    request: { params: IdParam, body: jsonBody(UpdateUserBody) },
    responses: { 200: json(UserSchema), ...errorResponses, ...conflictResponse },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await updateUser(c.get('deps'), actorOf(c), metaOf(c), id, c.req.valid('json'));
    return c.json(await viewOf(c, id), 200);
  },
);

userRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/{id}/grants',
    tags: ['Users'],
    summary: 'Grant a role on a unit (and its descendants)',
    request: { params: IdParam, body: jsonBody(GrantBody) },
    responses: { 201: json(GrantSchema, 'Granted'), ...errorResponses, ...conflictResponse },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const grant = await grantRole(c.get('deps'), actorOf(c), metaOf(c), id, c.req.valid('json'));
    const view = (await viewOf(c, id)).grants.find((g) => g.id === grant.id)!;
    return c.json(view, 201);
  },
);

userRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/{id}/grants/{grantId}',
    tags: ['Users'],
    summary: 'Revoke a role',
    request: { params: GrantParams },
    responses: { 200: json(Ok), ...errorResponses },
  }),
  async (c) => {
    const { id, grantId } = c.req.valid('param');
    await revokeRole(c.get('deps'), actorOf(c), metaOf(c), id, grantId);
    return c.json({ ok: true as const }, 200);
  },
);

userRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/{id}/unlock',
    tags: ['Users'],
    summary: 'Lift a sign-in lockout',
    request: { params: IdParam },
    responses: { 200: json(Ok), ...errorResponses },
  }),
  async (c) => {
    await unlockUser(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id);
    return c.json({ ok: true as const }, 200);
  },
);

userRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/{id}/password',
    tags: ['Users'],
    summary: 'Set a new password for someone (signs them out everywhere)',
    request: { params: IdParam, body: jsonBody(ResetPasswordBody) },
    responses: { 200: json(Ok), ...errorResponses },
  }),
  async (c) => {
    await resetPassword(
      c.get('deps'),
      actorOf(c),
      metaOf(c),
      c.req.valid('param').id,
      c.req.valid('json').password,
      c.get('lang'),
    );
    return c.json({ ok: true as const }, 200);
  },
);
