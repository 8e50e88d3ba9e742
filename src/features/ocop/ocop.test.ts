import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, notifications, ocopTransitions, units as unitsTable, users } from '../../db/schema';
import type { ScoringSheetDoc } from '../../domain/ocop/schema';
import { ManualClock } from '../../lib/clock';
import { answersFor } from '../../testing/ocop';
import { DEMO_PASSWORD, loadDemoIfEmpty } from '../../seed/demo';
import { ensureReferenceData } from '../../seed/reference';
import { viCollator } from '../../shared/vi';
import { clientAs, makeProvince, makeUser, TEST_PASSWORD } from '../../testing/factories';
import { createTestEnv, TestClient, type TestEnv } from '../../testing/harness';
import { dailyOcopCheck } from './certificates';

type Err = { error: { code: string; message: string; details: { rule?: string; missing?: { code: string }[] } } };
type Product = { id: number; code: string; version: number; stage: string };
type Detail = {
  product: Product;
  star: number | null;
  certificateStatus: string;
  actions: string[];
  certificates: { id: number; previousId: number | null; validTo: string }[];
};

describe('OCOP: producers, cycle, council, certificate, expiry', () => {
  let env: TestEnv;
  const clock = new ManualClock('2026-03-10T02:00:00Z');
  let P: Awaited<ReturnType<typeof makeProvince>>;
  let office: TestClient;
  let producer: TestClient;
  let producerUserId: number;
  let otherProducer: TestClient;
  let officerB: TestClient;
  let officerA: TestClient;
  const members: { client: TestClient; id: number }[] = [];
  let product: Product;
  let roundId: number;
  let sheet: ScoringSheetDoc;

  const detail = async (c: TestClient = office) => (await c.get<Detail>(`/api/ocop/products/${product.id}`)).body;
  const move = async (c: TestClient, action: string, documents: string[] = [], note?: string) => {
    const d = await detail(c);
    return c.post<Product & Err>(`/api/ocop/products/${product.id}/transitions`, {
      action,
      documents,
      note,
      version: d.product.version,
    });
  };

  beforeAll(async () => {
    env = await createTestEnv({ clock, config: { sessionIdleMinutes: 10_000_000, sessionMaxHours: 90_000 } });
    await ensureReferenceData(env.deps);
    P = await makeProvince(env.deps);
    office = (await clientAs(env, 'coordination_office', P.province.id)).client;
    const p = await clientAs(env, 'ocop_producer', P.communeA.id);
    producer = p.client;
    producerUserId = p.user.id;
    otherProducer = (await clientAs(env, 'ocop_producer', P.communeA.id)).client;
    officerA = (await clientAs(env, 'commune_officer', P.communeA.id)).client;
    officerB = (await clientAs(env, 'commune_officer', P.communeB.id)).client;
    for (let i = 0; i < 3; i++) {
      const u = await makeUser(env.deps, 'agency', P.province.id, { fullName: `Thành viên hội đồng ${i + 1}` });
      const c = new TestClient(env.app);
      await c.login(u.username, TEST_PASSWORD);
      members.push({ client: c, id: u.id });
    }
  });
  afterAll(() => env.close());

  it('a producer registers its own subject once and its product starts at step 1', async () => {
    const reg = await producer.post<{ id: number }>('/api/ocop/producers', {
      unitId: P.communeA.id,
      name: 'Hợp tác xã Khoai lang Hải Đông',
      kind: 'cooperative',
      taxCode: '5701234567',
      registeredOn: '2026-02-01',
      womenLed: true,
    });
    expect(reg.status).toBe(201);
    const [u] = await env.deps.db.select().from(users).where(eq(users.id, producerUserId));
    expect(u!.producerId).toBe(reg.body.id);
    const again = await producer.post<Err>('/api/ocop/producers', {
      unitId: P.communeA.id,
      name: 'Chủ thể khác',
      kind: 'household',
    });
    expect(again.body.error.details.rule).toBe('producer_already_registered');
    const bad = await producer.post<Product & Err>('/api/ocop/products', {
      producerId: reg.body.id,
      name: 'Khoai lang',
      setNo: 27,
      cycleYear: 2026,
    });
    expect(bad.status).toBe(400);
    const created = await producer.post<Product>('/api/ocop/products', {
      producerId: reg.body.id,
      name: 'Khoai lang Hải Đông',
      setNo: 1,
      cycleYear: 2026,
      brandTags: ['03 con, 02 cây, 01 điểm đến'],
      standards: [
        { kind: 'VietGAP', number: 'VG-01', issuedBy: 'Trung tâm chứng nhận', expiresOn: '2027-12-31' },
        { kind: 'Chứng nhận ATTP', number: 'AT-9', issuedBy: 'Sở NN&MT', expiresOn: '2026-06-30' },
      ],
    });
    expect(created.status).toBe(201);
    product = created.body;
    expect(product.stage).toBe('awareness');
    expect(product.code).toMatch(/^SP-[A-Z2-9]{8}$/);
  });

  it('a producer sees only their own products: another producer of the commune gets 403, another unit 404', async () => {
    expect((await otherProducer.get('/api/ocop/products')).body).toEqual({ items: [] });
    expect((await otherProducer.get(`/api/ocop/products/${product.id}`)).status).toBe(403);
    expect(
      (
        await otherProducer.post(`/api/ocop/products/${product.id}/transitions`, {
          action: 'register_idea',
          documents: ['phieu_y_tuong'],
          version: 1,
        })
      ).status,
    ).toBe(403);
    expect((await officerB.get(`/api/ocop/products/${product.id}`)).status).toBe(404);
    expect((await officerB.get<{ items: unknown[] }>('/api/ocop/products')).body.items).toEqual([]);
    expect((await officerA.get<{ items: { id: number }[] }>('/api/ocop/products')).body.items.map((i) => i.id)).toEqual([
      product.id,
    ]);
    const mine = await producer.get<{ items: { id: number }[] }>('/api/ocop/products');
    expect(mine.body.items.map((i) => i.id)).toEqual([product.id]);
    // a producer does not see the unit's other producers either
    await officerA.post('/api/ocop/producers', { unitId: P.communeA.id, name: 'Hộ kinh doanh Lê Văn Ba', kind: 'household' });
    expect((await producer.get<{ items: unknown[] }>('/api/ocop/producers')).body.items).toHaveLength(1);
    expect((await officerA.get<{ items: unknown[] }>('/api/ocop/producers')).body.items).toHaveLength(2);
  });

  it('illegal transitions are refused with a clear reason and change nothing', async () => {
    const before = await detail();
    const early = await move(producer, 'approve_plan');
    expect(early.status).toBe(422);
    expect(early.body.error.details.rule).toBe('ocop_transition_not_allowed');
    expect(early.body.error.message).toContain('không cho phép');
    const noDoc = await move(producer, 'register_idea');
    expect(noDoc.body.error.details.rule).toBe('ocop_documents_missing');
    expect(noDoc.body.error.details.missing!.map((m) => m.code)).toEqual(['phieu_y_tuong']);
    const unknown = await move(producer, 'skip_to_stars');
    expect(unknown.body.error.details.rule).toBe('ocop_unknown_action');
    const after = await detail();
    expect(after.product.version).toBe(before.product.version);
    expect(await env.deps.db.select().from(ocopTransitions).where(eq(ocopTransitions.productId, product.id))).toHaveLength(0);
    // a reader (viewer) may not move products at all
    const viewer = (await clientAs(env, 'viewer', P.province.id)).client;
    expect((await move(viewer, 'register_idea', ['phieu_y_tuong'])).status).toBe(403);
  });

  it('the product goes through the cycle; returns need a reason; only the office approves', async () => {
    expect((await move(producer, 'register_idea', ['phieu_y_tuong'])).status).toBe(200);
    const noReason = await move(office, 'return_idea');
    expect(noReason.body.error.details.rule).toBe('ocop_note_required');
    expect((await move(office, 'return_idea', [], 'Bổ sung thông tin vùng nguyên liệu')).status).toBe(200);
    expect((await move(producer, 'resubmit_idea', ['phieu_y_tuong'])).status).toBe(200);
    expect((await move(producer, 'submit_plan', ['phuong_an_sxkd'])).status).toBe(200);
    const self = await move(producer, 'approve_plan');
    expect(self.body.error.details.rule).toBe('ocop_transition_not_yours');
    expect((await move(office, 'approve_plan')).status).toBe(200);
    const docs = ['ban_tu_danh_gia', 'cong_bo_chat_luong', 'nhan_bao_bi', 'cau_chuyen_san_pham', 'giay_phep_kinh_doanh'];
    expect(
      (await move(officerA, 'submit_for_evaluation', docs.slice(0, 4))).body.error.details.missing!.map((m) => m.code),
    ).toEqual(['giay_phep_kinh_doanh']);
    expect((await move(officerA, 'submit_for_evaluation', docs)).status).toBe(200);
    const d = await detail(producer);
    expect(d.product.stage).toBe('evaluation');
    const audited = await env.deps.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'ocop_product'), eq(auditEvents.entityId, String(product.id))));
    expect(audited.map((a) => (a.after as { step?: string } | null)?.step ?? a.action)).toEqual(
      expect.arrayContaining(['ocop_product.create', 'register_idea', 'return_idea', 'approve_plan', 'submit_for_evaluation']),
    );
  });

  it('the council scores; a wide spread asks for rescoring; the mean gives the star', async () => {
    const round = await office.post<{ id: number; regime: string }>('/api/ocop/rounds', {
      unitId: P.province.id,
      level: 'province',
      name: 'Hội đồng đánh giá, phân hạng sản phẩm OCOP cấp tỉnh đợt 1/2026',
      year: 2026,
      quorum: 3,
      members: members.map((m, i) => ({ userId: m.id, role: i === 0 ? 'chair' : 'member' })),
    });
    expect(round.status).toBe(201);
    expect(round.body.regime).toBe('QD1489_2025');
    roundId = round.body.id;
    const outsider = await makeUser(env.deps, 'viewer', P.province.id);
    const refused = await office.post<Err>('/api/ocop/rounds', {
      unitId: P.province.id,
      level: 'province',
      name: 'x',
      year: 2026,
      quorum: 1,
      members: [{ userId: outsider.id, role: 'chair' }],
    });
    expect(refused.body.error.details.rule).toBe('ocop_member_not_eligible');
    expect((await office.post(`/api/ocop/rounds/${roundId}/products`, { productIds: [product.id] })).status).toBe(200);
    const rd = await members[1]!.client.get<{ products: { sheet: { document: ScoringSheetDoc }; totals: unknown }[] }>(
      `/api/ocop/rounds/${roundId}`,
    );
    sheet = rd.body.products[0]!.sheet.document;
    expect(rd.body.products[0]!.totals).toBeNull(); // a member does not see the others' totals
    // an incomplete sheet is refused
    const partial = await members[0]!.client.put<Err>(`/api/ocop/rounds/${roundId}/products/${product.id}/my-score`, {
      answers: { 'A1.1': 1 },
    });
    expect(partial.body.error.details.rule).toBe('ocop_sheet_incomplete');
    // a non-member may not score
    expect(
      (await office.put(`/api/ocop/rounds/${roundId}/products/${product.id}/my-score`, { answers: answersFor(sheet, 70) }))
        .status,
    ).toBe(403);
    for (const [i, t] of [60, 75, 76].entries()) {
      const r = await members[i]!.client.put<{ total: number }>(`/api/ocop/rounds/${roundId}/products/${product.id}/my-score`, {
        answers: answersFor(sheet, t),
      });
      expect(r.body.total).toBe(t);
    }
    // only the chair or the office closes scoring
    expect((await members[1]!.client.post(`/api/ocop/rounds/${roundId}/products/${product.id}/decide`)).status).toBe(403);
    const first = await members[0]!.client.post<{ status: string; spread: number }>(
      `/api/ocop/rounds/${roundId}/products/${product.id}/decide`,
    );
    expect(first.body).toMatchObject({ status: 'rescore', spread: 16 });
    const asked = await env.deps.db.select().from(notifications).where(eq(notifications.kind, 'ocop.rescore'));
    expect(asked.map((n) => n.userId).sort()).toEqual(members.map((m) => m.id).sort());
    await members[0]!.client.put(`/api/ocop/rounds/${roundId}/products/${product.id}/my-score`, {
      answers: answersFor(sheet, 72),
    });
    const decided = await members[0]!.client.post<{ status: string; meanX100: number; star: number; recognisedHere: boolean }>(
      `/api/ocop/rounds/${roundId}/products/${product.id}/decide`,
    );
    expect(decided.body).toMatchObject({ status: 'decided', meanX100: 7433, star: 4, recognisedHere: true, forward: false });
    const late = await members[2]!.client.put<Err>(`/api/ocop/rounds/${roundId}/products/${product.id}/my-score`, {
      answers: answersFor(sheet, 90),
    });
    expect(late.body.error.details.rule).toBe('ocop_result_decided');
  });

  it('the office records the certificate: 36 months, product moves to promotion, star shows', async () => {
    const future = await office.post<Err>(`/api/ocop/rounds/${roundId}/products/${product.id}/certificate`, {
      number: 'GCN-01/2026',
      decisionNo: 'Quyết định số 1234/QĐ-UBND',
      decisionDate: '2026-04-01',
      issuedBy: 'UBND tỉnh Kiểm Thử',
    });
    expect(future.body.error.details.rule).toBe('ocop_decision_in_future');
    const ok = await office.post<{ validFrom: string; validTo: string; star: number }>(
      `/api/ocop/rounds/${roundId}/products/${product.id}/certificate`,
      {
        number: 'GCN-01/2026',
        decisionNo: 'Quyết định số 1234/QĐ-UBND',
        decisionDate: '2026-03-09',
        issuedBy: 'UBND tỉnh Kiểm Thử',
      },
    );
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ validFrom: '2026-03-09', validTo: '2029-03-08', star: 4 });
    const again = await office.post(`/api/ocop/rounds/${roundId}/products/${product.id}/certificate`, {
      number: 'GCN-02/2026',
      decisionNo: 'x',
      decisionDate: '2026-03-09',
      issuedBy: 'x',
    });
    expect(again.status).toBe(409);
    const d = await detail(producer);
    expect(d.product.stage).toBe('promotion');
    expect(d.star).toBe(4);
    const dash = await office.get<{ actual: Record<string, number>; byStar: { key: number; n: number }[] }>(
      `/api/ocop/dashboard?unitId=${P.province.id}&year=2026`,
    );
    expect(dash.body.actual).toEqual({ newProducts: 1, newRated34: 1, newOrganisations: 1 });
    expect(dash.body.byStar).toEqual([{ key: 4, n: 1 }]);
  });

  it('the public page shows only published, valid data, with a QR that points to it', async () => {
    expect((await new TestClient(env.app).get(`/cong-khai/san-pham/${product.code}`)).status).toBe(404);
    expect(
      (
        await producer.patch<Err>(`/api/ocop/products/${product.id}`, {
          published: true,
          version: (await detail()).product.version,
        })
      ).status,
    ).toBe(403);
    expect(
      (await office.patch(`/api/ocop/products/${product.id}`, { published: true, version: (await detail()).product.version }))
        .status,
    ).toBe(200);
    const anon = new TestClient(env.app);
    const pageRes = await anon.get(`/cong-khai/san-pham/${product.code}`);
    expect(pageRes.status).toBe(200);
    expect(pageRes.text).toContain('Khoai lang Hải Đông');
    expect(pageRes.text).toContain('data-star="4"');
    expect(pageRes.text).toContain('GCN-01/2026');
    expect(pageRes.text).toContain('08/03/2029');
    expect(pageRes.text).toContain('VietGAP');
    const qr = await anon.request('GET', `/api/public/ocop/products/${product.code}/qr/png`);
    expect(qr.headers.get('content-type')).toBe('image/png');
    expect(qr.headers.get('x-qr-target')).toMatch(new RegExp(`/cong-khai/san-pham/${product.code}$`));
    const png = await env.app.request(`/api/public/ocop/products/${product.code}/qr/png`);
    const meta = await sharp(Buffer.from(await png.arrayBuffer())).metadata();
    expect(meta.format).toBe('png');
    expect(meta.width).toBe(512);
    const labels = await office.get(`/api/ocop/labels?productIds=${product.id}&copies=3`);
    expect(labels.text.match(/<svg/g)).toHaveLength(3);
    expect((await officerB.get(`/api/ocop/labels?productIds=${product.id}`)).status).toBe(404);
  });

  it('the expiry job reminds at 90 and 30 days once each, then the star disappears everywhere', async () => {
    const inbox = async (kind: string) =>
      (await env.deps.db.select().from(notifications).where(eq(notifications.kind, kind))).filter((n) =>
        n.dedupeKey.includes(':'),
      );
    clock.set('2028-12-01T02:00:00Z'); // 97 days left
    expect(await dailyOcopCheck(env.deps, 't1')).toEqual({ reminders: 0, expired: 0 });
    clock.set('2028-12-10T02:00:00Z'); // 88 days left
    const r1 = await dailyOcopCheck(env.deps, 't2');
    expect(r1.reminders).toBeGreaterThanOrEqual(2);
    const got = await inbox('ocop.expiring');
    expect(got.map((n) => n.userId)).toContain(producerUserId);
    expect(got[0]!.body).toContain('08/03/2029');
    expect(await dailyOcopCheck(env.deps, 't3')).toEqual({ reminders: 0, expired: 0 });
    clock.set('2029-02-10T02:00:00Z'); // 26 days left
    expect((await dailyOcopCheck(env.deps, 't4')).reminders).toBe(r1.reminders);
    expect(await dailyOcopCheck(env.deps, 't5')).toEqual({ reminders: 0, expired: 0 });
    expect((await inbox('ocop.expiring')).length).toBe(r1.reminders * 2);
    clock.set('2029-03-08T10:00:00Z'); // last valid day
    expect((await detail()).star).toBe(4);
    clock.set('2029-03-09T02:00:00Z');
    expect((await dailyOcopCheck(env.deps, 't6')).expired).toBeGreaterThan(0);
    const d = await detail(producer);
    expect(d.star).toBeNull();
    expect(d.certificateStatus).toBe('expired');
    const list = await office.get<{ items: { id: number; star: number | null }[] }>('/api/ocop/products');
    expect(list.body.items.find((i) => i.id === product.id)!.star).toBeNull();
    const pageRes = await new TestClient(env.app).get(`/cong-khai/san-pham/${product.code}`);
    expect(pageRes.text).toContain('data-star="0"');
    expect(pageRes.text).not.toContain('GCN-01/2026');
    const dash = await office.get<{ byStar: unknown[]; expired: { id: number; formerStar: number }[] }>(
      `/api/ocop/dashboard?unitId=${P.province.id}&year=2029`,
    );
    expect(dash.body.byStar).toEqual([]);
    expect(dash.body.expired).toEqual([expect.objectContaining({ id: product.id, formerStar: 4 })]);
  });

  it('re-evaluation creates a new certificate linked to the old one', async () => {
    expect((await move(producer, 're_evaluate', ['ban_tu_danh_gia'])).status).toBe(200);
    const round = await office.post<{ id: number }>('/api/ocop/rounds', {
      unitId: P.province.id,
      level: 'province',
      name: 'Hội đồng cấp tỉnh đợt 1/2029',
      year: 2029,
      quorum: 2,
      members: members.map((m, i) => ({ userId: m.id, role: i === 0 ? 'chair' : 'member' })),
    });
    await office.post(`/api/ocop/rounds/${round.body.id}/products`, { productIds: [product.id] });
    for (const [i, t] of [80, 82].entries())
      await members[i]!.client.put(`/api/ocop/rounds/${round.body.id}/products/${product.id}/my-score`, {
        answers: answersFor(sheet, t),
      });
    expect(
      (await office.post<{ star: number }>(`/api/ocop/rounds/${round.body.id}/products/${product.id}/decide`)).body.star,
    ).toBe(4);
    await office.post(`/api/ocop/rounds/${round.body.id}/products/${product.id}/certificate`, {
      number: 'GCN-07/2029',
      decisionNo: 'Quyết định số 77/QĐ-UBND',
      decisionDate: '2029-03-09',
      issuedBy: 'UBND tỉnh Kiểm Thử',
    });
    const d = await detail();
    expect(d.star).toBe(4);
    expect(d.certificates).toHaveLength(2);
    expect(d.certificates[0]!.previousId).toBe(d.certificates[1]!.id);
    expect((await office.post(`/api/ocop/rounds/${round.body.id}/close`)).status).toBe(200);
  });
});

describe('OCOP demo: Móng Cái producers and certificates, some expired by 2026', () => {
  let env: TestEnv;
  const clock = new ManualClock('2026-11-28T02:00:00Z');
  let office: TestClient;
  type Dash = {
    targets: { newProducts: number; newRated34: number; newOrganisations: number } | null;
    actual: { newProducts: number; newRated34: number; newOrganisations: number };
    byStar: { key: number; n: number }[];
    expiringSoon: { name: string; daysLeft: number }[];
    expired: { name: string; formerStar: number }[];
  };
  const dash = async (code: string, year: number) => {
    const [u] = await env.deps.db.select().from(unitsTable).where(eq(unitsTable.code, code));
    return (await office.get<Dash>(`/api/ocop/dashboard?unitId=${u!.id}&year=${year}`)).body;
  };

  beforeAll(async () => {
    env = await createTestEnv({ clock });
    await loadDemoIfEmpty(env.deps);
    office = new TestClient(env.app);
    await office.login('vpdp.quangninh', DEMO_PASSWORD);
  });
  afterAll(() => env.close());

  it('Móng Cái 2022: targets 5 / 2 / 1 tracked from the data, stars as they stood at the end of 2022', async () => {
    const d = await dash('193', 2022);
    expect(d.targets).toMatchObject({ newProducts: 5, newRated34: 2, newOrganisations: 1 });
    expect(d.actual).toEqual({ newProducts: 1, newRated34: 1, newOrganisations: 0 });
    expect(d.byStar).toEqual([
      { key: 3, n: 2 },
      { key: 4, n: 1 },
    ]);
  });

  it('Quảng Ninh 2026: expired certificates lose their star, the pig certificate is about to expire', async () => {
    const d = await dash('22', 2026);
    expect(d.actual).toEqual({ newProducts: 1, newRated34: 0, newOrganisations: 2 });
    expect(d.byStar).toEqual([{ key: 3, n: 2 }]);
    expect(d.expiringSoon).toEqual([expect.objectContaining({ name: 'Thịt lợn Móng Cái', daysLeft: 6 })]);
    expect(d.expired.map((e) => e.name).sort(viCollator.compare)).toEqual(['Ghẹ Trà Cổ', 'Trà hoa vàng Bắc Sơn']);
    const ghe = await new TestClient(env.app).get('/cong-khai/san-pham/SP-DEMOGHE1');
    expect(ghe.text).toContain('data-star="0"');
    const pig = await new TestClient(env.app).get('/cong-khai/san-pham/SP-DEMOLON1');
    expect(pig.text).toContain('data-star="3"');
    const r = await dailyOcopCheck(env.deps, 'demo');
    expect(r.reminders).toBeGreaterThan(0);
  });

  it('the demo producer sees their own two products and the open round has the chair’s sheet', async () => {
    const producer = new TestClient(env.app);
    await producer.login('ocop.haison', DEMO_PASSWORD);
    const mine = await producer.get<{ items: { name: string }[] }>('/api/ocop/products');
    expect(mine.body.items.map((i) => i.name)).toEqual(['Cao dược liệu Bắc Sơn', 'Trà hoa vàng Bắc Sơn']);
    const chair = new TestClient(env.app);
    await chair.login('so.nnmt', DEMO_PASSWORD);
    const rounds = await chair.get<{ items: { id: number; member: boolean }[] }>('/api/ocop/rounds');
    const open = rounds.body.items.find((r) => r.member)!;
    const detail = await chair.get<{ products: { submitted: number; myTotal: number }[] }>(`/api/ocop/rounds/${open.id}`);
    expect(detail.body.products[0]).toMatchObject({ submitted: 1 });
    expect(detail.body.products[0]!.myTotal).toBeGreaterThan(50);
  });
});
