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
import { recordViolation, responseContract } from './response-contract';

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
  const app: App = buildApp(deps, {
    outermost: responseContract(() => app.openAPIRegistry.definitions, recordViolation),
  });
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

export { TestClient, type Requester, type Res } from './client';
