import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp, type App } from '../app';
import { testConfig, type Config } from '../config';
import type { Deps } from '../context';
import { openDatabase, type Database } from '../db/client';
import { systemClock, type Clock } from '../lib/clock';
import { FileStore } from '../lib/file-store';
import { createLogger } from '../lib/logger';

export type TestEnv = {
  deps: Deps;
  /** Set on PostgreSQL: lets a test open a second "app instance" on the same database. */
  databaseUrl: string | null;
  app: App;
  database: Database;
  close(): Promise<void>;
};

/**
 * A private database for one test file, copied from the migrated template, plus the app over it.
 * With TEST_DATABASE_URL the same tests run against a real PostgreSQL.
 */
export async function createTestEnv(opts: { clock?: Clock; config?: Partial<Config> } = {}): Promise<TestEnv> {
  const pgTemplate = inject('pgTemplate');
  const pliteTemplate = inject('pliteTemplate');
  let database: Database;
  let cleanup: () => Promise<void>;
  let databaseUrl: string | null = null;
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-files-'));
  if (pgTemplate) {
    const base = process.env.TEST_DATABASE_URL!;
    const name = `${pgTemplate.replace(/_tpl$/, '')}_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database "${name}" template "${pgTemplate}"`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    database = await openDatabase({ databaseUrl, poolSize: 5 });
    cleanup = async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    };
  } else {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-db-'));
    const dir = path.join(root, 'pg');
    fs.cpSync(pliteTemplate, dir, { recursive: true });
    database = await openDatabase({ pgliteDir: dir });
    cleanup = async () => fs.rmSync(root, { recursive: true, force: true });
  }
  const config = testConfig({ loginIpLimitPerMinute: 100_000, ...opts.config });
  const deps: Deps = {
    db: database.db,
    dbKind: database.kind,
    config,
    clock: opts.clock ?? systemClock,
    logger: createLogger(process.env.TEST_LOG === '1' ? 'debug' : 'silent'),
    files: new FileStore(filesDir),
  };
  const app = buildApp(deps);
  return {
    deps,
    databaseUrl,
    app,
    database,
    async close() {
      await database.close();
      await cleanup();
      fs.rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

export type Res<T = unknown> = { status: number; body: T; headers: Headers; text: string };

/** A browser-like client over `app.request()`: keeps cookies and sends the CSRF header. */
export class TestClient {
  readonly cookies = new Map<string, string>();
  constructor(
    readonly app: App,
    readonly defaultHeaders: Record<string, string> = {},
  ) {}

  async request<T = unknown>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res<T>> {
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(method);
    if (unsafe && !this.cookies.has('dl_csrf')) await this.request('GET', '/api/auth/session');
    const h = new Headers({ ...this.defaultHeaders, ...headers });
    if (this.cookies.size) h.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    if (unsafe && !h.has('x-csrf-token') && this.cookies.has('dl_csrf')) h.set('x-csrf-token', this.cookies.get('dl_csrf')!);
    let payload: BodyInit | undefined;
    if (typeof body === 'string' || body instanceof Uint8Array || body instanceof FormData) payload = body as BodyInit;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      if (!h.has('content-type')) h.set('content-type', 'application/json');
    }
    const res = await this.app.request(url, { method, headers: h, body: payload ?? null });
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const [k, ...v] = pair!.split('=');
      const value = v.join('=');
      const expired = attrs.some((a) => /max-age=0/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a.trim()));
      if (expired || value === '') this.cookies.delete(k!.trim());
      else this.cookies.set(k!.trim(), value);
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as T, headers: res.headers, text };
  }

  get<T = unknown>(url: string, headers?: Record<string, string>) {
    return this.request<T>('GET', url, undefined, headers);
  }
  post<T = unknown>(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', url, body, headers);
  }
  patch<T = unknown>(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('PATCH', url, body, headers);
  }
  put<T = unknown>(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('PUT', url, body, headers);
  }
  delete<T = unknown>(url: string, headers?: Record<string, string>) {
    return this.request<T>('DELETE', url, undefined, headers);
  }

  /** A GET whose body is a file: the raw bytes with status and headers. */
  async bytes(url: string): Promise<{ status: number; body: Uint8Array; headers: Headers }> {
    const h = new Headers(this.defaultHeaders);
    if (this.cookies.size) h.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await this.app.request(url, { method: 'GET', headers: h });
    return { status: res.status, body: new Uint8Array(await res.arrayBuffer()), headers: res.headers };
  }

  async login(username: string, password: string) {
    const res = await this.post('/api/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${res.text}`);
    return res;
  }
}
