import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../context';
import { json } from '../lib/http';
import { responseContract, responseProblems, type ContractViolation } from './response-contract';

const Item = z.object({ id: z.number().int(), name: z.string(), closedOn: z.string().nullable() });

describe('responseProblems', () => {
  it('accepts exactly the declared shape', () => {
    expect(responseProblems(z.object({ items: z.array(Item) }), { items: [{ id: 1, name: 'a', closedOn: null }] })).toEqual([]);
  });

  it('names an undeclared key, however deep, as a leak', () => {
    const body = {
      items: [
        { id: 1, name: 'a', closedOn: null },
        { id: 2, name: 'b', closedOn: null, searchKey: 'b' },
      ],
    };
    expect(responseProblems(z.object({ items: z.array(Item) }), body)).toEqual(['items.1.searchKey: undeclared key']);
    const nested = z.object({ a: z.union([z.object({ kind: z.literal('x') }), z.object({ kind: z.literal('y') })]).nullable() });
    expect(responseProblems(nested, { a: { kind: 'y', fingerprint: 'f' } })).toEqual(['a.fingerprint: undeclared key']);
  });

  it('names a value of the wrong type', () => {
    const problems = responseProblems(Item, { id: '1', name: 'a', closedOn: null });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^id: invalid_type/);
    expect(responseProblems(Item, { id: 1, name: 'a' })[0]).toMatch(/^closedOn: invalid_type/);
  });
});

describe('responseContract', () => {
  function appReturning(body: unknown) {
    const found: ContractViolation[] = [];
    const app: OpenAPIHono<AppEnv> = new OpenAPIHono<AppEnv>();
    app.use(
      '*',
      responseContract(
        () => app.openAPIRegistry.definitions,
        (v) => found.push(v),
      ),
    );
    const sub = new OpenAPIHono<AppEnv>();
    sub.openapi(
      createRoute({
        method: 'get',
        path: '/items/{id}',
        request: { params: z.object({ id: z.string() }) },
        responses: { 200: json(Item) },
      }),
      (c) => c.json(body as z.infer<typeof Item>, 200),
    );
    app.route('/api/things', sub);
    return { app, found };
  }

  it('reports the route, the status and the issue of an answer that leaks a key', async () => {
    const { app, found } = appReturning({ id: 1, name: 'a', closedOn: null, passwordHash: 'x' });
    const res = await app.request('/api/things/items/1');
    expect(await res.json()).toMatchObject({ passwordHash: 'x' });
    expect(found).toEqual([{ route: 'GET /api/things/items/:id', status: 200, issues: ['passwordHash: undeclared key'] }]);
  });

  it('reports an answer of the wrong type, and nothing for a conforming one', async () => {
    const bad = appReturning({ id: 1, name: 2, closedOn: null });
    await bad.app.request('/api/things/items/1');
    expect(bad.found).toHaveLength(1);
    expect(bad.found[0]!.issues[0]).toMatch(/^name: invalid_type/);
    const good = appReturning({ id: 1, name: 'a', closedOn: '2025-07-01' });
    await good.app.request('/api/things/items/1');
    expect(good.found).toEqual([]);
  });
});
