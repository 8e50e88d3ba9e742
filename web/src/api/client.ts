import type { ApiOperations } from '../../../src/shared/api.gen';
import { currentLang } from '../i18n';

export type FieldError = { path?: string; row?: number; column?: string | null; code: string; message: string };

/** An API failure with the server's code and its message in the user's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
    /** Sends the same request again with more headers (a system administrator's correction reason). */
    readonly retry?: (headers: Record<string, string>) => Promise<unknown>,
  ) {
    super(message);
  }
  get fieldErrors(): FieldError[] {
    return Array.isArray(this.details) ? (this.details as FieldError[]) : [];
  }
}

/** Set by the service worker on an answer it served from its cache because the network failed. */
const OFFLINE_HEADER = 'x-dl-offline';

/** Tells the shell whether the server answered (`dl:network`, detail true) or could not be reached. */
function reportNetwork(reached: boolean) {
  window.dispatchEvent(new CustomEvent<boolean>('dl:network', { detail: reached }));
}

function csrfToken(): string {
  return /(?:^|; )dl_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
}

export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; raw?: BodyInit; headers?: Record<string, string> } = {},
): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { 'accept-language': currentLang(), ...init.headers };
  if (method !== 'GET') {
    if (!csrfToken()) await fetch('/api/auth/session', { credentials: 'same-origin' });
    headers['x-csrf-token'] = csrfToken();
  }
  let body: BodyInit | undefined = init.raw;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body ?? null, credentials: 'same-origin' });
  } catch (err) {
    reportNetwork(false);
    throw err;
  }
  // An answer the service worker gave from what it kept means the server was not reached.
  reportNetwork(!res.headers.has(OFFLINE_HEADER));
  // A download (a report, a template) answers with its file.
  const type = res.headers.get('content-type') ?? '';
  if (res.ok && type && !type.includes('json')) return (await res.blob()) as T;
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const err = (data as { error?: { code: string; message: string; details?: unknown } } | null)?.error;
    if (res.status === 401) window.dispatchEvent(new CustomEvent('dl:unauthenticated', { detail: err?.code }));
    const retry = (more: Record<string, string>) => api<T>(path, { ...init, headers: { ...init.headers, ...more } });
    throw new ApiError(res.status, err?.code ?? 'INTERNAL', err?.message ?? res.statusText, err?.details, retry);
  }
  return data as T;
}

/** An operation of the API by method and path, as the OpenAPI document names it: `'GET /api/units/{id}'`. */
export type Op = keyof ApiOperations;
/** What an operation answers (its 2xx JSON body; `Blob` for a download). */
export type Answer<K extends Op> = ApiOperations[K]['response'];
/** What an operation takes as its body. */
export type Body<K extends Op> = ApiOperations[K]['body'];
/** What an operation takes as its query. */
export type Query<K extends Op> = ApiOperations[K]['query'];

type Part<T, Name extends string> = [T] extends [never] ? { [P in Name]?: undefined } : { [P in Name]: T };
type QueryPart<T> = [T] extends [never] ? { query?: undefined } : { query?: { [P in keyof T]?: T[P] | null } };
/** The parameters, query and body of one call; what the operation does not take cannot be passed. */
export type CallArgs<K extends Op> = Part<ApiOperations[K]['params'], 'params'> &
  QueryPart<ApiOperations[K]['query']> &
  Part<ApiOperations[K]['body'], 'body'> & { headers?: Record<string, string> };

/** The address of an operation: its path with the parameters filled in and the query appended. */
export function urlOf(op: Op, args: { params?: object; query?: object } = {}): string {
  const [, template] = op.split(' ') as [string, string];
  const params = (args.params ?? {}) as Record<string, string | number>;
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name])));
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(args.query ?? {}) as [string, unknown][]) {
    if (v === undefined || v === null || v === '') continue;
    for (const one of Array.isArray(v) ? v : [v]) search.append(k, String(one));
  }
  const q = search.toString();
  return q ? `${path}?${q}` : path;
}

/**
 * Calls one operation of the API, typed from its contract: the parameters, query and body it takes
 * and the answer it gives come from the OpenAPI document (`src/shared/api.gen.ts`), never from shapes
 * declared again here. A multipart body (a file) goes as it is, anything else as JSON.
 */
export function call<K extends Op>(
  op: K,
  ...rest: Partial<CallArgs<K>> extends CallArgs<K> ? [CallArgs<K>?] : [CallArgs<K>]
): Promise<Answer<K>> {
  const args = (rest[0] ?? {}) as { params?: object; query?: object; body?: unknown; headers?: Record<string, string> };
  const method = op.slice(0, op.indexOf(' '));
  const url = urlOf(op, args);
  const init = { method, headers: args.headers };
  if (args.body instanceof FormData || args.body instanceof Blob || typeof args.body === 'string') {
    return api<Answer<K>>(url, { ...init, raw: args.body });
  }
  return api<Answer<K>>(url, { ...init, body: args.body });
}

import type { Action, Role, UnitType } from '../../../src/shared/roles';
export type { Action, Role, UnitType };
export type { AuditEvent, Session, SessionUser, Unit, UnitDetail, UnitRef, User } from '../../../src/shared/api.gen';
