// Runs the test suite against the real PostgreSQL (default 127.0.0.1:5432, user postgres):
// creates a fresh database for this run and drops it afterwards.
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const base = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const name = `dl_ci_${Date.now().toString(36)}_${process.pid}`;
const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`create database "${name}"`);
await admin.end();
const url = new URL(base);
url.pathname = `/${name}`;
console.log(`PostgreSQL test database: ${name}`);
const result = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, TEST_DATABASE_URL: url.toString() },
});
const cleanup = new pg.Client({ connectionString: base });
await cleanup.connect();
await cleanup.query(`drop database if exists "${name}" with (force)`);
await cleanup.end();
process.exit(result.status ?? 1);
