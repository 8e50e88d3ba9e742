import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '../../db/schema';
import { DEMO_PASSWORD, loadDemoIfEmpty } from '../../seed/demo';
import { createTestEnv, TestClient, type TestEnv } from '../../testing/harness';
import { recomputeAllResults } from '../assessments/results';
import { assessmentResults } from '../../db/schema';

type Summary = {
  unitCount: number;
  assessedCount: number;
  criteriaMetSum: number;
  indicatorsMetSum: number;
  averageCriteria: number;
  averageIndicators: number;
  criteriaTotal: number;
  indicatorsTotal: number;
  standardCount: number;
  advancedCount: number;
  modelCount: number;
  units: { name: string; criteriaMet: number; indicatorsMet: number; advancedMet: boolean | null; modelMet: boolean | null }[];
};

describe('demo: Móng Cái May 2022 and Quảng Ninh 2026, computed from stored data', () => {
  let env: TestEnv;
  let office: TestClient;
  let mongCai: number;

  beforeAll(async () => {
    env = await createTestEnv();
    await loadDemoIfEmpty(env.deps);
    office = new TestClient(env.app);
    await office.login('vpdp.mongcai', DEMO_PASSWORD);
    mongCai = (await env.deps.db.select().from(units).where(eq(units.name, 'thành phố Móng Cái')))[0]!.id;
  });
  afterAll(() => env.close());

  it('averages exactly 13/19 criteria and 42,33/57 indicators over the 9 communes', async () => {
    const res = await office.get<Summary>(`/api/dashboard/summary?unitId=${mongCai}&month=2022-05`);
    expect(res.status).toBe(200);
    const s = res.body;
    expect(s.unitCount).toBe(9);
    expect(s.assessedCount).toBe(9);
    expect([s.criteriaMetSum, s.criteriaTotal]).toEqual([117, 19]);
    expect([s.indicatorsMetSum, s.indicatorsTotal]).toEqual([381, 57]);
    expect(s.averageCriteria).toBe(13);
    expect(s.averageIndicators.toFixed(2)).toBe('42.33');
    expect(s.standardCount).toBe(2);
    expect(s.advancedCount).toBe(2);
    expect(s.modelCount).toBe(1);
    const byName = Object.fromEntries(s.units.map((u) => [u.name, u]));
    expect(byName['xã Bắc Sơn']).toMatchObject({ criteriaMet: 19, modelMet: true, advancedMet: true });
    expect(byName['xã Hải Xuân']).toMatchObject({ criteriaMet: 19, advancedMet: true, modelMet: null });
  });

  it('the heat map has 9 rows × 19 criteria, with missing cells where values were never entered', async () => {
    const res = await office.get<{
      rows: { name: string; cells: { number: string; status: string }[] }[];
      sets: { criteria: unknown[] }[];
    }>(`/api/dashboard/heatmap?unitId=${mongCai}&month=2022-05`);
    expect(res.body.rows).toHaveLength(9);
    expect(res.body.sets[0]!.criteria).toHaveLength(19);
    const statuses = res.body.rows.flatMap((r) => r.cells.map((c) => c.status));
    expect(statuses.filter((s) => s === 'met')).toHaveLength(117);
    const vinhTrung = res.body.rows.find((r) => r.name === 'xã Vĩnh Trung')!;
    expect(vinhTrung.cells.find((c) => c.number === '17')!.status).toBe('unmet');
  });

  it('earlier months show progress towards May', async () => {
    const jan = (await office.get<Summary>(`/api/dashboard/summary?unitId=${mongCai}&month=2022-01`)).body;
    expect(jan.indicatorsMetSum).toBeLessThan(381);
    expect(jan.assessedCount).toBe(9);
  });

  it('the maintained result rows equal a full recomputation', async () => {
    const stored = await env.deps.db.select().from(assessmentResults);
    const fresh = await recomputeAllResults(env.deps.db, new Date());
    expect(stored.length).toBe(fresh.size);
    for (const s of stored) {
      const f = fresh.get(s.assessmentId)!;
      expect({ ...s, computedAt: null }).toEqual({ ...f, computedAt: null });
    }
  });

  it('xã Hải Sơn (merged 2025) shows its predecessors’ 2022 assessments under their own set', async () => {
    const haiSon = (
      await env.deps.db
        .select()
        .from(units)
        .where(and(eq(units.name, 'xã Hải Sơn'), isNull(units.effectiveTo)))
    )[0]!.id;
    const officer = new TestClient(env.app);
    await officer.login('canbo.haison', DEMO_PASSWORD);
    const card = await officer.get<{
      months: unknown[];
      predecessors: { unit: { name: string }; sets: { code: string }[]; months: unknown[] }[];
    }>(`/api/dashboard/scorecard?unitId=${haiSon}&year=2022`);
    expect(card.status).toBe(200);
    expect(card.body.months).toHaveLength(0);
    expect(card.body.predecessors.map((p) => p.unit.name).sort()).toEqual(['xã Bắc Sơn', 'xã Hải Sơn']);
    expect(card.body.predecessors[0]!.sets[0]!.code).toBe('VN-NTM-XA-2021-2025');
    expect(card.body.predecessors[0]!.months).toHaveLength(6);
    const y2026 = await officer.get<{ months: { status: string }[]; sets: { code: string; criteria: unknown[] }[] }>(
      `/api/dashboard/scorecard?unitId=${haiSon}&year=2026`,
    );
    expect(y2026.body.sets[0]).toMatchObject({ code: 'VN-NTM-XA-2026-2030' });
    expect(y2026.body.sets[0]!.criteria).toHaveLength(10);
    expect(y2026.body.months.at(-1)!.status).toBe('draft');
    // The 2022 city dashboard is not visible to the 2026 commune officer.
    expect((await officer.get(`/api/dashboard/summary?unitId=${mongCai}&month=2022-05`)).status).toBe(404);
  });
});
