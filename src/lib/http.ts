import { OpenAPIHono, z, type RouteConfig } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ZodError } from 'zod';
import type { AppEnv } from '../context';
import { AppError } from './errors';
import { FORBIDDEN_REASON_TEXT, messageFor, RULE_TEXT, type Lang } from './messages';

type Issue = ZodError['issues'][number];

const viLocale = z.locales.vi().localeError;
const enLocale = z.locales.en().localeError;

const TYPE_NAMES_VI: Record<string, string> = {
  string: 'chuỗi ký tự',
  number: 'số',
  int: 'số nguyên',
  boolean: 'đúng/sai',
  object: 'đối tượng',
  array: 'danh sách',
  date: 'ngày',
};

/** One field problem in the caller's language. */
export function issueMessage(issue: Issue, lang: Lang): string {
  if (issue.code === 'invalid_type') {
    const expected = String(issue.expected);
    return lang === 'vi' ? `Sai kiểu dữ liệu: cần ${TYPE_NAMES_VI[expected] ?? expected}` : `Wrong type: expected ${expected}`;
  }
  if (issue.code === 'custom') {
    const vi = (issue as { params?: { vi?: unknown } }).params?.vi;
    if (lang === 'vi' && typeof vi === 'string') return vi;
    if (issue.message) return issue.message;
  }
  const fn = lang === 'vi' ? viLocale : enLocale;
  const out = fn(issue as never);
  return typeof out === 'string' ? out : (out?.message ?? issue.message);
}

export function validationError(error: ZodError, lang: Lang): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    error.issues.map((i) => ({ path: i.path.map(String).join('.'), code: i.code, message: issueMessage(i, lang) })),
  );
}

/** A router whose request validation failures become VALIDATION_FAILED with field paths. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) throw validationError(result.error, c.get('lang'));
    },
  });
}

/** A rule's words with the details it names filled in (`{indicator}` → 4.3); never the bare code for a known rule. */
function ruleWords(rule: string, lang: Lang, details: Record<string, unknown>): string {
  const text = (RULE_TEXT as Record<string, { vi: string; en: string } | undefined>)[rule]?.[lang] ?? rule;
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const v = details[key];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : whole;
  });
}

export function errorBody(c: Context<AppEnv>, err: AppError) {
  const lang = c.get('lang') ?? 'vi';
  const named = err.code === 'RULE_VIOLATION' && err.details && !Array.isArray(err.details) ? err.details.rule : undefined;
  const rule = typeof named === 'string' ? named : '';
  const reason = err.code === 'FORBIDDEN' && err.details && !Array.isArray(err.details) ? err.details.reason : undefined;
  const why = typeof reason === 'string' ? FORBIDDEN_REASON_TEXT[reason]?.[lang] : undefined;
  const message = messageFor(err.code, lang, {
    requestId: c.get('requestId') ?? '',
    rule: ruleWords(rule, lang, err.details && !Array.isArray(err.details) ? err.details : {}),
    ...err.params,
  });
  return {
    error: {
      code: err.code,
      message: why ? `${message} ${why}` : message,
      ...(err.details !== undefined ? { details: err.details } : {}),
    },
  };
}

/** The error envelope every failing endpoint answers with, for the OpenAPI document. */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'NOT_FOUND' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

export const errorResponses = {
  400: { description: 'Invalid input', content: { 'application/json': { schema: ErrorSchema } } },
  401: { description: 'Not signed in', content: { 'application/json': { schema: ErrorSchema } } },
  403: { description: 'Not allowed', content: { 'application/json': { schema: ErrorSchema } } },
  404: { description: 'Not found or outside scope', content: { 'application/json': { schema: ErrorSchema } } },
} as const;

export const conflictResponse = {
  409: { description: 'Conflict (stale version or duplicate)', content: { 'application/json': { schema: ErrorSchema } } },
} as const;

export const json = <T extends z.ZodType>(schema: T, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

/** Client address: the socket's, or the first X-Forwarded-For hop when behind a trusted proxy. */
export function clientIp(c: Context<AppEnv>): string {
  const deps = c.get('deps');
  if (deps.config.trustProxy) {
    const fwd = c.req.header('x-forwarded-for');
    if (fwd) return fwd.split(',')[0]!.trim();
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? '127.0.0.1';
}

export function isHttps(c: Context<AppEnv>): boolean {
  const deps = c.get('deps');
  if (deps.config.trustProxy && c.req.header('x-forwarded-proto') === 'https') return true;
  return new URL(c.req.url).protocol === 'https:' || Boolean(deps.config.publicUrl?.startsWith('https:'));
}

/**
 * Checks one imported row against the same schema the API uses for that field, so a file can never
 * carry what the JSON API would refuse. Returns each problem with the field it is about.
 */
export function rowProblems(schema: z.ZodType, value: unknown, lang: Lang): { field: string; message: string }[] {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: issueMessage(i, lang) }));
}

/**
 * The pattern as the API document carries it: the plain ECMA-262 source (Unicode classes such as
 * \p{L} included), never the JavaScript literal with its `/u` flag, so any client can check a code.
 */
export const plainPattern = (re: RegExp) => re.source;

/** A multipart upload as the document describes it: the file (binary) and the form fields beside it. */
export function fileUpload(fields: Record<string, z.ZodType> = {}, description = 'multipart/form-data with the file in "file"') {
  return {
    required: true,
    description,
    content: {
      'multipart/form-data': {
        schema: z.object({ file: z.string().openapi({ type: 'string', format: 'binary' }), ...fields }),
      },
    },
  };
}

/** A file answer (bytes of one of these types) as the document describes it. */
export function fileResponse(types: readonly string[], description: string) {
  return {
    200: {
      description,
      content: Object.fromEntries(types.map((t) => [t, { schema: z.string().openapi({ type: 'string', format: 'binary' }) }])),
    },
  };
}

/**
 * Puts an operation served by a plain handler (uploads and downloads read the body or write bytes
 * themselves) into the API document, so that clients, the fuzzer and the authorisation matrix see it.
 */
export function documented<R extends { openAPIRegistry: { registerPath: (route: RouteConfig) => void } }>(
  router: R,
  route: RouteConfig,
): void {
  router.openAPIRegistry.registerPath(route);
}

/** What an image upload may be. */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
/** What evidence and documents may be (the type is read from the bytes). */
export const EVIDENCE_TYPES = [
  'application/pdf',
  ...IMAGE_TYPES,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/msword',
  'application/vnd.ms-excel',
] as const;
