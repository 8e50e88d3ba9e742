import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assessments,
  ocopMemberScores,
  ocopProducts,
  ocopRoundMembers,
  ocopRoundProducts,
  ocopRounds,
  roadmapCheckins,
  roadmapItems,
  units,
  type OcopStage,
} from '../../db/schema';
import { OCOP_STAGES } from '../../db/schema/ocop';
import { producerNextStep, waitsOn } from '../../domain/ocop/cycle';
import { ManualClock } from '../../lib/clock';
import { DEMO_PASSWORD, loadDemoIfEmpty } from '../../seed/demo';
import type { Role } from '../../shared/roles';
import { clientAs, TEST_PASSWORD } from '../../testing/factories';
import { createTestEnv, TestClient, type TestEnv } from '../../testing/harness';
import { seedProvinceWork, type ProvinceWork } from '../../testing/todo-work';
import type { TodoGroup, TodoItem } from './schemas';
import { dueCutoff } from './scope';
import { OFFICE_REVIEW } from './work-ocop';

type Todo = { today: string; groups: TodoGroup[] };

/** One line per item: kind, link, and what distinguishes it (count, month, overdue). */
const line = (i: TodoItem) =>
  [i.kind, i.link, i.month, i.count, i.overdue ? 'overdue' : null].filter((x) => x !== null).join(' ');

function summary(t: Todo): Record<string, string[]> {
  return Object.fromEntries(t.groups.map((g) => [g.group, g.items.map(line).sort()]));
}

describe('to-do rules', () => {
  it('the office reviews exactly the stages where only the office moves a product on', () => {
    const office = OCOP_STAGES.filter((s) => waitsOn(s) === 'office');
    expect(office.sort()).toEqual((Object.keys(OFFICE_REVIEW) as OcopStage[]).sort());
    expect(waitsOn('evaluation')).toBe('council');
    expect(waitsOn('promotion')).toBeNull();
    expect(producerNextStep('implementing')?.action).toBe('submit_for_evaluation');
    expect(producerNextStep('plan_submitted')).toBeNull();
  });

  it('a target month is due in its own month, or in the days of the reminder window before its end', () => {
    expect(dueCutoff('2026-11-20', 7)).toBe('2026-11-01');
    expect(dueCutoff('2026-11-28', 7)).toBe('2026-11-01');
    expect(dueCutoff('2026-12-25', 7)).toBe('2026-12-01');
    expect(dueCutoff('2026-11-24', 7)).toBe('2026-11-01');
    expect(dueCutoff('2026-11-03', 40)).toBe('2026-11-01');
    expect(dueCutoff('2026-11-25', 40)).toBe('2026-12-01');
  });
});

describe('GET /api/me/todo: what waits for each role, and nothing of another unit', () => {
  let env: TestEnv;
  let home: ProvinceWork;
  let away: ProvinceWork;

  beforeAll(async () => {
    env = await createTestEnv({
      clock: new ManualClock('2026-11-30T03:00:00Z'),
      config: { sessionIdleMinutes: 10_000_000, sessionMaxHours: 90_000 },
    });
    await loadDemoIfEmpty(env.deps);
    home = await seedProvinceWork(env.deps, 'tỉnh Nhà');
    away = await seedProvinceWork(env.deps, 'tỉnh Khác');
  });
  afterAll(() => env.close());

  it('the demo: roadmap work existed before its first report, so a late report of a month in its history is taken as history', async () => {
    const reports = await env.deps.db
      .select({ item: roadmapItems, month: roadmapCheckins.month })
      .from(roadmapCheckins)
      .innerJoin(roadmapItems, eq(roadmapItems.id, roadmapCheckins.itemId))
      .where(eq(roadmapItems.isDemo, true));
    expect(reports.length).toBeGreaterThan(0);
    for (const r of reports) expect(r.item.createdAt.toISOString().slice(0, 7) <= r.month.slice(0, 7)).toBe(true);
    // Hải Sơn's sorting item reported in August and October: September's report, sent late, joins the history.
    const item = reports.find((r) => r.month.startsWith('2026-08'))!.item;
    const officer = new TestClient(env.app);
    await officer.login('canbo.haison', DEMO_PASSWORD);
    const late = await officer.post(`/api/roadmaps/${item.id}/checkins`, {
      version: item.version,
      month: '2026-09',
      percent: 10,
      note: 'Báo cáo tháng 9 gửi muộn',
    });
    expect(late.status, JSON.stringify(late.body)).toBe(201);
    const [now] = await env.deps.db.select().from(roadmapItems).where(eq(roadmapItems.id, item.id));
    expect(now!.progress).toBe(item.progress);
  });

  const todoOf = async (c: TestClient) => {
    const res = await c.get<Todo>('/api/me/todo');
    expect(res.status).toBe(200);
    return res.body;
  };
  const as = async (role: Role, unitId: number) => todoOf((await clientAs(env, role, unitId)).client);
  const asUser = async (username: string, password = TEST_PASSWORD) => {
    const c = new TestClient(env.app);
    await c.login(username, password);
    return todoOf(c);
  };

  /** What each role of a province sees, built from that province's own records only. */
  const expected = (w: ProvinceWork) => ({
    officerA: {
      assessments: [
        `assessment_open /don-vi/${w.p.communeA.id} 2026-11`,
        `assessment_returned /kiem-dem/${w.returnedA.id} 2026-10 2`,
      ],
      roadmap_due: [`roadmap_due /viec/${w.overdueItem.id} 2026-09 overdue`],
      oversight_respond: [
        `petition_to_answer /giam-sat/kien-nghi-cu-tri`,
        `recommendation_to_report /giam-sat/kien-nghi/${w.requests.lateToA.id} overdue`,
      ],
    },
    office: {
      verification: [`assessment_submitted /kiem-dem/${w.submittedB.id} 2026-11`],
      roadmap_suggestions: [`roadmap_unconfirmed /viec?don-vi=${w.p.communeB.id} 2`],
      ocop_scoring: [`ocop_score /ocop/hoi-dong/${w.round.id} 1`],
      ocop_office: [
        `ocop_awaiting_round /ocop/hoi-dong`,
        `ocop_awaiting_round /ocop/hoi-dong`,
        `ocop_idea_review /ocop/san-pham/${w.products.idea.id}`,
        `ocop_plan_review /ocop/san-pham/${w.products.plan.id}`,
        `ocop_round_decide /ocop/hoi-dong/${w.round.id} 1`,
      ],
      feedback: [`feedback_pending /cong-khai-quan-ly 1`],
    },
    chair: {
      roadmap_due: [`roadmap_due /viec/${w.overdueItem.id} 2026-09 overdue`],
      ocop_scoring: [`ocop_round_decide /ocop/hoi-dong/${w.round.id} 1`],
    },
    producer: {
      ocop_producer: [`ocop_producer_step /ocop/san-pham/${w.products.implementing.id} 5`],
    },
    council: {
      oversight_council: [
        `petition_answered /giam-sat/kien-nghi-cu-tri`,
        `petition_received /giam-sat/kien-nghi-cu-tri`,
        `recommendation_deadline /giam-sat/kien-nghi/${w.requests.lateToA.id} overdue`,
        `recommendation_reported /giam-sat/kien-nghi/${w.requests.reported.id}`,
      ],
    },
  });

  for (const which of ['home', 'away'] as const) {
    const w = () => (which === 'home' ? home : away);

    it(`${which}: the commune officer — months to enter, returned indicators, items due, requests to answer`, async () => {
      expect(summary(await as('commune_officer', w().p.communeA.id))).toEqual(expected(w()).officerA);
    });

    it(`${which}: the office — months to verify, suggestions, feedback, OCOP steps and the round it sits on`, async () => {
      expect(summary(await asUser(w().people.office.username))).toEqual(expected(w()).office);
    });

    it(`${which}: the agency leading an item, chairing a round`, async () => {
      expect(summary(await asUser(w().people.chair.username))).toEqual(expected(w()).chair);
    });

    it(`${which}: the producer — its own product's next step and the documents it needs`, async () => {
      const t = await asUser(w().people.producer.username);
      expect(summary(t)).toEqual(expected(w()).producer);
      expect(t.groups[0]!.items[0]).toMatchObject({ step: 'submit_for_evaluation', name: w().products.implementing.name });
    });

    it(`${which}: the council's secretariat and its delegates — deadlines, reports to evaluate, petitions`, async () => {
      expect(summary(await as('council_secretariat', w().p.province.id))).toEqual(expected(w()).council);
      expect(summary(await as('council_member', w().p.province.id))).toEqual(expected(w()).council);
    });

    it(`${which}: a viewer has nothing to do`, async () => {
      expect((await as('viewer', w().p.province.id)).groups).toEqual([]);
    });
  }

  it('an officer over a district sees every commune of it, but nothing of the commune that ended', async () => {
    const t = summary(await as('commune_officer', home.p.district.id));
    expect(t.assessments).toEqual([
      `assessment_draft /kiem-dem/${home.draftB.id} 2026-10`,
      `assessment_open /don-vi/${home.p.communeA.id} 2026-11`,
      `assessment_returned /kiem-dem/${home.returnedA.id} 2026-10 2`,
    ]);
    expect(t.roadmap_due).toEqual([`roadmap_due /viec/${home.overdueItem.id} 2026-09 overdue`]);
    const ended = await env.deps.db.select().from(assessments).where(eq(assessments.unitId, home.ended.id));
    expect(ended).toHaveLength(2);
    const [late] = await env.deps.db.select().from(ocopProducts).where(eq(ocopProducts.unitId, home.ended.id));
    expect(late?.stage).toBe('plan_submitted');
  });

  it("a round's chair who is also its office finds the decision once, among the office's steps", async () => {
    // A province of its own, so the round added here changes nothing the other tests expect.
    const third = await seedProvinceWork(env.deps, 'tỉnh Thứ Ba');
    const { user, client } = await clientAs(env, 'coordination_office', third.p.province.id);
    const db = env.deps.db;
    const { id: _id, ...like } = third.round;
    const [round] = await db
      .insert(ocopRounds)
      .values({ ...like, name: `Hội đồng chủ trì ${third.p.tag}`, createdAt: new Date() })
      .returning();
    await db.insert(ocopRoundMembers).values({ roundId: round!.id, userId: user.id, role: 'chair' });
    const [rp] = await db.select().from(ocopRoundProducts).where(eq(ocopRoundProducts.roundId, third.round.id));
    await db.insert(ocopRoundProducts).values({ roundId: round!.id, productId: rp!.productId, sheetId: rp!.sheetId });
    await db.insert(ocopMemberScores).values({
      roundId: round!.id,
      productId: rp!.productId,
      userId: user.id,
      answers: {},
      total: 7000,
      submittedAt: new Date(),
    });
    const all = (await todoOf(client)).groups.flatMap((g) => g.items.map((i) => `${g.group} ${line(i)}`));
    expect(all.filter((l) => l.includes(`/ocop/hoi-dong/${round!.id}`))).toEqual([
      `ocop_office ocop_round_decide /ocop/hoi-dong/${round!.id} 1`,
    ]);
  });

  it('items carry the data their words are made of: names, months, counts, due dates', async () => {
    const t = await as('commune_officer', home.p.communeA.id);
    const returned = t.groups.find((g) => g.group === 'assessments')!.items.find((i) => i.kind === 'assessment_returned')!;
    expect(returned).toMatchObject({ unitName: 'xã Hải Đông', month: '2026-10', count: 2, dueDate: null, overdue: false });
    const due = t.groups.find((g) => g.group === 'roadmap_due')!.items[0]!;
    expect(due).toMatchObject({ code: '8.3', dueDate: '2026-09-30', overdue: true, name: `Việc 8.3 ${home.p.tag}` });
    expect(t.today).toBe('2026-11-30');
  });

  it('a month the office reopened as a whole reads as reopened, not as “0 indicators returned”', async () => {
    const [stored] = await env.deps.db.select().from(assessments).where(eq(assessments.id, home.returnedA.id));
    const { id: _id, ...returned } = stored!;
    const [reopened] = await env.deps.db
      .insert(assessments)
      .values({ ...returned, period: '2026-08-01', status: 'returned', version: 1 })
      .returning();
    const t = await as('commune_officer', home.p.communeA.id);
    const items = t.groups.find((g) => g.group === 'assessments')!.items;
    expect(items.find((i) => i.link === `/kiem-dem/${reopened!.id}`)).toMatchObject({
      kind: 'assessment_reopened',
      month: '2026-08',
    });
    expect(items.find((i) => i.link === `/kiem-dem/${home.returnedA.id}`)).toMatchObject({
      kind: 'assessment_returned',
      count: 2,
    });
    await env.deps.db.delete(assessments).where(eq(assessments.id, reopened!.id));
  });

  describe('the demo', () => {
    it('xã Hải Sơn: November to finish, the overdue waste-sorting item, the council requests to the commune', async () => {
      const t = await asUser('canbo.haison', DEMO_PASSWORD);
      const [haiSon] = await env.deps.db
        .select()
        .from(units)
        .where(and(eq(units.name, 'xã Hải Sơn'), isNull(units.effectiveTo)));
      const [november] = await env.deps.db
        .select()
        .from(assessments)
        .where(and(eq(assessments.unitId, haiSon!.id), eq(assessments.period, '2026-11-01')));
      const s = summary(t);
      expect(s.assessments).toEqual([`assessment_draft /kiem-dem/${november!.id} 2026-11`]);
      expect(s.roadmap_due).toHaveLength(1);
      expect(t.groups.find((g) => g.group === 'roadmap_due')!.items[0]).toMatchObject({ code: '8.3', overdue: true });
      for (const i of t.groups.flatMap((g) => g.items)) if (i.unitId !== null) expect(i.unitId).toBe(haiSon!.id);
    });

    it('the province office: the plan and the idea to review, its sheet in the open round, feedback', async () => {
      const s = summary(await asUser('vpdp.quangninh', DEMO_PASSWORD));
      expect(Object.keys(s)).toEqual(['ocop_scoring', 'ocop_office', 'feedback']);
      expect(s.ocop_office!.map((l) => l.split(' ')[0])).toEqual(['ocop_idea_review', 'ocop_plan_review']);
    });

    it("Móng Cái's 2022 office and council ended with the city: nothing waits for them", async () => {
      for (const u of ['vpdp.mongcai', 'vanphong.hdnd.mongcai', 'daibieu.mongcai', 'xem.quangninh'])
        expect((await asUser(u, DEMO_PASSWORD)).groups, u).toEqual([]);
    });
  });
});

describe('GET /api/me/periods: where period pickers open', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv({ clock: new ManualClock('2026-11-30T03:00:00Z') });
    await loadDemoIfEmpty(env.deps);
  });
  afterAll(() => env.close());

  const latest = async (username: string) => {
    const c = new TestClient(env.app);
    await c.login(username, DEMO_PASSWORD);
    const res = await c.get<{ latestMonth: string | null }>('/api/me/periods');
    expect(res.status).toBe(200);
    return res.body.latestMonth;
  };

  it('the latest verified month in scope; for a commune officer, the latest month of any count', async () => {
    expect(await latest('vpdp.quangninh')).toBe('2026-10');
    expect(await latest('xem.quangninh')).toBe('2026-10');
    expect(await latest('vpdp.mongcai')).toBe('2022-12');
    expect(await latest('canbo.haison')).toBe('2026-11');
    expect(await latest('ocop.haison')).toBeNull();
  });
});
