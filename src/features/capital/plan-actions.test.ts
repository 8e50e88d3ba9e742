import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '../../db/schema';
import { PLAN_STEPS, type PlanState, type PlanStep } from '../../domain/lifecycles/capital-plan';
import { ensureReferenceData } from '../../seed/reference';
import { sweepActions } from '../../testing/action-sweep';
import { clientAs, makeProvince } from '../../testing/factories';
import { createTestEnv, type TestClient, type TestEnv } from '../../testing/harness';

type Plan = { id: number; year: number; status: PlanState; rowVersion: number; actions: PlanStep[] };

/** Where a fresh plan is put: a state of its lifecycle, or an approved plan whose adjustment is waiting. */
type Situation = PlanState | 'approved_with_pending_adjustment';

/** The plan page lists exactly the steps the API then accepts, for each caller and each state of the plan. */
describe('capital plan actions', () => {
  let env: TestEnv;
  let p: Awaited<ReturnType<typeof makeProvince>>;
  const callers: Record<'office' | 'officer' | 'viewer' | 'otherProvince', TestClient> = {} as never;
  /** Each plan its own year, so approving one never meets another current plan of its unit. */
  let year = 2001;

  beforeAll(async () => {
    env = await createTestEnv();
    await ensureReferenceData(env.deps);
    p = await makeProvince(env.deps);
    const other = await makeProvince(env.deps, 'tỉnh Bên Cạnh');
    callers.office = (await clientAs(env, 'coordination_office', p.province.id)).client;
    callers.officer = (await clientAs(env, 'commune_officer', p.communeA.id)).client;
    callers.viewer = (await clientAs(env, 'viewer', p.province.id)).client;
    callers.otherProvince = (await clientAs(env, 'coordination_office', other.province.id)).client;
  });
  afterAll(() => env.close());

  const read = async (id: number) => (await callers.office.get<Plan>(`/api/capital/plans/${id}`)).body;
  const approve = async (c: TestClient, id: number, plan = read(id)) =>
    c.post<Plan>(`/api/capital/plans/${id}/approve`, {
      rowVersion: (await plan).rowVersion,
      resolutionNo: 'Nghị quyết số 12/NQ-HĐND',
      resolutionDate: `${(await plan).year}-01-15`,
      body: 'HĐND xã Hải Đông',
    });
  const adjust = (c: TestClient, id: number) => c.post<Plan>(`/api/capital/plans/${id}/adjust`);

  /** A new annual plan of commune A in `situation`. */
  const fresh = async (situation: Situation, unitId = p.communeA.id, office = callers.office) => {
    const created = await office.post<Plan>('/api/capital/plans', {
      unitId,
      kind: 'annual',
      year: year++,
      name: 'Kế hoạch đầu tư công xã Hải Đông',
      lines: [{ sourceCode: 'NSDP_TINH', amount: 2_000_000_000 }],
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    if (situation === 'draft') return id;
    expect((await approve(office, id)).status).toBe(200);
    if (situation === 'approved') return id;
    const draft = await adjust(office, id);
    expect(draft.status).toBe(201);
    if (situation === 'superseded') expect((await approve(office, draft.body.id)).status).toBe(200);
    return id;
  };

  const take = async (c: TestClient, step: PlanStep, id: number) => {
    const { rowVersion } = await read(id);
    switch (step) {
      case 'set_lines':
        return c.request('PUT', `/api/capital/plans/${id}/lines`, {
          rowVersion,
          lines: [{ sourceCode: 'NSDP_TINH', amount: 2_500_000_000 }],
        });
      case 'allocate':
        return c.request('PUT', `/api/capital/plans/${id}/allocations`, { rowVersion, allocations: [] });
      case 'approve':
        return approve(c, id);
      case 'adjust':
        return adjust(c, id);
    }
  };

  const sweep = (who: keyof typeof callers, situation: Situation) =>
    sweepActions(env.deps.db, {
      steps: PLAN_STEPS,
      fresh: () => fresh(situation),
      listed: async (id) => {
        const res = await callers[who].get<Plan>(`/api/capital/plans/${id}`);
        return res.status === 200 ? res.body.actions : [];
      },
      take: (step, id) => take(callers[who], step, id),
    });

  it.each([
    ['draft', ['set_lines', 'allocate', 'approve']],
    ['approved', ['adjust']],
    ['approved_with_pending_adjustment', []],
    ['superseded', []],
  ] as const)('the coordination office, %s: %j', async (situation, expected) => {
    expect(await sweep('office', situation)).toEqual(expected);
  });

  it.each(['draft', 'approved', 'superseded'] as const)(
    'the commune officer, a viewer and another province’s office, %s: nothing',
    async (situation) => {
      expect(await sweep('officer', situation)).toEqual([]);
      expect(await sweep('viewer', situation)).toEqual([]);
      expect(await sweep('otherProvince', situation)).toEqual([]);
    },
  );

  it('the list answers each plan with the same steps as its page', async () => {
    const draft = await fresh('draft');
    const approved = await fresh('approved');
    const list = await callers.office.get<{ items: Plan[] }>(`/api/capital/plans?unitId=${p.communeA.id}`);
    const byId = new Map(list.body.items.map((x) => [x.id, x.actions]));
    expect(byId.get(draft)).toEqual(['set_lines', 'allocate', 'approve']);
    expect(byId.get(approved)).toEqual(['adjust']);
    const viewed = await callers.viewer.get<{ items: Plan[] }>(`/api/capital/plans?unitId=${p.communeA.id}`);
    expect(viewed.body.items.every((x) => x.actions.length === 0)).toBe(true);
  });

  it('a plan of a commune that has ended is history: nothing is listed and the step is refused', async () => {
    const q = await makeProvince(env.deps);
    const office = (await clientAs(env, 'coordination_office', q.province.id)).client;
    const id = await fresh('draft', q.communeA.id, office);
    await env.deps.db.update(units).set({ effectiveTo: '2025-07-01' }).where(eq(units.id, q.communeA.id));
    const d = await office.get<Plan>(`/api/capital/plans/${id}`);
    expect(d.body.actions).toEqual([]);
    const res = await office.post<{ error: { code: string } }>(`/api/capital/plans/${id}/approve`, {
      rowVersion: d.body.rowVersion,
      resolutionNo: 'Nghị quyết số 12/NQ-HĐND',
      resolutionDate: '2026-01-15',
      body: 'HĐND xã Hải Đông',
    });
    expect(res.body.error.code).toBe('UNIT_READ_ONLY');
  });
});
