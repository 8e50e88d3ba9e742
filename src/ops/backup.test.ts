import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase, type Database } from '../db/client';
import { files as filesTable } from '../db/schema';
import { FileStore } from '../lib/file-store';
import { loadDemoIfEmpty } from '../seed/demo';
import { testConfig } from '../config';
import { systemClock } from '../lib/clock';
import { createLogger } from '../lib/logger';
import type { Deps } from '../context';
import { createTestEnv, type TestEnv } from '../testing/harness';
import { createBackup, dumpTable, restoreBackup, tablesInOrder } from './backup';
import { sql } from 'drizzle-orm';
import { unzipSync, zipSync } from 'fflate';

/** The source is always an embedded database with the demo; the target is the suite's database (PGlite, or PostgreSQL under test:pg). */
describe('backup and restore: one consistent archive, restored table for table and file for file', () => {
  let source: Database;
  let sourceFiles: FileStore;
  let target: TestEnv;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-backup-'));

  beforeAll(async () => {
    source = await openDatabase({ pgliteDir: path.join(root, 'pg') });
    await migrateDatabase(source);
    sourceFiles = new FileStore(path.join(root, 'files'));
    const deps: Deps = {
      db: source.db,
      dbKind: source.kind,
      config: testConfig(),
      clock: systemClock,
      logger: createLogger('silent'),
      files: sourceFiles,
    };
    await loadDemoIfEmpty(deps);
    const stored = await sourceFiles.put(new TextEncoder().encode('%PDF-1.4 bằng chứng\n'));
    await source.db
      .insert(filesTable)
      .values({ sha256: stored.sha256, size: stored.size, mime: 'application/pdf', createdAt: new Date() });
    target = await createTestEnv();
  }, 180_000);
  afterAll(async () => {
    await source?.close();
    await target?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('round-trips every table and every file, and refuses a damaged archive or a non-empty database', async () => {
    const { bytes, manifest } = await createBackup(source.db, source.kind, sourceFiles, new Date());
    expect(manifest.tables.units!.rows).toBeGreaterThan(10);
    expect(Object.keys(manifest.files).length).toBeGreaterThanOrEqual(1);

    // a flipped byte in a table is caught before anything is written
    const entries = unzipSync(bytes);
    const units = Uint8Array.from(entries['db/units.json']!);
    units[20] = units[20]! ^ 1;
    const damaged = zipSync({ ...entries, 'db/units.json': units });
    await expect(restoreBackup(target.deps.db, target.deps.files, damaged, { replace: true })).rejects.toThrow(/checksum/);

    // into the new, empty database; once it holds data, only with --replace
    await restoreBackup(target.deps.db, target.deps.files, bytes);
    await expect(restoreBackup(target.deps.db, target.deps.files, bytes)).rejects.toThrow(/not empty/);
    await restoreBackup(target.deps.db, target.deps.files, bytes, { replace: true });

    const { order } = await tablesInOrder(source.db);
    for (const table of order) {
      const a = await dumpTable(source.db, table, undefined);
      const b = await dumpTable(target.deps.db, table, undefined);
      const key = (r: unknown) => JSON.stringify(r);
      expect(b.map(key).sort(), table).toEqual(a.map(key).sort());
    }
    // not archived, rebuilt by its triggers as the results are restored (after --replace too)
    const verified = async (db: Database['db']) =>
      (await dumpTable(db, 'verified_results', undefined)).map((r) => JSON.stringify(r));
    expect((await verified(target.deps.db)).sort()).toEqual((await verified(source.db)).sort());
    expect((await verified(source.db)).length).toBeGreaterThan(10);
    for (const [hash, size] of Object.entries(manifest.files)) {
      const restored = await target.deps.files.read(hash);
      expect(restored.byteLength).toBe(size);
      expect(Buffer.compare(restored, await sourceFiles.read(hash))).toBe(0);
    }
    // the restored instance works: new rows continue after the restored ids
    const res = await target.app.request('/api/health');
    expect(res.status).toBe(200);
    const ids = await target.deps.db.execute<{ id: number }>(
      sql`insert into councils (unit_id, name, term, created_at) select unit_id, 'HĐND thử', '2026–2031', now() from councils limit 1 returning id`,
    );
    const maxBefore = Math.max(...((await dumpTable(source.db, 'councils', undefined)) as { id: number }[]).map((c) => c.id));
    expect((ids as { rows: { id: number }[] }).rows[0]!.id).toBeGreaterThan(maxBefore);
  }, 180_000);
});
