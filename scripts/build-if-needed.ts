// Builds the web client when dist/web is missing or older than its sources, so `npm start`
// works on a fresh clone and restarts stay fast.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'dist/web/index.html');
const sources = ['web', 'src/shared', 'vite.config.ts', 'package-lock.json'].map((p) => path.join(root, p));

function newest(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...fs.readdirSync(p).map((e) => newest(path.join(p, e))));
}

if (!fs.existsSync(out) || newest(out) < Math.max(...sources.map(newest))) {
  console.log('Đang dựng giao diện web / building the web client…');
  execSync('npx vite build --logLevel warn', { cwd: root, stdio: 'inherit' });
}
