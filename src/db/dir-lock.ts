/**
 * An exclusive owner lock for a directory that only one process may open (the embedded database).
 *
 * The lock file holds `{ pid, nonce }` and only ever appears complete: it is written to a private
 * temporary file first and published with `link`, which fails when the lock exists. A lock whose
 * pid is dead is stale. Taking it over is the racy part — two processes that both remove a stale
 * file and create their own would both believe they own the directory — so a takeover is
 * serialised by a claim file whose name is derived from the stale lock's exact content: only one
 * process can create it (again with `link`), it re-reads the lock under the claim and replaces it
 * with `rename` only if it is still the same stale content. A claim left by a taker that died is
 * itself taken over by a claim with a longer name (the dead taker's nonce appended), so nothing
 * blocks for ever. Plain Node file system calls only; works on local disks and NFS.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

type Owner = { pid: number; nonce: string };

/** Lock paths this process holds now: a second open in the same process is refused too. */
const heldHere = new Set<string>();

/** How long to wait for a live process that is in the middle of a takeover before giving up. */
const TAKEOVER_WAIT_MS = 10_000;

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** The claim file that serialises taking over a stale lock with this content. */
export const takeoverClaimPath = (lockPath: string, lockContent: string) =>
  `${path.resolve(lockPath)}.takeover-${shortHash(lockContent)}`;

export class DirLockedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly owner: number,
  ) {
    super(
      `The embedded database is in use by process ${owner} (${lockPath}). ` +
        'Run one process per data directory, or use PostgreSQL (DATABASE_URL) for several instances.',
    );
    this.name = 'DirLockedError';
  }
}

/**
 * Takes the lock at `lockPath` or throws `DirLockedError` naming the live owner. Returns the
 * release function (which removes the file only while it is still this process's lock).
 */
export function acquireDirLock(lockPath: string): () => void {
  const abs = path.resolve(lockPath);
  if (heldHere.has(abs)) throw new DirLockedError(abs, process.pid);
  const me: Owner = { pid: process.pid, nonce: randomBytes(12).toString('hex') };
  const mine = JSON.stringify(me);
  const deadline = Date.now() + TAKEOVER_WAIT_MS;
  for (;;) {
    if (publish(abs, mine)) return held(abs, mine);
    const current = readText(abs);
    if (current === null) continue; // released between our attempt and the read: try again
    const owner = parseOwner(current);
    if (isLiveOther(owner.pid)) throw new DirLockedError(abs, owner.pid);
    const result = takeOver(abs, current, mine);
    if (result === 'taken') return held(abs, mine);
    if (result === 'busy') {
      if (Date.now() > deadline) throw new Error(`Could not lock ${abs}: another process keeps taking it over`);
      sleep(20);
    }
    // 'changed': someone else replaced the stale lock; look again (it is probably live now)
  }
}

/** Replaces the stale lock whose content is `stale`, if this process wins the claim for it. */
function takeOver(lockPath: string, stale: string, mine: string): 'taken' | 'changed' | 'busy' {
  const chain = [takeoverClaimPath(lockPath, stale)];
  for (;;) {
    const claim = chain[chain.length - 1]!;
    if (publish(claim, mine)) break;
    const holderText = readText(claim);
    if (holderText === null) continue; // removed by a finished taker: try to create it again
    const holder = parseOwner(holderText);
    if (isLiveOther(holder.pid)) return 'busy';
    // The taker died while holding the claim: claim the claim.
    chain.push(`${claim}-${shortHash(holderText)}`);
  }
  try {
    // Under the claim, nobody else can replace this stale content; check that it is still there.
    if (readText(lockPath) !== stale) return 'changed';
    const tmp = tempPath(lockPath);
    fs.writeFileSync(tmp, mine, { mode: 0o644 });
    fs.renameSync(tmp, lockPath);
    return 'taken';
  } finally {
    // Only after the rename: a late process that claims one of these names then sees the new content.
    for (const claim of chain.reverse()) fs.rmSync(claim, { force: true });
  }
}

/** Creates `target` with `content`, complete or not at all; false when it already exists. */
function publish(target: string, content: string): boolean {
  const tmp = tempPath(target);
  fs.writeFileSync(tmp, content, { mode: 0o644 });
  try {
    fs.linkSync(tmp, target);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function held(lockPath: string, mine: string): () => void {
  heldHere.add(lockPath);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    heldHere.delete(lockPath);
    if (readText(lockPath) === mine) fs.rmSync(lockPath, { force: true });
  };
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Accepts the current `{ pid, nonce }` and the plain pid written by earlier releases. */
function parseOwner(text: string): Owner {
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v === 'number') return { pid: v, nonce: '' };
    if (v && typeof v === 'object' && typeof (v as Owner).pid === 'number') return v as Owner;
  } catch {
    /* damaged: treated as a dead owner */
  }
  return { pid: 0, nonce: '' };
}

/**
 * Our own pid in a lock we do not hold is a previous run of this program (containers reuse pids),
 * so it counts as dead.
 */
function isLiveOther(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const tempPath = (target: string) => `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;

function sleep(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
