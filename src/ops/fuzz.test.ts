import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../db/schema';
import { eq } from 'drizzle-orm';
import { DEMO_PASSWORD, loadDemoIfEmpty } from '../seed/demo';
import { dbDigest } from '../testing/digest';
import { createTestEnv, TestClient, type TestEnv } from '../testing/harness';

/**
 * Every operation of the OpenAPI document, called with inputs generated from its own schema —
 * mostly well-typed, sometimes of the wrong type, sometimes hostile (SQL, markup, traversal,
 * control characters, huge numbers). Whatever arrives: never a 5xx, never a stack trace, always the
 * error envelope, and a rejected request leaves every table as it was.
 */
const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 16);
const SEED = Number(process.env.FUZZ_SEED ?? 20261128);

export const HOSTILE = [
  "' OR '1'='1",
  '1; DROP TABLE units; --',
  "x') UNION SELECT password_hash FROM users --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '\u0000',
  '\uD800',
  '%00%2e%2e%2f',
  '=HYPERLINK("http://evil")',
  '+SUM(1,1)',
  '-2+3',
  '@cmd',
  '{{7*7}}',
  '${7*7}',
  'Nguyễn Thị Ánh Tuyết',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  '99999999999999999999999',
  '2022-02-30',
  '9999-12-31',
  ' ',
  'x'.repeat(20_000),
];

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  example?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
};
type Operation = {
  parameters?: { name: string; in: 'path' | 'query'; schema: Schema; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};

/** Operations that record failed attempts (the sign-in throttle, history and audit) when they refuse. */
const CREDENTIAL_CHECKS = new Set(['/api/auth/login', '/api/auth/password']);

describe('fuzzing every endpoint from its OpenAPI schema', () => {
  let env: TestEnv;
  let admin: TestClient;
  let adminId: number;
  let doc: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

  beforeAll(async () => {
    env = await createTestEnv();
    await loadDemoIfEmpty(env.deps);
    admin = new TestClient(env.app);
    await admin.login('admin', DEMO_PASSWORD);
    adminId = (await env.deps.db.select().from(users).where(eq(users.username, 'admin')))[0]!.id;
    doc = (await (await env.app.request('/api/openapi.json')).json()) as typeof doc;
  }, 120_000);
  afterAll(() => env.close());

  const fingerprint = async () => JSON.stringify([...(await dbDigest(env.deps.db))]);

  const deref = (s: Schema): Schema => (s.$ref ? deref(doc.components.schemas[s.$ref.split('/').pop()!]!) : s);

  function arb(raw: Schema, depth = 0): fc.Arbitrary<unknown> {
    const s = deref(raw);
    const hostile = fc.constantFrom(...HOSTILE);
    const wrong = fc.oneof(
      fc.constant(null),
      fc.integer(),
      fc.string({ maxLength: 8 }),
      fc.boolean(),
      fc.constant([]),
      fc.constant({}),
    );
    if (depth > 4) return wrong;
    const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
    let typed: fc.Arbitrary<unknown>;
    if (s.enum) typed = fc.constantFrom(...s.enum);
    else if (s.anyOf || s.oneOf) typed = fc.oneof(...(s.anyOf ?? s.oneOf)!.map((x) => arb(x, depth + 1)));
    else if (s.allOf?.length) typed = arb(s.allOf[0]!, depth + 1);
    else if (types.includes('object') || s.properties)
      typed = fc.record(
        Object.fromEntries(
          Object.entries(s.properties ?? {}).map(([k, v]) => [
            k,
            // a version the client guesses (the next one, or far ahead) instead of the one it read
            /version$/i.test(k) ? fc.oneof(arb(v, depth + 1), fc.constantFrom(1, 2, 3, 4, 1000, 2 ** 31 - 1)) : arb(v, depth + 1),
          ]),
        ),
        {
          requiredKeys: (s.required ?? []).filter((k) => s.properties?.[k]),
        },
      );
    else if (types.includes('array')) typed = fc.array(arb(s.items ?? {}, depth + 1), { maxLength: 3 });
    else if (types.includes('integer'))
      typed = fc.oneof(
        fc.integer({ min: s.minimum ?? 0, max: Math.min(s.maximum ?? 60, 1e9) }),
        fc.integer(),
        fc.constant(2 ** 53),
        // schema-valid but hostile: the largest amounts (whose sums pass 2^53), negatives, a huge negative payment
        fc.constantFrom(s.maximum ?? 1e14, (s.maximum ?? 1e14) - 1, 2 ** 53 - 1, -1, -4_000_000_000),
      );
    else if (types.includes('number'))
      typed = fc.oneof(
        fc.double({ noNaN: true }),
        fc.integer({ min: 0, max: 1e12 }),
        fc.constantFrom(1_500_000.5, 12.5, 0.1, -0),
      );
    else if (types.includes('boolean')) typed = fc.boolean();
    else if (types.includes('string')) {
      const known = [s.example, s.format === 'date' ? '2022-05-18' : undefined, '2022-05', '2022-05-18'].filter(
        (x) => typeof x === 'string',
      );
      typed = fc.oneof(
        fc.string({ maxLength: 30 }),
        fc.constantFrom(...known),
        fc.string({ unit: 'grapheme', maxLength: 12 }),
        // the same words typed as decomposed Unicode (NFD), as some keyboards and files send them
        fc.constantFrom('KB-Đồng-01'.normalize('NFD'), 'xã Hải Sơn'.normalize('NFD'), 'Ngân sách trung ương'.normalize('NFD')),
      );
    } else typed = wrong;
    return fc.oneof({ weight: 6, arbitrary: typed }, { weight: 1, arbitrary: wrong }, { weight: 1, arbitrary: hostile });
  }

  const pathValue = (path: string) =>
    fc.oneof(
      { weight: 5, arbitrary: fc.integer({ min: 1, max: 40 }).filter((n) => !path.startsWith('/api/users/') || n !== adminId) },
      { weight: 1, arbitrary: fc.constantFrom('0', '-1', '1.5', 'abc', '99999999999', "1' OR '1'='1", '..%2F..', '%00') },
    );

  /** Percent-encoding; a lone surrogate goes out as the invalid UTF-8 a hostile client would send. */
  const enc = (v: string) => {
    try {
      return encodeURIComponent(v);
    } catch {
      return '%ED%A0%80';
    }
  };

  function requestArb(path: string, method: string, op: Operation) {
    const params = op.parameters ?? [];
    const pathParams = fc.record(Object.fromEntries(params.filter((p) => p.in === 'path').map((p) => [p.name, pathValue(path)])));
    const query = fc.record(Object.fromEntries(params.filter((p) => p.in === 'query').map((p) => [p.name, arb(p.schema)])), {
      requiredKeys: [],
    });
    const content = op.requestBody?.content ?? {};
    const body: fc.Arbitrary<{ kind: 'json' | 'form' | 'text' | 'none'; value: unknown }> = content['application/json']
      ? arb(content['application/json'].schema).map((value) => ({ kind: 'json' as const, value }))
      : content['multipart/form-data']
        ? fc
            .record({
              name: fc.constantFrom('a.xlsx', '../../etc/passwd', 'x.svg', 'ảnh.jpg', 'a\u0000.pdf', 'C:\\x.csv'),
              bytes: fc.uint8Array({ maxLength: 512 }),
            })
            .map((value) => ({ kind: 'form' as const, value }))
        : content['text/csv']
          ? fc.string({ maxLength: 200 }).map((value) => ({ kind: 'text' as const, value }))
          : fc.constant({ kind: 'none' as const, value: null });
    return fc.record({ pathParams, query, body }).map(({ pathParams, query, body }) => {
      let url = path.replace(/\{(\w+)\}/g, (_, k: string) => enc(String(pathParams[k])));
      const qs = Object.entries(query)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${enc(k)}=${enc(typeof v === 'string' ? v : JSON.stringify(v))}`);
      if (qs.length) url += `?${qs.join('&')}`;
      return { method: method.toUpperCase(), url, body };
    });
  }

  it(`sends ${RUNS_PER_OPERATION} generated requests to each operation (seed ${SEED})`, { timeout: 600_000 }, async () => {
    const failures: string[] = [];
    let sent = 0;
    let known: string | null = null;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (path === '/api/auth/logout') continue; // would end the fuzzing session; covered by the auth tests
        const samples = fc.sample(requestArb(path, method, op), { numRuns: RUNS_PER_OPERATION, seed: SEED + sent });
        for (const r of samples) {
          // A refused request leaves the fingerprint as it was: the last one stands for "before" until a success.
          const before: string = known ?? (await fingerprint());
          known = null;
          const headers: Record<string, string> = {
            ...admin.authHeaders(),
          };
          let body: BodyInit | undefined;
          if (r.body.kind === 'json') {
            body = JSON.stringify(r.body.value);
            headers['content-type'] = 'application/json';
          } else if (r.body.kind === 'form') {
            const v = r.body.value as { name: string; bytes: Uint8Array };
            const form = new FormData();
            form.set('file', new Blob([new Uint8Array(v.bytes)]), v.name);
            body = form;
          } else if (r.body.kind === 'text') {
            body = String(r.body.value);
            headers['content-type'] = 'text/csv';
          }
          const res = await env.app.request(r.url, { method: r.method, headers, ...(body !== undefined ? { body } : {}) });
          const text = await res.text();
          sent++;
          const where = `${r.method} ${r.url.slice(0, 160)} → ${res.status}`;
          if (res.status >= 500) failures.push(`${where}: ${text.slice(0, 300)}`);
          if (/node_modules|\.ts:\d+:\d+|\bat [\w.$<>]+ \(/.test(text)) failures.push(`${where}: stack trace in body`);
          if (res.status >= 400) {
            const err = (() => {
              try {
                return (JSON.parse(text) as { error?: { code?: string; message?: string } }).error;
              } catch {
                return undefined;
              }
            })();
            if (!err?.code || !err.message) failures.push(`${where}: no error envelope`);
            // A wrong password (signing in, or the current one when changing it) is recorded by design.
            const after = await fingerprint();
            if (!CREDENTIAL_CHECKS.has(path) && after !== before) failures.push(`${where}: rejected but changed data`);
            known = after;
          }
          if (res.status === 401 && path !== '/api/auth/login') {
            await admin.login('admin', DEMO_PASSWORD);
            known = null;
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(Object.keys(doc.paths).length * RUNS_PER_OPERATION);
    expect(failures).toEqual([]);
  });

  it('without a session, every operation answers 401 (or its public answer) and changes nothing', async () => {
    const failures: string[] = [];
    const open = new Set([
      '/api/health',
      '/api/auth/session',
      '/api/auth/login',
      '/api/schemas/criteria-set.json',
      '/api/schemas/ocop-sheet.json',
    ]);
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const [r] = fc.sample(requestArb(path, method, op), { numRuns: 1, seed: SEED });
        const before = await fingerprint();
        const anon = new TestClient(env.app);
        const res = await anon.request(r!.method, r!.url, r!.body.kind === 'json' ? r!.body.value : undefined);
        const where = `${r!.method} ${r!.url.slice(0, 120)} → ${res.status}`;
        if (res.status >= 500) failures.push(where);
        if (!open.has(path) && res.status < 400) failures.push(`${where}: answered without a session`);
        if (!open.has(path) && ![400, 401, 403].includes(res.status)) failures.push(`${where}: expected 401`);
        if (path !== '/api/auth/login' && (await fingerprint()) !== before) failures.push(`${where}: changed data`);
      }
    }
    expect(failures).toEqual([]);
  });
});
