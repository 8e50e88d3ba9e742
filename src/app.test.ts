import { clientAs, makeProvince, TEST_PASSWORD } from './testing/factories';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, TestClient, type TestEnv } from './testing/harness';
import { openResponseSchemas } from './testing/response-contract';

/**
 * Operations whose answers are still declared open (any key passes), to be typed out. The list only
 * shrinks: a new operation declares a closed schema, which the harness then checks on every answer.
 */
const STILL_OPEN = new Set<string>([]);

describe('the HTTP envelope', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(() => env.close());

  it('health checks the database', async () => {
    const res = await new TestClient(env.app).get<{ status: string }>('/api/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });

  it('serves the OpenAPI document at a stable path, with patterns any client can use, and a browsable reference', async () => {
    const res = await new TestClient(env.app).get<{ openapi: string; paths: Record<string, unknown> }>('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/units/{id}', '/api/auth/login', '/api/audit/verify', '/api/users/{id}/grants']),
    );
    const patterns = [...res.text.matchAll(/"pattern":"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
    expect(patterns.length).toBeGreaterThan(3);
    for (const p of patterns) {
      expect(p.endsWith('/u'), p).toBe(false);
      expect(() => new RegExp(p, 'u'), p).not.toThrow();
    }
    expect(
      new RegExp(
        patterns.find((p) => p.includes('\\p{L}'))!,
        'u',
      ).test('06724'),
    ).toBe(true);
    const page = await new TestClient(env.app).get('/api/docs');
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('/api/docs/assets/swagger-ui-bundle.js');
    expect(page.text).not.toMatch(/<script>[^<]/); // no inline script: the page runs under the same CSP
    const bundle = await new TestClient(env.app).get('/api/docs/assets/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.text.length).toBeGreaterThan(100_000);
    expect((await new TestClient(env.app).get('/api/docs/assets/..%2Fpackage.json')).status).toBe(404);
  });

  it('declares every JSON answer closed, so that the harness can refuse any undeclared key', () => {
    const open = openResponseSchemas(env.app.openAPIRegistry.definitions);
    const operation = (line: string) => line.split(' ').slice(0, 2).join(' ');
    expect(open.filter((line) => !STILL_OPEN.has(operation(line)))).toEqual([]);
    const stillOpen = new Set(open.map(operation));
    expect(
      [...STILL_OPEN].filter((op) => !stillOpen.has(op)),
      'typed out: remove from STILL_OPEN',
    ).toEqual([]);
  });

  it('a plain HTTP client signs in with JSON and no cookies, then sends the token it was given', async () => {
    const p = await makeProvince(env.deps);
    const { user } = await clientAs(env, 'viewer', p.province.id);
    const login = await env.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user.username, password: TEST_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const session = /dl_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]!;
    const cookie = `dl_session=${session}; dl_csrf=${csrfToken}`;
    const withToken = await env.app.request('/api/notifications/read-all', {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken },
    });
    expect(withToken.status).toBe(200);
    const without = await env.app.request('/api/notifications/read-all', { method: 'POST', headers: { cookie } });
    expect(without.status).toBe(403);
    // a form post (which a page on another site could send) still needs the token
    const form = await env.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `username=${user.username}&password=${TEST_PASSWORD}`,
    });
    expect(form.status).toBe(403);
  });

  it('answers unknown API paths, unauthenticated calls and malformed JSON with the error envelope', async () => {
    const c = new TestClient(env.app);
    // Without a session every non-public API path answers 401: nothing to learn about what exists.
    expect((await c.get('/api/khong-co')).status).toBe(401);
    const p = await makeProvince(env.deps);
    const { client } = await clientAs(env, 'viewer', p.province.id);
    const missing = await client.get<{ error: { code: string } }>('/api/khong-co');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    const anon = await c.get<{ error: { code: string; message: string } }>('/api/units');
    expect(anon.status).toBe(401);
    expect(anon.body.error.message).toBe('Bạn cần đăng nhập để tiếp tục.');
    const bad = await c.post<{ error: { code: string } }>('/api/auth/login', '{"username": ', {
      'content-type': 'application/json',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('BAD_REQUEST');
    expect(bad.text).not.toMatch(/at .*\.ts/);
  });

  it('sets security headers and echoes a request id', async () => {
    const res = await new TestClient(env.app).get('/api/health', { 'x-request-id': 'abc-123' });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses oversized bodies before reading them', async () => {
    const small = await createTestEnv({ config: { maxUploadBytes: 1024 } });
    try {
      const res = await new TestClient(small.app).post<{ error: { code: string } }>('/api/auth/login', {
        username: 'a',
        password: 'x'.repeat(5000),
      });
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    } finally {
      await small.close();
    }
  });
});
