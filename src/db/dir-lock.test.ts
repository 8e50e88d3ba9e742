import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeoverClaimPath } from './dir-lock';

const CONTENDER = path.resolve(import.meta.dirname, '../testing/lock-contender.ts');

type Outcome = { pid: number; acquired: boolean; error?: string };

/** A process that has exited: its pid is a dead owner. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

/** A separate Node process that takes locks when told to; lines of its output are read in order. */
class Contender {
  readonly child: ChildProcess;
  private readonly lines: AsyncIterator<string>;
  constructor() {
    this.child = spawn(process.execPath, ['--import', 'tsx', CONTENDER], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.lines = readline.createInterface({ input: this.child.stdout! })[Symbol.asyncIterator]();
  }
  get pid() {
    return this.child.pid!;
  }
  async next(): Promise<string> {
    const line: IteratorResult<string> = await this.lines.next();
    if (line.done) throw new Error(`contender ${this.pid} exited early`);
    return line.value;
  }
  send(line: string) {
    this.child.stdin!.write(`${line}\n`);
  }
  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.stdin!.end();
    });
  }
}

/** Every contender tries the lock at the same moment (all are already loaded and waiting). */
async function race(contenders: Contender[], lockPath: string): Promise<Outcome[]> {
  for (const c of contenders) c.send(`go ${lockPath}`);
  return (await Promise.all(contenders.map((c) => c.next()))).map((l) => JSON.parse(l) as Outcome);
}

async function releaseAll(contenders: Contender[]) {
  for (const c of contenders) c.send('release');
  expect(await Promise.all(contenders.map((c) => c.next()))).toEqual(contenders.map(() => 'released'));
}

const ownerIn = (lockPath: string) => (JSON.parse(fs.readFileSync(lockPath, 'utf8')) as { pid: number }).pid;

describe('the embedded database owner lock, contended by real processes', () => {
  let contenders: Contender[];
  let root: string;
  let n = 0;
  const freshLock = () => path.join(fs.mkdtempSync(path.join(root, `r${n++}-`)), 'pg.lock');

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-lock-'));
    contenders = Array.from({ length: 8 }, () => new Contender());
    expect(await Promise.all(contenders.map((c) => c.next()))).toEqual(contenders.map(() => 'ready'));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(contenders.map((c) => c.stop()));
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('eight processes finding one stale lock at once: exactly one takes it over, every time', async () => {
    for (let round = 0; round < 10; round++) {
      const lockPath = freshLock();
      // Alternate the current format and the bare pid written by earlier releases.
      const dead = deadPid();
      fs.writeFileSync(lockPath, round % 2 ? String(dead) : JSON.stringify({ pid: dead, nonce: 'stale' }));
      const outcomes = await race(contenders, lockPath);
      const winners = outcomes.filter((o) => o.acquired);
      expect(winners, `round ${round}`).toHaveLength(1);
      const owner = winners[0]!.pid;
      expect(ownerIn(lockPath)).toBe(owner);
      for (const o of outcomes.filter((x) => !x.acquired)) expect(o.error).toContain(`in use by process ${owner}`);
      expect(fs.readdirSync(path.dirname(lockPath))).toEqual(['pg.lock']);
      await releaseAll(contenders);
      expect(fs.existsSync(lockPath)).toBe(false);
    }
  }, 120_000);

  it('a live owner is never displaced', async () => {
    const lockPath = freshLock();
    const [first, ...others] = contenders;
    first!.send(`go ${lockPath}`);
    expect(JSON.parse(await first!.next())).toMatchObject({ acquired: true });
    const outcomes = await race(others, lockPath);
    expect(outcomes.filter((o) => o.acquired)).toEqual([]);
    expect(ownerIn(lockPath)).toBe(first!.pid);
    // Not by this (live) test process's lock either.
    const mine = freshLock();
    fs.writeFileSync(mine, JSON.stringify({ pid: process.pid, nonce: 'runner' }));
    expect((await race(contenders, mine)).filter((o) => o.acquired)).toEqual([]);
    expect(ownerIn(mine)).toBe(process.pid);
    await releaseAll(contenders);
  }, 60_000);

  it('a takeover claim left by a taker that died does not block for ever', async () => {
    for (let round = 0; round < 3; round++) {
      const lockPath = freshLock();
      const stale = JSON.stringify({ pid: deadPid(), nonce: 'stale' });
      fs.writeFileSync(lockPath, stale);
      // The previous taker died after claiming the takeover, before replacing the lock.
      fs.writeFileSync(takeoverClaimPath(lockPath, stale), JSON.stringify({ pid: deadPid(), nonce: 'taker' }));
      const winners = (await race(contenders, lockPath)).filter((o) => o.acquired);
      expect(winners).toHaveLength(1);
      expect(ownerIn(lockPath)).toBe(winners[0]!.pid);
      expect(fs.readdirSync(path.dirname(lockPath))).toEqual(['pg.lock']);
      await releaseAll(contenders);
    }
  }, 60_000);
});
