import { asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { auditEvents, auditHead } from '../../db/schema';
import { readCheckpoints, type Checkpoint } from './checkpoints';
import { auditMac, GENESIS_HASH, hashedEventOf, hashEvent } from '../../lib/audit-chain';

export type ChainProblem =
  /** The event's hash no longer matches its content. */
  | 'edited'
  /** A gap in seq, or a head that is ahead of the last event. */
  | 'deleted'
  /** A link that does not point at its predecessor. */
  | 'inserted'
  | 'head_mismatch'
  /** The MAC is missing or wrong: the event (or the chain up to it) was not written by this installation. */
  | 'not_signed'
  /** The database ends at `seq`, before an event a checkpoint vouches for. */
  | 'truncated'
  /** The event at a checkpoint's seq has another hash than the checkpoint recorded: the chain was rewritten. */
  | 'checkpoint_mismatch';

export type ChainReport = {
  ok: boolean;
  /** Events read (up to the first problem). */
  events: number;
  /** The last seq in the database. */
  headSeq: number;
  /** Events written before MACs existed (accepted only before the first MACed event). */
  legacyEvents: number;
  /** Checkpoints whose MAC verifies, and the newest seq they vouch for. */
  checkpoints: number;
  lastCheckpointSeq: number | null;
  /** Checkpoint lines that are damaged or whose MAC fails. */
  forgedCheckpoints: { line: number; seq: number | null }[];
  /** The first problem in the trail and where it is. */
  problem?: ChainProblem;
  seq?: number;
};

/**
 * Walks the trail in order and reports the first event that was edited, deleted or inserted, that
 * lacks a valid MAC once MACs began (or from the `signedFrom` a checkpoint recorded), or that
 * differs from a checkpoint; then whether the trail ends before the newest checkpoint (truncated).
 * Checkpoint lines whose MAC fails are listed as forged and ignored otherwise.
 */
export async function verifyAuditChain(
  db: Db,
  opts: { auditKey: string; checkpointsFile?: string | null; batchSize?: number },
): Promise<ChainReport> {
  const { valid, forged } = opts.checkpointsFile
    ? readCheckpoints(opts.checkpointsFile, opts.auditKey)
    : { valid: [], forged: [] };
  const bySeq = new Map<number, Checkpoint[]>();
  for (const c of valid) bySeq.set(c.seq, [...(bySeq.get(c.seq) ?? []), c]);
  const signedFloor = valid.reduce((m, c) => Math.min(m, c.signedFrom ?? Infinity), Infinity);
  const lastCheckpointSeq = valid.reduce<number | null>((m, c) => Math.max(m ?? 0, c.seq), null);

  const report: ChainReport = {
    ok: false,
    events: 0,
    headSeq: 0,
    legacyEvents: 0,
    checkpoints: valid.length,
    lastCheckpointSeq,
    forgedCheckpoints: forged,
  };
  const fail = (problem: ChainProblem, seq: number): ChainReport => ({ ...report, problem, seq });

  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let signed = false;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.seq, expectedSeq - 1))
      .orderBy(asc(auditEvents.seq))
      .limit(opts.batchSize ?? 5000);
    if (!rows.length) break;
    for (const r of rows) {
      report.events++;
      if (r.seq !== expectedSeq) return fail('deleted', expectedSeq);
      if (r.prevHash !== prevHash) return fail('inserted', r.seq);
      if (hashEvent(prevHash, hashedEventOf(r)) !== r.hash) return fail('edited', r.seq);
      if (r.mac === null) {
        if (signed || r.seq >= signedFloor) return fail('not_signed', r.seq);
        report.legacyEvents++;
      } else {
        if (r.mac !== auditMac(opts.auditKey, r.seq, r.hash)) return fail('not_signed', r.seq);
        signed = true;
      }
      if (bySeq.get(r.seq)?.some((c) => c.hash !== r.hash)) return fail('checkpoint_mismatch', r.seq);
      prevHash = r.hash;
      report.headSeq = r.seq;
      expectedSeq++;
    }
  }
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  const lastSeq = expectedSeq - 1;
  if ((head?.seq ?? 0) !== lastSeq) return fail('deleted', lastSeq + 1);
  if ((head?.hash ?? GENESIS_HASH) !== prevHash) return fail('head_mismatch', lastSeq);
  if (lastCheckpointSeq !== null && lastSeq < lastCheckpointSeq) return fail('truncated', lastSeq);
  return { ...report, ok: forged.length === 0 };
}
