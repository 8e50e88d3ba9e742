import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { councils, notifications, oversightActivities } from '../../db/schema';
import { ManualClock } from '../../lib/clock';
import { clientAs, makeProvince } from '../../testing/factories';
import { createTestEnv, type TestClient, type TestEnv } from '../../testing/harness';
import { dailyOversightCheck } from './recommendations';

describe('a recommendation’s report falls due: the addressee is reminded, then told it is overdue, once each', () => {
  let env: TestEnv;
  const clock = new ManualClock('2026-03-02T02:00:00Z');
  let P: Awaited<ReturnType<typeof makeProvince>>;
  let Q: Awaited<ReturnType<typeof makeProvince>>;
  const who: Record<string, { client: TestClient; id: number }> = {};
  let recId: number;

  const told = async (kind: string) => {
    const rows = await env.deps.db.select().from(notifications).where(eq(notifications.kind, kind));
    const names = new Map(Object.entries(who).map(([name, u]) => [u.id, name] as const));
    return rows.map((r) => names.get(r.userId) ?? `user ${r.userId}`).sort();
  };
  const runOn = async (day: string) => {
    clock.set(`${day}T02:00:00Z`);
    return dailyOversightCheck(env.deps, `t-${day}`);
  };

  beforeAll(async () => {
    env = await createTestEnv({
      clock,
      config: { recommendationReminderDays: 10, sessionIdleMinutes: 10_000_000, sessionMaxHours: 90_000 },
    });
    P = await makeProvince(env.deps);
    Q = await makeProvince(env.deps, 'tỉnh Bên Cạnh');
    const add = async (name: string, role: Parameters<typeof clientAs>[1], unitId: number) => {
      const { client, user } = await clientAs(env, role, unitId);
      who[name] = { client, id: user.id };
    };
    await add('secretariat', 'council_secretariat', P.province.id);
    await add('delegate', 'council_member', P.province.id);
    await add('officeP', 'coordination_office', P.province.id);
    await add('officerA', 'commune_officer', P.communeA.id);
    await add('officerB', 'commune_officer', P.communeB.id);
    await add('officerQ', 'commune_officer', Q.communeA.id);
    await add('officeQ', 'coordination_office', Q.province.id);
    const now = clock.now();
    const [council] = await env.deps.db
      .insert(councils)
      .values({ unitId: P.province.id, name: 'HĐND tỉnh Kiểm Thử', term: '2021–2026', createdAt: now })
      .returning();
    const [activity] = await env.deps.db
      .insert(oversightActivities)
      .values({
        councilId: council!.id,
        kind: 'thematic_supervision',
        title: 'Giám sát chuyên đề xây dựng nông thôn mới',
        topic: 'Nông thôn mới',
        legalBasis: 'Luật 121/2025/QH15',
        scheduledOn: '2026-03-01',
        heldOn: '2026-03-01',
        status: 'held',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const created = await who.secretariat!.client.post<{ id: number }>(
      `/api/oversight/activities/${activity!.id}/recommendations`,
      {
        text: 'Hoàn thành đường giao thông liên thôn trước mùa mưa.',
        addresseeUnitId: P.communeA.id,
        addresseeLabel: 'UBND xã Hải Đông',
        deadline: '2026-04-30',
      },
    );
    expect(created.status).toBe(201);
    recId = created.body.id;
    expect(await told('oversight.recommendation')).toEqual(['officerA']);
  });
  afterAll(() => env.close());

  it('nothing while the deadline is further off than the reminder window', async () => {
    expect(await runOn('2026-04-19')).toMatchObject({ due: 0, overdue: 0, sent: 0 });
    expect(await told('oversight.due')).toEqual([]);
  });

  it('within the window: the addressee’s people are reminded once, with the days left', async () => {
    expect(await runOn('2026-04-20')).toMatchObject({ due: 1, sent: 1 });
    expect(await told('oversight.due')).toEqual(['officerA']);
    const [n] = await env.deps.db.select().from(notifications).where(eq(notifications.kind, 'oversight.due'));
    expect(n!.title).toBe('Sắp đến hạn báo cáo kiến nghị giám sát: HĐND tỉnh Kiểm Thử');
    expect(n!.body).toBe(
      'Giám sát chuyên đề xây dựng nông thôn mới, kiến nghị số 1 gửi UBND xã Hải Đông: “Hoàn thành đường giao thông liên thôn trước mùa mưa.”. Hạn báo cáo 30/04/2026 (còn 10 ngày).',
    );
    expect(n!.link).toBe(`/giam-sat/kien-nghi/${recId}`);
    expect((await runOn('2026-04-20')).sent).toBe(0);
    expect((await runOn('2026-04-28')).sent).toBe(0);
    expect((await runOn('2026-04-30')).sent).toBe(0);
    expect(await told('oversight.due')).toEqual(['officerA']);
  });

  it('past the deadline: the addressee and the council are told once; after 30 days the office above', async () => {
    expect(await runOn('2026-05-01')).toMatchObject({ overdue: 1, due: 0, sent: 3 });
    expect(await told('oversight.overdue')).toEqual(['delegate', 'officerA', 'secretariat']);
    expect((await runOn('2026-05-02')).sent).toBe(0);
    expect(await runOn('2026-05-31')).toMatchObject({ overdue: 1, sent: 1 });
    expect(await told('oversight.escalated')).toEqual(['officeP']);
    expect((await runOn('2026-06-15')).sent).toBe(0);
    expect(await told('oversight.overdue')).toEqual(['delegate', 'officerA', 'secretariat']);
  });

  it('the reminder reads in English for an English reader, and nobody else heard anything', async () => {
    const inbox = await who.officerA!.client.get<{ items: { kind: string; title: string; body: string }[] }>(
      '/api/notifications?lang=en',
    );
    const due = inbox.body.items.find((i) => i.kind === 'oversight.due')!;
    expect(due.title).toBe('Report on an oversight recommendation due soon: HĐND tỉnh Kiểm Thử');
    expect(due.body).toContain('Report due 30/04/2026 (10 days left).');
    const others = [who.officerB!.id, who.officerQ!.id, who.officeQ!.id];
    expect(await env.deps.db.select().from(notifications).where(inArray(notifications.userId, others))).toEqual([]);
  });
});
