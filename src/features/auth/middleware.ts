import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../context';
import { AppError } from '../../lib/errors';
import { isHttps } from '../../lib/http';
import { pickLang } from '../../lib/messages';
import { CSRF_COOKIE, CSRF_HEADER, loadSession, newToken, SESSION_COOKIE } from './sessions';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const requestContext: MiddlewareHandler<AppEnv> = async (c, next) => {
  const incoming = c.req.header('x-request-id');
  const requestId = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
  c.set('requestId', requestId);
  c.set('lang', pickLang(c.req.query('lang') ?? c.req.header('accept-language')));
  c.set('actor', null);
  c.set('csrfToken', null);
  c.set('sessionExpired', false);
  c.header('x-request-id', requestId);
  const started = performance.now();
  await next();
  const deps = c.get('deps');
  deps.logger.info('request', {
    requestId,
    method: c.req.method,
    path: c.req.path,
    status: c.res.status,
    ms: Math.round((performance.now() - started) * 10) / 10,
    userId: c.get('actor')?.userId,
  });
};

/** The origin of the configured base-map tiles, the only other place images may come from. */
function tileOrigin(url: string | undefined): string {
  if (!url) return '';
  try {
    return ` ${new URL(url.replace(/[{}]/g, '')).origin}`;
  } catch {
    return '';
  }
}

export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const tiles = tileOrigin(c.get('deps')?.config.mapTiles?.url);
  c.header(
    'content-security-policy',
    `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:${tiles}; ` +
      "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  );
  c.header('x-content-type-options', 'nosniff');
  c.header('referrer-policy', 'same-origin');
  c.header('x-frame-options', 'DENY');
  c.header('permissions-policy', 'camera=(), microphone=(), geolocation=()');
  if (isHttps(c)) c.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
};

export function cookieOptions(c: Context<AppEnv>, httpOnly: boolean) {
  return { path: '/', httpOnly, sameSite: 'Lax' as const, secure: isHttps(c) };
}

/**
 * Loads the session from its cookie. An expired session is cleared and remembered so that
 * protected endpoints can answer SESSION_EXPIRED rather than UNAUTHENTICATED.
 */
export const sessionLoader: MiddlewareHandler<AppEnv> = async (c, next) => {
  const deps = c.get('deps');
  const loaded = await loadSession(deps, getCookie(c, SESSION_COOKIE));
  if (loaded.state === 'active') {
    c.set('actor', loaded.actor);
    c.set('csrfToken', loaded.csrfToken);
  } else if (loaded.state === 'expired') {
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    c.set('sessionExpired', true);
  }
  await next();
};

/**
 * CSRF: every state-changing API request carries the `x-csrf-token` header equal to the `dl_csrf`
 * cookie (double submit); with a session the token must also be the one bound to that session.
 * A cross-site page can neither read the cookie nor set the header.
 */
/**
 * A first sign-in from a plain HTTP client: JSON, and no cookie of ours at all. A page on another site
 * cannot send a JSON body without a preflight this server never grants, and without cookies there is
 * no session to ride on, so the token is not needed here; every request after it sends the token.
 */
function plainSignIn(c: Context<AppEnv>): boolean {
  return (
    c.req.method === 'POST' &&
    c.req.path === '/api/auth/login' &&
    (c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json') &&
    !getCookie(c, SESSION_COOKIE) &&
    !getCookie(c, CSRF_COOKIE)
  );
}

export const csrfGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  let cookieToken = getCookie(c, CSRF_COOKIE);
  if (!cookieToken) {
    cookieToken = c.get('csrfToken') ?? newToken();
    setCookie(c, CSRF_COOKIE, cookieToken, cookieOptions(c, false));
  }
  if (!SAFE_METHODS.has(c.req.method) && !plainSignIn(c)) {
    const header = c.req.header(CSRF_HEADER);
    const bound = c.get('csrfToken');
    if (!header || header !== cookieToken || (bound !== null && header !== bound)) {
      throw new AppError('CSRF_FAILED');
    }
  }
  await next();
};
