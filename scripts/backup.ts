// `npm run backup [-- --out file.zip]`: one consistent archive of the database (PGlite under DATA_DIR,
// or DATABASE_URL) and the stored files, with a manifest of checksums; the audit head it holds is
// anchored as a checkpoint under FILES_DIR/audit. With the embedded database,
// stop the server first (one process per data directory); with PostgreSQL it runs alongside.
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/client';
import { withAuditKey } from '../src/features/audit/audit-key';
import { FileStore } from '../src/lib/file-store';
import { createLogger } from '../src/lib/logger';
import { createBackup } from '../src/ops/backup';

const loaded = loadConfig();
const config = withAuditKey(loaded, createLogger(loaded.logLevel));
const args = process.argv.slice(2);
const now = new Date();
const out =
  args[args.indexOf('--out') + 1] && args.includes('--out')
    ? args[args.indexOf('--out') + 1]!
    : path.join(config.dataDir, 'backups', `dong-long-${now.toISOString().replace(/[:.]/g, '-')}.zip`);
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const { bytes, manifest } = await createBackup(database.db, database.kind, new FileStore(config.filesDir), now, {
    auditKey: config.auditKey,
  });
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  fs.writeFileSync(out, bytes);
  const rows = Object.values(manifest.tables).reduce((a, t) => a + t.rows, 0);
  console.log(
    `Backup written to ${out}: ${Object.keys(manifest.tables).length} tables, ${rows} rows, ${Object.keys(manifest.files).length} files.`,
  );
} finally {
  await database.close();
}
