import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { acquireDirLock } from './dir-lock';
import * as schema from './schema';

export type Schema = typeof schema;
/** One database type for both drivers; a transaction is a `Db` too. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Rows of a raw `db.execute(sql…)` for either driver. */
  close(): Promise<void>;
};

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../drizzle');

/** The database for heavy read-only queries: the replica when one is configured, else the primary. */
export const readerOf = (deps: { db: Db; readDb?: Db | undefined }): Db => deps.readDb ?? deps.db;

export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/**
 * Opens PostgreSQL when `databaseUrl` is set, otherwise the embedded PGlite under `dataDir/pg`.
 * PGlite must never be opened by two processes at once (it corrupts data), so a lock file with
 * the owner's pid guards the directory; a lock left by a dead process is taken over, by exactly
 * one process however many find it at once (`dir-lock.ts`). A PGlite directory that does not exist
 * yet starts as a copy of `template` when one is given.
 */
export async function openDatabase(opts: {
  databaseUrl?: string | undefined;
  dataDir?: string;
  pgliteDir?: string;
  poolSize?: number;
  template?: string | null;
}): Promise<Database> {
  if (opts.databaseUrl) {
    // A database that does not answer must fail requests in seconds (503), not hold them forever.
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10, connectionTimeoutMillis: 5000 });
    // An idle client losing its connection must not crash the process; requests get 503s instead.
    pool.on('error', () => undefined);
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return { db, kind: 'postgres', close: () => pool.end() };
  }
  const dir = opts.pgliteDir ?? path.join(opts.dataDir ?? './data', 'pg');
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const release = acquireDirLock(`${dir}.lock`);
  try {
    if (opts.template && !fs.existsSync(dir)) await copyDir(opts.template, dir);
    const client = await PGlite.create(dir);
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/** Copies through a temporary sibling renamed at the end, so an interrupted copy never leaves a half database. */
async function copyDir(from: string, to: string): Promise<void> {
  const work = `${to}.tmp-${process.pid}`;
  await fs.promises.rm(work, { recursive: true, force: true });
  await fs.promises.cp(from, work, { recursive: true });
  await fs.promises.rename(work, to);
}

/** Applies the committed SQL migrations. On PostgreSQL an advisory lock lets several instances start at once. */
export async function migrateDatabase(database: Database, databaseUrl?: string): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
    return;
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(727001)');
    await migratePg(drizzlePg(client), { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await client.query('select pg_advisory_unlock(727001)').catch(() => undefined);
    await client.end();
  }
}
