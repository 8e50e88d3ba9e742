// Verifies the audit trail's hash chain of the configured database (DATA_DIR or DATABASE_URL).
// Exit code 0 when intact; 1 with the first edited, inserted or deleted event otherwise.
import { loadConfig } from '../src/config';
import { migrateDatabase, openDatabase } from '../src/db/client';
import { verifyAuditChain } from '../src/features/audit/verify-chain';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrateDatabase(database, config.databaseUrl);
  const report = await verifyAuditChain(database.db);
  if (report.ok) {
    console.log(`Nhật ký kiểm toán nguyên vẹn: ${report.events} sự kiện / audit trail intact: ${report.events} events`);
  } else {
    console.error(
      `Nhật ký kiểm toán bị can thiệp tại sự kiện #${report.seq} (${report.problem}) / audit trail broken at event #${report.seq}: ${report.problem}`,
    );
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
