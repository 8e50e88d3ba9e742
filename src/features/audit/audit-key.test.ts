import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { createLogger } from '../../lib/logger';
import { withAuditKey } from './audit-key';

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-key-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Resolves the key in a separate process, as a server or a script starting at the same moment would. */
function resolveElsewhere(dataDir: string): Promise<string> {
  const script = `import('${path.resolve(import.meta.dirname, 'audit-key.ts')}').then(async (k) => {
    const { loadConfig } = await import('${path.resolve(import.meta.dirname, '../../config.ts')}');
    process.stdout.write(k.withAuditKey(loadConfig({ DATA_DIR: process.argv[1] })).auditKey);
  })`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))));
  });
}

describe('the audit key', () => {
  it('AUDIT_KEY wins and nothing is written', () => {
    const dataDir = tempDir();
    const key = 'k'.repeat(40);
    expect(withAuditKey(loadConfig({ DATA_DIR: dataDir, AUDIT_KEY: key })).auditKey).toBe(key);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('without AUDIT_KEY: DATA_DIR/audit.key is created once (mode 0600) and read afterwards', () => {
    const dataDir = path.join(tempDir(), 'data');
    const lines: string[] = [];
    const logger = createLogger('info', {}, (line) => {
      const { msg, file } = JSON.parse(line) as { msg: string; file: string };
      lines.push(`${msg} ${file}`);
    });
    const first = withAuditKey(loadConfig({ DATA_DIR: dataDir }), logger).auditKey;
    const file = path.join(dataDir, 'audit.key');
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(withAuditKey(loadConfig({ DATA_DIR: dataDir }), logger).auditKey).toBe(first);
    expect(lines).toEqual([`audit key created ${file}`, `audit key read ${file}`]);
  });

  it('processes starting together agree on one key', async () => {
    const dataDir = tempDir();
    const keys = await Promise.all(Array.from({ length: 4 }, () => resolveElsewhere(dataDir)));
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toBe(fs.readFileSync(path.join(dataDir, 'audit.key'), 'utf8').trim());
  }, 60_000);

  it('a damaged key file stops start-up instead of signing with something else', () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, 'audit.key'), 'not a key');
    expect(() => withAuditKey(loadConfig({ DATA_DIR: dataDir }))).toThrow(/does not hold an audit key/);
  });
});
