import fs from 'node:fs';
import path from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import { serveStatic } from '@hono/node-server/serve-static';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Deps } from './context';
import { actorOf } from './lib/request';
import { auditRoutes } from './features/audit/routes';
import { csrfGuard, requestContext, securityHeaders, sessionLoader } from './features/auth/middleware';
import { authRoutes } from './features/auth/routes';
import { docsRoutes } from './features/docs/routes';
import { healthRoutes } from './features/health/routes';
import { unitRoutes } from './features/units/routes';
import { userRoutes } from './features/users/routes';
import { assessmentRoutes } from './features/assessments/routes';
import { classificationRoutes, criteriaRoutes, schemaRoutes } from './features/criteria/routes';
import { whatIfRoutes } from './features/criteria/what-if-routes';
import { dashboardRoutes } from './features/dashboard/routes';
import { notificationRoutes } from './features/notifications/routes';
import { roadmapRoutes } from './features/roadmaps/routes';
import { capitalRoutes } from './features/capital/routes';
import { treasuryRoutes } from './features/capital/treasury-routes';
import { publicOcopApi } from './features/ocop/public';
import { portalRoutes } from './features/portal/pages';
import { portalApiRoutes } from './features/portal/routes';
import { ocopRoutes, ocopSchemaRoutes } from './features/ocop/routes';
import { oversightRoutes } from './features/oversight/routes';
import { meRoutes } from './features/todo/routes';
import { AppError } from './lib/errors';
import { inputGuard } from './lib/input-guard';
import { errorBody } from './lib/http';

export const WEB_DIST = path.resolve(import.meta.dirname, '../dist/web');

const DB_UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

/**
 * PostgreSQL refusing a value (a number out of the column's range, text it cannot store, a date
 * that does not exist): the caller's input was wrong, so 400, and the transaction has rolled back.
 */
const DATA_ERROR_CODES = new Set(['22003', '22P02', '22007', '22008', '22001', '22021', '22P05', '22023', '2201X', '54000']);

/** Whether the error, or one of the errors it wraps, carries one of these PostgreSQL codes. */
function hasPgCode(err: unknown, codes: Set<string>): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && codes.has(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export const isBadData = (err: unknown) => hasPgCode(err, DATA_ERROR_CODES);

/**
 * Two writers reaching for the same key (or serialised against each other) at the same moment: the
 * loser's transaction has rolled back and it gets 409, as if it had come a moment later.
 */
const RACE_CODES = new Set(['23505', '40001', '40P01']);

export const isRaceLost = (err: unknown) => hasPgCode(err, RACE_CODES);

/** Connection-level failures (PostgreSQL down or restarting) become 503, not 500. */
export function isDbUnavailable(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && DB_UNAVAILABLE_CODES.has(code)) return true;
    const msg = (e as { message?: unknown }).message;
    if (
      typeof msg === 'string' &&
      /Connection terminated|connect ECONNREFUSED|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(
        msg,
      )
    ) {
      return true;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** The API paths anyone may call; everything else under /api needs a session. */
const PUBLIC_API = [
  /^\/api\/health$/,
  /^\/api\/auth\/(session|login|logout)$/,
  /^\/api\/(docs|docs\/.+|openapi\.json)$/,
  /^\/api\/schemas\//,
  /^\/api\/public\//,
];

/**
 * Without a session the answer is 401 before any handler looks anything up, so an anonymous
 * caller cannot tell an existing record (401) from a missing one (404).
 */
const requireSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('actor') && !PUBLIC_API.some((r) => r.test(c.req.path))) actorOf(c);
  await next();
};

/**
 * `outermost` runs before everything else and sees every final response (the test harness checks
 * answers against their declared schemas there).
 */
/** The head of the OpenAPI document at /api/openapi.json (the paths come from the routes). */
export const OPENAPI_CONFIG = {
  openapi: '3.1.0',
  info: {
    title: 'Đồng Lòng API',
    version: '0.1.0',
    description:
      'API of Đồng Lòng (Nông thôn mới, OCOP, HĐND oversight). Sign in with `POST /api/auth/login` and a JSON ' +
      'body `{ "username", "password" }`: the answer carries `csrfToken` and sets the `dl_session` and `dl_csrf` ' +
      'cookies. Send the session cookie with every request and the `x-csrf-token` header (the token) with every ' +
      'state-changing one. A system administrator correcting the records of a unit that has ended sends the ' +
      'reason in `x-correction-reason` (URI-encoded). Errors: ' +
      '`{ "error": { "code", "message", "details" } }`, message in Vietnamese or English by Accept-Language.',
  },
};

export function buildApp(deps: Deps, opts: { outermost?: MiddlewareHandler<AppEnv> } = {}) {
  const app = new OpenAPIHono<AppEnv>();

  if (opts.outermost) app.use('*', opts.outermost);

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use('*', requestContext);
  app.use('*', securityHeaders);
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: deps.config.maxUploadBytes,
      onError: () => {
        throw new AppError('PAYLOAD_TOO_LARGE', undefined, { limit: `${Math.round(deps.config.maxUploadBytes / 1048576)} MB` });
      },
    }),
  );
  app.use('/api/*', inputGuard);
  app.use('/api/*', sessionLoader);
  app.use('/api/*', csrfGuard);
  app.use('/api/*', requireSession);

  app.route('/api/health', healthRoutes);
  app.route('/api/auth', authRoutes);
  app.route('/api/units', unitRoutes);
  app.route('/api/users', userRoutes);
  app.route('/api/audit', auditRoutes);
  app.route('/api/schemas', schemaRoutes);
  app.route('/api/schemas', ocopSchemaRoutes);
  app.route('/api/criteria-sets', criteriaRoutes);
  app.route('/api/criteria-sets', whatIfRoutes);
  app.route('/api/classifications', classificationRoutes);
  app.route('/api/assessments', assessmentRoutes);
  app.route('/api/dashboard', dashboardRoutes);
  app.route('/api/roadmaps', roadmapRoutes);
  app.route('/api/notifications', notificationRoutes);
  app.route('/api/me', meRoutes);
  app.route('/api/capital', capitalRoutes);
  app.route('/api/capital', treasuryRoutes);
  app.route('/api/ocop', ocopRoutes);
  app.route('/api/oversight', oversightRoutes);
  app.route('/api/portal', portalApiRoutes);
  app.route('/api/public/ocop', publicOcopApi);

  app.doc31('/api/openapi.json', OPENAPI_CONFIG);
  app.route('/api/docs', docsRoutes);

  app.all('/api/*', () => {
    throw new AppError('NOT_FOUND');
  });
  app.route('/', portalRoutes);

  if (fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    const root = path.relative(process.cwd(), WEB_DIST) || '.';
    app.use(
      '/assets/*',
      async (c, next) => {
        await next();
        if (c.res.ok) c.header('cache-control', 'public, max-age=31536000, immutable');
      },
      serveStatic({ root }),
    );
    // The service worker is looked at on every visit, so a new release reaches phones at once.
    app.use('/sw.js', async (c, next) => {
      await next();
      if (c.res.ok) c.header('cache-control', 'no-cache');
    });
    app.use('*', serveStatic({ root }));
    const indexHtml = fs.readFileSync(path.join(WEB_DIST, 'index.html'), 'utf8');
    app.get('*', (c) => {
      c.header('cache-control', 'no-cache');
      return c.html(indexHtml);
    });
  }

  app.onError((err, c) => {
    if (err instanceof AppError) {
      if (err.status >= 500) deps.logger.error('app error', { requestId: c.get('requestId'), code: err.code });
      return c.json(errorBody(c, err), err.status as 400);
    }
    if (err instanceof HTTPException) {
      const code = err.status === 413 ? 'PAYLOAD_TOO_LARGE' : err.status === 401 ? 'UNAUTHENTICATED' : 'BAD_REQUEST';
      const appErr = new AppError(code, undefined, { limit: `${Math.round(deps.config.maxUploadBytes / 1048576)} MB` });
      return c.json(errorBody(c, appErr), appErr.status as 400);
    }
    if (isRaceLost(err)) {
      deps.logger.warn('lost a race to a concurrent writer', { requestId: c.get('requestId'), error: String(err).slice(0, 300) });
      return c.json(errorBody(c, new AppError('CONFLICT', { reason: 'concurrent_change' })), 409);
    }
    if (isBadData(err)) {
      deps.logger.warn('value refused by the database', { requestId: c.get('requestId'), error: String(err).slice(0, 300) });
      return c.json(errorBody(c, new AppError('VALIDATION_FAILED')), 400);
    }
    if (isDbUnavailable(err)) {
      deps.logger.warn('database unavailable', { requestId: c.get('requestId'), error: String(err) });
      return c.json(errorBody(c, new AppError('SERVICE_UNAVAILABLE')), 503);
    }
    deps.logger.error('unhandled error', {
      requestId: c.get('requestId'),
      error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
      stack: err instanceof Error ? err.stack : undefined,
    });
    return c.json(errorBody(c, new AppError('INTERNAL')), 500);
  });

  return app;
}

export type App = ReturnType<typeof buildApp>;
