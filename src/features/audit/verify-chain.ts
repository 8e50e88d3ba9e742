import { asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { auditEvents, auditHead } from '../../db/schema';
import { GENESIS_HASH, hashEvent, type HashedEvent } from './write-audit';

export type ChainReport =
  | { ok: true; events: number; headSeq: number }
  | {
      ok: false;
      events: number;
      /** The first event where the chain breaks. */
      seq: number;
      problem: 'edited' | 'deleted' | 'inserted' | 'head_mismatch';
    };

/**
 * Walks the trail in order and reports the first event that was edited (its hash no longer matches
 * its content), deleted (a gap in seq, or a tail shorter than the head says) or inserted (a link
 * that does not point at its predecessor).
 */
export async function verifyAuditChain(db: Db, batchSize = 5000): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.seq, expectedSeq - 1))
      .orderBy(asc(auditEvents.seq))
      .limit(batchSize);
    if (!rows.length) break;
    for (const r of rows) {
      count++;
      if (r.seq !== expectedSeq) return { ok: false, events: count, seq: expectedSeq, problem: 'deleted' };
      const event: HashedEvent = {
        seq: r.seq,
        at: r.at.toISOString(),
        actorUserId: r.actorUserId,
        actorName: r.actorName,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        unitId: r.unitId,
        before: r.before,
        after: r.after,
        requestId: r.requestId,
        ip: r.ip,
      };
      if (r.prevHash !== prevHash) return { ok: false, events: count, seq: r.seq, problem: 'inserted' };
      if (hashEvent(prevHash, event) !== r.hash) return { ok: false, events: count, seq: r.seq, problem: 'edited' };
      prevHash = r.hash;
      expectedSeq++;
    }
  }
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  const lastSeq = expectedSeq - 1;
  if ((head?.seq ?? 0) !== lastSeq) {
    return { ok: false, events: count, seq: lastSeq + 1, problem: 'deleted' };
  }
  if ((head?.hash ?? GENESIS_HASH) !== prevHash) {
    return { ok: false, events: count, seq: lastSeq, problem: 'head_mismatch' };
  }
  return { ok: true, events: count, headSeq: lastSeq };
}
