import { createHash, createHmac } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Actor, RequestMeta } from '../context';
import type { Db } from '../db/client';
import { auditEvents, auditHead } from '../db/schema';
import { canonicalJson } from './canonical-json';
import type { AuditObject } from '../shared/audit-actions';

export const GENESIS_HASH = '0'.repeat(64);
const AUDIT_LOCK = 727002;

export type AuditEntry = {
  action: string;
  entityType: AuditObject;
  entityId?: string | number | null;
  unitId?: number | null;
  before?: unknown;
  after?: unknown;
};

export type AuditWho = {
  actor: Pick<Actor, 'userId' | 'fullName' | 'username'> | null;
  meta: RequestMeta;
  systemName?: string;
  /** The installation's audit key (`deps.config.auditKey`): when given, the event carries its MAC. */
  auditKey?: string | undefined;
};

/**
 * Events about an attempt to use an official account keep the address it came from; any other
 * event without a signed-in actor (a citizen's feedback, a job) never stores one.
 */
const ADDRESS_KEPT_WITHOUT_ACTOR = new Set(['auth.login_failed', 'auth.login_locked']);

/** The fields that are hashed, in the shape they have both when written and when read back. */
export type HashedEvent = {
  seq: number;
  at: string;
  actorUserId: number | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  unitId: number | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
};

/** The hashed fields of a stored event, as they were when it was written. */
export function hashedEventOf(r: typeof auditEvents.$inferSelect): HashedEvent {
  return {
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
}

export function hashEvent(prevHash: string, e: HashedEvent): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(e)).digest('hex');
}

/**
 * HMAC-SHA-256 of `seq|hash` with the installation's audit key. The hash covers the event and,
 * through prev_hash, everything before it; the MAC makes a chain recomputed without the key fail.
 */
export function auditMac(key: string, seq: number, hash: string): string {
  return createHmac('sha256', key).update(`${seq}|${hash}`).digest('hex');
}

/** JSON-safe copy: Dates become ISO strings, undefined is dropped, secrets never leave. */
export function auditSnapshot<T extends Record<string, unknown>>(row: T | null | undefined): Record<string, unknown> | null {
  if (!row) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (k === 'passwordHash' || k === 'searchKey' || v === undefined) continue;
    out[k] = v instanceof Date ? v.toISOString() : v;
  }
  return JSON.parse(JSON.stringify(out)) as Record<string, unknown>;
}

/**
 * Appends one event to the hash-chained trail. Must run inside the transaction that makes the
 * change, as its last statement: the advisory lock it takes is held until commit, so events are
 * chained in commit order across every app instance. With `who.auditKey` the event is MACed;
 * once one event is, every later one must be (the verifier refuses a missing MAC after it).
 */
export async function writeAudit(tx: Db, who: AuditWho, entry: AuditEntry): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1));
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  const event: HashedEvent = {
    seq,
    at: new Date(who.meta.now.getTime()).toISOString(),
    actorUserId: who.actor?.userId ?? null,
    actorName: who.actor ? `${who.actor.fullName} (${who.actor.username})` : (who.systemName ?? 'Hệ thống'),
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    unitId: entry.unitId ?? null,
    before: entry.before === undefined ? null : JSON.parse(JSON.stringify(entry.before)),
    after: entry.after === undefined ? null : JSON.parse(JSON.stringify(entry.after)),
    requestId: who.meta.requestId,
    ip: who.actor || ADDRESS_KEPT_WITHOUT_ACTOR.has(entry.action) ? who.meta.ip : null,
  };
  const hash = hashEvent(prevHash, event);
  const mac = who.auditKey ? auditMac(who.auditKey, seq, hash) : null;
  await tx.insert(auditEvents).values({ ...event, at: new Date(event.at), prevHash, hash, mac });
  await tx.insert(auditHead).values({ id: 1, seq, hash }).onConflictDoUpdate({ target: auditHead.id, set: { seq, hash } });
  return seq;
}
