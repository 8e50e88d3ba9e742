import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '../../db/schema';
import { nextProjectState, PROJECT_STEPS, type ProjectState, type ProjectStep } from '../../domain/lifecycles/project';
import { sweepActions } from '../../testing/action-sweep';
import { clientAs, makeProvince, uniq } from '../../testing/factories';
import { createTestEnv, type TestClient, type TestEnv } from '../../testing/harness';

type Detail = {
  project: { status: ProjectState; version: number };
  readiness: { code: string; done: boolean }[];
  actions: ProjectStep[];
};

/** The project page lists exactly the status steps the API then accepts, for each caller and each status. */
describe('project actions', () => {
  let env: TestEnv;
  let p: Awaited<ReturnType<typeof makeProvince>>;
  const callers: Record<'office' | 'officer' | 'viewer' | 'otherProvince', TestClient> = {} as never;

  beforeAll(async () => {
    env = await createTestEnv();
    p = await makeProvince(env.deps);
    const other = await makeProvince(env.deps, 'tỉnh Bên Cạnh');
    callers.office = (await clientAs(env, 'coordination_office', p.province.id)).client;
    callers.officer = (await clientAs(env, 'commune_officer', p.communeA.id)).client;
    callers.viewer = (await clientAs(env, 'viewer', p.province.id)).client;
    callers.otherProvince = (await clientAs(env, 'coordination_office', other.province.id)).client;
  });
  afterAll(() => env.close());

  const detail = async (id: number) => (await callers.office.get<Detail>(`/api/capital/projects/${id}`)).body;
  const advance = async (c: TestClient, id: number) => {
    const { project } = await detail(id);
    return c.patch(`/api/capital/projects/${id}`, {
      version: project.version,
      status: nextProjectState(project.status) ?? 'proposed',
    });
  };
  /** A new project of commune A at `state`, with its dossier complete once it has passed approval. */
  const fresh = async (state: ProjectState) => {
    const created = await callers.office.post<{ id: number }>('/api/capital/projects', {
      code: uniq('DA-'),
      name: 'Đường giao thông thôn Bắc',
      unitId: p.communeA.id,
      owner: 'UBND xã Hải Đông',
      type: 'standard',
      sources: [],
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    while ((await detail(id)).project.status !== state) {
      const d = await detail(id);
      if (d.project.status === 'readiness')
        for (const item of d.readiness)
          expect((await callers.office.put(`/api/capital/projects/${id}/readiness/${item.code}`, { done: true })).status).toBe(
            200,
          );
      expect((await advance(callers.office, id)).status).toBe(200);
    }
    return id;
  };
  const sweep = (who: keyof typeof callers, state: ProjectState) =>
    sweepActions(env.deps.db, {
      steps: PROJECT_STEPS,
      fresh: () => fresh(state),
      listed: async (id) => {
        const res = await callers[who].get<Detail>(`/api/capital/projects/${id}`);
        return res.status === 200 ? res.body.actions : [];
      },
      take: (_step, id) => advance(callers[who], id),
      // Approval needs the whole dossier: a content reason, not a refusal of the step.
      contentRefusal: (_step, res) =>
        res.status === 422 && (res.body as { error: { details: { rule?: string } } }).error.details.rule === 'dossier_incomplete',
    });

  it.each([
    ['proposed', ['advance']],
    ['readiness', ['advance']],
    ['approved', ['advance']],
    ['construction', ['advance']],
    ['completed', ['advance']],
    ['settled', []],
  ] as const)('the coordination office, %s: %j', async (state, expected) => {
    expect(await sweep('office', state)).toEqual(expected);
  });

  it.each(['proposed', 'readiness', 'construction', 'settled'] as const)(
    'the commune officer, a viewer and another province’s office, %s: nothing',
    async (state) => {
      expect(await sweep('officer', state)).toEqual([]);
      expect(await sweep('viewer', state)).toEqual([]);
      expect(await sweep('otherProvince', state)).toEqual([]);
    },
  );

  it('a project of a commune that has ended is history: nothing is listed and the step is refused', async () => {
    const q = await makeProvince(env.deps);
    const office = (await clientAs(env, 'coordination_office', q.province.id)).client;
    const created = await office.post<{ id: number }>('/api/capital/projects', {
      code: uniq('DA-'),
      name: 'Nhà văn hoá thôn Bắc',
      unitId: q.communeA.id,
      owner: 'UBND xã Hải Đông',
      type: 'standard',
      sources: [],
    });
    await env.deps.db.update(units).set({ effectiveTo: '2025-07-01' }).where(eq(units.id, q.communeA.id));
    const d = await office.get<Detail>(`/api/capital/projects/${created.body.id}`);
    expect(d.body.actions).toEqual([]);
    const res = await office.patch<{ error: { code: string } }>(`/api/capital/projects/${created.body.id}`, {
      version: d.body.project.version,
      status: 'readiness',
    });
    expect(res.body.error.code).toBe('UNIT_READ_ONLY');
  });

  it("the project's change log names each person by full name, without the sign-in name", async () => {
    const { user, client } = await clientAs(env, 'coordination_office', p.province.id);
    const created = await client.post<{ id: number }>('/api/capital/projects', {
      code: uniq('DA-'),
      name: 'Kênh mương thôn Đông',
      unitId: p.communeA.id,
      owner: 'UBND xã Hải Đông',
      type: 'standard',
      sources: [],
    });
    const d = await client.get<{ timeline: { action: string; by: string }[] }>(`/api/capital/projects/${created.body.id}`);
    expect(d.body.timeline).toEqual([expect.objectContaining({ action: 'project.create', by: user.fullName })]);
    expect(d.body.timeline[0]!.by).not.toContain(`(${user.username})`);
  });
});
