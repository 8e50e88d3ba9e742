import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { inArray } from 'drizzle-orm';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Actor, AppEnv } from '../../context';
import { units } from '../../db/schema';
import { createRouter, errorResponses, json, jsonBody } from '../../lib/http';
import { actorOf, metaOf } from '../../lib/request';
import { ACTIONS, roleAllows } from '../../shared/roles';
import { changePassword } from './change-password';
import { login } from './login';
import { logout } from './logout';
import { cookieOptions } from './middleware';
import { ChangePasswordBody, LoginBody, SessionView } from './schemas';
import { CSRF_COOKIE, loadSession, newToken, SESSION_COOKIE } from './sessions';

export const authRoutes = createRouter();

async function sessionUser(c: Context<AppEnv>, actor: Actor) {
  const db = c.get('deps').db;
  const ids = [...new Set([actor.homeUnitId, ...actor.grants.map((g) => g.unitId)])];
  const names = new Map(
    (await db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, ids))).map((u) => [u.id, u.name]),
  );
  return {
    id: actor.userId,
    username: actor.username,
    fullName: actor.fullName,
    homeUnitId: actor.homeUnitId,
    homeUnitName: names.get(actor.homeUnitId) ?? '',
    grants: actor.grants.map((g) => ({ ...g, unitName: names.get(g.unitId) ?? '' })),
    permissions: ACTIONS.filter((a) => actor.grants.some((g) => roleAllows(g.role, a))),
  };
}

authRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/session',
    tags: ['Auth'],
    summary: 'Current session and CSRF token',
    responses: { 200: json(SessionView) },
  }),
  async (c) => {
    const actor = c.get('actor');
    let csrfToken = c.get('csrfToken') ?? getCookie(c, CSRF_COOKIE);
    if (!csrfToken) {
      csrfToken = newToken();
      setCookie(c, CSRF_COOKIE, csrfToken, cookieOptions(c, false));
    }
    return c.json({ user: actor ? await sessionUser(c, actor) : null, csrfToken }, 200);
  },
);

authRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/login',
    tags: ['Auth'],
    summary: 'Sign in with username and password',
    request: { body: jsonBody(LoginBody) },
    responses: { 200: json(SessionView), ...errorResponses },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const deps = c.get('deps');
    const result = await login(deps, metaOf(c), {
      username: body.username,
      password: body.password,
      userAgent: c.req.header('user-agent') ?? null,
      previousToken: getCookie(c, SESSION_COOKIE),
    });
    // browsers cap cookie lifetimes at 400 days; the session row keeps the configured limit
    const maxAge = Math.min(deps.config.sessionMaxHours * 3600, 400 * 86_400);
    setCookie(c, SESSION_COOKIE, result.session.token, { ...cookieOptions(c, true), maxAge });
    setCookie(c, CSRF_COOKIE, result.session.csrfToken, { ...cookieOptions(c, false), maxAge });
    const loaded = await loadSession(deps, result.session.token);
    if (loaded.state !== 'active') throw new Error('session vanished right after login');
    return c.json({ user: await sessionUser(c, loaded.actor), csrfToken: result.session.csrfToken }, 200);
  },
);

authRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/logout',
    tags: ['Auth'],
    summary: 'Sign out (the session is revoked on the server)',
    responses: { 200: json(z.object({ ok: z.literal(true) })), ...errorResponses },
  }),
  async (c) => {
    await logout(c.get('deps'), actorOf(c), metaOf(c));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    setCookie(c, CSRF_COOKIE, newToken(), cookieOptions(c, false));
    return c.json({ ok: true as const }, 200);
  },
);

authRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/password',
    tags: ['Auth'],
    summary: 'Change my password (other sessions are signed out)',
    request: { body: jsonBody(ChangePasswordBody) },
    responses: { 200: json(z.object({ ok: z.literal(true) })), ...errorResponses },
  }),
  async (c) => {
    await changePassword(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('json'), c.get('lang'));
    return c.json({ ok: true as const }, 200);
  },
);
