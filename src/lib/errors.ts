import type { RuleCode } from './messages';
/**
 * The one error type of the application. Every failure a caller can act on is an AppError with a
 * stable code; the HTTP status comes from one table and the human message from `messages.ts`
 * in the caller's language. Never match errors by their text.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SESSION_EXPIRED: 401,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IMPORT_FAILED: 422,
  RULE_VIOLATION: 422,
  UNIT_READ_ONLY: 422,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type ErrorDetails = Record<string, unknown> | Array<Record<string, unknown>> | undefined;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;
  /** Parameters interpolated into the localised message, e.g. `{ minutes: 15 }`. */
  readonly params: Record<string, string | number>;

  constructor(code: ErrorCode, details?: ErrorDetails, params: Record<string, string | number> = {}) {
    super(code);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    this.params = params;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (entity?: string) => new AppError('NOT_FOUND', entity ? { entity } : undefined);
export const forbidden = () => new AppError('FORBIDDEN');
export const versionConflict = (current: number) => new AppError('VERSION_CONFLICT', { currentVersion: current });
/** A refusal by a business rule; the rule is one of RULE_TEXT's, so a person always reads words, never the code. */
/** A field refused for a reason named by code alone: its words come from FIELD_TEXT in the reader's language. */
export const fieldProblem = (path: string, code: string, extra: Record<string, unknown> = {}) =>
  new AppError('VALIDATION_FAILED', [{ path, code, ...extra }]);
export const ruleViolation = (rule: RuleCode, extra: Record<string, unknown> = {}) =>
  new AppError('RULE_VIOLATION', { rule, ...extra });
