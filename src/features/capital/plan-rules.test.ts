import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '../../db/schema';
import { ManualClock } from '../../lib/clock';
import { DEMO_PASSWORD, loadDemoIfEmpty } from '../../seed/demo';
import { refusedByRule } from '../../testing/refusal';
import { createTestEnv, TestClient, type TestEnv } from '../../testing/harness';

const TY = 1_000_000_000;
type Err = { error: { code: string; message: string; details: { rule?: string; draftId?: number; sources?: string[] } } };
type Plan = {
  id: number;
  status: string;
  rowVersion: number;
  resolutionDate: string | null;
  lines: { sourceCode: string; amount: number }[];
};

describe('capital plans: years, resolution dates, repeated sources and a waiting adjustment', () => {
  let env: TestEnv;
  const clock = new ManualClock('2022-05-18T03:00:00Z');
  let office: TestClient;
  let mc: number;
  const refused = (send: () => Promise<{ status: number; body: Err }>, rule: string) => refusedByRule(env.deps.db, send, rule);

  beforeAll(async () => {
    env = await createTestEnv({ clock, config: { sessionIdleMinutes: 10_000_000, sessionMaxHours: 9000 } });
    await loadDemoIfEmpty(env.deps);
    office = new TestClient(env.app);
    await office.login('vpdp.mongcai', DEMO_PASSWORD);
    mc = (await env.deps.db.select().from(units).where(eq(units.name, 'thành phố Móng Cái')))[0]!.id;
  });
  afterAll(() => env.close());

  const create = (body: Record<string, unknown>, headers?: Record<string, string>) =>
    office.post<Err>(
      '/api/capital/plans',
      { unitId: mc, name: 'Kế hoạch kiểm thử', lines: [{ sourceCode: 'NSDP_TINH', amount: TY }], ...body },
      headers,
    );

  it('refuses plan years that make no sense, in the words of the language asked for', async () => {
    await refused(() => create({ kind: 'medium_term', year: 2100, endYear: 2000 }), 'plan_year_out_of_range');
    await refused(() => create({ kind: 'medium_term', year: 2021, endYear: 2020 }), 'plan_years_invalid');
    await refused(() => create({ kind: 'medium_term', year: 2016, endYear: 2026 }), 'plan_years_invalid');
    const annual = await refused(
      () => create({ kind: 'annual', year: 2022, endYear: 2025 }, { 'accept-language': 'en' }),
      'plan_years_invalid',
    );
    expect(annual.error.message).toContain('an annual plan has one year');
    expect((await create({ kind: 'medium_term', year: 2021, endYear: 2025 })).status).toBe(201);
    expect((await create({ kind: 'annual', year: 2023, endYear: 2023 })).status).toBe(201);
  });

  it('a funding source given twice is a refusal naming it, not a lost race', async () => {
    const twice = [
      { sourceCode: 'NSDP_TINH', amount: TY },
      { sourceCode: 'NSDP_TINH', amount: 2 * TY },
    ];
    const created = await refused(() => create({ kind: 'annual', year: 2024, lines: twice }), 'plan_line_source_repeated');
    expect(created.error.details.sources).toEqual(['NSDP_TINH']);
    expect(created.error.message).toContain('NSDP_TINH');
    const draft = await office.post<Plan>('/api/capital/plans', {
      unitId: mc,
      kind: 'annual',
      year: 2024,
      name: 'Kế hoạch 2024 (kiểm thử)',
      lines: [{ sourceCode: 'NSDP_TINH', amount: TY }],
    });
    expect(draft.status).toBe(201);
    const put = await refused(
      () => office.put<Err>(`/api/capital/plans/${draft.body.id}/lines`, { rowVersion: draft.body.rowVersion, lines: twice }),
      'plan_line_source_repeated',
    );
    expect(put.error.details.sources).toEqual(['NSDP_TINH']);
  });

  it('an adjustment already waiting is named; a resolution date is not in the future, before the last one or far from the plan years', async () => {
    const current = (await office.get<{ items: Plan[] }>(`/api/capital/plans?unitId=${mc}&year=2022`)).body.items.find(
      (p) => p.status === 'approved',
    )!;
    expect(current.resolutionDate).toBe('2021-12-17');
    const draft = await office.post<Plan>(`/api/capital/plans/${current.id}/adjust`);
    expect(draft.status).toBe(201);
    const again = await refused(() => office.post<Err>(`/api/capital/plans/${current.id}/adjust`), 'plan_adjustment_waiting');
    expect(again.error.details.draftId).toBe(draft.body.id);
    const approve = (resolutionDate: string, id = draft.body.id, rowVersion = draft.body.rowVersion) =>
      office.post<Err>(`/api/capital/plans/${id}/approve`, {
        rowVersion,
        resolutionNo: 'NQ 99/NQ-HĐND (kiểm thử)',
        resolutionDate,
        body: 'HĐND thành phố Móng Cái',
      });
    await refused(() => approve('2022-06-01'), 'plan_resolution_in_future');
    await refused(() => approve('1900-01-01'), 'plan_resolution_before_previous');
    await refused(() => approve('2021-12-16'), 'plan_resolution_before_previous');
    // A plan of its own (no version before) still is approved in or near its years.
    const early = await office.post<Plan>('/api/capital/plans', {
      unitId: mc,
      kind: 'annual',
      year: 2021,
      name: 'Kế hoạch 2021 (kiểm thử)',
      lines: [],
    });
    expect(early.status).toBe(201);
    await refused(() => approve('2019-12-31', early.body.id, early.body.rowVersion), 'plan_resolution_outside_years');
    await refused(() => approve('1900-01-01', early.body.id, early.body.rowVersion), 'plan_resolution_outside_years');
    expect((await approve('2020-12-20', early.body.id, early.body.rowVersion)).status).toBe(200);
    expect((await approve('2022-05-18')).status).toBe(200);
  });

  it('an extension is decided by today and gives a deadline after its decision; a contribution is recorded once made', async () => {
    const project = (await office.get<{ items: { id: number }[] }>(`/api/capital/projects?unitId=${mc}`)).body.items[0]!;
    const extend = (decisionDate: string, newDeadline: string) =>
      office.post<Err>(`/api/capital/projects/${project.id}/extensions`, {
        planYear: 2022,
        newDeadline,
        decisionNo: 'QĐ gia hạn (kiểm thử)',
        decisionDate,
      });
    await refused(() => extend('2022-06-01', '2023-06-30'), 'extension_decision_date_invalid');
    await refused(() => extend('2022-05-10', '1900-01-01'), 'extension_decision_date_invalid');
    expect((await extend('2022-05-10', '2023-06-30')).status).toBe(201);
    const contribute = (date: string) =>
      office.post<Err>(`/api/capital/projects/${project.id}/contributions`, {
        sourceCode: 'XHH_CONG',
        date,
        quantity: 10,
        valueVnd: 2_000_000,
      });
    await refused(() => contribute('9999-12-31'), 'contribution_in_future');
    expect((await contribute('2022-05-18')).status).toBe(201);
  });
});
