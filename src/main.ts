import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { loadConfig } from './config';
import type { Deps } from './context';
import { migrateDatabase, openDatabase } from './db/client';
import { usableTemplate } from './db/template';
import { roleGrants, users } from './db/schema';
import { systemClock } from './lib/clock';
import { withAuditKey } from './features/audit/audit-key';
import { createLogger } from './lib/logger';
import { startupTimer } from './lib/startup';
import { ROLE_LABELS } from './shared/roles';

/** The routes, seeds and jobs: imported while the database opens, not before. */
const serverModules = () =>
  Promise.all([
    import('@hono/node-server'),
    import('./app'),
    import('./jobs/runner'),
    import('./lib/file-store'),
    import('./seed/demo'),
    import('./seed/reference'),
    import('./features/audit/checkpoints'),
  ]);

async function main() {
  const loaded = loadConfig();
  const logger = createLogger(loaded.logLevel);
  const config = withAuditKey(loaded, logger);
  const startup = startupTimer(logger);
  // A new embedded database starts as a copy of the prebuilt migrated one when it is current.
  const created = !config.databaseUrl && !fs.existsSync(path.join(config.dataDir, 'pg'));
  const template = created && config.dbTemplate ? usableTemplate() : null;
  // Opening (file copy, WASM compile, PostgreSQL start) overlaps with loading the routes.
  const opening = startup.phase(
    'openDatabase',
    () => openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, template }),
    { created, fromTemplate: Boolean(template) },
  );
  opening.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
  const [
    { serve },
    { buildApp },
    { ensureSchedules, startWorker },
    { FileStore },
    { DEMO_PASSWORD, loadDemoIfEmpty },
    { ensureReferenceData },
    { checkpointAudit },
  ] = await startup.phase('routes', serverModules);
  const database = await opening;
  await startup.phase('migrations', () => migrateDatabase(database, config.databaseUrl));
  const replica =
    config.databaseReadUrl && config.databaseUrl ? await openDatabase({ databaseUrl: config.databaseReadUrl }) : null;
  if (config.databaseReadUrl && !config.databaseUrl) logger.warn('DATABASE_READ_URL needs DATABASE_URL; ignored');
  const deps: Deps = {
    db: database.db,
    ...(replica ? { readDb: replica.db } : {}),
    dbKind: database.kind,
    config,
    clock: systemClock,
    logger,
    files: new FileStore(config.filesDir),
  };

  await startup.phase('referenceData', () => ensureReferenceData(deps));
  if (config.demoData && (await startup.phase('demoData', () => loadDemoIfEmpty(deps, { referenceDataReady: true }))))
    logger.info('demo data loaded');
  const server = await startup.phase('listen', async () => {
    const app = buildApp(deps);
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host });
    if (!s.listening) {
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.once('listening', () => {
          s.off('error', reject);
          resolve();
        });
      });
    }
    return s;
  });
  const worker = config.jobs ? await startup.phase('jobs', async () => (await ensureSchedules(deps), startWorker(deps))) : null;

  const url = `http://localhost:${config.port}`;
  logger.info('listening', { url, database: database.kind, startupMs: startup.total(), phases: startup.phases });
  await printDemoLogins(deps, url, DEMO_PASSWORD);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info('shutting down', { signal });
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close();
    await worker?.stop();
    await checkpointAudit(deps, 'shutdown').catch((err: unknown) =>
      logger.warn('audit checkpoint at shutdown failed', { error: String(err) }),
    );
    await replica?.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

async function printDemoLogins(deps: Deps, url: string, demoPassword: string) {
  const rows = await deps.db
    .select({ username: users.username, fullName: users.fullName, role: roleGrants.role })
    .from(users)
    .innerJoin(roleGrants, eq(roleGrants.userId, users.id))
    .where(eq(users.isDemo, true));
  if (!rows.length) return;
  const lines = [
    '',
    `  Đồng Lòng đang chạy tại ${url}`,
    `  Tài khoản demo (mật khẩu chung: ${demoPassword}) / demo logins (shared password):`,
    ...rows.map((r) => `    ${r.username.padEnd(24)} ${ROLE_LABELS[r.role].vi} — ${r.fullName}`),
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((err) => {
  process.stderr.write(
    `Không khởi động được / failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
