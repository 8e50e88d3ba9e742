import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessmentResults, assessments, assessmentValues, unitClassifications } from '../../db/schema';
import type { CriteriaSetDoc, IndicatorValue } from '../../domain/criteria/schema';
import { demoValue } from '../../seed/demo-criteria';
import { rng } from '../../shared/rng';
import { makeAssessableProvince } from '../../testing/criteria-fixtures';
import { clientAs } from '../../testing/factories';
import { createTestEnv, type TestClient, type TestEnv } from '../../testing/harness';
import { refreshResults, type TargetLevel } from '../assessments/results';
import { rebuildUnitScope } from '../units/scope';
import { insertUnit } from '../units/write';
import type { DraftImpact } from './preview-draft-impact';
import { applicableSets } from './queries';

type Meta = { id: number; rowVersion: number; status: string };
type Err = { error: { code: string; message: string; details: { path?: string }[] & { rule?: string } } };
type Summary = {
  assessedCount: number;
  standardCount: number;
  advancedCount: number;
  modelCount: number;
  criteriaMetSum: number;
  indicatorsMetSum: number;
};

const CLS = 'TDMNPB';
const MONTH = '2022-06';
const ADVANCED_CODE = 'VN-NTM-XA-NANG-CAO-2021-2025';

describe('what if a criteria draft were published', () => {
  let env: TestEnv;
  let p: Awaited<ReturnType<typeof makeAssessableProvince>>;
  let admin: TestClient;
  let draft: Meta;
  const communes = new Map<string, number>();
  const assessmentIds: number[] = [];

  /** Values meeting the advanced set (and so the standard) for the year, with the given income. */
  let advancedDoc: CriteriaSetDoc;
  const valuesWith = (income: number, seed: number): Record<string, IndicatorValue> => {
    const rand = rng(seed);
    const inds = advancedDoc.criteria.flatMap((c) => c.indicators);
    return { ...Object.fromEntries(inds.map((i) => [i.code, demoValue(i, CLS, 2022, true, rand)])), '10': income };
  };

  async function commune(name: string) {
    const c = await env.deps.db.transaction(async (tx) => {
      const u = await insertUnit(
        tx,
        { code: `W-${communes.size}-${p.tag}`, name, type: 'commune', effectiveFrom: '2020-01-01', parentId: p.district.id },
        new Date(),
      );
      await rebuildUnitScope(tx);
      return u;
    });
    await env.deps.db
      .insert(unitClassifications)
      .values({ unitId: c.id, dimension: 'region7', value: CLS, effectiveFrom: '2021-01-01' });
    communes.set(name, c.id);
    return c.id;
  }

  async function assess(unitId: number, month: string, status: 'draft' | 'verified', target: TargetLevel, income: number) {
    const period = `${month}-01`;
    const sets = (await applicableSets(env.deps.db, unitId, period))!;
    const now = new Date();
    const [a] = await env.deps.db
      .insert(assessments)
      .values({
        unitId,
        setId: sets.base.id,
        advancedSetId: sets.advanced?.id ?? null,
        modelSetId: sets.model?.id ?? null,
        period,
        classCode: CLS,
        targetLevel: target,
        status,
        createdAt: now,
        updatedAt: now,
        verifiedAt: status === 'verified' ? now : null,
      })
      .returning();
    const values = valuesWith(income, unitId * 100 + Number(month.slice(5)));
    await env.deps.db
      .insert(assessmentValues)
      .values(
        Object.entries(values).map(([indicatorCode, value]) => ({ assessmentId: a!.id, indicatorCode, value, updatedAt: now })),
      );
    await env.deps.db.transaction((tx) => refreshResults(tx, a!.id, now));
    assessmentIds.push(a!.id);
  }

  /** Stored results per commune for the month, as the dashboards read them. */
  const summary = async (unitId: number): Promise<Summary> => {
    const s = (await admin.get<Summary>(`/api/dashboard/summary?unitId=${unitId}&month=${MONTH}`)).body;
    const { assessedCount, standardCount, advancedCount, modelCount, criteriaMetSum, indicatorsMetSum } = s;
    return { assessedCount, standardCount, advancedCount, modelCount, criteriaMetSum, indicatorsMetSum };
  };
  const storedCriteria = async () => {
    const rows = await env.deps.db
      .select({
        unitId: assessments.unitId,
        period: assessments.period,
        criteria: assessmentResults.criteria,
        standard: assessmentResults.standardMet,
      })
      .from(assessmentResults)
      .innerJoin(assessments, eq(assessments.id, assessmentResults.assessmentId))
      .where(eq(assessments.status, 'verified'));
    return new Map(rows.map((r) => [`${r.unitId}|${r.period}`, r]));
  };

  beforeAll(async () => {
    env = await createTestEnv();
    p = await makeAssessableProvince(env.deps);
    admin = (await clientAs(env, 'system_admin', p.country.id)).client;
    advancedDoc = (await admin.get<CriteriaSetDoc>(`/api/criteria-sets/${p.setIds.get(ADVANCED_CODE)}/export`)).body;
    communes.set(p.communeA.name, p.communeA.id);
    communes.set(p.communeB.name, p.communeB.id);
    const c = await commune('xã Quảng Nghĩa');
    const d = await commune('xã Vạn Ninh');
    const e = await commune('xã Đầm Hà');
    await commune('xã Hải Tiến'); // never verified: counted, not assessed
    // Income thresholds for the region in 2022: 39 (standard), 42.9 (advanced); the draft raises the standard to 42.
    await assess(p.communeA.id, '2022-05', 'verified', 'ntm', 40); // loses criterion 10
    await assess(p.communeB.id, '2022-05', 'verified', 'ntm', 45); // keeps it
    await assess(c, '2022-03', 'verified', 'advanced', 41.5); // loses it: its latest verified month is March…
    await assess(c, '2022-06', 'draft', 'advanced', 60); // …the June draft does not count
    await assess(d, '2022-05', 'verified', 'ntm', 38); // already short
    await assess(e, '2022-06', 'verified', 'advanced', 50); // keeps it, and advanced

    const nationalId = p.setIds.get('VN-NTM-XA-2021-2025')!;
    draft = (await admin.post<Meta>(`/api/criteria-sets/${nationalId}/drafts`)).body;
    const doc = (await admin.get<CriteriaSetDoc>(`/api/criteria-sets/${draft.id}/export`)).body;
    const income = doc.criteria.find((x) => x.number === '10')!.indicators[0]!;
    income.thresholds = income.thresholds.map((t) => (t.classes?.includes(CLS) && t.fromYear === 2022 ? { ...t, value: 42 } : t));
    draft = (await admin.request<Meta>('PUT', `/api/criteria-sets/${draft.id}`, { rowVersion: draft.rowVersion, document: doc }))
      .body;
  });
  afterAll(() => env.close());

  it('predicts exactly the communes that change and the summary once the draft is published', async () => {
    const res = await admin.get<DraftImpact>(`/api/criteria-sets/${draft.id}/what-if?month=${MONTH}&unitId=${p.province.id}`);
    expect(res.status).toBe(200);
    const impact = res.body;
    expect(impact.unitCount).toBe(6);
    expect(impact.changed.map((u) => u.name)).toEqual(['xã Hải Đông', 'xã Quảng Nghĩa']);
    const quangNghia = impact.changed[1]!;
    expect(quangNghia.month).toBe('2022-03');
    expect(quangNghia.criteria).toEqual([
      { level: 'ntm', criterion: '10', name: expect.stringContaining('Thu nhập') as string, before: true, after: false },
    ]);
    expect(impact.criteria.find((c) => c.number === '10')).toMatchObject({ before: 4, after: 2 });

    // Before the draft is published, "before" is what the dashboard shows.
    expect(impact.before).toMatchObject(await summary(p.province.id));
    // The whole country sees the same communes move (the draft is national).
    const country = (await admin.get<DraftImpact>(`/api/criteria-sets/${draft.id}/what-if?month=${MONTH}`)).body;
    expect(country.unit.id).toBe(p.country.id);
    expect(country.changed.map((u) => u.unitId)).toEqual(impact.changed.map((u) => u.unitId));

    // Publish for real, then evaluate every verified month's stored values under the sets that now
    // govern it, through the path a stored result takes (applicableSets → refreshResults).
    const before = await storedCriteria();
    const published = await admin.post<Meta>(`/api/criteria-sets/${draft.id}/publish`, { rowVersion: draft.rowVersion });
    expect(published.body.status).toBe('published');
    for (const id of assessmentIds) {
      const [a] = await env.deps.db.select().from(assessments).where(eq(assessments.id, id));
      const sets = (await applicableSets(env.deps.db, a!.unitId, a!.period))!;
      expect(sets.base.id).toBe(draft.id);
      await env.deps.db.transaction(async (tx) => {
        await tx
          .update(assessments)
          .set({ setId: sets.base.id, advancedSetId: sets.advanced?.id ?? null, modelSetId: sets.model?.id ?? null })
          .where(eq(assessments.id, id));
        await refreshResults(tx, id, new Date());
      });
    }
    const after = await storedCriteria();
    const moved = [...after]
      .filter(([key, r]) => JSON.stringify(r.criteria) !== JSON.stringify(before.get(key)!.criteria))
      .map(([, r]) => ({
        unitId: r.unitId,
        criteria: r.criteria
          .filter((c, i) => c.met !== before.get(`${r.unitId}|${r.period}`)!.criteria[i]!.met)
          .map((c) => ({ criterion: c.number, after: c.met })),
      }));
    const predicted = impact.changed.map((u) => ({
      unitId: u.unitId,
      criteria: u.criteria.filter((c) => c.level === 'ntm').map((c) => ({ criterion: c.criterion, after: c.after })),
    }));
    expect(predicted.sort((a, b) => a.unitId - b.unitId)).toEqual(moved.sort((a, b) => a.unitId - b.unitId));
    expect(impact.after).toMatchObject(await summary(p.province.id));
    expect(impact.after).toMatchObject({ assessedCount: 5, standardCount: 2 });
  });

  it('downloads the communes that gain or lose a criterion as a workbook', async () => {
    const office = await clientAs(env, 'coordination_office', p.province.id);
    const nationalId = p.setIds.get('VN-NTM-XA-2021-2025')!;
    const overlay = (await admin.get<CriteriaSetDoc>(`/api/criteria-sets/${nationalId}/export`)).body;
    overlay.code = `QN-NTM-${p.tag}`.toUpperCase().replace(/[^A-Z0-9-]/g, '');
    overlay.version = 1;
    overlay.derivation = { kind: 'overlay', baseCode: 'VN-NTM-XA-2021-2025', baseVersion: 1 };
    const income = overlay.criteria.find((c) => c.number === '10')!.indicators[0]!;
    income.thresholds = income.thresholds.map((t) => (t.classes?.includes(CLS) && t.fromYear === 2022 ? { ...t, value: 46 } : t));
    const imported = await office.client.post<Meta>('/api/criteria-sets/import', {
      ownerUnitId: p.province.id,
      document: overlay,
    });
    expect(imported.status).toBe(201);
    const res = await env.app.request(`/api/criteria-sets/${imported.body.id}/what-if.xlsx?month=${MONTH}`, {
      headers: office.client.authHeaders(),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0]!;
    const rows: string[][] = [];
    for (let r = 5; r <= ws.rowCount; r++) rows.push([1, 3, 4, 5, 6].map((c) => ws.getRow(r).getCell(c).text));
    // Under the published national version (42) Đồng Tâm (45) met criterion 10; the overlay (46) takes it away.
    expect(rows).toContainEqual([
      'xã Đồng Tâm',
      'Nông thôn mới',
      expect.stringMatching(/^10\. Thu nhập/) as string,
      'Đạt',
      'Chưa đạt',
    ]);
    expect(rows.map((r) => r[0])).not.toContain('xã Hải Tiến');
    expect(wb.worksheets[1]!.getRow(3).getCell(1).text).toBe('Số xã đạt chuẩn nông thôn mới');
  });

  it('refuses another province, and anyone who may not publish the draft', async () => {
    const elsewhere = await makeAssessableProvince(env.deps);
    const otherOffice = (await clientAs(env, 'coordination_office', elsewhere.province.id)).client;
    const nationalDraft = (await admin.post<Meta>(`/api/criteria-sets/${p.setIds.get('VN-NTM-XA-2021-2025')!}/drafts`)).body;
    // A province's office keeps no national set: the national draft is not its to see.
    expect((await otherOffice.get(`/api/criteria-sets/${nationalDraft.id}/what-if?month=${MONTH}`)).status).toBe(404);
    // Nor may it look at its own province through someone else's draft, nor at another province through its own.
    const ownDraft = (await admin.post<Meta>(`/api/criteria-sets/${nationalDraft.id}/drafts`)).body;
    expect(
      (await otherOffice.get(`/api/criteria-sets/${ownDraft.id}/what-if?month=${MONTH}&unitId=${p.province.id}`)).status,
    ).toBe(404);
    const viewer = (await clientAs(env, 'viewer', p.country.id)).client;
    expect((await viewer.get(`/api/criteria-sets/${nationalDraft.id}/what-if?month=${MONTH}`)).status).toBe(403);
    expect(
      (await admin.get(`/api/criteria-sets/${nationalDraft.id}/what-if?month=${MONTH}&unitId=${p.province.id}`)).status,
    ).toBe(200);
  });

  it('says clearly when the month is not one, or has not begun', async () => {
    const nationalDraft = (await admin.post<Meta>(`/api/criteria-sets/${p.setIds.get('VN-NTM-XA-2021-2025')!}/drafts`)).body;
    const bad = await admin.get<Err>(`/api/criteria-sets/${nationalDraft.id}/what-if?month=06/2022`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.details[0]!.path).toBe('month');
    expect(bad.body.error.message).toMatch(/chưa hợp lệ/);
    const badEn = await admin.get<Err>(`/api/criteria-sets/${nationalDraft.id}/what-if?month=2022-13`, {
      'accept-language': 'en',
    });
    expect(badEn.body.error.message).toMatch(/not valid/);
    const future = await admin.get<Err>(`/api/criteria-sets/${nationalDraft.id}/what-if?month=2999-01`);
    expect(future.status).toBe(422);
    expect(future.body.error.details.rule).toBe('what_if_future_month');
    expect(future.body.error.message).toContain('chưa đến tháng này');
    const futureEn = await admin.get<Err>(`/api/criteria-sets/${nationalDraft.id}/what-if?month=2999-01`, {
      'accept-language': 'en',
    });
    expect(futureEn.body.error.message).toContain('has not begun');
  });
});
