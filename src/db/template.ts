/**
 * A migrated, empty embedded database kept under dist/ (built at install, like the web client), so
 * a fresh data directory starts as a copy of it instead of running PGlite's initdb and every
 * migration again (seconds of WASM work). It is only used when its stamp names the current
 * migrations and PGlite version; otherwise a fresh start falls back to initdb + migrations.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS_DIR, migrateDatabase, openDatabase } from './client';

export const DB_TEMPLATE_DIR = path.resolve(import.meta.dirname, '../../dist/db-template');
const PGLITE_PACKAGE = path.resolve(import.meta.dirname, '../../node_modules/@electric-sql/pglite/package.json');

/** What the template depends on: every migration file and the PGlite version that wrote it. */
export function templateStamp(): string {
  const hash = crypto.createHash('sha256');
  const files = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]))
      .sort();
  for (const f of files(MIGRATIONS_DIR)) hash.update(path.relative(MIGRATIONS_DIR, f)).update('\0').update(fs.readFileSync(f));
  const pglite = fs.existsSync(PGLITE_PACKAGE)
    ? (JSON.parse(fs.readFileSync(PGLITE_PACKAGE, 'utf8')) as { version: string }).version
    : '';
  return hash.update(`pglite ${pglite}`).digest('hex');
}

/** The template's data directory when it matches the current migrations, else null. */
export function usableTemplate(dir = DB_TEMPLATE_DIR): string | null {
  try {
    return fs.readFileSync(path.join(dir, 'stamp'), 'utf8') === templateStamp() ? path.join(dir, 'pg') : null;
  } catch {
    return null;
  }
}

/** Builds the template when it is missing or stale; true when it built one. Written aside, then renamed into place. */
export async function ensureTemplate(dir = DB_TEMPLATE_DIR): Promise<boolean> {
  if (usableTemplate(dir)) return false;
  const stamp = templateStamp();
  const work = `${dir}.tmp-${process.pid}`;
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  try {
    const database = await openDatabase({ pgliteDir: path.join(work, 'pg') });
    try {
      await migrateDatabase(database);
    } finally {
      await database.close();
    }
    fs.writeFileSync(path.join(work, 'stamp'), stamp);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(work, dir);
    return true;
  } catch (err) {
    fs.rmSync(work, { recursive: true, force: true });
    throw err;
  }
}
