import net from 'node:net';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../app';
import type { Deps } from '../context';
import { openDatabase, rowsOf, type Database } from '../db/client';
import { assessments, auditEvents, disbursements, jobs, projects, units } from '../db/schema';
import { yearAllocations } from '../features/capital/queries';
import { enqueueJob, runDueJobs } from '../jobs/runner';
import { ManualClock } from '../lib/clock';
import { DEMO_PASSWORD, loadDemoIfEmpty } from '../seed/demo';
import { createTestEnv, TestClient, type TestEnv } from '../testing/harness';

/**
 * Several application nodes on one PostgreSQL: sessions, optimistic versions, ledger rules and
 * jobs hold across nodes; and a database that goes away yields 503s, then service again without a
 * restart. On the embedded database a second process is refused instead (one process per directory).
 */
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

describe.runIf(onPostgres)('two application nodes on one PostgreSQL', () => {
  let env: TestEnv;
  let second: Database;
  let appB: App;
  let depsB: Deps;
  const clock = new ManualClock('2022-09-10T03:00:00Z');

  beforeAll(async () => {
    env = await createTestEnv({ clock, config: { sessionIdleMinutes: 10_000_000, sessionMaxHours: 9000 } });
    await loadDemoIfEmpty(env.deps);
    second = await openDatabase({ databaseUrl: env.databaseUrl!, poolSize: 5 });
    depsB = { ...env.deps, db: second.db };
    appB = buildApp(depsB);
  });
  afterAll(async () => {
    await second?.close();
    await env?.close();
  });

  it('a session opened on one node works on the other, and signing out on one ends it on both', async () => {
    const a = new TestClient(env.app);
    await a.login('vpdp.mongcai', DEMO_PASSWORD);
    const onB = await appB.request('/api/auth/session', { headers: a.authHeaders() });
    expect(((await onB.json()) as { user: { username: string } | null }).user?.username).toBe('vpdp.mongcai');
    const out = await appB.request('/api/auth/logout', {
      method: 'POST',
      headers: a.authHeaders(),
    });
    expect(out.status).toBeLessThan(300);
    expect((await a.get('/api/capital/projects?unitId=1')).status).toBe(401);
  });

  it('two nodes editing the same project with the same version: one wins, the other gets 409', async () => {
    const a = new TestClient(env.app);
    await a.login('vpdp.mongcai', DEMO_PASSWORD);
    const b = new TestClient(appB);
    await b.login('vpdp.mongcai', DEMO_PASSWORD);
    const [p] = await env.deps.db.select().from(projects).where(eq(projects.code, 'MC-2022-02'));
    const auditsBefore = await env.deps.db.$count(auditEvents, eq(auditEvents.entityId, String(p!.id)));
    const [ra, rb] = await Promise.all([
      a.patch(`/api/capital/projects/${p!.id}`, { version: p!.version, contractor: 'Công ty A' }),
      b.patch(`/api/capital/projects/${p!.id}`, { version: p!.version, contractor: 'Công ty B' }),
    ]);
    expect([ra.status, rb.status].sort()).toEqual([200, 409]);
    const [after] = await env.deps.db.select().from(projects).where(eq(projects.id, p!.id));
    expect(after!.version).toBe(p!.version + 1);
    expect(after!.contractor).toBe(ra.status === 200 ? 'Công ty A' : 'Công ty B');
    expect(await env.deps.db.$count(auditEvents, eq(auditEvents.entityId, String(p!.id)))).toBe(auditsBefore + 1);
  });

  it('payments racing on both nodes never exceed the allocation', async () => {
    const a = new TestClient(env.app);
    await a.login('vpdp.mongcai', DEMO_PASSWORD);
    const b = new TestClient(appB);
    await b.login('vpdp.mongcai', DEMO_PASSWORD);
    const [p] = await env.deps.db.select().from(projects).where(eq(projects.code, 'MC-2022-01'));
    const alloc = (await yearAllocations(env.deps.db, [p!.id], 2022)).find((x) => x.sourceCode === 'NSDP_XA')!;
    const paid = (
      await env.deps.db
        .select()
        .from(disbursements)
        .where(and(eq(disbursements.projectId, p!.id), eq(disbursements.sourceCode, 'NSDP_XA'), eq(disbursements.planYear, 2022)))
    ).reduce((s, d) => s + d.amount, 0);
    const room = alloc.amount - paid;
    const amount = Math.floor(room / 3);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 ? b : a).post('/api/capital/disbursements', {
          projectId: p!.id,
          planYear: 2022,
          sourceCode: 'NSDP_XA',
          date: '2022-09-09',
          amount,
          paymentType: 'acceptance',
          voucherRef: `KB-RACE-${i}`,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    for (const r of results.filter((x) => x.status !== 201)) expect(r.status).toBe(422);
    const total = (
      await env.deps.db
        .select()
        .from(disbursements)
        .where(and(eq(disbursements.projectId, p!.id), eq(disbursements.sourceCode, 'NSDP_XA'), eq(disbursements.planYear, 2022)))
    ).reduce((s, d) => s + d.amount, 0);
    expect(total).toBeLessThanOrEqual(alloc.amount);
  });

  it('dashboard reads go to the replica named by DATABASE_READ_URL, with the same answers', async () => {
    const url = new URL(env.databaseUrl!);
    url.searchParams.set('application_name', 'dl_read_replica');
    const replica = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
    try {
      const appR = buildApp({ ...env.deps, readDb: replica.db });
      const viaReplica = new TestClient(appR);
      await viaReplica.login('vpdp.mongcai', DEMO_PASSWORD);
      const direct = new TestClient(env.app);
      await direct.login('vpdp.mongcai', DEMO_PASSWORD);
      const [mc] = await env.deps.db.select().from(units).where(eq(units.name, 'thành phố Móng Cái'));
      const q = `/api/dashboard/summary?unitId=${mc!.id}&month=2022-05`;
      const [a, b] = [await viaReplica.get(q), await direct.get(q)];
      expect(a.status).toBe(200);
      expect(a.body).toEqual(b.body);
      const seen = await env.deps.db.execute(
        sql`select count(*)::int as n from pg_stat_activity where application_name = 'dl_read_replica'`,
      );
      expect(rowsOf<{ n: number }>(seen)[0]!.n).toBeGreaterThan(0);
    } finally {
      await replica.close();
    }
  });

  it('each queued job runs exactly once across the nodes', async () => {
    for (let i = 0; i < 12; i++)
      await enqueueJob(env.deps.db, { kind: 'sessions.purge', runAt: clock.now(), uniqueKey: `once-${i}` });
    await Promise.all([runDueJobs(env.deps, 'node-a'), runDueJobs(depsB, 'node-b'), runDueJobs(env.deps, 'node-a2')]);
    const rows = await env.deps.db
      .select()
      .from(jobs)
      .where(
        inArray(
          jobs.uniqueKey,
          Array.from({ length: 12 }, (_, i) => `once-${i}`),
        ),
      );
    expect(rows).toHaveLength(12);
    for (const r of rows) expect({ status: r.status, attempts: r.attempts }).toEqual({ status: 'done', attempts: 1 });
  });
});

describe.runIf(onPostgres)('the database going away and coming back', () => {
  let env: TestEnv;
  let proxy: net.Server;
  let port = 0;
  const sockets = new Set<net.Socket>();
  let viaProxy: Database;
  let app: App;

  function listen(): Promise<void> {
    const target = new URL(process.env.TEST_DATABASE_URL!);
    proxy = net.createServer((client) => {
      const upstream = net.connect(Number(target.port || 5432), target.hostname);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    return new Promise((resolve) => proxy.listen(port, '127.0.0.1', () => resolve()));
  }
  function cut(): Promise<void> {
    for (const s of sockets) s.destroy();
    return new Promise((resolve) => proxy.close(() => resolve()));
  }

  beforeAll(async () => {
    env = await createTestEnv();
    await loadDemoIfEmpty(env.deps);
    await listen();
    port = (proxy.address() as net.AddressInfo).port;
    const url = new URL(env.databaseUrl!);
    url.host = `127.0.0.1:${port}`;
    viaProxy = await openDatabase({ databaseUrl: url.toString(), poolSize: 3 });
    app = buildApp({ ...env.deps, db: viaProxy.db });
  });
  afterAll(async () => {
    await viaProxy?.close().catch(() => undefined);
    await cut().catch(() => undefined);
    await env?.close();
  });

  it('answers 503 with a clear message while it is away, changes nothing, and recovers by itself', async () => {
    const client = new TestClient(app);
    await client.login('vpdp.mongcai', DEMO_PASSWORD);
    const [mc] = await env.deps.db.select().from(units).where(eq(units.name, 'thành phố Móng Cái'));
    expect((await client.get(`/api/dashboard/summary?unitId=${mc!.id}&month=2022-05`)).status).toBe(200);

    await cut();
    const health = await app.request('/api/health');
    expect(health.status).toBe(503);
    const down = await client.get<{ error: { code: string; message: string } }>(
      `/api/dashboard/summary?unitId=${mc!.id}&month=2022-05`,
    );
    expect(down.status).toBe(503);
    expect(down.body.error.code).toBe('SERVICE_UNAVAILABLE');
    expect(down.body.error.message).toMatch(/[à-ỹ]/);
    expect(down.text).not.toMatch(/at .*\.ts:\d+|ECONNREFUSED|stack/i);
    const write = await client.post('/api/capital/disbursements', {
      projectId: 1,
      planYear: 2022,
      sourceCode: 'NSDP_XA',
      date: '2022-09-09',
      amount: 1000,
      paymentType: 'acceptance',
      voucherRef: 'KB-OUTAGE',
    });
    expect(write.status).toBe(503);

    await listen();
    let status = 0;
    // The pool reconnects on its own; a loaded machine may take a while (a minute at most, polled).
    for (let i = 0; i < 600 && status !== 200; i++) {
      status = (await client.get(`/api/dashboard/summary?unitId=${mc!.id}&month=2022-05`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
    expect((await app.request('/api/health')).status).toBe(200);
    expect(await env.deps.db.$count(disbursements, eq(disbursements.voucherRef, 'KB-OUTAGE'))).toBe(0);
  });
});

describe('the same record created twice at the same moment', () => {
  let env: TestEnv;
  beforeAll(async () => {
    // January 2027: December 2026 has begun and may be opened.
    env = await createTestEnv({ clock: new ManualClock('2027-01-15T02:00:00Z') });
    await loadDemoIfEmpty(env.deps);
  });
  afterAll(() => env?.close());

  it('one request creates it, the others get 409 — never a 500, never two', async () => {
    const officers = await Promise.all(
      [0, 1, 2, 3].map(async () => {
        const c = new TestClient(env.app);
        await c.login('canbo.haison', DEMO_PASSWORD);
        return c;
      }),
    );
    const session = await officers[0]!.get<{ user: { homeUnitId: number } }>('/api/auth/session');
    const unitId = session.body.user.homeUnitId;
    const results = await Promise.all(officers.map((c) => c.post('/api/assessments', { unitId, month: '2026-12' })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    const rows = await env.deps.db.select().from(assessments).where(eq(assessments.unitId, unitId));
    expect(rows.filter((r) => r.period === '2026-12-01')).toHaveLength(1);
  });
});

describe.runIf(!onPostgres)('the embedded database has one owner', () => {
  it('a second process opening the same data directory is refused, not allowed to corrupt it', async () => {
    const { default: os } = await import('node:os');
    const { default: fs } = await import('node:fs');
    const { default: path } = await import('node:path');
    const { spawnSync } = await import('node:child_process');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-owner-'));
    const first = await openDatabase({ dataDir: dir });
    try {
      const script = `import('${path.resolve(import.meta.dirname, '../db/client.ts')}').then(m => m.openDatabase({ dataDir: ${JSON.stringify(dir)} })).then(() => process.exit(0), (e) => { console.error(e.message); process.exit(3); })`;
      const out = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' });
      expect(out.status).toBe(3);
      expect(out.stderr).toMatch(/in use by process \d+/);
    } finally {
      await first.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
