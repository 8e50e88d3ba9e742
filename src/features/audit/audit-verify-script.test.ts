import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, gte } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { loadConfig } from '../../config';
import { openDatabase, type Database } from '../../db/client';
import { auditEvents, auditHead } from '../../db/schema';
import { createTestEnv, type TestEnv } from '../../testing/harness';
import { withAuditKey } from './audit-key';
import { writeAuditCheckpoint } from './checkpoints';
import { writeAudit } from '../../lib/audit-chain';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** `npm run audit:verify` as an operator runs it, against this data directory or database. */
function runScript(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const base = { ...process.env };
  for (const k of ['DATABASE_URL', 'AUDIT_KEY', 'DATA_DIR', 'FILES_DIR']) delete base[k];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
      cwd: ROOT,
      env: { ...base, LOG_LEVEL: 'silent', ...env },
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('npm run audit:verify', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-verify-'));
  const dataDir = path.join(root, 'data');
  const filesDir = path.join(root, 'files');
  let env: TestEnv | null = null;
  let database: Database;
  let target: Record<string, string>;

  beforeAll(async () => {
    if (process.env.TEST_DATABASE_URL) {
      env = await createTestEnv();
      database = env.database;
      target = { DATABASE_URL: env.databaseUrl!, DATA_DIR: dataDir, FILES_DIR: filesDir };
    } else {
      // The script opens the embedded database itself: give it a directory this process does not hold.
      fs.mkdirSync(dataDir, { recursive: true });
      fs.cpSync(inject('pliteTemplate'), path.join(dataDir, 'pg'), { recursive: true });
      database = await openDatabase({ dataDir });
      target = { DATA_DIR: dataDir, FILES_DIR: filesDir };
    }
    // The key the script will find (DATA_DIR/audit.key), used by the "application" to sign.
    const auditKey = withAuditKey(loadConfig({ DATA_DIR: dataDir })).auditKey;
    const now = new Date('2026-05-04T02:00:00Z');
    for (let i = 0; i < 30; i++)
      await database.db.transaction((tx) =>
        writeAudit(
          tx,
          { actor: null, meta: { requestId: `s-${i}`, ip: null, now }, systemName: 'Kiểm thử', auditKey },
          { action: 'test.event', entityType: 'system', after: { i } },
        ),
      );
    await writeAuditCheckpoint(database.db, { filesDir, auditKey, now, reason: 'schedule' });
  }, 120_000);
  afterAll(async () => {
    if (env) await env.close();
    else await database.close().catch(() => undefined);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('says intact, then locates a truncation with the head moved back', async () => {
    const pglite = !env;
    if (pglite) await database.close();
    const intact = await runScript(target);
    expect(intact.code, intact.out).toBe(0);
    expect(intact.out).toContain('audit trail intact: 30 events, 1 checkpoints match');

    if (pglite) database = await openDatabase({ dataDir });
    const [kept] = await database.db.select().from(auditEvents).where(eq(auditEvents.seq, 10));
    await database.db.delete(auditEvents).where(gte(auditEvents.seq, 11));
    await database.db.update(auditHead).set({ seq: 10, hash: kept!.hash }).where(eq(auditHead.id, 1));
    if (pglite) await database.close();
    const truncated = await runScript(target);
    expect(truncated.code).toBe(1);
    expect(truncated.out).toContain('audit trail truncated after 10: checkpoints vouch for up to 30');
  }, 180_000);
});
