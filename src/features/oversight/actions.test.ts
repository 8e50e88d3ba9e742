import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVITY_STEPS, type ActivityState, type ActivityStep } from '../../domain/lifecycles/activity';
import { PETITION_STEPS, type PetitionState, type PetitionStep } from '../../domain/lifecycles/petition';
import { RECOMMENDATION_STEPS, type RecommendationState, type RecommendationStep } from '../../domain/lifecycles/recommendation';
import { councils, oversightActivities } from '../../db/schema';
import { clientAs, makeEndedCommune, makeProvince } from '../../testing/factories';
import { createTestEnv, type Res, type TestClient, type TestEnv } from '../../testing/harness';

/**
 * `actions` is a promise: for every state of an activity, a recommendation and a petition, the steps
 * listed for a person are exactly the steps the API then accepts from that person. Each step is tried
 * on its own copy of the record in that state, by the council's secretariat (who keeps the records),
 * a council member (who only reads them) and the commune officer the record is addressed to.
 */
type Row<S, A> = { id: number; status: S; version: number; actions: A[] };

describe('actions: what a response offers is what the API accepts', () => {
  let env: TestEnv;
  let keeper: TestClient;
  let member: TestClient;
  let officer: TestClient;
  let councilId: number;
  let communeId: number;
  let districtId: number;
  const people = () => ({ keeper, member, officer });

  beforeAll(async () => {
    env = await createTestEnv();
    const p = await makeProvince(env.deps);
    communeId = p.communeA.id;
    districtId = p.district.id;
    keeper = (await clientAs(env, 'council_secretariat', p.province.id)).client;
    member = (await clientAs(env, 'council_member', p.province.id)).client;
    officer = (await clientAs(env, 'commune_officer', p.communeA.id)).client;
    const council = await keeper.post<{ id: number }>('/api/oversight/councils', {
      unitId: p.province.id,
      name: 'HĐND tỉnh Kiểm Thử',
      term: '2026-2031',
    });
    expect(council.status).toBe(201);
    councilId = council.body.id;
  }, 60_000);
  afterAll(() => env.close());

  /**
   * Tries every step on a fresh copy of the record; returns the steps each person got through. A step
   * counts only when the record moved on (`moved`; a recommendation's report is a step even when its
   * state stays).
   */
  async function accepted<A extends string>(
    steps: readonly A[],
    make: () => Promise<number>,
    attempt: (who: TestClient, id: number, step: A) => Promise<Res>,
    moved: (res: Res) => boolean = () => true,
  ) {
    const out = { keeper: [] as A[], member: [] as A[], officer: [] as A[] };
    for (const [name, who] of Object.entries(people()) as [keyof typeof out, TestClient][]) {
      for (const step of steps) {
        const res = await attempt(who, await make(), step);
        expect([200, 201, 403, 404, 422].includes(res.status), `${name} ${step}: ${res.status} ${res.text}`).toBe(true);
        if (res.status < 300 && moved(res)) out[name].push(step);
      }
    }
    return out;
  }

  // ------------------------------------------------------------------------------------------ activities

  const activityBody: Record<ActivityStep, Record<string, unknown>> = {
    hold: { status: 'held', heldOn: '2026-03-05' },
    conclude: { status: 'concluded', conclusionText: 'Kết luận phiên giải trình.', conclusionDate: '2026-03-10' },
    follow_up: { status: 'follow_up' },
    resupervise: { status: 'resupervised' },
  };
  const activityPath: Record<ActivityState, ActivityStep[]> = {
    planned: [],
    held: ['hold'],
    concluded: ['hold', 'conclude'],
    follow_up: ['hold', 'conclude', 'follow_up'],
    resupervised: ['hold', 'conclude', 'follow_up', 'resupervise'],
  };

  async function activityIn(state: ActivityState): Promise<number> {
    const a = await keeper.post<Row<ActivityState, ActivityStep>>(`/api/oversight/councils/${councilId}/activities`, {
      kind: 'explanatory_session',
      title: `Phiên giải trình (${state})`,
      topic: 'Kiểm thử',
      scheduledOn: '2026-03-05',
    });
    expect(a.status).toBe(201);
    let version = a.body.version;
    for (const step of activityPath[state]) {
      const r = await keeper.patch<Row<ActivityState, ActivityStep>>(`/api/oversight/activities/${a.body.id}`, {
        ...activityBody[step],
        version,
      });
      expect(r.status, r.text).toBe(200);
      version = r.body.version;
    }
    return a.body.id;
  }

  const activityOf = async (who: TestClient, id: number) =>
    (await who.get<Row<ActivityState, ActivityStep>>(`/api/oversight/activities/${id}`)).body;

  it.each(Object.keys(activityPath) as ActivityState[])('an activity that is %s', async (state) => {
    const id = await activityIn(state);
    const got = await accepted(
      ACTIVITY_STEPS,
      () => activityIn(state),
      async (who, copy, step) =>
        who.patch(`/api/oversight/activities/${copy}`, {
          ...activityBody[step],
          version: (await activityOf(keeper, copy)).version,
        }),
      (res) => (res.body as { status: string }).status !== state,
    );
    expect((await activityOf(keeper, id)).status).toBe(state);
    expect((await activityOf(keeper, id)).actions).toEqual(got.keeper);
    expect((await activityOf(member, id)).actions).toEqual([]);
    expect(got.member).toEqual([]);
    expect(got.officer).toEqual([]); // outside the council's unit: the activity is not even visible
    if (state !== 'resupervised') expect(got.keeper).toHaveLength(1);
  });

  it('a step answers with what is open next', async () => {
    const id = await activityIn('planned');
    const held = await keeper.patch<Row<ActivityState, ActivityStep>>(`/api/oversight/activities/${id}`, {
      ...activityBody.hold,
      version: 1,
    });
    expect(held.body.actions).toEqual(['conclude']);
  });

  it('an ended unit’s activity offers nothing to its keepers, and the step is refused as read-only', async () => {
    const ended = await makeEndedCommune(env.deps, districtId);
    const now = new Date();
    const [c] = await env.deps.db
      .insert(councils)
      .values({ unitId: ended.id, name: 'HĐND xã Đã Sáp Nhập', term: '2021-2026', createdAt: now })
      .returning();
    const [a] = await env.deps.db
      .insert(oversightActivities)
      .values({
        councilId: c!.id,
        kind: 'thematic_supervision',
        title: 'Giám sát chuyên đề 2024',
        topic: 'Kiểm thử',
        legalBasis: '87/2015/QH13',
        scheduledOn: '2024-05-10',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    expect((await activityOf(keeper, a!.id)).actions).toEqual([]);
    const r = await keeper.patch<{ error: { code: string } }>(`/api/oversight/activities/${a!.id}`, {
      ...activityBody.hold,
      version: 1,
    });
    expect(r.body.error.code).toBe('UNIT_READ_ONLY');
  });

  // ------------------------------------------------------------------------------------- recommendations

  const recommendationPath: Partial<Record<RecommendationState, ['keeper' | 'officer', RecommendationStep][]>> = {
    open: [],
    reported: [['officer', 'report_done']],
    accepted: [
      ['officer', 'report_done'],
      ['keeper', 'accept'],
    ],
    not_accepted: [['keeper', 'not_accept']],
  };

  function takeRecommendationStep(who: TestClient, id: number, step: RecommendationStep, version: number) {
    if (step === 'report_progress' || step === 'report_done')
      return who.post(`/api/oversight/recommendations/${id}/reports`, {
        text: 'Đang triển khai theo kế hoạch.',
        done: step === 'report_done',
        version,
      });
    return who.post(`/api/oversight/recommendations/${id}/decision`, {
      decision: step === 'accept' ? 'accepted' : 'not_accepted',
      version,
    });
  }

  async function recommendationIn(state: RecommendationState): Promise<number> {
    const activity = await activityIn('concluded');
    const r = await keeper.post<Row<RecommendationState, RecommendationStep>>(
      `/api/oversight/activities/${activity}/recommendations`,
      {
        text: 'Hoàn thành đường liên xã.',
        addresseeUnitId: communeId,
        addresseeLabel: 'UBND xã Hải Đông',
        deadline: '2027-06-30',
      },
    );
    expect(r.status, r.text).toBe(201);
    let version = r.body.version;
    for (const [side, step] of recommendationPath[state]!) {
      const res = await takeRecommendationStep(side === 'keeper' ? keeper : officer, r.body.id, step, version);
      expect(res.status, res.text).toBeLessThan(300);
      version++;
    }
    return r.body.id;
  }

  const recommendationOf = async (who: TestClient, id: number) =>
    (await who.get<Row<RecommendationState, RecommendationStep>>(`/api/oversight/recommendations/${id}`)).body;

  it.each(Object.keys(recommendationPath) as RecommendationState[])('a recommendation that is %s', async (state) => {
    const id = await recommendationIn(state);
    const got = await accepted(
      RECOMMENDATION_STEPS,
      () => recommendationIn(state),
      async (who, copy, step) => takeRecommendationStep(who, copy, step, (await recommendationOf(keeper, copy)).version),
    );
    expect((await recommendationOf(keeper, id)).status).toBe(state);
    expect((await recommendationOf(keeper, id)).actions).toEqual(got.keeper);
    expect((await recommendationOf(officer, id)).actions).toEqual(got.officer);
    expect((await recommendationOf(member, id)).actions).toEqual([]);
    expect(got.member).toEqual([]);
    // Each side sees only its own steps: the council decides, the addressee reports.
    expect(got.keeper.every((s) => s === 'accept' || s === 'not_accept')).toBe(true);
    expect(got.officer.every((s) => s.startsWith('report_'))).toBe(true);
    // The list and the activity's page say the same as the record's own page.
    const list = await officer.get<{ items: Row<RecommendationState, RecommendationStep>[] }>('/api/oversight/recommendations');
    expect(list.body.items.find((r) => r.id === id)?.actions).toEqual(got.officer);
  });

  // ------------------------------------------------------------------------------------------- petitions

  function takePetitionStep(who: TestClient, id: number, step: PetitionStep, version: number) {
    if (step === 'answer')
      return who.post(`/api/oversight/petitions/${id}/answer`, { answer: 'Đã đưa vào kế hoạch năm 2027.', version });
    const status = { assign: 'assigned', forward: 'forwarded', resolve: 'resolved', roadmap: 'roadmap' }[step];
    const assignee =
      step === 'assign' ? { assigneeUnitId: communeId, assigneeLabel: 'UBND xã Hải Đông', deadline: '2027-01-31' } : {};
    return who.patch(`/api/oversight/petitions/${id}`, { status, ...assignee, version });
  }

  const petitionPath: Partial<Record<PetitionState, ['keeper' | 'officer', PetitionStep][]>> = {
    received: [],
    assigned: [['keeper', 'assign']],
    answered: [
      ['keeper', 'assign'],
      ['officer', 'answer'],
    ],
    roadmap: [
      ['keeper', 'assign'],
      ['officer', 'answer'],
      ['keeper', 'roadmap'],
    ],
    resolved: [
      ['keeper', 'assign'],
      ['officer', 'answer'],
      ['keeper', 'resolve'],
    ],
    forwarded: [['keeper', 'forward']],
  };

  async function petitionIn(state: PetitionState): Promise<number> {
    const p = await keeper.post<Row<PetitionState, PetitionStep>>(`/api/oversight/councils/${councilId}/petitions`, {
      unitId: communeId,
      source: 'voter_meeting',
      receivedOn: '2026-01-05',
      text: `Đề nghị sửa đường thôn (${state}).`,
    });
    expect(p.status, p.text).toBe(201);
    let version = p.body.version;
    for (const [side, step] of petitionPath[state]!) {
      const res = await takePetitionStep(side === 'keeper' ? keeper : officer, p.body.id, step, version);
      expect(res.status, res.text).toBe(200);
      version++;
    }
    return p.body.id;
  }

  /** A petition as a person's list shows it; one they cannot see offers them nothing. */
  async function petitionOf(who: TestClient, id: number) {
    const list = await who.get<{ items: Row<PetitionState, PetitionStep>[] }>(`/api/oversight/petitions?councilId=${councilId}`);
    return list.body.items.find((p) => p.id === id) ?? { id, status: null, version: 0, actions: [] };
  }

  it.each(Object.keys(petitionPath) as PetitionState[])('a petition that is %s', async (state) => {
    const id = await petitionIn(state);
    const got = await accepted(
      PETITION_STEPS,
      () => petitionIn(state),
      async (who, copy, step) => takePetitionStep(who, copy, step, (await petitionOf(keeper, copy)).version),
      (res) => (res.body as { status: string }).status !== state,
    );
    expect((await petitionOf(keeper, id)).status).toBe(state);
    expect((await petitionOf(keeper, id)).actions).toEqual(got.keeper);
    expect((await petitionOf(officer, id)).actions).toEqual(got.officer);
    expect((await petitionOf(member, id)).actions).toEqual([]);
    expect(got.member).toEqual([]);
    expect(got.officer).toEqual(state === 'assigned' ? ['answer'] : []);
  });

  it('a status is a step: sending the one a record has is refused, and an ended petition stays as it ended', async () => {
    const petition = await petitionIn('assigned');
    const before = await petitionOf(keeper, petition);
    const again = await keeper.patch<{ error: { message: string; details: { rule: string } } }>(
      `/api/oversight/petitions/${petition}`,
      {
        status: 'assigned',
        assigneeUnitId: districtId,
        assigneeLabel: 'UBND huyện',
        deadline: '2026-12-31',
        version: before.version,
      },
    );
    expect(again.status).toBe(422);
    expect(again.body.error.details.rule).toBe('petition_status_order');
    expect((await petitionOf(keeper, petition)).version).toBe(before.version);

    const resolved = await petitionIn('resolved');
    const ended = await petitionOf(keeper, resolved);
    const edit = await keeper.patch<{ error: { message: string; details: { rule: string } } }>(
      `/api/oversight/petitions/${resolved}`,
      { deadline: '2027-01-31', version: ended.version },
    );
    expect(edit.status).toBe(422);
    expect(edit.body.error.details.rule).toBe('petition_ended');
    expect(edit.body.error.message).toMatch(/đã kết thúc/);
    expect((await petitionOf(keeper, resolved)).version).toBe(ended.version);

    const activity = await activityIn('held');
    const read = await keeper.get<{ version: number }>(`/api/oversight/activities/${activity}`);
    const same = await keeper.patch<{ error: { details: { rule: string } } }>(`/api/oversight/activities/${activity}`, {
      status: 'held',
      version: read.body.version,
    });
    expect(same.status).toBe(422);
    expect(same.body.error.details.rule).toBe('oversight_status_order');
    expect((await keeper.get<{ version: number }>(`/api/oversight/activities/${activity}`)).body.version).toBe(read.body.version);
  });
});
