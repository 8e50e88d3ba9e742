/**
 * Start-up time: `npm start` until GET /api/health answers 200, over a temporary data directory.
 * Three cases, each run BENCH_START_RUNS times (median): a fresh data directory (copied from the
 * prebuilt migrated database), the same without it (PGlite initdb + every migration, DB_TEMPLATE=false)
 * as the baseline of the same run, and a restart over existing data. Target: fresh start ≤ 15 s.
 * The phases come from the server's own start-up log line. Run `npm run prepare` first so the web
 * client and the database template are built, as after `npm install`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const RUNS = Number(process.env.BENCH_START_RUNS ?? 3);
const TARGET_FRESH_MS = 15_000;
const ROOT = path.resolve(import.meta.dirname, '..');
const PORT = Number(process.env.BENCH_START_PORT ?? 3917);

type Run = { ms: number; phases: Record<string, number> };

/** One `npm start` until healthy, then a graceful stop (SIGTERM to the process group it leads). */
async function startOnce(dataDir: string, env: Record<string, string> = {}): Promise<Run> {
  const t0 = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
      if (performance.now() - t0 > 180_000) throw new Error(`no answer after 180 s:\n${output}`);
      const ok = await fetch(`http://127.0.0.1:${PORT}/api/health`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const ms = performance.now() - t0;
    const line = output.split('\n').find((l) => l.includes('"msg":"listening"'));
    const phases = line ? ((JSON.parse(line) as { phases?: Record<string, number> }).phases ?? {}) : {};
    return { ms, phases };
  } finally {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    await exited;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

function summary(label: string, runs: Run[]): string {
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.phases)))];
  const phases = names.map((n) => `${n} ${(median(runs.map((r) => r.phases[n] ?? 0)) / 1000).toFixed(1)}`).join(' · ');
  return `${label.padEnd(28)} ${(median(runs.map((r) => r.ms)) / 1000).toFixed(1).padStart(5)} s  (${phases})`;
}

export async function benchStart() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-start-'));
  const dataDir = path.join(root, 'data');
  try {
    const fresh: Run[] = [];
    const initdb: Run[] = [];
    const restart: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      initdb.push(await startOnce(dataDir, { DB_TEMPLATE: 'false' }));
      fs.rmSync(dataDir, { recursive: true, force: true });
      fresh.push(await startOnce(dataDir));
      restart.push(await startOnce(dataDir));
    }
    const freshMs = median(fresh.map((r) => r.ms));
    return {
      name: `start-up — npm start until /api/health answers 200 (median of ${RUNS}, seconds)`,
      lines: [
        summary('fresh data directory', fresh),
        summary('fresh, without the template', initdb),
        summary('restart', restart),
        `fresh start ${(freshMs / 1000).toFixed(1)} s (target ≤ ${TARGET_FRESH_MS / 1000} s) ${freshMs <= TARGET_FRESH_MS ? 'PASS' : 'FAIL'}; ` +
          `${(median(initdb.map((r) => r.ms)) / freshMs).toFixed(1)}× faster than initdb + migrations; restart ${(median(restart.map((r) => r.ms)) / 1000).toFixed(1)} s`,
      ],
    };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
