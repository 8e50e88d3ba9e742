import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ocopSheets } from '../../db/schema';
import type { ScoringSheetDoc } from '../../domain/ocop/schema';
import { ManualClock } from '../../lib/clock';
import { ensureReferenceData } from '../../seed/reference';
import { clientAs, makeProvince, makeUser, TEST_PASSWORD } from '../../testing/factories';
import { createTestEnv, TestClient, type TestEnv } from '../../testing/harness';
import { answersFor } from '../../testing/ocop';

type Warning = { rule: string; setNo: number; publishers: { role: string; label: string }[]; message: string };
type Product = { id: number; version: number; stage: string; setNo: number; warnings: Warning[] };

describe('OCOP product sets beyond fresh produce: sheets for every set, a warning when none is published', () => {
  let env: TestEnv;
  const clock = new ManualClock('2026-03-10T02:00:00Z');
  let P: Awaited<ReturnType<typeof makeProvince>>;
  let office: TestClient;
  let officer: TestClient;
  let producerId: number;
  const members: { client: TestClient; id: number }[] = [];

  const register = (c: TestClient, name: string, setNo: number, headers: Record<string, string> = {}) =>
    c.request<Product>('POST', '/api/ocop/products', { producerId, name, setNo, cycleYear: 2026 }, headers);

  beforeAll(async () => {
    env = await createTestEnv({ clock, config: { sessionIdleMinutes: 10_000_000, sessionMaxHours: 90_000 } });
    await ensureReferenceData(env.deps);
    P = await makeProvince(env.deps);
    office = (await clientAs(env, 'coordination_office', P.province.id)).client;
    officer = (await clientAs(env, 'commune_officer', P.communeA.id)).client;
    for (let i = 0; i < 3; i++) {
      const u = await makeUser(env.deps, 'agency', P.province.id, { fullName: `Thành viên ${i + 1}` });
      const c = new TestClient(env.app);
      await c.login(u.username, TEST_PASSWORD);
      members.push({ client: c, id: u.id });
    }
    const producer = await officer.post<{ id: number }>('/api/ocop/producers', {
      unitId: P.communeA.id,
      name: 'Hợp tác xã Ong mật Quảng Đức',
      kind: 'cooperative',
    });
    producerId = producer.body.id;
  });
  afterAll(() => env.close());

  it('every one of the 26 sets has a sheet under the rules in force, so registering warns about none', async () => {
    const cat = await officer.get<{ setsWithSheet: number[]; sheetPublishers: string[] }>('/api/ocop/catalogue');
    expect(cat.body.setsWithSheet).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
    expect(cat.body.sheetPublishers).toContain('system_admin');
    const honey = await register(officer, 'Mật ong hoa bạc hà', 4);
    expect(honey.status).toBe(201);
    expect(honey.body.warnings).toEqual([]);
  });

  it('a set with no published sheet warns at once, in the caller’s language, naming who can publish one', async () => {
    // An installation where the tourism sheet was never loaded.
    await env.deps.db.delete(ocopSheets).where(eq(ocopSheets.setNo, 26));
    const vi = await register(officer, 'Điểm du lịch cộng đồng Bình Liêu', 26);
    expect(vi.status).toBe(201);
    expect(vi.body.warnings).toHaveLength(1);
    expect(vi.body.warnings[0]).toMatchObject({ rule: 'ocop_sheet_not_published', setNo: 26 });
    expect(vi.body.warnings[0]!.publishers.map((p) => p.role)).toContain('system_admin');
    expect(vi.body.warnings[0]!.message).toContain('chưa có phiếu chấm điểm');
    expect(vi.body.warnings[0]!.message).toContain('Quản trị hệ thống');
    expect(vi.body.warnings[0]!.message).not.toMatch(/ocop_|system_admin/);
    const en = await register(officer, 'Community tourism', 26, { 'accept-language': 'en' });
    expect(en.body.warnings[0]!.message).toContain('System administrator');
    // the product page keeps saying so, and the catalogue lets the form warn before anything is saved
    const page = await officer.get<{ warnings: Warning[] }>(`/api/ocop/products/${vi.body.id}`);
    expect(page.body.warnings.map((w) => w.rule)).toEqual(['ocop_sheet_not_published']);
    const cat = await officer.get<{ setsWithSheet: number[] }>('/api/ocop/catalogue');
    expect(cat.body.setsWithSheet).not.toContain(26);
    // moving the product to a set with a sheet clears the warning
    const moved = await officer.patch<Product>(`/api/ocop/products/${vi.body.id}`, { setNo: 4, version: vi.body.version });
    expect(moved.body.warnings).toEqual([]);
  });

  it('a honey product goes through the whole cycle to the council’s decision and the certificate', async () => {
    const created = await register(officer, 'Mật ong rừng Quảng Đức', 4);
    const id = created.body.id;
    const step = async (c: TestClient, action: string, documents: string[] = []) => {
      const d = await c.get<{ product: Product }>(`/api/ocop/products/${id}`);
      const r = await c.post<Product>(`/api/ocop/products/${id}/transitions`, {
        action,
        documents,
        version: d.body.product.version,
      });
      expect(r.status, action).toBe(200);
      return r.body;
    };
    await step(officer, 'register_idea', ['phieu_y_tuong']);
    await step(officer, 'submit_plan', ['phuong_an_sxkd']);
    await step(office, 'approve_plan');
    const docs = ['ban_tu_danh_gia', 'cong_bo_chat_luong', 'nhan_bao_bi', 'cau_chuyen_san_pham', 'giay_phep_kinh_doanh'];
    expect((await step(officer, 'submit_for_evaluation', docs)).stage).toBe('evaluation');

    const round = await office.post<{ id: number }>('/api/ocop/rounds', {
      unitId: P.province.id,
      level: 'province',
      name: 'Hội đồng OCOP tỉnh đợt 1/2026',
      year: 2026,
      quorum: 3,
      members: members.map((m, i) => ({ userId: m.id, role: i === 0 ? 'chair' : 'member' })),
    });
    expect(round.status).toBe(201);
    const added = await office.post(`/api/ocop/rounds/${round.body.id}/products`, { productIds: [id] });
    expect(added.status).toBe(200);
    const rd = await members[0]!.client.get<{ products: { sheet: { code: string; document: ScoringSheetDoc } }[] }>(
      `/api/ocop/rounds/${round.body.id}`,
    );
    const sheet = rd.body.products[0]!.sheet;
    expect(sheet.code).toBe('OCOP-BO04-MAT-ONG-NONG-SAN-KHAC');
    expect(sheet.document.setName).toBe('Mật ong, mật khác và nông sản thực phẩm khác');
    expect(sheet.document.parts.map((p) => p.max)).toEqual([40, 25, 35]);
    for (const [i, t] of [64, 58, 60].entries()) {
      const r = await members[i]!.client.put<{ total: number }>(`/api/ocop/rounds/${round.body.id}/products/${id}/my-score`, {
        answers: answersFor(sheet.document, t),
      });
      expect(r.body.total).toBe(t);
    }
    const decided = await members[0]!.client.post<{ status: string; meanX100: number; star: number; recognisedHere: boolean }>(
      `/api/ocop/rounds/${round.body.id}/products/${id}/decide`,
    );
    expect(decided.body).toMatchObject({ status: 'decided', meanX100: 6067, star: 3, recognisedHere: true, forward: false });
    const cert = await office.post<{ star: number; validTo: string }>(
      `/api/ocop/rounds/${round.body.id}/products/${id}/certificate`,
      {
        number: 'GCN-MO-01/2026',
        decisionNo: 'Quyết định số 88/QĐ-UBND',
        decisionDate: '2026-03-09',
        issuedBy: 'UBND tỉnh Kiểm Thử',
      },
    );
    expect(cert.status).toBe(201);
    expect(cert.body).toMatchObject({ star: 3, validTo: '2029-03-08' });
    const d = await officer.get<{ product: Product; star: number }>(`/api/ocop/products/${id}`);
    expect([d.body.product.stage, d.body.star]).toEqual(['promotion', 3]);
  });
});
