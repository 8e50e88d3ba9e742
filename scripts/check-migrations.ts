// Fails when the Drizzle schema and the committed SQL migrations disagree: generates into a copy
// of ./drizzle and checks that nothing new appears.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
// drizzle-kit resolves `out` relative to the project, so the copy lives inside it (ignored by git).
const rel = `.cache/drift-${process.pid}`;
const tmp = path.join(root, rel);
fs.rmSync(tmp, { recursive: true, force: true });
fs.mkdirSync(path.dirname(tmp), { recursive: true });
fs.cpSync(path.join(root, 'drizzle'), tmp, { recursive: true });
const before = new Set(fs.readdirSync(tmp));
let output: string;
try {
  output = execFileSync('npx', ['drizzle-kit', 'generate', '--name', 'drift_check'], {
    cwd: root,
    env: { ...process.env, DRIZZLE_OUT: rel },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
} catch (err) {
  output = String((err as { stdout?: string }).stdout ?? err);
}
const added = fs.readdirSync(tmp).filter((f) => !before.has(f));
fs.rmSync(tmp, { recursive: true, force: true });
if (added.length) {
  console.error(`Schema and migrations drift: run "npm run db:generate" and commit the result (would add ${added.join(', ')}).`);
  process.exit(1);
}
if (!/No schema changes/.test(output)) {
  console.error(`Could not check migrations:\n${output}`);
  process.exit(1);
}
console.log('Migrations match the schema.');
