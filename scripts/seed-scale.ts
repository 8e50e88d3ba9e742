// `npm run seed:scale -- --communes 3321 --months 24 [--seed 1]`: fills an empty installation (the
// embedded database under DATA_DIR, or DATABASE_URL) with a deterministic country-wide synthetic
// dataset for load tests and benchmarks. With the embedded database, stop the server first.
import { count, ne } from 'drizzle-orm';
import { loadConfig } from '../src/config';
import { migrateDatabase, openDatabase } from '../src/db/client';
import { units } from '../src/db/schema';
import { withAuditKey } from '../src/features/audit/audit-key';
import { systemClock } from '../src/lib/clock';
import { FileStore } from '../src/lib/file-store';
import { createLogger } from '../src/lib/logger';
import { seedScale } from '../src/ops/seed-scale';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1) {
    console.error(`--${name} cần một số nguyên dương / must be a positive integer`);
    process.exit(2);
  }
  return v;
};
const communes = arg('communes', 3321);
const months = arg('months', 24);
const seed = arg('seed', 1);

const config = withAuditKey(loadConfig());
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrateDatabase(database, config.databaseUrl);
  const [row] = await database.db.select({ n: count() }).from(units).where(ne(units.type, 'country'));
  if ((row?.n ?? 0) > 0) {
    console.error(
      'Cơ sở dữ liệu đã có đơn vị hành chính; hãy dùng một thư mục dữ liệu hoặc cơ sở dữ liệu trống. / ' +
        'The database already holds units; use an empty data directory or database.',
    );
    process.exitCode = 1;
  } else {
    const started = performance.now();
    const deps = {
      db: database.db,
      dbKind: database.kind,
      config,
      clock: systemClock,
      logger: createLogger('silent'),
      files: new FileStore(config.filesDir),
    };
    const summary = await seedScale(deps, { communes, months, seed, onProgress: (m) => console.log(`  ${m}`) });
    console.log(
      `Generated in ${((performance.now() - started) / 1000).toFixed(1)} s: ${Object.entries(summary.counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')}.`,
    );
    console.log(`Sign in as ${summary.nationalUser} or ${summary.provinces[0]!.officeUser} (password ${summary.password}).`);
  }
} finally {
  await database.close();
}
