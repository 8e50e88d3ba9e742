import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { openDatabase, type Database } from '../../db/client';
import { auditEvents } from '../../db/schema';
import { ManualClock } from '../../lib/clock';
import { clientAs, makeProvince, makeUser, TEST_PASSWORD } from '../../testing/factories';
import { createTestEnv, TestClient, type TestEnv } from '../../testing/harness';

type ErrBody = { error: { code: string; message: string } };

const MAX = 5;
const LOCK_MINUTES = 15;
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

/** How many sign-in attempts of this name had their password hash checked (each writes one of these events). */
async function evaluatedSignIns(env: TestEnv, username: string): Promise<number> {
  return env.deps.db.$count(
    auditEvents,
    and(
      inArray(auditEvents.action, ['auth.login_failed', 'auth.login_locked']),
      sql`${auditEvents.after}->>'username' = ${username}`,
    ),
  );
}

/** How many of this person's password changes had the current password checked and found wrong. */
async function evaluatedPasswordChecks(env: TestEnv, userId: number): Promise<number> {
  return env.deps.db.$count(
    auditEvents,
    and(inArray(auditEvents.action, ['auth.change_password_failed', 'auth.login_locked']), eq(auditEvents.actorUserId, userId)),
  );
}

/** A client with its CSRF cookie already in hand, so parallel requests need nothing first. */
async function readyClient(app: TestEnv['app'], headers: Record<string, string> = {}) {
  const c = new TestClient(app, headers);
  await c.get('/api/auth/session');
  return c;
}

const statusCounts = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});

describe('sign-in limits hold under concurrency', () => {
  let env: TestEnv;
  const clock = new ManualClock('2026-04-06T01:00:00Z');
  let province: Awaited<ReturnType<typeof makeProvince>>;

  beforeAll(async () => {
    env = await createTestEnv({
      clock,
      config: { loginMaxFailures: MAX, loginLockMinutes: LOCK_MINUTES, sessionIdleMinutes: 600 },
    });
    province = await makeProvince(env.deps);
  });
  afterAll(() => env.close());

  it('120 parallel wrong passwords: only the configured number are checked; the right one waits for the lock to run out', async () => {
    const user = await makeUser(env.deps, 'viewer', province.communeA.id);
    const c = await readyClient(env.app);
    const results = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        c.post<ErrBody>('/api/auth/login', { username: user.username, password: `sai-${i}-xxxx` }),
      ),
    );
    expect(await evaluatedSignIns(env, user.username)).toBe(MAX);
    expect(statusCounts(results.map((r) => r.status))).toEqual({ 401: MAX - 1, 423: 120 - (MAX - 1) });

    const locked = await c.post<ErrBody>('/api/auth/login', { username: user.username, password: TEST_PASSWORD });
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe('ACCOUNT_LOCKED');
    expect(await evaluatedSignIns(env, user.username)).toBe(MAX);

    const admin = (await clientAs(env, 'system_admin', province.province.id)).client;
    expect((await admin.get<{ locked: boolean }>(`/api/users/${user.id}`)).body.locked).toBe(true);

    clock.advance((LOCK_MINUTES - 1) * 60_000);
    expect((await c.post('/api/auth/login', { username: user.username, password: TEST_PASSWORD })).status).toBe(423);
    clock.advance(2 * 60_000);
    expect((await admin.get<{ locked: boolean }>(`/api/users/${user.id}`)).body.locked).toBe(false);
    expect((await c.post('/api/auth/login', { username: user.username, password: TEST_PASSWORD })).status).toBe(200);
  });

  it('an administrator’s unlock lifts the lock at once', async () => {
    const user = await makeUser(env.deps, 'viewer', province.communeA.id);
    const c = await readyClient(env.app);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => c.post('/api/auth/login', { username: user.username, password: `sai-${i}-xxxx` })),
    );
    expect((await c.post('/api/auth/login', { username: user.username, password: TEST_PASSWORD })).status).toBe(423);
    const admin = (await clientAs(env, 'system_admin', province.province.id)).client;
    expect((await admin.post(`/api/users/${user.id}/unlock`)).status).toBeLessThan(300);
    expect((await admin.get<{ locked: boolean }>(`/api/users/${user.id}`)).body.locked).toBe(false);
    expect((await c.post('/api/auth/login', { username: user.username, password: TEST_PASSWORD })).status).toBe(200);
  });

  it('a success frees the account: the count starts again', async () => {
    const user = await makeUser(env.deps, 'viewer', province.communeA.id);
    const c = await readyClient(env.app);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < MAX - 1; i++)
        expect((await c.post('/api/auth/login', { username: user.username, password: `sai-${i}-xxxx` })).status).toBe(401);
      expect((await c.post('/api/auth/login', { username: user.username, password: TEST_PASSWORD })).status).toBe(200);
    }
  });

  it('a name that does not exist answers exactly like a real one', async () => {
    const real = await makeUser(env.deps, 'viewer', province.communeA.id);
    const ghost = `khong.co.${real.username}`;
    const c = await readyClient(env.app);
    const attempt = (username: string) =>
      Promise.all(Array.from({ length: 30 }, (_, i) => c.post('/api/auth/login', { username, password: `sai-${i}-xxxx` })));
    const [forReal, forGhost] = [await attempt(real.username), await attempt(ghost)];
    expect(statusCounts(forGhost.map((r) => r.status))).toEqual(statusCounts(forReal.map((r) => r.status)));
    expect(await evaluatedSignIns(env, ghost)).toBe(MAX);
    const [a, b] = [
      await c.post<ErrBody>('/api/auth/login', { username: real.username, password: 'sai-nua-xxxx' }),
      await c.post<ErrBody>('/api/auth/login', { username: ghost, password: 'sai-nua-xxxx' }),
    ];
    expect([a.status, a.body.error.message]).toEqual([b.status, b.body.error.message]);
  });

  it('changing one’s password: 50 parallel wrong current passwords check only the configured number, then the account is locked', async () => {
    const { user, client } = await clientAs(env, 'viewer', province.communeA.id);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        client.post<ErrBody>('/api/auth/password', { currentPassword: `sai-${i}-xxxx`, newPassword: 'Mat-khau-moi-2026' }),
      ),
    );
    expect(await evaluatedPasswordChecks(env, user.id)).toBe(MAX);
    expect(statusCounts(results.map((r) => r.status))).toEqual({ 400: MAX - 1, 423: 50 - (MAX - 1) });
    // Locked: the right current password cannot change it, and nobody can sign in as that person.
    const right = { currentPassword: TEST_PASSWORD, newPassword: 'Mat-khau-moi-2026' };
    expect((await client.post<ErrBody>('/api/auth/password', right)).body.error.code).toBe('ACCOUNT_LOCKED');
    const other = await readyClient(env.app);
    expect((await other.post('/api/auth/login', { username: user.username, password: TEST_PASSWORD })).status).toBe(423);
    expect(await evaluatedPasswordChecks(env, user.id)).toBe(MAX);

    clock.advance((LOCK_MINUTES + 1) * 60_000);
    expect((await client.post('/api/auth/password', right)).status).toBe(200);
    expect((await other.post('/api/auth/login', { username: user.username, password: 'Mat-khau-moi-2026' })).status).toBe(200);
  });

  it('wrong current passwords and wrong sign-ins share the account’s slots', async () => {
    const { user, client } = await clientAs(env, 'viewer', province.communeA.id);
    const other = await readyClient(env.app);
    for (let i = 0; i < MAX - 1; i++)
      expect((await other.post('/api/auth/login', { username: user.username, password: `sai-${i}-xxxx` })).status).toBe(401);
    const last = await client.post<ErrBody>('/api/auth/password', {
      currentPassword: 'sai-cuoi-xxxx',
      newPassword: 'Mat-khau-moi-2026',
    });
    expect(last.body.error.code).toBe('ACCOUNT_LOCKED');
    expect((await other.post('/api/auth/login', { username: user.username, password: TEST_PASSWORD })).status).toBe(423);
  });
});

describe('the per-address limit holds under concurrency', () => {
  let env: TestEnv;
  const clock = new ManualClock('2026-04-06T01:00:00Z');

  beforeAll(async () => {
    env = await createTestEnv({ clock, config: { loginIpLimitPerMinute: 10, loginMaxFailures: 1000, trustProxy: true } });
  });
  afterAll(() => env.close());

  it('40 parallel attempts from one address: 10 are checked, 30 are refused; other addresses are not affected', async () => {
    const from = await readyClient(env.app, { 'x-forwarded-for': '198.51.100.7' });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => from.post('/api/auth/login', { username: `ai.do.${i}`, password: 'sai-mat-khau-1' })),
    );
    expect(statusCounts(results.map((r) => r.status))).toEqual({ 401: 10, 429: 30 });
    const evaluated = await env.deps.db.$count(
      auditEvents,
      and(eq(auditEvents.action, 'auth.login_failed'), eq(auditEvents.ip, '198.51.100.7')),
    );
    expect(evaluated).toBe(10);

    const elsewhere = await readyClient(env.app, { 'x-forwarded-for': '203.0.113.9' });
    expect((await elsewhere.post('/api/auth/login', { username: 'ai.do.x', password: 'sai-mat-khau-1' })).status).toBe(401);
    clock.advance(61_000);
    expect((await from.post('/api/auth/login', { username: 'ai.do.y', password: 'sai-mat-khau-1' })).status).toBe(401);
  });
});

describe.runIf(onPostgres)('two application instances share the limits', () => {
  let env: TestEnv;
  let second: Database;
  const clock = new ManualClock('2026-04-06T01:00:00Z');

  beforeAll(async () => {
    env = await createTestEnv({ clock, config: { loginMaxFailures: MAX, loginLockMinutes: LOCK_MINUTES } });
    second = await openDatabase({ databaseUrl: env.databaseUrl!, poolSize: 5 });
  });
  afterAll(async () => {
    await second?.close();
    await env?.close();
  });

  it('60 wrong passwords on each node at once: the configured number are checked in all', async () => {
    const appB = buildApp({ ...env.deps, db: second.db });
    const province = await makeProvince(env.deps);
    const user = await makeUser(env.deps, 'viewer', province.communeA.id);
    const [a, b] = [await readyClient(env.app), await readyClient(appB)];
    const results = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        (i % 2 ? b : a).post('/api/auth/login', { username: user.username, password: `sai-${i}-xxxx` }),
      ),
    );
    expect(await evaluatedSignIns(env, user.username)).toBe(MAX);
    expect(statusCounts(results.map((r) => r.status))).toEqual({ 401: MAX - 1, 423: 120 - (MAX - 1) });
    expect((await a.post('/api/auth/login', { username: user.username, password: TEST_PASSWORD })).status).toBe(423);
    expect((await b.post('/api/auth/login', { username: user.username, password: TEST_PASSWORD })).status).toBe(423);
    clock.advance((LOCK_MINUTES + 1) * 60_000);
    expect((await b.post('/api/auth/login', { username: user.username, password: TEST_PASSWORD })).status).toBe(200);
  });
});
