import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { withAuditKey } from '../src/features/audit/audit-key';
import type { Deps } from '../src/context';
import { migrateDatabase, openDatabase } from '../src/db/client';
import { systemClock, type Clock } from '../src/lib/clock';
import { FileStore } from '../src/lib/file-store';
import { createLogger } from '../src/lib/logger';
import { loadDemoIfEmpty } from '../src/seed/demo';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The real server on a free port over a fresh database — embedded in a temporary directory, or the
 * given PostgreSQL — filled by `populate` (the demo data unless told otherwise).
 */
export async function startServer(
  opts: { clock?: Clock; databaseUrl?: string; populate?: (deps: Deps) => Promise<unknown> } = {},
) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-e2e-'));
  const config = withAuditKey({
    ...loadConfig({ LOG_LEVEL: 'silent', JOBS: 'false' }),
    dataDir: root,
    databaseUrl: opts.databaseUrl,
  });
  const database = await openDatabase({ databaseUrl: opts.databaseUrl, dataDir: root, poolSize: 20 });
  await migrateDatabase(database, opts.databaseUrl);
  const deps: Deps = {
    db: database.db,
    dbKind: database.kind,
    config,
    clock: opts.clock ?? systemClock,
    logger: createLogger('silent'),
    files: new FileStore(path.join(root, 'files')),
  };
  await (opts.populate ?? loadDemoIfEmpty)(deps);
  const app = buildApp(deps);
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    deps,
    /** The server stops answering (a phone that lost its connection sees no answer at all)… */
    async suspend() {
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    /** …and comes back on the same address. */
    async resume() {
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  const executablePath =
    process.env.CHROMIUM_PATH ??
    (fs.existsSync('/usr/lib/chromium/chromium') ? '/usr/lib/chromium/chromium' : '/usr/bin/chromium');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

export const DEMO_PASSWORD = 'DongLong@2026';

/** A commune officer's phone: 390×844 CSS pixels, touch. */
export const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true };

/** Signs a demo user in, in a fresh browser context; resolves on the signed-in shell. */
export async function login(browser: Browser, url: string, username: string, context: BrowserContextOptions = {}): Promise<Page> {
  const page = await (await browser.newContext(context)).newPage();
  await page.goto(url);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').waitFor({ state: 'attached' });
  return page;
}
