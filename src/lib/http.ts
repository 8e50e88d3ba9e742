import { OpenAPIHono, z, type RouteConfig } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ZodError } from 'zod';
import type { AppEnv } from '../context';
import { AppError } from './errors';
import { FIELD_TEXT, FORBIDDEN_REASON_TEXT, messageFor, RULE_TEXT, type Lang } from './messages';
import { formatNumberVi } from '../shared/vi';

type Issue = ZodError['issues'][number];

const TYPE_WORDS: Record<string, { vi: string; en: string }> = {
  string: { vi: 'một đoạn chữ', en: 'text' },
  number: { vi: 'một số', en: 'a number' },
  int: { vi: 'một số nguyên', en: 'a whole number' },
  boolean: { vi: 'có hoặc không', en: 'yes or no' },
  object: { vi: 'một nhóm thông tin', en: 'a group of fields' },
  array: { vi: 'một danh sách', en: 'a list' },
  date: { vi: 'một ngày', en: 'a date' },
};

/** A bound as people write it: 1.000.000 in Vietnamese, 1,000,000 in English; huge bounds in words. */
function bound(n: unknown, lang: Lang): string {
  const v = typeof n === 'bigint' ? Number(n) : typeof n === 'number' ? n : Number.NaN;
  if (!Number.isFinite(v)) return lang === 'vi' ? 'giới hạn cho phép' : 'the allowed limit';
  if (Math.abs(v) >= 1e15) return lang === 'vi' ? 'giới hạn cho phép' : 'the allowed limit';
  return lang === 'vi' ? formatNumberVi(v, Number.isInteger(v) ? 0 : 2) : v.toLocaleString('en-US');
}

/**
 * One field problem in the caller's language, in words a person reads: the limit, the kind of value
 * wanted, that a choice is not among the allowed ones — never the validator's own vocabulary
 * ("expected string", ">=5", an enum's codes). Messages a rule writes itself (`custom`) are kept.
 */
export function issueMessage(issue: Issue, lang: Lang): string {
  const say = (vi: string, en: string) => (lang === 'vi' ? vi : en);
  const i = issue as Issue & { origin?: string; minimum?: unknown; maximum?: unknown; inclusive?: boolean; format?: string };
  switch (issue.code) {
    case 'custom': {
      const vi = (issue as { params?: { vi?: unknown } }).params?.vi;
      if (lang === 'vi' && typeof vi === 'string') return vi;
      return issue.message || say('Giá trị chưa hợp lệ', 'Invalid value');
    }
    case 'invalid_type': {
      if (/received undefined/.test(issue.message)) return say('Chưa có giá trị', 'Required');
      const words = TYPE_WORDS[String(issue.expected)];
      return words ? say(`Cần ${words.vi}`, `Must be ${words.en}`) : say('Giá trị chưa đúng loại', 'Wrong kind of value');
    }
    case 'too_small': {
      const n = bound(i.minimum, lang);
      if (i.origin === 'string')
        return Number(i.minimum) <= 1
          ? say('Không được để trống', 'Must not be empty')
          : say(`Cần ít nhất ${n} ký tự`, `At least ${n} characters`);
      if (i.origin === 'array' || i.origin === 'set')
        return say(`Cần ít nhất ${n} mục`, `At least ${n} item${Number(i.minimum) === 1 ? '' : 's'}`);
      if (i.origin === 'file') return say('Tệp rỗng', 'The file is empty');
      return i.inclusive === false
        ? say(`Phải lớn hơn ${n}`, `Must be more than ${n}`)
        : say(`Không được nhỏ hơn ${n}`, `Must be at least ${n}`);
    }
    case 'too_big': {
      const n = bound(i.maximum, lang);
      if (i.origin === 'string') return say(`Không quá ${n} ký tự`, `At most ${n} characters`);
      if (i.origin === 'array' || i.origin === 'set') return say(`Không quá ${n} mục`, `At most ${n} items`);
      if (i.origin === 'file') return say('Tệp quá lớn', 'The file is too large');
      return i.inclusive === false
        ? say(`Phải nhỏ hơn ${n}`, `Must be less than ${n}`)
        : say(`Không được lớn hơn ${n}`, `Must be at most ${n}`);
    }
    case 'invalid_value':
      return say('Không phải một lựa chọn được phép', 'Not one of the allowed choices');
    case 'invalid_format':
      if (i.format === 'email') return say('Địa chỉ e-mail chưa đúng', 'Not a valid e-mail address');
      if (i.format === 'date' || i.format === 'datetime') return say('Ngày chưa đúng', 'Not a valid date');
      return say('Chưa đúng định dạng', 'Not in the expected form');
    case 'not_multiple_of':
      return say('Số chưa đúng bước cho phép', 'Not a permitted step');
    case 'unrecognized_keys':
      return say('Có thông tin không thuộc biểu mẫu này', 'Holds fields this form does not take');
    default:
      return say('Giá trị chưa hợp lệ', 'Invalid value');
  }
}

/** `pathOf` names a field as the person knows it (a save's `changes.3.value.num` → the indicator's code). */
export function validationError(
  error: ZodError,
  lang: Lang,
  pathOf: (path: PropertyKey[]) => string = (path) => path.map(String).join('.'),
): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    error.issues.map((i) => ({ path: pathOf(i.path), code: i.code, message: issueMessage(i, lang) })),
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

/** A field problem named by code alone gets its words here (`FIELD_TEXT`). */
function fieldWords<D>(d: D, lang: Lang): D {
  if (typeof d !== 'object' || d === null) return d;
  const { code, path } = d as { code?: unknown; path?: unknown };
  const text = typeof code === 'string' ? FIELD_TEXT[code]?.[lang] : undefined;
  return text ? { ...d, message: text.replace('{path}', typeof path === 'string' ? path : '') } : d;
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
  const details = Array.isArray(err.details) ? err.details.map((d) => fieldWords(d, lang)) : err.details;
  return {
    error: {
      code: err.code,
      message: why ? `${message} ${why}` : message,
      ...(details !== undefined ? { details } : {}),
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

/**
 * A whole number sent as a form field: an empty field is a missing value (refused as such), never 0,
 * which is what coercing "" would give (a check-in's blank percent read as 0 %).
 */
export const formInt = () =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.coerce.number().int());

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
