// Verifies the audit trail of the configured database (DATA_DIR or DATABASE_URL): the hash chain,
// the MACs made with the installation's audit key, and the checkpoints under FILES_DIR/audit.
// Exit code 0 when intact; 1 with what is wrong and where otherwise.
import { loadConfig } from '../src/config';
import { migrateDatabase, openDatabase } from '../src/db/client';
import { withAuditKey } from '../src/features/audit/audit-key';
import { checkpointsFileOf } from '../src/features/audit/checkpoints';
import { verifyAuditChain, type ChainReport } from '../src/features/audit/verify-chain';
import { createLogger } from '../src/lib/logger';

const loaded = loadConfig();
const config = withAuditKey(loaded, createLogger(loaded.logLevel));
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrateDatabase(database, config.databaseUrl);
  const checkpointsFile = checkpointsFileOf(config.filesDir);
  const report = await verifyAuditChain(database.db, { auditKey: config.auditKey, checkpointsFile });
  for (const line of describe(report)) (report.ok ? console.log : console.error)(line);
  console.log(`Mốc neo / checkpoints: ${checkpointsFile}`);
  if (!report.ok) process.exitCode = 1;
} finally {
  await database.close();
}

function describe(r: ChainReport): string[] {
  const lines: string[] = [];
  const seq = r.seq ?? 0;
  switch (r.problem) {
    case undefined:
      if (r.ok || !r.forgedCheckpoints.length)
        lines.push(
          `Nhật ký kiểm toán nguyên vẹn: ${r.events} sự kiện, ${r.checkpoints} mốc neo khớp / audit trail intact: ${r.events} events, ${r.checkpoints} checkpoints match`,
        );
      break;
    case 'truncated':
      lines.push(
        `Nhật ký bị cắt sau sự kiện #${seq}: mốc neo đã ghi tới #${r.lastCheckpointSeq} / audit trail truncated after ${seq}: checkpoints vouch for up to ${r.lastCheckpointSeq}`,
      );
      break;
    case 'not_signed':
      lines.push(
        `Sự kiện #${seq} không được ký bởi hệ thống này (bị sửa hoặc chuỗi bị tính lại) / event ${seq} is not signed by this installation (edited or re-chained)`,
      );
      break;
    case 'checkpoint_mismatch':
      lines.push(
        `Sự kiện #${seq} khác với mốc neo đã ghi: chuỗi đã bị viết lại / event ${seq} differs from its checkpoint: the chain was rewritten`,
      );
      break;
    default:
      lines.push(
        `Nhật ký kiểm toán bị can thiệp tại sự kiện #${seq} (${r.problem}) / audit trail broken at event ${seq}: ${r.problem}`,
      );
  }
  for (const f of r.forgedCheckpoints)
    lines.push(
      `Mốc neo giả mạo hoặc hỏng ở dòng ${f.line}${f.seq ? ` (#${f.seq})` : ''} / forged or damaged checkpoint at line ${f.line}${f.seq ? ` (seq ${f.seq})` : ''}`,
    );
  if (r.legacyEvents) lines.push(`${r.legacyEvents} sự kiện cũ chưa có chữ ký / ${r.legacyEvents} events predate MACs (legacy)`);
  return lines;
}
