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

import type { Action, Role, UnitType } from '../../../src/shared/roles';
export type { Action, Role, UnitType };

export type SessionUser = {
  id: number;
  username: string;
  fullName: string;
  homeUnitId: number;
  homeUnitName: string;
  grants: { id: number; role: Role; unitId: number; unitName: string }[];
  permissions: Action[];
};
export type Session = { user: SessionUser | null; csrfToken: string };

export type Unit = {
  id: number;
  code: string;
  name: string;
  type: UnitType;
  effectiveFrom: string;
  effectiveTo: string | null;
  verified: boolean;
  sourceNote: string | null;
  isDemo: boolean;
  version: number;
  parentId: number | null;
};
export type UnitRef = {
  id: number;
  name: string;
  code: string;
  type: UnitType;
  effectiveFrom: string;
  effectiveTo: string | null;
  inScope: boolean;
};
export type UnitDetail = {
  unit: Unit;
  ancestors: UnitRef[];
  parentHistory: { parent: UnitRef | null; effectiveFrom: string; effectiveTo: string | null }[];
  children: (Unit & { linkFrom: string; linkTo: string | null })[];
  events: {
    id: number;
    kind: string;
    effectiveDate: string;
    legalBasis: string;
    legalBasisDate: string | null;
    note: string | null;
    from: UnitRef[];
    to: UnitRef[];
  }[];
  predecessors: UnitRef[];
  successors: UnitRef[];
};
export type User = {
  id: number;
  username: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  homeUnitId: number;
  homeUnitName: string;
  active: boolean;
  isDemo: boolean;
  lastLoginAt: string | null;
  locked: boolean;
  version: number;
  grants: { id: number; role: Role; unitId: number; unitName: string; grantedAt: string }[];
};
export type AuditEvent = {
  seq: number;
  at: string;
  actorUserId: number | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  unitId: number | null;
  unitName: string | null;
  objectName: string | null;
  objectLink: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
  hash: string;
};
