import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, sessions } from '../../db/schema';
import { ManualClock } from '../../lib/clock';
import { makeProvince, makeUser, TEST_PASSWORD } from '../../testing/factories';
import { createTestEnv, TestClient, type TestEnv } from '../../testing/harness';

type ErrBody = { error: { code: string; message: string; details?: unknown } };

describe('sign-in, sessions and CSRF', () => {
  let env: TestEnv;
  const clock = new ManualClock('2026-03-02T02:00:00Z');
  let unitId: number;

  beforeAll(async () => {
    env = await createTestEnv({
      clock,
      config: { sessionIdleMinutes: 30, sessionMaxHours: 12, loginMaxFailures: 3, loginLockMinutes: 15 },
    });
    unitId = (await makeProvince(env.deps)).communeA.id;
  });
  afterAll(() => env.close());

  it('signs in with the right password and sets httpOnly, SameSite=Lax cookies', async () => {
    const user = await makeUser(env.deps, 'commune_officer', unitId);
    const c = new TestClient(env.app);
    const res = await c.post<{ user: { username: string } }>('/api/auth/login', {
      username: user.username.toUpperCase(),
      password: TEST_PASSWORD,
    });
    expect(res.status).toBe(200);
    expect(res.body.user.username).toBe(user.username);
    const setCookies = res.headers.getSetCookie();
    const session = setCookies.find((s) => s.startsWith('dl_session='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).not.toMatch(/Secure/i);
    const me = await c.get<{ user: { id: number } | null }>('/api/auth/session');
    expect(me.body.user?.id).toBe(user.id);
  });

  it('marks cookies Secure behind HTTPS', async () => {
    const user = await makeUser(env.deps, 'viewer', unitId);
    const c = new TestClient(env.app);
    const res = await c.request('POST', 'https://dl.example.vn/api/auth/login', {
      username: user.username,
      password: TEST_PASSWORD,
    });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().find((s) => s.startsWith('dl_session='))).toMatch(/Secure/i);
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
  });

  it('refuses a wrong password with a Vietnamese message, English on request', async () => {
    const user = await makeUser(env.deps, 'viewer', unitId);
    const c = new TestClient(env.app);
    const vi = await c.post<ErrBody>('/api/auth/login', { username: user.username, password: 'sai-mat-khau-1' });
    expect(vi.status).toBe(401);
    expect(vi.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(vi.body.error.message).toContain('mật khẩu');
    const en = await c.post<ErrBody>(
      '/api/auth/login',
      { username: user.username, password: 'wrong-1' },
      { 'accept-language': 'en-GB,en' },
    );
    expect(en.body.error.message).toContain('password');
    expect(await c.get<{ user: null }>('/api/auth/session')).toMatchObject({ body: { user: null } });
  });

  it('locks the account after repeated failures, for the configured minutes, and an unknown name behaves the same', async () => {
    const user = await makeUser(env.deps, 'viewer', unitId);
    const c = new TestClient(env.app);
    for (let i = 0; i < 2; i++)
      expect((await c.post('/api/auth/login', { username: user.username, password: `sai-${i}-xxxxx` })).status).toBe(401);
    const third = await c.post<ErrBody>('/api/auth/login', { username: user.username, password: 'sai-3-xxxxx' });
    expect(third.status).toBe(423);
    expect(third.body.error.code).toBe('ACCOUNT_LOCKED');
    // Even the right password is refused while locked.
    const locked = await c.post<ErrBody>('/api/auth/login', { username: user.username, password: TEST_PASSWORD });
    expect(locked.status).toBe(423);
    expect(locked.body.error.message).toMatch(/15 phút/);
    clock.advance(16 * 60_000);
    expect((await c.post('/api/auth/login', { username: user.username, password: TEST_PASSWORD })).status).toBe(200);

    const ghost = new TestClient(env.app);
    const codes = [];
    for (let i = 0; i < 4; i++)
      codes.push((await ghost.post<ErrBody>('/api/auth/login', { username: 'khong.ton.tai', password: `x-${i}-yyyyy` })).status);
    expect(codes).toEqual([401, 401, 423, 423]);
  });

  it('rate-limits sign-in attempts per address', async () => {
    const limited = await createTestEnv({ clock, config: { loginIpLimitPerMinute: 3, loginMaxFailures: 100 } });
    try {
      const c = new TestClient(limited.app);
      const statuses = [];
      for (let i = 0; i < 5; i++)
        statuses.push((await c.post('/api/auth/login', { username: `ai.do${i}`, password: 'sai-mat-khau-1' })).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });

  it('expires an idle session and an old one, answering SESSION_EXPIRED', async () => {
    const user = await makeUser(env.deps, 'viewer', unitId);
    const c = new TestClient(env.app);
    await c.login(user.username, TEST_PASSWORD);
    clock.advance(29 * 60_000);
    expect((await c.get('/api/units')).status).toBe(200);
    clock.advance(31 * 60_000);
    const idle = await c.get<ErrBody>('/api/units');
    expect(idle.status).toBe(401);
    expect(idle.body.error.code).toBe('SESSION_EXPIRED');
    expect(c.cookies.has('dl_session')).toBe(false);

    await c.login(user.username, TEST_PASSWORD);
    for (let i = 0; i < 24; i++) {
      clock.advance(29 * 60_000);
      expect((await c.get('/api/units')).status).toBe(200);
    }
    clock.advance(25 * 60_000);
    const old = await c.get<ErrBody>('/api/units');
    expect(old.body.error.code).toBe('SESSION_EXPIRED');
  });

  it('logout revokes the session on the server: the old cookie no longer works', async () => {
    const user = await makeUser(env.deps, 'viewer', unitId);
    const c = new TestClient(env.app);
    await c.login(user.username, TEST_PASSWORD);
    const stolen = c.cookies.get('dl_session')!;
    expect((await c.post('/api/auth/logout')).status).toBe(200);
    const replay = new TestClient(env.app);
    replay.cookies.set('dl_session', stolen);
    expect((await replay.get<ErrBody>('/api/units')).body.error.code).toBe('UNAUTHENTICATED');
    const [row] = await env.deps.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(row?.revokedAt).not.toBeNull();
  });

  it('refuses state-changing requests without the CSRF token, or with another session token', async () => {
    const user = await makeUser(env.deps, 'viewer', unitId);
    const c = new TestClient(env.app);
    await c.login(user.username, TEST_PASSWORD);
    const noHeader = await c.post<ErrBody>('/api/auth/logout', undefined, { 'x-csrf-token': '' });
    expect(noHeader.status).toBe(403);
    expect(noHeader.body.error.code).toBe('CSRF_FAILED');
    const forged = await c.request<ErrBody>('POST', '/api/auth/logout', undefined, {
      'x-csrf-token': 'forged',
      cookie: `dl_session=${c.cookies.get('dl_session')}; dl_csrf=forged`,
    });
    expect(forged.status).toBe(403);
    expect((await c.get('/api/auth/session')).body).toMatchObject({ user: { id: user.id } });
    // A browser that holds our cookie must send the token to sign in too (no login CSRF); only a first
    // JSON sign-in without any cookie — which a page on another site cannot send — goes without it.
    const loginNoCsrf = await env.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: 'dl_csrf=abc' },
      body: JSON.stringify({ username: user.username, password: TEST_PASSWORD }),
    });
    expect(loginNoCsrf.status).toBe(403);
    const formLogin = await env.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ username: user.username, password: TEST_PASSWORD }),
    });
    expect(formLogin.status).toBe(403);
  });

  it('issues a new session id at every sign-in (no fixation) and audits each sign-in once', async () => {
    const user = await makeUser(env.deps, 'viewer', unitId);
    const c = new TestClient(env.app);
    c.cookies.set('dl_session', 'planted-by-attacker');
    await c.login(user.username, TEST_PASSWORD);
    const first = c.cookies.get('dl_session');
    expect(first).not.toBe('planted-by-attacker');
    await c.login(user.username, TEST_PASSWORD);
    expect(c.cookies.get('dl_session')).not.toBe(first);
    const events = await env.deps.db.select().from(auditEvents).where(eq(auditEvents.actorUserId, user.id));
    expect(events.filter((e) => e.action === 'auth.login')).toHaveLength(2);
  });

  it('applies the password policy when changing a password and signs out other sessions', async () => {
    const user = await makeUser(env.deps, 'viewer', unitId);
    const a = new TestClient(env.app);
    const b = new TestClient(env.app);
    await a.login(user.username, TEST_PASSWORD);
    await b.login(user.username, TEST_PASSWORD);
    const weak = await a.post<ErrBody & { error: { details: { code: string }[] } }>('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'short1',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details.map((d) => d.code)).toContain('min_length_10');
    expect(
      (await a.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Mat-khau-moi-2026' })).status,
    ).toBe(200);
    expect((await a.get('/api/units')).status).toBe(200);
    expect((await b.get('/api/units')).status).toBe(401);
  });
});
