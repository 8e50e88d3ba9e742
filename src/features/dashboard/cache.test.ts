import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rowsOf, type Database } from '../../db/client';
import { assessments, dataEpochs, units } from '../../db/schema';
import { makeAssessableProvince } from '../../testing/criteria-fixtures';
import { clientAs } from '../../testing/factories';
import { createTestEnv, TestClient, type TestEnv } from '../../testing/harness';
import { viCollator } from '../../shared/vi';
import { latestVerifiedFromSourceSql, type LatestRow } from './queries';

/**
 * Dashboards are served from per-node memory keyed on the database's change counter. Whatever
 * sequence of entries, verifications, reopenings and renames happens — on this node or, on
 * PostgreSQL, through a second node — every answer equals a full recomputation from the tables.
 */
describe('dashboard aggregates kept in memory stay equal to a full recomputation', () => {
  let env: TestEnv;
  let p: Awaited<ReturnType<typeof makeAssessableProvince>>;
  let officerA: TestClient;
  let officerB: TestClient;
  let office: TestClient;
  let second: { db: Database; office: TestClient } | null = null;

  beforeAll(async () => {
    env = await createTestEnv();
    p = await makeAssessableProvince(env.deps);
    officerA = (await clientAs(env, 'commune_officer', p.communeA.id)).client;
    officerB = (await clientAs(env, 'commune_officer', p.communeB.id)).client;
    const made = await clientAs(env, 'coordination_office', p.province.id);
    office = made.client;
    if (env.databaseUrl) {
      const { buildApp } = await import('../../app');
      const db = await openDatabase({ databaseUrl: env.databaseUrl, poolSize: 2 });
      const app = buildApp({ ...env.deps, db: db.db });
      const client = new TestClient(app);
      await client.login(made.user.username, 'Kiem-thu-2026');
      second = { db, office: client };
    }
  });
  afterAll(async () => {
    await second?.db.close();
    await env.close();
  });

  const fresh = async (month: string) =>
    rowsOf<LatestRow>(await env.deps.db.execute(latestVerifiedFromSourceSql(p.province.id, [p.province.id], month, 'none')))
      .sort((a, b) => viCollator.compare(a.name, b.name))
      .map((r) => ({ unitId: r.unitId, name: r.name, assessmentId: r.assessmentId, criteriaMet: r.criteriaMet }));

  async function check(month: string) {
    const want = await fresh(month);
    for (const client of [office, ...(second ? [second.office] : [])]) {
      const res = await client.get<{
        units: { unitId: number; name: string; assessmentId: number | null; criteriaMet: number | null }[];
      }>(`/api/dashboard/summary?unitId=${p.province.id}&month=${month}`);
      expect(res.status).toBe(200);
      expect(
        res.body.units.map((u) => ({ unitId: u.unitId, name: u.name, assessmentId: u.assessmentId, criteriaMet: u.criteriaMet })),
      ).toEqual(want);
    }
  }

  async function verifyMonth(officer: TestClient, unitId: number, month: string, met: boolean) {
    const [existing] = await env.deps.db
      .select()
      .from(assessments)
      .where(eq(assessments.unitId, unitId))
      .then((rows) => rows.filter((r) => r.period === `${month}-01`));
    let id = existing?.id;
    if (existing?.status === 'verified') {
      const r = await office.post(`/api/assessments/${id}/reopen`, {
        version: existing.version,
        reason: 'Điều chỉnh số liệu kiểm thử',
      });
      expect(r.status).toBe(200);
    }
    if (!id) id = (await officer.post<{ id: number }>('/api/assessments', { unitId, month })).body.id;
    const view = await officer.get<{ criteria: { indicators: { code: string; version: number }[] }[] }>(`/api/assessments/${id}`);
    const version = view.body.criteria.flatMap((c) => c.indicators).find((i) => i.code === '1.2')!.version;
    const save = await officer.request('PUT', `/api/assessments/${id}/values`, {
      changes: [{ code: '1.2', value: met, version }],
    });
    expect(save.status).toBe(200);
    const [a] = await env.deps.db.select().from(assessments).where(eq(assessments.id, id));
    const sub = await officer.post<{ version: number }>(`/api/assessments/${id}/submit`, { version: a!.version });
    expect(sub.status).toBe(200);
    expect((await office.post(`/api/assessments/${id}/review`, { version: sub.body.version, outcome: 'verify' })).status).toBe(
      200,
    );
  }

  it('after every change, on every node', async () => {
    const months = ['2026-03', '2026-04', '2026-05'];
    const op = fc.oneof(
      fc.record({ kind: fc.constant('verify' as const), b: fc.boolean(), month: fc.constantFrom(...months), met: fc.boolean() }),
      fc.record({
        kind: fc.constant('rename' as const),
        b: fc.boolean(),
        name: fc.constantFrom('xã Ân Thi', 'xã Bình Minh', 'xã Đông Hải'),
      }),
    );
    const epochBefore = (await env.deps.db.select().from(dataEpochs))[0]!.n;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 5 }), async (ops) => {
        for (const o of ops) {
          const unit = o.b ? p.communeB : p.communeA;
          if (o.kind === 'verify') await verifyMonth(o.b ? officerB : officerA, unit.id, o.month, o.met);
          else await env.deps.db.update(units).set({ name: o.name }).where(eq(units.id, unit.id));
          for (const m of months) await check(m);
        }
      }),
      { numRuns: 4 },
    );
    expect((await env.deps.db.select().from(dataEpochs))[0]!.n).toBeGreaterThan(epochBefore);
  });
});
