// `npm run restore -- file.zip [--replace]`: rebuilds a working instance from a backup — into the
// embedded database under DATA_DIR or into DATABASE_URL (e.g. moving from PGlite to PostgreSQL).
// Migrates the target first; refuses a database that holds data unless --replace.
import fs from 'node:fs';
import { loadConfig } from '../src/config';
import { migrateDatabase, openDatabase } from '../src/db/client';
import { FileStore } from '../src/lib/file-store';
import { restoreBackup } from '../src/ops/backup';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: npm run restore -- <backup.zip> [--replace]');
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrateDatabase(database);
  const manifest = await restoreBackup(database.db, new FileStore(config.filesDir), new Uint8Array(fs.readFileSync(file)), {
    replace: args.includes('--replace'),
  });
  const rows = Object.values(manifest.tables).reduce((a, t) => a + t.rows, 0);
  console.log(
    `Restored ${rows} rows in ${Object.keys(manifest.tables).length} tables and ${Object.keys(manifest.files).length} files from ${file} (made ${manifest.createdAt}, ${manifest.source}).`,
  );
} finally {
  await database.close();
}
