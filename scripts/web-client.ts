/**
 * The built web client (dist/web) is reused until its inputs change: a stamp file holds a hash of
 * every source the Vite build reads (the client, the domain and shared code it imports, the config
 * and the lockfile), so a fresh clone builds once and later starts skip the build.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'dist/web');
const STAMP = path.join(OUT, '.build-stamp');
const INPUTS = ['web', 'src/shared', 'src/domain', 'vite.config.ts', 'tsconfig.json', 'package-lock.json'];

function files(p: string): string[] {
  if (!fs.existsSync(p)) return [];
  if (!fs.statSync(p).isDirectory()) return [p];
  return fs
    .readdirSync(p)
    .filter((name) => !name.endsWith('.test.ts'))
    .flatMap((name) => files(path.join(p, name)));
}

/** Hash of the client's inputs, paths and contents. */
export function webStamp(): string {
  const hash = crypto.createHash('sha256');
  for (const f of INPUTS.flatMap((p) => files(path.join(ROOT, p))).sort()) {
    hash.update(path.relative(ROOT, f)).update('\0').update(fs.readFileSync(f)).update('\0');
  }
  return hash.digest('hex');
}

export function webClientIsCurrent(stamp = webStamp()): boolean {
  try {
    return fs.existsSync(path.join(OUT, 'index.html')) && fs.readFileSync(STAMP, 'utf8') === stamp;
  } catch {
    return false;
  }
}

/** Builds the web client unless the last build is of the same sources; true when it built. */
export function ensureWebClient(): boolean {
  const stamp = webStamp();
  if (webClientIsCurrent(stamp)) return false;
  console.log('Đang dựng giao diện web / building the web client…');
  const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  fs.writeFileSync(STAMP, stamp);
  return true;
}
