import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, users } from '../../db/schema';
import type { ScoringSheetDoc } from '../../domain/ocop/schema';
import { ManualClock } from '../../lib/clock';
import { ensureReferenceData } from '../../seed/reference';
import { clientAs, makeProvince, makeUser, TEST_PASSWORD } from '../../testing/factories';
import { createTestEnv, TestClient, type TestEnv } from '../../testing/harness';
import { answersFor } from '../../testing/ocop';

type Product = { id: number; version: number; stage: string };
type Inbox = { items: { kind: string; title: string; body: string; link: string | null }[] };

describe('OCOP: each step tells whoever acts next, and nobody else', () => {
  let env: TestEnv;
  const clock = new ManualClock('2026-03-10T02:00:00Z');
  let P: Awaited<ReturnType<typeof makeProvince>>;
  let Q: Awaited<ReturnType<typeof makeProvince>>;
  const who: Record<string, { client: TestClient; id: number }> = {};
  const members: { client: TestClient; id: number }[] = [];
  let product: Product;
  let roundId: number;

  /** Everyone told of `kind` about this product, as names from `who` / members. */
  const told = async (kind: string) => {
    const rows = await env.deps.db.select().from(notifications).where(eq(notifications.kind, kind));
    const names = new Map([
      ...Object.entries(who).map(([name, u]) => [u.id, name] as const),
      ...members.map((m, i) => [m.id, `member${i}`] as const),
    ]);
    return rows.map((r) => names.get(r.userId) ?? `user ${r.userId}`).sort();
  };
  const version = async () =>
    (await who.officeP!.client.get<{ product: Product }>(`/api/ocop/products/${product.id}`)).body.product.version;
  const move = async (as: string, action: string, documents: string[] = [], note?: string) => {
    const res = await who[as]!.client.post<Product>(`/api/ocop/products/${product.id}/transitions`, {
      action,
      documents,
      note,
      version: await version(),
    });
    expect(res.status, `${as} ${action}`).toBe(200);
  };

  beforeAll(async () => {
    env = await createTestEnv({ clock, config: { sessionIdleMinutes: 10_000_000, sessionMaxHours: 90_000 } });
    await ensureReferenceData(env.deps);
    P = await makeProvince(env.deps);
    Q = await makeProvince(env.deps, 'tỉnh Bên Cạnh');
    const add = async (name: string, role: Parameters<typeof clientAs>[1], unitId: number) => {
      const { client, user } = await clientAs(env, role, unitId);
      who[name] = { client, id: user.id };
    };
    await add('officeP', 'coordination_office', P.province.id);
    await add('officeCommune', 'coordination_office', P.communeA.id);
    await add('officerA', 'commune_officer', P.communeA.id);
    await add('producer', 'ocop_producer', P.communeA.id);
    await add('officeQ', 'coordination_office', Q.province.id);
    await add('officerQ', 'commune_officer', Q.communeA.id);
    await add('producerQ', 'ocop_producer', Q.communeA.id);
    for (let i = 0; i < 3; i++) {
      const u = await makeUser(env.deps, 'agency', P.province.id, { fullName: `Thành viên hội đồng ${i + 1}` });
      const client = new TestClient(env.app);
      await client.login(u.username, TEST_PASSWORD);
      members.push({ client, id: u.id });
    }
    const reg = await who.producer!.client.post<{ id: number }>('/api/ocop/producers', {
      unitId: P.communeA.id,
      name: 'Hợp tác xã Chè Hải Đông',
      kind: 'cooperative',
    });
    const created = await who.producer!.client.post<Product>('/api/ocop/products', {
      producerId: reg.body.id,
      name: 'Chè xanh Hải Đông',
      setNo: 1,
      cycleYear: 2026,
    });
    expect(created.status).toBe(201);
    product = created.body;
  });
  afterAll(() => env.close());

  it('an idea registered or sent again → the offices over the commune; returned → the producer, with the reason', async () => {
    await move('producer', 'register_idea', ['phieu_y_tuong']);
    expect(await told('ocop.idea_registered')).toEqual(['officeCommune', 'officeP']);
    await move('officeP', 'return_idea', [], 'Bổ sung thông tin vùng nguyên liệu');
    expect(await told('ocop.idea_returned')).toEqual(['producer']);
    const inbox = await who.producer!.client.get<Inbox>('/api/notifications');
    const returned = inbox.body.items.find((i) => i.kind === 'ocop.idea_returned')!;
    expect(returned.title).toBe('Ý tưởng sản phẩm được trả lại: Chè xanh Hải Đông');
    expect(returned.body).toContain('Lý do: Bổ sung thông tin vùng nguyên liệu.');
    expect(returned.link).toBe(`/ocop/san-pham/${product.id}`);
    await move('producer', 'resubmit_idea', ['phieu_y_tuong']);
    expect(await told('ocop.idea_resubmitted')).toEqual(['officeCommune', 'officeP']);
  });

  it('a plan submitted → the offices; returned → the producer with the reason; approved → the producer', async () => {
    await move('producer', 'submit_plan', ['phuong_an_sxkd']);
    expect(await told('ocop.plan_submitted')).toEqual(['officeCommune', 'officeP']);
    await move('officeCommune', 'return_plan', [], 'Chưa có phương án tiêu thụ');
    expect(await told('ocop.plan_returned')).toEqual(['producer']);
    await move('producer', 'resubmit_plan', ['phuong_an_sxkd']);
    expect(await told('ocop.plan_resubmitted')).toEqual(['officeCommune', 'officeP']);
    await move('officeP', 'approve_plan');
    expect(await told('ocop.plan_approved')).toEqual(['producer']);
  });

  it('submitted for evaluation → the office above the commune, which convenes the councils', async () => {
    const docs = ['ban_tu_danh_gia', 'cong_bo_chat_luong', 'nhan_bao_bi', 'cau_chuyen_san_pham', 'giay_phep_kinh_doanh'];
    await move('officerA', 'submit_for_evaluation', docs);
    expect(await told('ocop.submitted')).toEqual(['officeP']);
    const [n] = await env.deps.db.select().from(notifications).where(eq(notifications.kind, 'ocop.submitted'));
    expect(n!.body).toContain('Hợp tác xã Chè Hải Đông (xã Hải Đông)');
    expect(n!.body).toContain('10/03/2026');
  });

  it('products added to a round → each member; the sheets in → the chair; the result → producer and office', async () => {
    const round = await who.officeP!.client.post<{ id: number }>('/api/ocop/rounds', {
      unitId: P.province.id,
      level: 'province',
      name: 'Hội đồng OCOP cấp tỉnh đợt 1/2026',
      year: 2026,
      quorum: 3,
      members: members.map((m, i) => ({ userId: m.id, role: i === 0 ? 'chair' : 'member' })),
    });
    roundId = round.body.id;
    expect((await who.officeP!.client.post(`/api/ocop/rounds/${roundId}/products`, { productIds: [product.id] })).status).toBe(
      200,
    );
    expect(await told('ocop.round_products')).toEqual(['member0', 'member1', 'member2']);
    const memberInbox = await members[1]!.client.get<Inbox>('/api/notifications');
    expect(memberInbox.body.items[0]).toMatchObject({
      kind: 'ocop.round_products',
      title: 'Sản phẩm cần chấm điểm: Hội đồng OCOP cấp tỉnh đợt 1/2026',
      link: `/ocop/hoi-dong/${roundId}`,
    });
    expect(memberInbox.body.items[0]!.body).toContain('1 sản phẩm cần chấm điểm: Chè xanh Hải Đông');
    const rd = await members[0]!.client.get<{ products: { sheet: { document: ScoringSheetDoc } }[] }>(
      `/api/ocop/rounds/${roundId}`,
    );
    const sheet = rd.body.products[0]!.sheet.document;
    for (const [i, t] of [
      [0, 72],
      [1, 74],
      [2, 76],
    ] as const) {
      const r = await members[i]!.client.put(`/api/ocop/rounds/${roundId}/products/${product.id}/my-score`, {
        answers: answersFor(sheet, t),
      });
      expect(r.status).toBe(200);
      expect(await told('ocop.ready_to_decide')).toEqual(i < 2 ? [] : ['member0']);
    }
    const decided = await members[0]!.client.post<{ status: string; star: number; recognisedHere: boolean }>(
      `/api/ocop/rounds/${roundId}/products/${product.id}/decide`,
    );
    expect(decided.body).toMatchObject({ status: 'decided', star: 4, recognisedHere: true });
    expect(await told('ocop.result')).toEqual(['producer']);
    expect(await told('ocop.to_certify')).toEqual(['officeP']);
    const [result] = await env.deps.db.select().from(notifications).where(eq(notifications.kind, 'ocop.result'));
    expect(result!.body).toBe(
      'Hội đồng “Hội đồng OCOP cấp tỉnh đợt 1/2026” chấm 74,00 điểm, tương ứng 4 sao. Sản phẩm được đề nghị công nhận.',
    );
  });

  it('the certificate → the producer and the offices over the commune', async () => {
    const ok = await who.officeP!.client.post(`/api/ocop/rounds/${roundId}/products/${product.id}/certificate`, {
      number: 'GCN-05/2026',
      decisionNo: 'Quyết định số 55/QĐ-UBND',
      decisionDate: '2026-03-09',
      issuedBy: 'UBND tỉnh Kiểm Thử',
    });
    expect(ok.status).toBe(201);
    expect(await told('ocop.certified')).toEqual(['officeCommune', 'officeP', 'producer']);
  });

  it('nobody of another province heard anything, and no notice shows an unfilled {param}', async () => {
    const outsiders = [who.officeQ!.id, who.officerQ!.id, who.producerQ!.id];
    expect(await env.deps.db.select().from(notifications).where(inArray(notifications.userId, outsiders))).toEqual([]);
    const all = await env.deps.db.select().from(notifications);
    expect(all.length).toBeGreaterThan(15);
    for (const n of all) {
      expect(n.params, n.kind).not.toBeNull();
      expect(`${n.title}\n${n.body}`, n.kind).not.toMatch(/\{\w*\}/);
    }
    // Each step once: running nothing twice means no duplicates per person and key.
    const keys = all.map((n) => `${n.userId}|${n.dedupeKey}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('the inbox answers in the reader’s language: their profile, unless the request asks for another', async () => {
    await env.deps.db.update(users).set({ locale: 'en' }).where(eq(users.id, who.producer!.id));
    const en = await who.producer!.client.get<Inbox>('/api/notifications');
    const returned = en.body.items.find((i) => i.kind === 'ocop.idea_returned')!;
    expect(returned.title).toBe('Product idea returned: Chè xanh Hải Đông');
    expect(returned.body).toBe(
      'The coordination office returned the idea registration for “Chè xanh Hải Đông”. Reason: Bổ sung thông tin vùng nguyên liệu. Please complete it and send it again.',
    );
    const approved = en.body.items.find((i) => i.kind === 'ocop.plan_approved')!;
    expect(approved.body).toContain('on 10/03/2026');
    const vi = await who.producer!.client.get<Inbox>('/api/notifications', { 'accept-language': 'vi-VN,vi;q=0.9' });
    expect(vi.body.items.find((i) => i.kind === 'ocop.idea_returned')!.title).toBe(
      'Ý tưởng sản phẩm được trả lại: Chè xanh Hải Đông',
    );
    const officeEn = await who.officeP!.client.get<Inbox>('/api/notifications?lang=en');
    expect(officeEn.body.items.find((i) => i.kind === 'ocop.to_certify')!.title).toBe(
      'OCOP certificate to record: Chè xanh Hải Đông',
    );
    const [row] = await env.deps.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, who.producer!.id), eq(notifications.kind, 'ocop.idea_returned')));
    expect(row!.title).toBe('Ý tưởng sản phẩm được trả lại: Chè xanh Hải Đông');
  });
});
