import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openDatabase } from '../db/client';

/**
 * Migrates one template database per test run; every test file then gets a private copy
 * (a copied PGlite directory, or `CREATE DATABASE … TEMPLATE` on PostgreSQL), which takes well
 * under a second instead of the seconds that a fresh PGlite initdb + migration costs.
 */
export default async function setup(project: TestProject) {
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    const base = new URL(pgUrl);
    const template = `${base.pathname.slice(1)}_tpl`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`drop database if exists "${template}" with (force)`);
    await admin.query(`create database "${template}"`);
    await admin.end();
    const tplUrl = new URL(pgUrl);
    tplUrl.pathname = `/${template}`;
    const db = await openDatabase({ databaseUrl: tplUrl.toString(), poolSize: 1 });
    await migrateDatabase(db, tplUrl.toString());
    await db.close();
    project.provide('pgTemplate', template);
    project.provide('pliteTemplate', '');
    return async () => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      const res = await c.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [
        `${template.replace(/_tpl$/, '')}\\_%`,
      ]);
      for (const r of res.rows) await c.query(`drop database if exists "${r.datname}" with (force)`);
      await c.end();
    };
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-test-'));
  const dir = path.join(root, 'template');
  const db = await openDatabase({ pgliteDir: dir });
  await migrateDatabase(db);
  await db.close();
  project.provide('pgTemplate', '');
  project.provide('pliteTemplate', dir);
  return () => fs.rmSync(root, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string;
    pliteTemplate: string;
  }
}
