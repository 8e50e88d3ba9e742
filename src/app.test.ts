import { clientAs, makeProvince } from './testing/factories';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, TestClient, type TestEnv } from './testing/harness';

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

  it('serves the OpenAPI document generated from the schemas', async () => {
    const res = await new TestClient(env.app).get<{ openapi: string; paths: Record<string, unknown> }>('/api/docs');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/units/{id}', '/api/auth/login', '/api/audit/verify', '/api/users/{id}/grants']),
    );
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
