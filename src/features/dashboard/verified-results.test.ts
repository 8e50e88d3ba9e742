import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rowsOf, type Database, type Db } from '../../db/client';
import { assessments, assessmentValues, unitClassifications, verifiedResults } from '../../db/schema';
import { makeAssessableProvince } from '../../testing/criteria-fixtures';
import { clientAs, TEST_PASSWORD } from '../../testing/factories';
import { createTestEnv, TestClient, type TestEnv } from '../../testing/harness';
import { refreshResults } from '../assessments/results';
import { rebuildUnitScope } from '../units/scope';
import { insertUnit } from '../units/write';
import {
  cellStatus,
  decodeCells,
  latestVerifiedFromSourceSql,
  queryLatestVerified,
  type Detail,
  type LatestRow,
} from './queries';

/**
 * `verified_results` is kept by triggers in the transaction that verifies, reopens or re-evaluates
 * a month. Whatever happens — verification, reopening, re-verification, a refused edit of a locked
 * month, a re-evaluation, verifications racing for different communes and for the same one — the
 * table equals its definition and the dashboards equal the statement over the source tables.
 */
describe('verified months kept in the verifying transaction equal the source tables', () => {
  let env: TestEnv;
  let p: Awaited<ReturnType<typeof makeAssessableProvince>>;
  let office: TestClient;
  let communes: { id: number; officer: TestClient }[];
  let second: { db: Database; office: TestClient } | null = null;
  const MONTHS = ['2025-11', '2026-03', '2026-04', '2026-05', '2026-06'];

  beforeAll(async () => {
    env = await createTestEnv();
    p = await makeAssessableProvince(env.deps);
    const made = await clientAs(env, 'coordination_office', p.province.id);
    office = made.client;
    const extra = await env.deps.db.transaction(async (tx) => {
      const now = env.deps.clock.now();
      const rows = [];
      for (const [i, name] of ['xã Yên Hòa', 'xã Phú Lộc', 'xã Tân Tiến'].entries())
        rows.push(
          await insertUnit(
            tx,
            { code: `CX${i}-${p.tag}`, name, type: 'commune', effectiveFrom: '2000-01-01', parentId: p.district.id },
            now,
          ),
        );
      await rebuildUnitScope(tx);
      return rows;
    });
    for (const c of extra)
      await env.deps.db.insert(unitClassifications).values([
        { unitId: c.id, dimension: 'region7', value: 'DBSH', effectiveFrom: '2021-01-01', effectiveTo: '2026-02-15' },
        { unitId: c.id, dimension: 'group3', value: 'NHOM_1', effectiveFrom: '2026-02-15' },
      ]);
    communes = [];
    for (const id of [p.communeA.id, p.communeB.id, ...extra.map((c) => c.id)])
      communes.push({ id, officer: (await clientAs(env, 'commune_officer', id)).client });
    if (env.databaseUrl) {
      const { buildApp } = await import('../../app');
      const db = await openDatabase({ databaseUrl: env.databaseUrl, poolSize: 2 });
      const client = new TestClient(buildApp({ ...env.deps, db: db.db }));
      await client.login(made.user.username, TEST_PASSWORD);
      second = { db, office: client };
    }
  });
  afterAll(async () => {
    await second?.db.close();
    await env.close();
  });

  /** Opens (or reuses) the month, changes one value and submits it; returns the id and version to review. */
  async function submitted(c: { id: number; officer: TestClient }, month: string, met: boolean) {
    const [existing] = await env.deps.db
      .select()
      .from(assessments)
      .where(eq(assessments.unitId, c.id))
      .then((rows) => rows.filter((r) => r.period === `${month}-01`));
    let id = existing?.id;
    if (existing?.status === 'verified') {
      expect(
        (await office.post(`/api/assessments/${id}/reopen`, { version: existing.version, reason: 'Sửa số liệu' })).status,
      ).toBe(200);
    }
    if (!id) {
      const opened = await c.officer.post<{ id: number }>('/api/assessments', { unitId: c.id, month });
      expect(opened.status).toBe(201);
      id = opened.body.id;
    }
    const view = await c.officer.get<{ criteria: { indicators: { code: string; version: number }[] }[] }>(
      `/api/assessments/${id}`,
    );
    const first = view.body.criteria[0]!.indicators[0]!;
    const save = await c.officer.request('PUT', `/api/assessments/${id}/values`, {
      changes: [{ code: first.code, value: met, version: first.version }],
    });
    expect(save.status).toBe(200);
    const [a] = await env.deps.db.select().from(assessments).where(eq(assessments.id, id));
    const sub = await c.officer.post<{ version: number }>(`/api/assessments/${id}/submit`, { version: a!.version });
    expect(sub.status).toBe(200);
    return { id, version: sub.body.version };
  }

  const verify = (a: { id: number; version: number }) =>
    office.post(`/api/assessments/${a.id}/review`, { version: a.version, outcome: 'verify' });

  async function reopen(id: number) {
    const [a] = await env.deps.db.select().from(assessments).where(eq(assessments.id, id));
    expect((await office.post(`/api/assessments/${id}/reopen`, { version: a!.version, reason: 'Mở lại' })).status).toBe(200);
  }

  /** The table against its definition, then every month and detail against the source statement, then the app. */
  async function expectMaintained() {
    const db: Db = env.deps.db;
    const stored = (await db.select().from(verifiedResults)).map(({ cells, ...r }) => ({ ...r, criteria: decodeCells(cells) }));
    const defined = rowsOf<{ assessmentId: number }>(
      await db.execute(sql`select a.unit_id as "unitId", a.period::text as period, a.id as "assessmentId", a.set_id as "setId",
          r.criteria_met as "criteriaMet", r.criteria_total as "criteriaTotal", r.indicators_met as "indicatorsMet",
          r.indicators_total as "indicatorsTotal", r.standard_met as "standardMet", r.advanced_met as "advancedMet",
          r.model_met as "modelMet", r.criteria
        from assessments a join assessment_results r on r.assessment_id = a.id where a.status = 'verified'`),
    );
    const byId = (a: { assessmentId: number }, b: { assessmentId: number }) => a.assessmentId - b.assessmentId;
    expect(stored.sort(byId)).toEqual(defined.sort(byId));

    const roots = [p.province.id];
    for (const month of MONTHS)
      for (const detail of ['none', 'criteria', 'full'] as Detail[]) {
        const want = rowsOf<LatestRow>(await db.execute(latestVerifiedFromSourceSql(p.province.id, roots, month, detail)));
        const got = await queryLatestVerified(db, p.province.id, roots, month, detail);
        const byUnit = (a: LatestRow, b: LatestRow) => a.unitId - b.unitId;
        expect(got.sort(byUnit)).toEqual(want.sort(byUnit));
      }

    // What readers see, on this node and (PostgreSQL) on another one with its own cache.
    const month = MONTHS.at(-1)!;
    const want = rowsOf<LatestRow>(await db.execute(latestVerifiedFromSourceSql(p.province.id, roots, month, 'criteria')));
    const cells = new Map(want.map((r) => [r.unitId, (r.criteria ?? []).map((c) => `${c.number}:${cellStatus(c)}`)]));
    const counts = new Map(want.map((r) => [r.unitId, [r.assessmentId, r.criteriaMet, r.indicatorsMet, r.standardMet]]));
    for (const client of [office, ...(second ? [second.office] : [])]) {
      const heat = await client.get<{ rows: { unitId: number; cells: { number: string; status: string }[] }[] }>(
        `/api/dashboard/heatmap?unitId=${p.province.id}&month=${month}`,
      );
      expect(heat.status).toBe(200);
      expect(new Map(heat.body.rows.map((r) => [r.unitId, r.cells.map((c) => `${c.number}:${c.status}`)]))).toEqual(cells);
      const summary = await client.get<{
        units: {
          unitId: number;
          assessmentId: number | null;
          criteriaMet: number;
          indicatorsMet: number;
          standardMet: boolean;
        }[];
      }>(`/api/dashboard/summary?unitId=${p.province.id}&month=${month}`);
      expect(
        new Map(summary.body.units.map((u) => [u.unitId, [u.assessmentId, u.criteriaMet, u.indicatorsMet, u.standardMet]])),
      ).toEqual(counts);
    }
  }

  it('after verify, reopen (back to the previous verified month), re-verify and a refused edit of a locked month', async () => {
    const [a] = communes;
    await expectMaintained();
    expect((await verify(await submitted(a!, '2026-03', true))).status).toBe(200);
    const april = await submitted(a!, '2026-04', false);
    expect((await verify(april)).status).toBe(200);
    await expectMaintained();
    const [before] = await env.deps.db.select().from(verifiedResults).where(eq(verifiedResults.assessmentId, april.id));
    expect(before?.period).toBe('2026-04-01');

    // Verified is locked: an edit is refused and nothing changes.
    const view = await a!.officer.get<{ criteria: { indicators: { code: string; version: number }[] }[] }>(
      `/api/assessments/${april.id}`,
    );
    const first = view.body.criteria[0]!.indicators[0]!;
    const edit = await a!.officer.request('PUT', `/api/assessments/${april.id}/values`, {
      changes: [{ code: first.code, value: true, version: first.version }],
    });
    expect(edit.status).toBe(422);
    expect(await env.deps.db.select().from(verifiedResults).where(eq(verifiedResults.assessmentId, april.id))).toEqual([before]);

    // Reopened, April is no longer verified: the dashboards fall back to March.
    await reopen(april.id);
    expect(await env.deps.db.select().from(verifiedResults).where(eq(verifiedResults.assessmentId, april.id))).toEqual([]);
    await expectMaintained();

    // Re-verified with another value.
    expect((await verify(await submitted(a!, '2026-04', true))).status).toBe(200);
    await expectMaintained();

    // A month of the previous phase (another set) and a later month reopened before being verified again.
    expect((await verify(await submitted(communes[1]!, '2025-11', true))).status).toBe(200);
    const june = await submitted(communes[1]!, '2026-06', false);
    expect((await verify(june)).status).toBe(200);
    await reopen(june.id);
    await expectMaintained();
  });

  it('after a verified month is re-evaluated (its result rewritten in place)', async () => {
    const c = communes[2]!;
    const a = await submitted(c, '2026-05', true);
    expect((await verify(a)).status).toBe(200);
    const [before] = await env.deps.db.select().from(verifiedResults).where(eq(verifiedResults.assessmentId, a.id));
    // As a recomputation would after a correction of the stored values: every value removed, then re-evaluated.
    await env.deps.db.transaction(async (tx) => {
      await tx.update(assessmentValues).set({ value: null }).where(eq(assessmentValues.assessmentId, a.id));
      await refreshResults(tx, a.id, new Date());
    });
    const [after] = await env.deps.db.select().from(verifiedResults).where(eq(verifiedResults.assessmentId, a.id));
    expect(after!.indicatorsMet).toBeLessThan(before!.indicatorsMet);
    await expectMaintained();
  });

  it('after verifications in parallel: different communes, different months of one commune, the same month twice', async () => {
    const prepared = [];
    for (const c of communes) prepared.push(await submitted(c, '2026-06', true));
    const may = await submitted(communes[0]!, '2026-05', false);
    const june = prepared[0]!;
    const answers = await Promise.all([...prepared.map(verify), verify(may), verify(june), verify(june)]);
    const statuses = answers.map((r) => r.status);
    // Every other commune's June and the first commune's May: verified.
    expect(statuses.slice(1, prepared.length + 1)).toEqual(Array(prepared.length).fill(200));
    // The same month sent three times: verified once, the other two refused as stale.
    const juneAnswers = [statuses[0], ...statuses.slice(-2)];
    expect(juneAnswers.filter((s) => s === 200)).toHaveLength(1);
    expect(juneAnswers.filter((s) => s !== 200)).toEqual([409, 409]);
    await expectMaintained();

    // Reopenings and verifications racing on one commune.
    const [again] = await env.deps.db.select().from(assessments).where(eq(assessments.id, may.id));
    const [juneRow] = await env.deps.db.select().from(assessments).where(eq(assessments.id, june.id));
    const mixed = await Promise.all([
      office.post(`/api/assessments/${may.id}/reopen`, { version: again!.version, reason: 'Mở lại' }),
      office.post(`/api/assessments/${june.id}/reopen`, { version: juneRow!.version, reason: 'Mở lại' }),
      verify(await submitted(communes[1]!, '2026-05', false)),
    ]);
    expect(mixed.map((r) => r.status)).toEqual([200, 200, 200]);
    await expectMaintained();
  });
});
