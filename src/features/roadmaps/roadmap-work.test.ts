import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencies, auditEvents, notifications, roadmapItems } from '../../db/schema';
import { clientAs, makeAgency, makeProvince } from '../../testing/factories';
import { dailyRoadmapCheck } from './daily-check';
import { createTestEnv, type TestClient, type TestEnv } from '../../testing/harness';

type Item = {
  id: number;
  version: number;
  confirmed: boolean;
  task: string | null;
  leadUserId: number | null;
  leadAgencyId: number | null;
};
type Agency = { id: number; name: string; kind: string; reachable: number };

describe('roadmap items as work: task, person in charge, People’s Committees, confirming several at once', () => {
  let env: TestEnv;
  let p: Awaited<ReturnType<typeof makeProvince>>;
  let q: Awaited<ReturnType<typeof makeProvince>>;
  let office: TestClient;
  let officer: { client: TestClient; user: { id: number } };
  let stranger: { id: number };
  let committeeA: number;
  let department: number;

  /** Suggested (unconfirmed) items of commune A, as the gap list leaves them. */
  async function suggestions(n: number, unitId = p.communeA.id) {
    const now = new Date();
    const rows = await env.deps.db
      .insert(roadmapItems)
      .values(
        Array.from({ length: n }, (_, i) => ({
          unitId,
          setCode: 'NTM_XA_2026',
          indicatorCode: `9.${Math.floor(Math.random() * 1e6)}.${i}`,
          criterionNumber: '9',
          title: `Việc thử ${i}`,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning();
    return rows.map((r) => ({ id: r.id, version: r.version }));
  }

  beforeAll(async () => {
    env = await createTestEnv();
    p = await makeProvince(env.deps);
    q = await makeProvince(env.deps, 'tỉnh Bên Cạnh');
    department = (await makeAgency(env.deps, p.province.id)).id;
    office = (await clientAs(env, 'coordination_office', p.province.id)).client;
    officer = await clientAs(env, 'commune_officer', p.communeA.id);
    stranger = (await clientAs(env, 'commune_officer', q.communeA.id)).user;
    const [c] = await env.deps.db
      .select()
      .from(agencies)
      .where(and(eq(agencies.unitId, p.communeA.id), eq(agencies.kind, 'people_committee')));
    committeeA = c!.id;
  });
  afterAll(() => env.close());

  it("offers the commune's own People's Committee first, then the district's and the province's agencies — never a neighbour's", async () => {
    const res = await office.get<{ items: Agency[] }>(`/api/roadmaps/agencies?unitId=${p.communeA.id}`);
    expect(res.status).toBe(200);
    const names = res.body.items.map((a) => a.name);
    expect(names[0]).toBe('Ủy ban nhân dân xã Hải Đông');
    expect(names).toContain('Ủy ban nhân dân huyện Thử Nghiệm');
    expect(names).toContain('Sở Nông nghiệp và Môi trường');
    expect(names).not.toContain('Ủy ban nhân dân xã Đồng Tâm');
  });

  it('says how many people each agency would tell: none for an agency without accounts, the officers for a commune committee', async () => {
    const res = await office.get<{ items: Agency[] }>(`/api/roadmaps/agencies?unitId=${p.communeA.id}`);
    expect(res.status).toBe(200);
    const byId = new Map(res.body.items.map((a) => [a.id, a]));
    expect(byId.get(department)?.reachable).toBe(0);
    expect(byId.get(committeeA)?.reachable).toBeGreaterThanOrEqual(1);
  });

  it('takes a task text and a person in charge who works for the unit; refuses someone from elsewhere and changes nothing', async () => {
    const [item] = await suggestions(1);
    const people = await office.get<{ items: { id: number }[] }>(`/api/roadmaps/people?unitId=${p.communeA.id}`);
    expect(people.status).toBe(200);
    expect(people.body.items.map((u) => u.id)).toContain(officer.user.id);
    expect(people.body.items.map((u) => u.id)).not.toContain(stranger.id);

    const refused = await office.patch(`/api/roadmaps/${item!.id}`, { version: item!.version, leadUserId: stranger.id });
    expect(refused.status).toBe(422);
    expect((refused.body as { error: { message: string } }).error.message).toContain('người phụ trách');
    const [still] = await env.deps.db.select().from(roadmapItems).where(eq(roadmapItems.id, item!.id));
    expect([still!.leadUserId, still!.version]).toEqual([null, item!.version]);

    const task = 'Vận động 6 thôn phân loại rác tại nguồn; lắp 12 điểm tập kết';
    const ok = await office.patch<Item>(`/api/roadmaps/${item!.id}`, {
      version: item!.version,
      task,
      leadUserId: officer.user.id,
      leadAgencyId: committeeA,
      targetMonth: '2027-03',
      confirm: true,
    });
    expect(ok.status).toBe(200);
    expect([ok.body.task, ok.body.leadUserId, ok.body.confirmed]).toEqual([task, officer.user.id, true]);
    // The commune's officials are its People's Committee: the item is theirs, and they are told.
    const mine = await officer.client.get<{ items: Item[] }>('/api/roadmaps?mine=1');
    expect(mine.body.items.map((i) => i.id)).toContain(item!.id);
    const told = await env.deps.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, officer.user.id), eq(notifications.kind, 'roadmap.assigned')));
    expect(told.map((n) => n.body).join(' ')).toContain(task);
  });

  it("the daily digest counts exactly the open work of the person's “việc của tôi”: led, supported, and the committee's", async () => {
    const works = (await makeAgency(env.deps, p.province.id, 'Sở Xây dựng')).id;
    const me = await clientAs(env, 'commune_officer', p.communeA.id, {}, { agencyId: works });
    const now = new Date();
    const base = {
      unitId: p.communeA.id,
      setCode: 'NTM_XA_2026',
      criterionNumber: '9',
      confirmed: true,
      createdAt: now,
      updatedAt: now,
    };
    const code = () => `9.${Math.floor(Math.random() * 1e6)}`;
    await env.deps.db.insert(roadmapItems).values([
      {
        ...base,
        indicatorCode: code(),
        title: 'Tôi phụ trách',
        leadUserId: me.user.id,
        leadAgencyId: department,
        targetMonth: '2027-03-01',
      },
      {
        ...base,
        indicatorCode: code(),
        title: 'Sở tôi phối hợp',
        leadAgencyId: department,
        supportingAgencyIds: [works],
        targetMonth: '2027-04-01',
      },
      { ...base, indicatorCode: code(), title: 'Ủy ban xã chủ trì', leadAgencyId: committeeA, targetMonth: '2020-01-01' },
      { ...base, indicatorCode: code(), title: 'Đã xong', leadAgencyId: committeeA, targetMonth: '2027-05-01', status: 'done' },
    ]);
    const mine = await me.client.get<{ items: (Item & { overdueDays: number })[] }>(
      '/api/roadmaps?mine=1&status=not_started,in_progress,at_risk',
    );
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThanOrEqual(3);

    await dailyRoadmapCheck(env.deps, 'digest-test');
    const [digest] = await env.deps.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, me.user.id), eq(notifications.kind, 'roadmap.digest')));
    const params = digest!.params as { open: number; late: number };
    expect(params.open).toBe(mine.body.items.length);
    expect(params.late).toBe(mine.body.items.filter((i) => i.overdueDays > 0).length);
    expect(digest!.link).toContain('cua-toi=1');
  });

  it('the people list of a unit is refused to another province', async () => {
    const other = (await clientAs(env, 'coordination_office', q.province.id)).client;
    expect([403, 404]).toContain((await other.get(`/api/roadmaps/people?unitId=${p.communeA.id}`)).status);
  });

  it('confirms several suggestions at once with one lead and month, one audit event each', async () => {
    const picked = await suggestions(3);
    const res = await office.post<{ confirmed: number }>('/api/roadmaps/confirm', {
      items: picked,
      leadAgencyId: department,
      targetMonth: '2027-06',
    });
    expect(res.status).toBe(200);
    expect(res.body.confirmed).toBe(3);
    const rows = await env.deps.db
      .select()
      .from(roadmapItems)
      .where(
        inArray(
          roadmapItems.id,
          picked.map((i) => i.id),
        ),
      );
    expect(rows.every((r) => r.confirmed && r.leadAgencyId === department && r.targetMonth === '2027-06-01')).toBe(true);
    const events = await env.deps.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'roadmap_item.confirm'),
          inArray(
            auditEvents.entityId,
            picked.map((i) => String(i.id)),
          ),
        ),
      );
    expect(events).toHaveLength(3);
  });

  it('all or none: a stale version, a missing month, or another province’s item refuses the lot', async () => {
    const picked = await suggestions(2);
    const [foreign] = await suggestions(1, q.communeA.id);
    const attempts = [
      {
        items: [picked[0], { ...picked[1]!, version: picked[1]!.version + 1 }],
        leadAgencyId: department,
        targetMonth: '2027-06',
      },
      { items: picked, leadAgencyId: department },
      { items: [...picked, foreign], leadAgencyId: department, targetMonth: '2027-06' },
    ];
    const statuses = [];
    for (const body of attempts) statuses.push((await office.post('/api/roadmaps/confirm', body)).status);
    expect(statuses[0]).toBe(409);
    expect(statuses[1]).toBe(422);
    expect([403, 404]).toContain(statuses[2]);
    const rows = await env.deps.db
      .select()
      .from(roadmapItems)
      .where(
        inArray(
          roadmapItems.id,
          [...picked, foreign!].map((i) => i.id),
        ),
      );
    expect(rows.every((r) => !r.confirmed && r.version === 1)).toBe(true);
  });

  it('two offices confirming the same suggestions at once: one wins, each item confirmed once', async () => {
    const picked = await suggestions(4);
    const second = (await clientAs(env, 'coordination_office', p.province.id)).client;
    const body = { items: picked, leadAgencyId: department, targetMonth: '2027-09' };
    const [a, b] = await Promise.all([office.post('/api/roadmaps/confirm', body), second.post('/api/roadmaps/confirm', body)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const events = await env.deps.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'roadmap_item.confirm'),
          inArray(
            auditEvents.entityId,
            picked.map((i) => String(i.id)),
          ),
        ),
      );
    expect(events).toHaveLength(4);
  });

  it('refuses a deadline in the past or beyond 2035, and progress on a suggestion nobody has taken on', async () => {
    const [item] = await suggestions(1);
    for (const targetMonth of ['2020-01', '9999-12']) {
      const res = await office.post('/api/roadmaps/confirm', { items: [item], leadAgencyId: department, targetMonth });
      expect(res.status).toBe(422);
      expect((res.body as { error: { message: string } }).error.message).toMatch(/thời hạn \d{2}\/\d{4} không hợp lệ/);
    }
    const done = await office.patch(`/api/roadmaps/${item!.id}`, { version: item!.version, status: 'done' });
    expect(done.status).toBe(422);
    const [still] = await env.deps.db.select().from(roadmapItems).where(eq(roadmapItems.id, item!.id));
    expect([still!.status, still!.confirmed, still!.version]).toEqual(['not_started', false, 1]);
  });

  it("a viewer of the commune does not count the People's Committee's work as theirs", async () => {
    const viewer = (await clientAs(env, 'viewer', p.communeA.id)).client;
    const [item] = await suggestions(1);
    expect(
      (await office.post('/api/roadmaps/confirm', { items: [item], leadAgencyId: committeeA, targetMonth: '2035-12' })).status,
    ).toBe(200);
    const mine = await viewer.get<{ items: Item[] }>('/api/roadmaps?mine=1');
    expect(mine.body.items.map((i) => i.id)).not.toContain(item!.id);
    const officers = await officer.client.get<{ items: Item[] }>('/api/roadmaps?mine=1');
    expect(officers.body.items.map((i) => i.id)).toContain(item!.id);
  });
});
