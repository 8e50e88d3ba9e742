import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roadmapItems, units } from '../../db/schema';
import {
  ROADMAP_ITEM_STEPS,
  ROADMAP_STATUS_STEP_TO,
  storedStatus,
  type RoadmapItemState,
  type RoadmapItemStep,
} from '../../domain/lifecycles/roadmap-item';
import { sweepActions } from '../../testing/action-sweep';
import { clientAs, makeAgency, makeProvince } from '../../testing/factories';
import { createTestEnv, type TestClient, type TestEnv } from '../../testing/harness';
import { todayVn } from '../../shared/vi';

type Item = { id: number; version: number; actions: RoadmapItemStep[] };
type Who = 'office' | 'officer' | 'lead' | 'otherAgency' | 'otherCommune' | 'viewer' | 'otherProvince';

/**
 * The item page and the board list exactly the steps the API then accepts, for each caller and each
 * state of an item of work: the office (edits, confirms, sets the status), the commune's officer and
 * the lead agency (report progress), an agency that has nothing to do with it, another commune's
 * officer, a viewer and another province's office.
 */
describe('roadmap item actions', () => {
  let env: TestEnv;
  let p: Awaited<ReturnType<typeof makeProvince>>;
  let leadAgencyId: number;
  const callers: Record<Who, TestClient> = {} as never;

  beforeAll(async () => {
    env = await createTestEnv();
    p = await makeProvince(env.deps);
    const other = await makeProvince(env.deps, 'tỉnh Bên Cạnh');
    leadAgencyId = (await makeAgency(env.deps, p.province.id)).id;
    const otherAgencyId = (await makeAgency(env.deps, p.province.id, 'Sở Xây dựng')).id;
    callers.office = (await clientAs(env, 'coordination_office', p.province.id)).client;
    callers.officer = (await clientAs(env, 'commune_officer', p.communeA.id)).client;
    callers.lead = (await clientAs(env, 'agency', p.province.id, {}, { agencyId: leadAgencyId })).client;
    callers.otherAgency = (await clientAs(env, 'agency', p.province.id, {}, { agencyId: otherAgencyId })).client;
    callers.otherCommune = (await clientAs(env, 'commune_officer', p.communeB.id)).client;
    callers.viewer = (await clientAs(env, 'viewer', p.province.id)).client;
    callers.otherProvince = (await clientAs(env, 'coordination_office', other.province.id)).client;
  });
  afterAll(() => env.close());

  /** A new item of commune A in `state`: a suggestion has no lead yet; confirmed work is led by the agency. */
  const fresh = async (state: RoadmapItemState, unitId = p.communeA.id) => {
    const suggestion = state === 'suggested' || state === 'suggestion_closed';
    const now = new Date();
    const [row] = await env.deps.db
      .insert(roadmapItems)
      .values({
        unitId,
        setCode: 'NTM_XA_2026',
        indicatorCode: `9.${Math.floor(Math.random() * 1e6)}`,
        criterionNumber: '9',
        title: 'Tỷ lệ hộ dân được phổ biến kiến thức chuyển đổi số',
        confirmed: !suggestion,
        status: storedStatus(state),
        leadAgencyId: suggestion ? null : leadAgencyId,
        targetMonth: suggestion ? null : '2030-06-01',
        closedAt: storedStatus(state) === 'done' ? now : null,
        closedReason: storedStatus(state) === 'done' ? 'verified_met' : null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return row!.id;
  };

  const take = async (c: TestClient, step: RoadmapItemStep, id: number, confirmVia: 'form' | 'board') => {
    const [{ version }] = (await env.deps.db
      .select({ version: roadmapItems.version })
      .from(roadmapItems)
      .where(eq(roadmapItems.id, id))) as [{ version: number }];
    switch (step) {
      case 'edit':
        return c.patch(`/api/roadmaps/${id}`, { version, priority: 1, task: 'Tổ chức 6 lớp tập huấn tại các thôn' });
      case 'confirm':
        return confirmVia === 'form'
          ? c.patch(`/api/roadmaps/${id}`, { version, confirm: true, leadAgencyId, targetMonth: '2030-06' })
          : c.post('/api/roadmaps/confirm', { items: [{ id, version }], leadAgencyId, targetMonth: '2030-06' });
      case 'check_in':
        return c.post(`/api/roadmaps/${id}/checkins`, {
          version,
          month: todayVn(new Date()).slice(0, 7),
          percent: 30,
          note: 'Đã tập huấn 2 thôn',
        });
      default:
        return c.patch(`/api/roadmaps/${id}`, { version, status: ROADMAP_STATUS_STEP_TO[step] });
    }
  };

  const sweep = (who: Who, state: RoadmapItemState, confirmVia: 'form' | 'board' = 'board') =>
    sweepActions(env.deps.db, {
      // Sending the status the item already has is an edit, not that status's step: those are not tried.
      steps: ROADMAP_ITEM_STEPS.filter(
        (s) => !(s in ROADMAP_STATUS_STEP_TO) || ROADMAP_STATUS_STEP_TO[s as 'start'] !== storedStatus(state),
      ),
      fresh: () => fresh(state),
      listed: async (id) => {
        const res = await callers[who].get<Item>(`/api/roadmaps/${id}`);
        return res.status === 200 ? res.body.actions : [];
      },
      take: (step, id) => take(callers[who], step, id, confirmVia),
    });

  const OPEN = ['not_started', 'in_progress', 'at_risk'] as const;
  const office: Record<RoadmapItemState, RoadmapItemStep[]> = {
    suggested: ['edit', 'confirm'],
    not_started: ['edit', 'check_in', 'start', 'flag_at_risk', 'complete'],
    in_progress: ['edit', 'check_in', 'flag_at_risk', 'complete'],
    at_risk: ['edit', 'check_in', 'start', 'complete'],
    done: ['edit', 'start'],
    suggestion_closed: ['edit'],
  };

  it.each(Object.keys(office) as RoadmapItemState[])('the coordination office, %s', async (state) => {
    expect(await sweep('office', state, 'board')).toEqual(office[state]);
    expect(await sweep('office', state, 'form')).toEqual(office[state]);
  });

  it.each(Object.keys(office) as RoadmapItemState[])(
    'the commune’s officer and the lead agency report progress on open work only, %s',
    async (state) => {
      const expected: RoadmapItemStep[] = (OPEN as readonly string[]).includes(state) ? ['check_in'] : [];
      expect(await sweep('officer', state)).toEqual(expected);
      expect(await sweep('lead', state)).toEqual(expected);
    },
  );

  it.each(['suggested', 'not_started', 'in_progress', 'done'] as const)(
    'another agency, another commune’s officer, a viewer and another province’s office, %s: nothing',
    async (state) => {
      for (const who of ['otherAgency', 'otherCommune', 'viewer', 'otherProvince'] as const)
        expect(await sweep(who, state), who).toEqual([]);
    },
  );

  it('the board answers each item with the same steps as its page', async () => {
    const suggestion = await fresh('suggested');
    const started = await fresh('in_progress');
    for (const who of ['office', 'officer', 'lead', 'viewer'] as const) {
      const board = await callers[who].get<{ items: Item[] }>(`/api/roadmaps?unitId=${p.communeA.id}`);
      expect(board.status).toBe(200);
      for (const id of [suggestion, started]) {
        const page = await callers[who].get<Item>(`/api/roadmaps/${id}`);
        expect(board.body.items.find((i) => i.id === id)?.actions, `${who} ${id}`).toEqual(page.body.actions);
      }
    }
    const mine = await callers.lead.get<{ items: Item[] }>('/api/roadmaps?mine=1');
    expect(mine.body.items.find((i) => i.id === started)?.actions).toEqual(['check_in']);
  });

  it('an item of a commune that has ended is history: nothing is listed and a check-in is refused', async () => {
    const q = await makeProvince(env.deps);
    const office = (await clientAs(env, 'coordination_office', q.province.id)).client;
    const id = await fresh('in_progress', q.communeA.id);
    await env.deps.db.update(units).set({ effectiveTo: '2025-07-01' }).where(eq(units.id, q.communeA.id));
    const d = await office.get<Item>(`/api/roadmaps/${id}`);
    expect(d.body.actions).toEqual([]);
    const res = await office.post<{ error: { code: string } }>(`/api/roadmaps/${id}/checkins`, {
      version: d.body.version,
      month: todayVn(new Date()).slice(0, 7),
      percent: 30,
      note: 'Đã tập huấn 2 thôn',
    });
    expect(res.body.error.code).toBe('UNIT_READ_ONLY');
  });
});
