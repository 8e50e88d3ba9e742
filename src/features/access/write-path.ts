/**
 * The one write path. Every change a person, a citizen or the system makes goes through here:
 *
 *   load the resource → resolve its unit(s) → authorise on them (a dissolved or predecessor unit is
 *   read-only) → one transaction → lock the parent row(s) and re-read → compare the stored version →
 *   the change, with its cross-row rules checked under those locks → one typed audit event, last.
 *
 * A use case supplies only what differs (`WriteSpec`). `src/features/access/write-path.test.ts`
 * fails when a file outside the allowed few opens a transaction or writes an audit event itself.
 */
import { and, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import type { Db } from '../../db/client';
import { units } from '../../db/schema';
import { AppError, versionConflict } from '../../lib/errors';
import type { AuditAction } from '../../shared/audit-actions';
import type { Action } from '../../shared/roles';
import { todayVn } from '../../shared/vi';
import { writeAudit, type AuditEntry } from '../../lib/audit-chain';
import { authorize, unitInScope } from './authorize';

/** Who is writing: the signed-in person and the request. */
export type Writer = { deps: Deps; actor: Actor; meta: RequestMeta };

/** What a change records in the trail (the helper adds who, when and any correction reason). */
export type AuditEvent = Omit<AuditEntry, 'action'> & { action: AuditAction };

export type Applied<R> = { result: R; audit: AuditEvent | AuditEvent[] };

export type WriteSpec<T, R> = {
  /**
   * The permission needed on every unit of the resource, or a function that decides (OCOP producers,
   * council members, round members…). It must throw NOT_FOUND / FORBIDDEN like `authorize`.
   */
  can: Action | ((db: Db, actor: Actor, unitIds: number[], row: T) => Promise<void>);
  /** Reads the resource (throw NOT_FOUND when it is missing). For a creation: the input itself. */
  load: (db: Db) => Promise<T>;
  /** The administrative unit(s) the resource belongs to. */
  units: (row: T) => number | readonly number[];
  /**
   * Inside the transaction, before anything else: lock the parent row(s) with `SELECT … FOR UPDATE`
   * (in a fixed order) and return the resource as it is now. Cross-row rules are checked after it.
   */
  lock?: (tx: Db, row: T) => Promise<T>;
  /** The version the client read; compared with the stored one after the lock (never chosen by the client). */
  version?: { sent: number; stored: (row: T) => number };
  /** The change and its checks; returns the result and the audit event(s). */
  apply: (tx: Db, row: T) => Promise<Applied<R>>;
  /**
   * 'allow' for acts *about* history that change none of its records: publishing a dissolved unit's
   * verified figures on the portal, answering citizens about them. Default: ended units are read-only.
   */
  endedUnits?: 'refuse' | 'allow';
};

/** The request header a system administrator sends to correct a dissolved unit's records (URI-encoded). */
export const CORRECTION_HEADER = 'x-correction-reason';

/**
 * Units that ended on or before today are history: read-only for everyone, except a system
 * administrator over them who gives a reason (recorded in the audit event).
 */
export async function assertWritable(
  db: Db,
  actor: Actor | null,
  meta: RequestMeta,
  unitIds: readonly number[],
): Promise<{ correction: string } | null> {
  const ids = [...new Set(unitIds)];
  if (!ids.length) return null;
  const today = todayVn(meta.now);
  const ended = await db
    .select({ id: units.id, name: units.name, effectiveTo: units.effectiveTo })
    .from(units)
    .where(and(inArray(units.id, ids), isNotNull(units.effectiveTo), lte(units.effectiveTo, today)));
  if (!ended.length) return null;
  const first = ended[0]!;
  const reason = meta.correctionReason?.trim();
  if (actor && reason) {
    const adminRoots = actor.grants.filter((g) => g.role === 'system_admin').map((g) => g.unitId);
    let all = adminRoots.length > 0;
    for (const u of ended) if (all && !(await unitInScope(db, adminRoots, u.id))) all = false;
    if (all) return { correction: reason.slice(0, 500) };
  }
  throw new AppError(
    'UNIT_READ_ONLY',
    { unitIds: ended.map((u) => u.id), effectiveTo: first.effectiveTo },
    { unit: first.name, date: viDate(first.effectiveTo!) },
  );
}

const viDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

async function authoriseOn<T>(db: Db, actor: Actor, spec: WriteSpec<T, unknown>, unitIds: number[], row: T) {
  if (typeof spec.can === 'function') return spec.can(db, actor, unitIds, row);
  for (const u of unitIds) await authorize(db, actor, spec.can, u);
}

const asList = (u: number | readonly number[]) => (typeof u === 'number' ? [u] : [...u]);

/** A change made by a signed-in person. */
export async function write<T, R>(w: Writer, spec: WriteSpec<T, R>): Promise<R> {
  const { deps, actor, meta } = w;
  const row = await spec.load(deps.db);
  const unitIds = asList(spec.units(row));
  await authoriseOn(deps.db, actor, spec as WriteSpec<T, unknown>, unitIds, row);
  const history = spec.endedUnits === 'allow';
  const correction = history ? null : await assertWritable(deps.db, actor, meta, unitIds);
  return deps.db.transaction(async (tx) => {
    const current = spec.lock ? await spec.lock(tx, row) : row;
    if (spec.lock) {
      // Decided again on the locked rows: the resource may have moved, or what the decision rests on
      // (a person's roles, a round's membership) may have changed while we waited for the lock.
      const now = asList(spec.units(current));
      await authoriseOn(tx, actor, spec as WriteSpec<T, unknown>, now, current);
      if (!history && now.some((u) => !unitIds.includes(u))) await assertWritable(tx, actor, meta, now);
    }
    if (spec.version && spec.version.stored(current) !== spec.version.sent) throw versionConflict(spec.version.stored(current));
    const { result, audit } = await spec.apply(tx, current);
    for (const e of Array.isArray(audit) ? audit : [audit]) {
      const after = correction
        ? { ...((e.after as Record<string, unknown> | null | undefined) ?? {}), correctionReason: correction.correction }
        : e.after;
      await writeAudit(tx, { actor, meta, auditKey: deps.config.auditKey }, { ...e, after });
    }
    return result;
  });
}

/**
 * A change a person makes to what is only theirs (their notifications, preferences, password): no
 * unit to authorise on; `apply` must touch only rows of `actor.userId`.
 */
export async function writeOwn<R>(w: Writer, apply: (tx: Db) => Promise<Applied<R>>): Promise<R> {
  return w.deps.db.transaction(async (tx) => {
    const { result, audit } = await apply(tx);
    for (const e of Array.isArray(audit) ? audit : [audit])
      await writeAudit(tx, { actor: w.actor, meta: w.meta, auditKey: w.deps.config.auditKey }, e);
    return result;
  });
}

/**
 * A change nobody signed in makes: a citizen's feedback, a sign-in attempt, the system's jobs and
 * demo data. Same transaction and audit discipline; the caller has already decided it is allowed.
 */
export async function writeAs<R>(
  deps: Deps,
  who: { meta: RequestMeta; systemName: string; actor?: Pick<Actor, 'userId' | 'fullName' | 'username'> | null },
  apply: (tx: Db) => Promise<Applied<R>>,
): Promise<R> {
  return deps.db.transaction(async (tx) => {
    const { result, audit } = await apply(tx);
    for (const e of Array.isArray(audit) ? audit : [audit]) {
      await writeAudit(
        tx,
        { actor: who.actor ?? null, meta: who.meta, systemName: who.systemName, auditKey: deps.config.auditKey },
        e,
      );
    }
    return result;
  });
}

/**
 * Whether the write path would let `actor` change a resource of `unitIds` with `can` now: the same
 * `authorize` (or the feature's own check) and the same rule that ended units are read-only. A
 * presenter asks this to list the steps a caller may take; a refusal here is a refusal there.
 */
export async function mayWrite<T>(
  db: Db,
  actor: Actor,
  now: Date,
  can: WriteSpec<T, unknown>['can'],
  unitIds: number | readonly number[],
  row: T,
): Promise<boolean> {
  const ids = asList(unitIds);
  try {
    await authoriseOn(db, actor, { can } as WriteSpec<T, unknown>, ids, row);
    await assertWritable(db, actor, { requestId: '', ip: null, now }, ids);
    return true;
  } catch (err) {
    if (err instanceof AppError && ['FORBIDDEN', 'NOT_FOUND', 'UNIT_READ_ONLY'].includes(err.code)) return false;
    throw err;
  }
}

/**
 * For features whose access check also loads the resource (`activityFor(db, actor, id, 'manage')`):
 * `load` and `lock` call it, so it runs before the transaction and again on the locked rows.
 */
export const checkedByLoad = async (): Promise<void> => undefined;

/**
 * A transaction lock on a name, for rules over rows that have no parent row to lock (how many
 * messages one sender sent this hour). Held until commit, on every app instance.
 */
export async function lockKey(tx: Db, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}

/** Loads one row by a query, NOT_FOUND when there is none. */
export async function one<T>(rows: Promise<T[]>, entity?: string): Promise<T> {
  const [row] = await rows;
  if (!row) throw new AppError('NOT_FOUND', entity ? { entity } : undefined);
  return row;
}
