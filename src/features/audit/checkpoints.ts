/**
 * Checkpoints anchor the audit trail outside the database: a line `{ seq, hash, at, reason,
 * signedFrom, mac }` appended to `FILES_DIR/audit/checkpoints.jsonl`, MACed with the audit key.
 * Someone who can rewrite the database can move `audit_head` back or recompute the chain, but cannot
 * take back a checkpoint already on another volume nor forge a new one; `verifyAuditChain` compares
 * the trail with every checkpoint. Written by an hourly job (only when the head moved), at every
 * backup and at graceful shutdown.
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq, isNotNull, min, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../context';
import type { Db } from '../../db/client';
import { auditEvents, auditHead } from '../../db/schema';
import { canonicalJson } from '../../lib/canonical-json';
import { auditKeyOf } from './audit-key';

/** Serialises checkpoint writers across app instances (and a backup running beside them). */
const CHECKPOINT_LOCK = 727003;

const CheckpointLine = z.object({
  seq: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string(),
  reason: z.enum(['schedule', 'backup', 'shutdown']),
  /** The first MACed event: from there on every event must carry a valid MAC (null: none yet). */
  signedFrom: z.number().int().positive().nullable(),
  mac: z.string(),
});

export type Checkpoint = z.infer<typeof CheckpointLine>;
export type CheckpointReason = Checkpoint['reason'];

export const checkpointsFileOf = (filesDir: string) => path.join(filesDir, 'audit', 'checkpoints.jsonl');

export function checkpointMac(key: string, c: Omit<Checkpoint, 'mac'>): string {
  const { seq, hash, at, reason, signedFrom } = c;
  return createHmac('sha256', key)
    .update(`checkpoint|${canonicalJson({ seq, hash, at, reason, signedFrom })}`)
    .digest('hex');
}

export type CheckpointFile = {
  /** Checkpoints whose MAC verifies, in file order. */
  valid: Checkpoint[];
  /** Lines (1-based) that are damaged or whose MAC fails: forged, or written with another key. */
  forged: { line: number; seq: number | null }[];
};

export function readCheckpoints(file: string, key: string): CheckpointFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { valid: [], forged: [] };
    throw err;
  }
  const out: CheckpointFile = { valid: [], forged: [] };
  text.split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(raw);
    } catch {
      /* damaged line */
    }
    const c = CheckpointLine.safeParse(parsed);
    if (c.success && c.data.mac === checkpointMac(key, c.data)) out.valid.push(c.data);
    else {
      const seq = (parsed as { seq?: unknown } | null)?.seq;
      out.forged.push({ line: i + 1, seq: typeof seq === 'number' ? seq : null });
    }
  });
  return out;
}

/**
 * Appends a checkpoint of the audit head (or of `head`, e.g. the one a backup archived) unless a
 * valid checkpoint of that very state is already there. Writers on several nodes are serialised by
 * a PostgreSQL advisory lock, and each line is one append followed by fsync, so a shared volume is
 * fine. Returns the checkpoint written, or null when there was nothing new to anchor.
 */
export async function writeAuditCheckpoint(
  db: Db,
  opts: { filesDir: string; auditKey: string; now: Date; reason: CheckpointReason; head?: { seq: number; hash: string } | null },
): Promise<Checkpoint | null> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CHECKPOINT_LOCK})`);
    const head = opts.head ?? (await tx.select().from(auditHead).where(eq(auditHead.id, 1)))[0];
    if (!head || head.seq <= 0) return null;
    const file = checkpointsFileOf(opts.filesDir);
    const { valid } = readCheckpoints(file, opts.auditKey);
    if (valid.some((c) => c.seq === head.seq && c.hash === head.hash)) return null;
    const known = valid.map((c) => c.signedFrom).filter((s): s is number => s !== null);
    const signedFrom = known.length
      ? Math.min(...known)
      : ((
          await tx
            .select({ seq: min(auditEvents.seq) })
            .from(auditEvents)
            .where(isNotNull(auditEvents.mac))
        )[0]?.seq ?? null);
    const body = { seq: head.seq, hash: head.hash, at: opts.now.toISOString(), reason: opts.reason, signedFrom };
    const checkpoint: Checkpoint = { ...body, mac: checkpointMac(opts.auditKey, body) };
    await appendLine(file, JSON.stringify(checkpoint));
    return checkpoint;
  });
}

/** The checkpoint the hourly job, a backup or shutdown writes for this installation. */
export function checkpointAudit(deps: Deps, reason: CheckpointReason, head?: { seq: number; hash: string } | null) {
  return writeAuditCheckpoint(deps.db, {
    filesDir: deps.files.root,
    auditKey: auditKeyOf(deps.config),
    now: deps.clock.now(),
    reason,
    head: head ?? null,
  });
}

/** One write with O_APPEND, after a newline if a crash left the last line unfinished; then fsync. */
async function appendLine(file: string, line: string) {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const fh = await fs.promises.open(file, 'a+', 0o640);
  try {
    const { size } = await fh.stat();
    let prefix = '';
    if (size > 0) {
      const last = Buffer.alloc(1);
      await fh.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = '\n';
    }
    await fh.write(`${prefix}${line}\n`);
    await fh.sync();
  } finally {
    await fh.close();
  }
}
