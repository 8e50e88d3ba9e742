/**
 * Backup and restore: one archive (zip) with every table of the database as JSON, every stored file,
 * and a manifest with row counts and SHA-256 checksums. The tables are read in one REPEATABLE READ
 * transaction, so the archive is consistent while the system keeps running. The same archive
 * restores into PGlite or PostgreSQL — the way a province moves off the embedded database.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import type { Db } from '../db/client';
import { rowsOf } from '../db/client';
import { writeAuditCheckpoint } from '../features/audit/checkpoints';
import type { FileStore } from '../lib/file-store';
import { canonicalJson } from '../lib/canonical-json';

export const BACKUP_FORMAT = 1;

export type Manifest = {
  format: number;
  createdAt: string;
  source: 'pglite' | 'postgres';
  migrations: number;
  tables: Record<string, { rows: number; sha256: string }>;
  files: Record<string, number>;
  /** The audit head in the archive (also written as a checkpoint when the backup is given the audit key). */
  auditHead?: { seq: number; hash: string } | null;
};

const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Application tables, parents before children (foreign keys), each with its self-references. */
/**
 * Not archived: change counters only ever move forward on the instance that owns them (nodes
 * compare them with what they hold in memory), and a restore moves them on by itself; the
 * verified months (`verified_results`) are rebuilt by their triggers as the results are restored.
 */
const NOT_ARCHIVED = new Set(['data_epochs', 'verified_results']);

export async function tablesInOrder(db: Db) {
  const tables = rowsOf<{ name: string }>(
    await db.execute(sql`select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`),
  )
    .map((r) => r.name)
    .filter((t) => !NOT_ARCHIVED.has(t));
  const fks = rowsOf<{ child: string; parent: string; column: string }>(
    await db.execute(sql`select c.relname as child, p.relname as parent, a.attname as column
      from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
      join pg_namespace n on n.oid = c.relnamespace join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
      where k.contype = 'f' and n.nspname = 'public'`),
  );
  const order: string[] = [];
  const pending = new Set(tables);
  while (pending.size) {
    const ready = [...pending].filter((t) => fks.every((f) => f.child !== t || f.parent === t || !pending.has(f.parent)));
    if (!ready.length) throw new Error(`circular foreign keys among ${[...pending].join(', ')}`);
    for (const t of ready.sort()) {
      order.push(t);
      pending.delete(t);
    }
  }
  const selfRefs = new Map<string, string[]>();
  for (const f of fks) if (f.child === f.parent) selfRefs.set(f.child, [...(selfRefs.get(f.child) ?? []), f.column]);
  return { order, selfRefs };
}

async function primaryKeys(db: Db): Promise<Map<string, string[]>> {
  const rows = rowsOf<{ table: string; column: string }>(
    await db.execute(sql`select c.relname as table, a.attname as column from pg_index i
      join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
      where i.indisprimary and n.nspname = 'public' order by c.relname, a.attnum`),
  );
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.table, [...(out.get(r.table) ?? []), r.column]);
  return out;
}

/** Every row of a table as JSON objects, in primary-key order (stable, so checksums compare). */
export async function dumpTable(db: Db, table: string, pk: string[] | undefined): Promise<unknown[]> {
  const order = pk?.length ? pk.map(q).join(', ') : '1';
  const rows = rowsOf<{ j: unknown }>(await db.execute(sql.raw(`select to_jsonb(t) as j from ${q(table)} t order by ${order}`)));
  return rows.map((r) => (typeof r.j === 'string' ? (JSON.parse(r.j) as unknown) : r.j));
}

/**
 * With `auditKey`, the audit head the archive holds is anchored as a checkpoint under the file
 * store (`FILES_DIR/audit/checkpoints.jsonl`), so trimming the trail later is detected.
 */
export async function createBackup(
  db: Db,
  kind: 'pglite' | 'postgres',
  files: FileStore,
  now: Date,
  opts: { auditKey?: string | undefined } = {},
): Promise<{ bytes: Uint8Array; manifest: Manifest }> {
  const out: Zippable = {};
  const manifest: Manifest = {
    format: BACKUP_FORMAT,
    createdAt: now.toISOString(),
    source: kind,
    migrations: 0,
    tables: {},
    files: {},
  };
  await db.transaction(
    async (tx) => {
      const { order } = await tablesInOrder(tx);
      const pks = await primaryKeys(tx);
      for (const table of order) {
        const rows = await dumpTable(tx, table, pks.get(table));
        const json = canonicalJson(rows);
        out[`db/${table}.json`] = new TextEncoder().encode(json);
        manifest.tables[table] = { rows: rows.length, sha256: sha(json) };
        if (table === 'audit_head') {
          const head = (rows as { id: number; seq: number | string; hash: string }[]).find((r) => r.id === 1);
          manifest.auditHead = head ? { seq: Number(head.seq), hash: head.hash } : null;
        }
        if (table === 'files')
          for (const f of rows as { sha256: string }[]) {
            const bytes = new Uint8Array(await files.read(f.sha256));
            if (sha(bytes) !== f.sha256) throw new Error(`stored file ${f.sha256} does not match its checksum`);
            out[`files/${f.sha256}`] = [bytes, { level: 0 }];
            manifest.files[f.sha256] = bytes.byteLength;
          }
      }
      const [m] = rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
      manifest.migrations = m?.n ?? 0;
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  out['manifest.json'] = new TextEncoder().encode(JSON.stringify(manifest, null, 2));
  const bytes = zipSync(out, { level: 6 });
  if (opts.auditKey && manifest.auditHead)
    await writeAuditCheckpoint(db, {
      filesDir: files.root,
      auditKey: opts.auditKey,
      now,
      reason: 'backup',
      head: manifest.auditHead,
    });
  return { bytes, manifest };
}

/** Orders rows so that a row's self-reference (e.g. a unit's parent) is inserted before it. */
function parentsFirst(rows: Record<string, unknown>[], columns: string[]): Record<string, unknown>[] {
  if (!columns.length) return rows;
  const done = new Set<unknown>();
  const out: Record<string, unknown>[] = [];
  let rest = rows;
  while (rest.length) {
    const next = rest.filter((r) => columns.every((c) => r[c] === null || r[c] === undefined || done.has(r[c]) || r[c] === r.id));
    if (!next.length) throw new Error('circular self-references in backup rows');
    for (const r of next) {
      out.push(r);
      done.add(r.id);
    }
    const nextSet = new Set(next);
    rest = rest.filter((r) => !nextSet.has(r));
  }
  return out;
}

/**
 * Restores an archive into a migrated database. Refuses a database that already holds data unless
 * `replace` (then every table is emptied first), and refuses an archive whose checksums do not match.
 * All in one transaction: a failed restore leaves the database as it was.
 */
export async function restoreBackup(db: Db, files: FileStore, archive: Uint8Array, opts: { replace?: boolean } = {}) {
  const entries = unzipSync(archive);
  const manifestBytes = entries['manifest.json'];
  if (!manifestBytes) throw new Error('not a backup: manifest.json is missing');
  const manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as Manifest;
  if (manifest.format !== BACKUP_FORMAT) throw new Error(`unsupported backup format ${manifest.format}`);
  for (const [table, meta] of Object.entries(manifest.tables)) {
    const data = entries[`db/${table}.json`];
    if (!data || sha(data) !== meta.sha256) throw new Error(`table ${table}: checksum mismatch`);
  }
  for (const [hash] of Object.entries(manifest.files)) {
    const data = entries[`files/${hash}`];
    if (!data || sha(data) !== hash) throw new Error(`file ${hash}: checksum mismatch`);
  }
  const { order, selfRefs } = await tablesInOrder(db);
  const missing = Object.keys(manifest.tables).filter((t) => !order.includes(t));
  if (missing.length) throw new Error(`the database lacks tables ${missing.join(', ')}: run the migrations of a newer version`);
  for (const hash of Object.keys(manifest.files)) await files.put(entries[`files/${hash}`]!);
  await db.transaction(async (tx) => {
    const counts = rowsOf<{ n: number }>(
      await tx.execute(sql.raw(`select (${order.map((t) => `(select count(*) from ${q(t)})`).join(' + ')})::int as n`)),
    );
    if ((counts[0]?.n ?? 0) > 0) {
      if (!opts.replace) throw new Error('the database is not empty; restore into a new database or pass --replace');
      await tx.execute(sql.raw(`truncate ${order.map(q).join(', ')} restart identity cascade`));
    }
    for (const table of order) {
      const data = entries[`db/${table}.json`];
      if (!data) continue;
      const rows = parentsFirst(
        JSON.parse(new TextDecoder().decode(data)) as Record<string, unknown>[],
        selfRefs.get(table) ?? [],
      );
      for (let i = 0; i < rows.length; i += 500) {
        const chunk = JSON.stringify(rows.slice(i, i + 500));
        await tx.execute(
          sql`${sql.raw(`insert into ${q(table)} overriding system value select * from jsonb_populate_recordset(null::${q(table)},`)} ${chunk}::jsonb)`,
        );
      }
      // identity columns continue after the restored ids
      const ids = rowsOf<{ column: string }>(
        await tx.execute(sql`select column_name as column from information_schema.columns
          where table_schema = 'public' and table_name = ${table} and is_identity = 'YES'`),
      );
      for (const { column } of ids)
        await tx.execute(
          sql.raw(
            `select setval(pg_get_serial_sequence('${q(table)}', '${column}'), coalesce((select max(${q(column)}) from ${q(table)}), 0) + 1, false)`,
          ),
        );
    }
  });
  return manifest;
}
