import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config';
import type { Logger } from '../../lib/logger';

export const AUDIT_KEY_FILE = 'audit.key';

/**
 * The installation's audit key, decided once at start by the server and by every script that opens
 * the database: AUDIT_KEY when set; otherwise `DATA_DIR/audit.key`, created on first use (32 random
 * bytes as hex, mode 0600). It lives outside the database on purpose: someone who can rewrite the
 * database must not be able to re-sign the trail. Nodes sharing one PostgreSQL need the same key
 * (set AUDIT_KEY on all of them, or share DATA_DIR).
 */
export function withAuditKey(config: Config, logger?: Logger): Config & { auditKey: string } {
  if (config.auditKey) {
    logger?.info('audit key from AUDIT_KEY');
    return { ...config, auditKey: config.auditKey };
  }
  const file = path.join(config.dataDir, AUDIT_KEY_FILE);
  const { key, created } = readOrCreateKey(file);
  logger?.info(created ? 'audit key created' : 'audit key read', { file });
  return { ...config, auditKey: key };
}

/** The key of an already resolved configuration; a start-up that skipped `withAuditKey` is a bug. */
export function auditKeyOf(config: Config): string {
  if (!config.auditKey) throw new Error('The audit key is not resolved: call withAuditKey(config) at start-up');
  return config.auditKey;
}

function readOrCreateKey(file: string): { key: string; created: boolean } {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const existing = readKey(file);
  if (existing) return { key: existing, created: false };
  // Written to a private file and published with link(): a process starting at the same moment
  // either wins or reads the complete key the other one published.
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  try {
    fs.linkSync(tmp, file);
    return { key: readKey(file)!, created: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return { key: readKey(file)!, created: false };
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function readKey(file: string): string | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  if (!/^[0-9a-f]{64}$/.test(text)) throw new Error(`${file} does not hold an audit key (64 hex characters)`);
  return text;
}
