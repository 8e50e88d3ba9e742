import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessmentValues } from '../../db/schema';
import { makeAssessableProvince } from '../../testing/criteria-fixtures';
import { clientAs } from '../../testing/factories';
import { createTestEnv, TestClient, type TestEnv } from '../../testing/harness';

type Cell = { code: string; value: unknown; status: string; reason: string; notApplicable: { counts: string } | null };
type View = {
  assessment: { id: number; version: number };
  criteria: { number: string; indicators: Cell[] }[];
  results: { criteriaMet: number; indicatorsMet: number; indicatorsTotal: number; indicatorsNotApplicable: number };
};
type Err = { error: { code: string; message: string; details: { rule?: string; indicators?: string[] } } };
type HeatCell = { number: string; status: string; indicatorsMet: number; indicatorsTotal: number; notApplicable: number };

const NO_LIVESTOCK = { notApplicable: true, reason: 'Xã không có hộ chăn nuôi, cơ sở chăn nuôi' };

describe('"not applicable" as a value', () => {
  let env: TestEnv;
  let p: Awaited<ReturnType<typeof makeAssessableProvince>>;
  let officer: TestClient;
  let office: TestClient;
  let id: number;
  const view = async () => (await officer.get<View>(`/api/assessments/${id}`)).body;
  const cell = (v: View, code: string) => v.criteria.flatMap((c) => c.indicators).find((i) => i.code === code)!;
  const save = (changes: { code: string; value: unknown; version: number }[]) =>
    officer.request<Err>('PUT', `/api/assessments/${id}/values`, { changes });

  beforeAll(async () => {
    env = await createTestEnv();
    p = await makeAssessableProvince(env.deps);
    officer = (await clientAs(env, 'commune_officer', p.communeA.id)).client;
    office = (await clientAs(env, 'coordination_office', p.province.id)).client;
    id = (await officer.post<{ id: number }>('/api/assessments', { unitId: p.communeA.id, month: '2022-05' })).body.id;
  });
  afterAll(() => env.close());

  it('the grid says where it is allowed and how it counts', async () => {
    const v = await view();
    expect(cell(v, '17.9').notApplicable).toMatchObject({ counts: 'excluded' });
    expect(cell(v, '13.4').notApplicable).toMatchObject({ counts: 'met' });
    expect(cell(v, '10').notApplicable).toBeNull();
  });

  it('is refused without a reason, and on an indicator that does not allow it, naming the rule', async () => {
    const blank = await save([{ code: '17.9', value: { notApplicable: true, reason: '   ' }, version: 0 }]);
    expect(blank.status).toBe(422);
    expect(blank.body.error.details).toMatchObject({ rule: 'not_applicable_needs_reason', indicators: ['17.9'] });
    expect(blank.body.error.message).toContain('phải ghi lý do');

    const notAllowed = await save([{ code: '10', value: { notApplicable: true, reason: 'Chưa có số liệu' }, version: 0 }]);
    expect(notAllowed.status).toBe(422);
    expect(notAllowed.body.error.details).toMatchObject({ rule: 'not_applicable_not_allowed', indicators: ['10'] });
    expect(notAllowed.body.error.message).toContain('Không áp dụng');
    const rows = await env.deps.db.select().from(assessmentValues).where(eq(assessmentValues.assessmentId, id));
    expect(rows).toHaveLength(0);
  });

  it('is saved with its reason, apart from an empty cell, and evaluated by the set’s rule', async () => {
    const ok = await save([
      { code: '17.9', value: { ...NO_LIVESTOCK, reason: `  ${NO_LIVESTOCK.reason} ` }, version: 0 },
      { code: '13.1', value: true, version: 0 },
      { code: '13.2', value: true, version: 0 },
      { code: '13.3', value: true, version: 0 },
      { code: '13.4', value: { notApplicable: true, reason: 'Xã không có nghề truyền thống' }, version: 0 },
    ]);
    expect(ok.status).toBe(200);
    const [stored] = await env.deps.db
      .select()
      .from(assessmentValues)
      .where(and(eq(assessmentValues.assessmentId, id), eq(assessmentValues.indicatorCode, '17.9')));
    expect(stored!.value).toEqual(NO_LIVESTOCK);

    const v = await view();
    expect(cell(v, '17.9')).toMatchObject({ value: NO_LIVESTOCK, status: 'not_applicable', reason: 'not_applicable' });
    expect(cell(v, '13.4').status).toBe('not_applicable');
    // 17.9 leaves the denominator (57 → 56); 13.4 counts as met, so criterion 13 is met 4/4.
    expect(v.results).toMatchObject({ criteriaMet: 1, indicatorsMet: 4, indicatorsTotal: 56, indicatorsNotApplicable: 2 });
  });

  it('the heat map, the scorecard and the gaps show it apart from missing', async () => {
    const v = await view();
    const sub = await officer.post<{ version: number }>(`/api/assessments/${id}/submit`, { version: v.assessment.version });
    expect((await office.post(`/api/assessments/${id}/review`, { version: sub.body.version, outcome: 'verify' })).status).toBe(
      200,
    );

    const hm = await office.get<{ rows: { unitId: number; cells: HeatCell[] }[] }>(
      `/api/dashboard/heatmap?unitId=${p.province.id}&month=2022-05`,
    );
    const cells = hm.body.rows.find((r) => r.unitId === p.communeA.id)!.cells;
    expect(cells.find((c) => c.number === '13')).toMatchObject({ status: 'met', indicatorsMet: 4, notApplicable: 1 });
    expect(cells.find((c) => c.number === '17')).toMatchObject({ status: 'missing', indicatorsTotal: 11, notApplicable: 1 });

    const card = await office.get<{ months: { criteria: Record<string, string>; indicators: Record<string, string> }[] }>(
      `/api/dashboard/scorecard?unitId=${p.communeA.id}&year=2022`,
    );
    expect(card.body.months[0]!.indicators).toMatchObject({
      '17.9': 'not_applicable',
      '13.4': 'not_applicable',
      '10': 'missing',
    });
    expect(card.body.months[0]!.criteria['13']).toBe('met');

    const gaps = await office.get<{ items: { code: string }[] }>(`/api/dashboard/gaps?unitId=${p.province.id}&month=2022-05`);
    const codes = gaps.body.items.map((i) => i.code);
    expect(codes).toContain('10');
    expect(codes).not.toContain('17.9');
    expect(codes).not.toContain('13.4');
  });

  it('the public commune page says how many indicators do not apply, in words', async () => {
    const pub = await office.post('/api/portal/publications', { kind: 'period', unitId: p.province.id, month: '2022-05' });
    expect(pub.status).toBe(201);
    const page = await new TestClient(env.app).get(`/cong-khai/don-vi/${p.communeA.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('(1 chỉ tiêu không áp dụng)');
    expect(page.text).not.toMatch(/not_applicable|notApplicable/);
  });
});
