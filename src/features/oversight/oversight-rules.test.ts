import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, councils, oversightActivities, petitions, recommendations, units } from '../../db/schema';
import { ManualClock } from '../../lib/clock';
import { DEMO_PASSWORD, loadDemoIfEmpty } from '../../seed/demo';
import { refusedByRule } from '../../testing/refusal';
import { createTestEnv, TestClient, type TestEnv } from '../../testing/harness';

type Err = {
  error: { code: string; message: string; details: { rule?: string } & { path?: string; code?: string; message?: string }[] };
};
type Activity = { id: number; version: number; status: string; heldOn: string | null };

describe('oversight: dates that make sense, refusals in the language asked for', () => {
  let env: TestEnv;
  const clock = new ManualClock('2022-12-20T02:00:00Z');
  let council: TestClient;
  let councilId: number;
  let mc: number;
  const state = async () => ({
    activities: await env.deps.db.select().from(oversightActivities).orderBy(oversightActivities.id),
    recommendations: await env.deps.db.select().from(recommendations).orderBy(recommendations.id),
    petitions: await env.deps.db.select().from(petitions).orderBy(petitions.id),
    audit: (await env.deps.db.select({ seq: auditEvents.seq }).from(auditEvents)).length,
  });
  const refused = (send: () => Promise<{ status: number; body: Err }>, rule: string) => refusedByRule(env.deps.db, send, rule);

  beforeAll(async () => {
    env = await createTestEnv({ clock });
    await loadDemoIfEmpty(env.deps);
    council = new TestClient(env.app);
    await council.login('vanphong.hdnd.mongcai', DEMO_PASSWORD);
    mc = (await env.deps.db.select().from(units).where(eq(units.name, 'thành phố Móng Cái')))[0]!.id;
    councilId = (await env.deps.db.select().from(councils).where(eq(councils.unitId, mc)))[0]!.id;
  }, 120_000);
  afterAll(() => env.close());

  const newPetition = async () => {
    const vanNinh = (await env.deps.db.select().from(units).where(eq(units.name, 'xã Vạn Ninh')))[0]!.id;
    const created = await council.post<{ id: number; version: number }>(`/api/oversight/councils/${councilId}/petitions`, {
      unitId: vanNinh,
      source: 'voter_meeting',
      receivedOn: '2022-12-01',
      text: 'Đề nghị sửa đường liên thôn.',
    });
    expect(created.status).toBe(201);
    return created.body;
  };

  it('a petition’s deadline is not before it was received', async () => {
    const p = await newPetition();
    const assign = (deadline: string) =>
      council.patch<Err>(`/api/oversight/petitions/${p.id}`, {
        assigneeUnitId: mc,
        assigneeLabel: 'UBND thành phố',
        deadline,
        version: p.version,
      });
    await refused(() => assign('1900-01-01'), 'petition_deadline_before_received');
    await refused(() => assign('2022-11-30'), 'petition_deadline_before_received');
    expect((await assign('2022-12-01')).status).toBe(200);
  });

  it('a unit outside the council’s area is named by code, in English when English is asked for', async () => {
    const p = await newPetition();
    const province = (await env.deps.db.select().from(units).where(eq(units.name, 'tỉnh Quảng Ninh')))[0]!.id;
    const send = (lang: string) =>
      council.patch<Err>(
        `/api/oversight/petitions/${p.id}`,
        { assigneeUnitId: province, assigneeLabel: 'UBND tỉnh', version: p.version },
        { 'accept-language': lang },
      );
    const before = await state();
    const en = await send('en');
    expect(en.status).toBe(400);
    expect(en.body.error.details[0]).toEqual({
      path: 'assigneeUnitId',
      code: 'outside_council_area',
      message: 'The unit is outside the council’s area',
    });
    expect((await send('vi')).body.error.details[0]!.message).toBe('Đơn vị nằm ngoài địa bàn của HĐND');
    expect(await state()).toEqual(before);
  });

  it('a session is held by today at the latest and concluded after it; a recommendation is due after the conclusion', async () => {
    const create = (body: Record<string, unknown>) =>
      council.post<Activity & Err>(`/api/oversight/councils/${councilId}/activities`, {
        kind: 'explanatory_session',
        title: 'Phiên giải trình (kiểm thử)',
        topic: 'Kiểm thử',
        scheduledOn: '2022-12-18',
        ...body,
      });
    await refused(() => create({ heldOn: '9999-12-31' }), 'oversight_held_in_future');
    const a = (await create({})).body;
    expect(a.status).toBe('planned');
    const patch = (body: Record<string, unknown>) =>
      council.patch<Activity & Err>(`/api/oversight/activities/${a.id}`, { version: a.version, ...body });
    await refused(() => patch({ status: 'held', heldOn: '9999-12-31' }), 'oversight_held_in_future');
    await refused(() => patch({ heldOn: '2022-12-21' }), 'oversight_held_in_future');
    const held = await patch({ status: 'held', heldOn: '2022-12-18' });
    expect(held.status).toBe(200);
    const conclude = (conclusionDate: string) =>
      council.patch<Activity & Err>(`/api/oversight/activities/${a.id}`, {
        version: held.body.version,
        status: 'concluded',
        conclusionNo: 'KL 01',
        conclusionText: 'Kết luận phiên giải trình',
        conclusionDate,
      });
    await refused(() => conclude('2022-12-17'), 'oversight_conclusion_date_invalid');
    await refused(() => conclude('2023-01-05'), 'oversight_conclusion_date_invalid');
    const concluded = await conclude('2022-12-19');
    expect(concluded.status).toBe(200);
    // What the state rests on cannot be cleared afterwards (nor a conclusion moved before the session that way).
    const edit = (body: Record<string, unknown>) =>
      council.patch<Err>(`/api/oversight/activities/${a.id}`, { version: concluded.body.version, ...body });
    await refused(() => edit({ heldOn: null }), 'oversight_held_needs_date');
    await refused(() => edit({ conclusionDate: null }), 'oversight_conclusion_needed');
    await refused(() => edit({ conclusionText: '' }), 'oversight_conclusion_needed');
    const recommend = (deadline: string) =>
      council.post<{ id: number; version: number } & Err>(`/api/oversight/activities/${a.id}/recommendations`, {
        text: 'Hoàn thành sửa chữa đường liên thôn',
        addresseeUnitId: mc,
        addresseeLabel: 'UBND thành phố',
        deadline,
      });
    await refused(() => recommend('1900-01-01'), 'recommendation_deadline_too_early');
    await refused(() => recommend('2022-12-18'), 'recommendation_deadline_too_early');
    const rec = await recommend('2023-03-31');
    expect(rec.status).toBe(201);
    await refused(
      () =>
        council.patch<Err>(`/api/oversight/recommendations/${rec.body.id}`, {
          deadline: '1900-01-01',
          version: rec.body.version,
        }),
      'recommendation_deadline_too_early',
    );
  });
});
