import fs from 'node:fs';
import { asc, eq, gte, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/client';
import { auditEvents, auditHead, jobs } from '../../db/schema';
import { enqueueJob, runDueJobs } from '../../jobs/runner';
import { SCHEDULES } from '../../jobs/registry';
import { ManualClock } from '../../lib/clock';
import { createBackup } from '../../ops/backup';
import { clientAs, makeProvince } from '../../testing/factories';
import { createTestEnv, type TestEnv } from '../../testing/harness';
import { checkpointAudit, checkpointMac, checkpointsFileOf, readCheckpoints } from './checkpoints';
import { verifyAuditChain } from './verify-chain';
import { GENESIS_HASH, hashedEventOf, hashEvent, writeAudit } from '../../lib/audit-chain';

/** Events written by the application, with the installation's key (or without: as before MACs existed). */
async function record(env: TestEnv, n: number, signed = true) {
  for (let i = 0; i < n; i++) {
    await env.deps.db.transaction((tx) =>
      writeAudit(
        tx,
        {
          actor: null,
          meta: { requestId: `test-${i}`, ip: null, now: env.deps.clock.now() },
          systemName: 'Kiểm thử',
          auditKey: signed ? env.deps.config.auditKey : undefined,
        },
        { action: 'test.event', entityType: 'system', entityId: i, after: { i, signed } },
      ),
    );
  }
}

const headOf = async (db: Db) => (await db.select().from(auditHead).where(eq(auditHead.id, 1)))[0]!;

/** What someone with write access to the database but not the key can do: recompute the chain with the public algorithm. */
async function rechainFrom(db: Db, fromSeq: number, opts: { dropMacs?: boolean } = {}) {
  const rows = await db
    .select()
    .from(auditEvents)
    .where(gte(auditEvents.seq, fromSeq - 1))
    .orderBy(asc(auditEvents.seq));
  let prev = fromSeq === 1 ? GENESIS_HASH : rows[0]!.hash;
  for (const r of rows.filter((x) => x.seq >= fromSeq)) {
    const hash = hashEvent(prev, hashedEventOf(r));
    await db
      .update(auditEvents)
      .set({ prevHash: prev, hash, ...(opts.dropMacs ? { mac: null } : {}) })
      .where(eq(auditEvents.seq, r.seq));
    prev = hash;
  }
  const last = rows[rows.length - 1]!.seq;
  await db.update(auditHead).set({ seq: last, hash: prev }).where(eq(auditHead.id, 1));
}

describe('audit trail: MACs, checkpoints, truncation and re-chaining', () => {
  let env: TestEnv;
  let file: string;
  const clock = new ManualClock('2026-05-04T02:00:00Z');
  const verify = () => verifyAuditChain(env.deps.db, { auditKey: env.deps.config.auditKey!, checkpointsFile: file });

  beforeEach(async () => {
    env = await createTestEnv({ clock });
    file = checkpointsFileOf(env.deps.files.root);
  });
  afterEach(() => env.close());

  it('a clean trail with checkpoints verifies, also through the API; events before MACs existed are accepted', async () => {
    await record(env, 5, false);
    await record(env, 30);
    expect(await checkpointAudit(env.deps, 'schedule')).toMatchObject({ seq: 35, signedFrom: 6 });
    await record(env, 10);
    await checkpointAudit(env.deps, 'schedule');
    expect(await verify()).toEqual({
      ok: true,
      events: 45,
      headSeq: 45,
      legacyEvents: 5,
      checkpoints: 2,
      lastCheckpointSeq: 45,
      forgedCheckpoints: [],
    });
    const admin = (await clientAs(env, 'system_admin', (await makeProvince(env.deps)).province.id)).client;
    const viaApi = await admin.get<{ ok: boolean; checkpoints: number; headSeq: number }>('/api/audit/verify');
    expect(viaApi.body).toMatchObject({ ok: true, checkpoints: 2, headSeq: 46 }); // + the administrator's sign-in
  });

  it('truncation of the last 20 events with the head moved back is detected and located', async () => {
    await record(env, 50);
    await checkpointAudit(env.deps, 'schedule');
    const [kept] = await env.deps.db.select().from(auditEvents).where(eq(auditEvents.seq, 30));
    await env.deps.db.delete(auditEvents).where(gte(auditEvents.seq, 31));
    await env.deps.db.update(auditHead).set({ seq: 30, hash: kept!.hash }).where(eq(auditHead.id, 1));
    // Without the checkpoint this looks intact; with it, the trail ends too early.
    expect(await verifyAuditChain(env.deps.db, { auditKey: env.deps.config.auditKey! })).toMatchObject({ ok: true });
    expect(await verify()).toMatchObject({ ok: false, problem: 'truncated', seq: 30, lastCheckpointSeq: 50 });
  });

  it('deletion in the middle is detected and located, whether the gap is left or closed by re-chaining', async () => {
    await record(env, 30);
    await env.deps.db.delete(auditEvents).where(eq(auditEvents.seq, 12));
    expect(await verify()).toMatchObject({ ok: false, problem: 'deleted', seq: 12 });
    // Close the gap: renumber the later events and recompute the chain without the key.
    await env.deps.db.execute(sql`update audit_events set seq = -seq where seq > 12`);
    await env.deps.db.execute(sql`update audit_events set seq = -seq - 1 where seq < 0`);
    await rechainFrom(env.deps.db, 12);
    expect(await verify()).toMatchObject({ ok: false, problem: 'not_signed', seq: 12 });
  });

  it('reports an event deleted at the end (head left alone) and a forged event slipped in', async () => {
    await record(env, 10);
    const [last] = await env.deps.db.select().from(auditEvents).where(eq(auditEvents.seq, 10));
    await env.deps.db.delete(auditEvents).where(eq(auditEvents.seq, 10));
    expect(await verify()).toMatchObject({ ok: false, problem: 'deleted', seq: 10 });
    await env.deps.db.insert(auditEvents).values(last!);
    expect(await verify()).toMatchObject({ ok: true });
    const rows = await env.deps.db.select().from(auditEvents).orderBy(auditEvents.seq);
    await env.deps.db.execute(sql`update audit_events set seq = -seq where seq >= 2`);
    await env.deps.db.execute(sql`update audit_events set seq = -seq + 1 where seq < 0`);
    await env.deps.db
      .insert(auditEvents)
      .values({ ...rows[1]!, seq: 2, action: 'unit.delete', prevHash: 'f'.repeat(64), hash: 'e'.repeat(64) });
    expect(await verify()).toMatchObject({ ok: false, problem: 'inserted', seq: 2 });
  });

  it('an edit re-chained with the public algorithm is reported at the edited event as not signed', async () => {
    await record(env, 30);
    await checkpointAudit(env.deps, 'schedule');
    await record(env, 5);
    await env.deps.db
      .update(auditEvents)
      .set({ after: { i: 'sửa trộm' } })
      .where(eq(auditEvents.seq, 17));
    expect(await verify()).toMatchObject({ ok: false, problem: 'edited', seq: 17 });
    await rechainFrom(env.deps.db, 17);
    expect(await verify()).toMatchObject({ ok: false, problem: 'not_signed', seq: 17 });
    // Removing the MACs as well does not help: none may be missing after the first signed event.
    await rechainFrom(env.deps.db, 17, { dropMacs: true });
    expect(await verify()).toMatchObject({ ok: false, problem: 'not_signed', seq: 17 });
  });

  it('stripping every MAC and re-chaining from the start is caught by the checkpoints', async () => {
    await record(env, 10, false);
    await record(env, 20);
    await checkpointAudit(env.deps, 'schedule');
    await record(env, 5);
    await env.deps.db
      .update(auditEvents)
      .set({ after: { i: 'sửa trộm' } })
      .where(eq(auditEvents.seq, 25));
    await rechainFrom(env.deps.db, 1, { dropMacs: true });
    // An all-legacy trail: the checkpoint recorded that MACs begin at 11.
    expect(await verify()).toMatchObject({ ok: false, problem: 'not_signed', seq: 11 });
  });

  it('a legacy trail re-chained before a checkpoint is caught at the checkpoint', async () => {
    await record(env, 20, false);
    await checkpointAudit(env.deps, 'schedule');
    await env.deps.db
      .update(auditEvents)
      .set({ after: { i: 'sửa trộm' } })
      .where(eq(auditEvents.seq, 4));
    await rechainFrom(env.deps.db, 4);
    expect(await verify()).toMatchObject({ ok: false, problem: 'checkpoint_mismatch', seq: 20 });
  });

  it('a forged checkpoint is reported and not trusted', async () => {
    await record(env, 10);
    await checkpointAudit(env.deps, 'schedule');
    const body = { seq: 500, hash: 'a'.repeat(64), at: clock.now().toISOString(), reason: 'schedule' as const, signedFrom: 1 };
    fs.appendFileSync(file, `${JSON.stringify({ ...body, mac: checkpointMac('another-key-0123456789abcdef0123456', body) })}\n`);
    // A genuine line edited afterwards fails its MAC too.
    const genuine = readCheckpoints(file, env.deps.config.auditKey!).valid[0]!;
    fs.appendFileSync(file, `${JSON.stringify({ ...genuine, seq: 9 })}\nnot json\n`);
    const report = await verify();
    expect(report).toMatchObject({ ok: false, checkpoints: 1, lastCheckpointSeq: 10, headSeq: 10 });
    expect(report.problem).toBeUndefined();
    expect(report.forgedCheckpoints).toEqual([
      { line: 2, seq: 500 },
      { line: 3, seq: 9 },
      { line: 4, seq: null },
    ]);
  });

  it('the hourly checkpoint job writes only when the head moved', async () => {
    expect(SCHEDULES.find((s) => s.kind === 'audit.checkpoint')?.everySeconds).toBeLessThanOrEqual(3600);
    const run = async () => {
      await enqueueJob(env.deps.db, { kind: 'audit.checkpoint', runAt: clock.now() });
      await runDueJobs(env.deps, 'test');
      clock.advance(3600_000);
      return readCheckpoints(file, env.deps.config.auditKey!);
    };
    await record(env, 3);
    expect((await run()).valid.map((c) => c.seq)).toEqual([3]);
    expect((await run()).valid.map((c) => c.seq)).toEqual([3]);
    await record(env, 2);
    const after = await run();
    expect(after.valid.map((c) => [c.seq, c.reason])).toEqual([
      [3, 'schedule'],
      [5, 'schedule'],
    ]);
    expect(after.forged).toEqual([]);
    expect(
      (await env.deps.db.select({ status: jobs.status }).from(jobs).where(eq(jobs.kind, 'audit.checkpoint'))).map(
        (j) => j.status,
      ),
    ).toEqual(['done', 'done', 'done']);
    expect(await verify()).toMatchObject({ ok: true, checkpoints: 2 });
  });

  it('checkpoints written at once, on one node or two, add one line', async () => {
    const second = env.databaseUrl ? await openDatabase({ databaseUrl: env.databaseUrl, poolSize: 2 }) : null;
    try {
      const nodes = [env.deps, { ...env.deps, db: second?.db ?? env.deps.db }];
      await record(env, 4);
      const written = await Promise.all([...nodes, ...nodes].map((deps) => checkpointAudit(deps, 'schedule')));
      expect(written.filter(Boolean)).toHaveLength(1);
      expect(readCheckpoints(file, env.deps.config.auditKey!).valid.map((c) => c.seq)).toEqual([4]);
    } finally {
      await second?.close();
    }
  });

  it('a backup anchors the audit head it archived', async () => {
    await record(env, 7);
    const { manifest } = await createBackup(env.deps.db, env.deps.dbKind, env.deps.files, clock.now(), {
      auditKey: env.deps.config.auditKey,
    });
    const head = await headOf(env.deps.db);
    expect(manifest.auditHead).toEqual({ seq: 7, hash: head.hash });
    expect(readCheckpoints(file, env.deps.config.auditKey!).valid).toMatchObject([{ seq: 7, hash: head.hash, reason: 'backup' }]);
  });
});
