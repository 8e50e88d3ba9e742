import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const ROOT = path.resolve(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The real server (`src/main.ts`) in its own process, over its own data directory — or a fresh
 * PostgreSQL database when `pgBaseUrl` is given — so a test can kill it with SIGKILL and start it again.
 */
export class ProcessServer {
  private child: ChildProcess | null = null;
  readonly dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-proc-'));
  databaseUrl: string | undefined;
  url = '';
  private output = '';

  private constructor(private readonly pgBaseUrl: string | undefined) {}

  static async create(pgBaseUrl?: string): Promise<ProcessServer> {
    const s = new ProcessServer(pgBaseUrl);
    if (pgBaseUrl) {
      const name = `dl_proc_${Date.now().toString(36)}_${process.pid}`;
      await adminQuery(pgBaseUrl, `create database "${name}"`);
      const u = new URL(pgBaseUrl);
      u.pathname = `/${name}`;
      s.databaseUrl = u.toString();
    }
    return s;
  }

  async start(): Promise<void> {
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    this.output = '';
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: this.dataDir,
      JOBS: 'false',
      LOG_LEVEL: 'warn',
      DEMO_DATA: 'true',
      NODE_OPTIONS: '',
    };
    if (this.databaseUrl) env.DATABASE_URL = this.databaseUrl;
    else delete env.DATABASE_URL;
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main.ts')], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (this.output += d.toString()));
    this.child = child;
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${this.output}`);
      try {
        const res = await fetch(`${this.url}/api/health`);
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`server did not start:\n${this.output}`);
  }

  /** SIGKILL: no shutdown handler runs, no transaction gets to finish. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.child = null;
  }

  async dispose(): Promise<void> {
    await this.kill9();
    if (this.pgBaseUrl && this.databaseUrl) {
      const name = new URL(this.databaseUrl).pathname.slice(1);
      await adminQuery(this.pgBaseUrl, `drop database if exists "${name}" with (force)`);
    }
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** One statement on a PostgreSQL server as its administrator (create / drop database). */
export async function adminQuery(url: string, text: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}
