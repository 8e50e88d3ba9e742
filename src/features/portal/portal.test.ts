import fc from 'fast-check';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, feedback, ocopProducts, petitions, projects, publications, units, users } from '../../db/schema';
import { ManualClock } from '../../lib/clock';
import { DEMO_PASSWORD, loadDemoIfEmpty } from '../../seed/demo';
import { createTestEnv, TestClient, type TestEnv } from '../../testing/harness';

/** Every public page and download, as the public sees them (no session). */
async function publicSurface(env: TestEnv, extra: string[] = []) {
  const anon = new TestClient(env.app);
  const paths = ['/cong-khai', '/cong-khai/san-pham', '/cong-khai/du-an', '/cong-khai/du-lieu', '/sitemap.xml', ...extra];
  for (const d of ['xa', 'du-an', 'san-pham']) paths.push(`/cong-khai/du-lieu/${d}.csv`, `/cong-khai/du-lieu/${d}.json`);
  const sitemap = (await anon.get('/sitemap.xml')).text;
  for (const m of sitemap.matchAll(/<loc>https?:\/\/[^/]+([^<]+)<\/loc>/g)) paths.push(m[1]!.replace(/&amp;/g, '&'));
  const out: Record<string, string> = {};
  for (const p of [...new Set(paths)]) {
    const res = await anon.get(p);
    expect(res.status, p).toBeLessThan(500);
    out[p] = res.text;
  }
  return out;
}

const formToken = (html: string) => /name="token" value="([^"]+)"/.exec(html)![1]!;

describe('public portal: publishing control, pages, feedback, open data', () => {
  let env: TestEnv;
  const clock = new ManualClock('2026-11-20T02:00:00Z');
  let office: TestClient;
  let anon: TestClient;
  let haiSon: number;
  let qn: number;
  let mc: number;

  beforeAll(async () => {
    env = await createTestEnv({ clock });
    await loadDemoIfEmpty(env.deps);
    office = new TestClient(env.app);
    await office.login('vpdp.quangninh', DEMO_PASSWORD);
    anon = new TestClient(env.app);
    const all = await env.deps.db.select().from(units);
    haiSon = all.find((u) => u.name === 'xã Hải Sơn' && u.effectiveTo === null)!.id;
    qn = all.find((u) => u.name === 'tỉnh Quảng Ninh')!.id;
    mc = all.find((u) => u.name === 'thành phố Móng Cái')!.id;
  }, 120_000);
  afterAll(() => env.close());

  it('serves the pages without JavaScript, in Vietnamese, with Open Graph tags and a sitemap', async () => {
    const home = await anon.get('/cong-khai');
    expect(home.status).toBe(200);
    expect(home.headers.get('cache-control')).toBe('no-cache');
    expect(home.text).toContain('<html lang="vi">');
    expect(home.text).toContain('property="og:title"');
    expect(home.text).not.toContain('<script');
    const commune = await anon.get(`/cong-khai/don-vi/${haiSon}-xa-hai-son`);
    expect(commune.status).toBe(200);
    expect(commune.text).toContain('Kết quả từng tiêu chí');
    expect(commune.text).toContain('Nghĩa là gì');
    expect(commune.text).toContain('<svg');
    expect(commune.text).toContain('Đang làm gì với các tiêu chí chưa đạt');
    // figures are the verified month up to the published one (October), not the open November draft
    expect(commune.text).toContain('10/2026');
    // The city council's 2022 recommendations, handed over at the 2025 merger, show who follows them up now.
    expect(commune.text).toContain('Kiến nghị giám sát của Hội đồng nhân dân');
    expect(commune.text).toMatch(/Từ 01\/07\/2025 do HĐND tỉnh Quảng Ninh[^<]* theo dõi \(tiếp nhận từ HĐND thành phố Móng Cái/);
    const city = await anon.get(`/cong-khai/don-vi/${mc}`);
    expect(city.text).toMatch(
      /Bàn giao của HĐND thành phố Móng Cái[\s\S]*kiến nghị cử tri còn mở được chuyển cho HĐND tỉnh Quảng Ninh/,
    );
    const project = await anon.get('/cong-khai/du-an/MC-2022-01');
    expect(project.status).toBe(200);
    expect(project.text).toContain('Nguồn vốn');
    expect(project.text).toContain('Rãnh thoát nước');
    expect((await anon.get('/sitemap.xml')).text).toContain('/cong-khai/du-an/MC-2022-01');
    const [published] = await env.deps.db.select().from(ocopProducts).where(eq(ocopProducts.published, true)).limit(1);
    const plain = published!.name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .toLowerCase();
    const search = await anon.get(`/cong-khai/san-pham?q=${encodeURIComponent(plain)}`);
    expect(search.text).toContain(published!.name);
    expect(search.text).toContain('1 sản phẩm');
    const csv = await anon.get('/cong-khai/du-lieu/xa.csv');
    expect(csv.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
      'unit_id,unit_code,unit_name,published_month,data_month,criteria_met,criteria_total,indicators_met,indicators_total,ntm_standard',
    );
    const json = await anon.get<{ schemaVersion: number; licence: string; items: unknown[] }>('/cong-khai/du-lieu/san-pham.json');
    expect(json.body.schemaVersion).toBe(1);
    expect(json.body.licence).toContain('CC BY 4.0');
  });

  it('shows exactly what is published, whatever the publish states (random)', async () => {
    const [p1] = await env.deps.db.select().from(projects).where(eq(projects.code, 'MC-2022-03'));
    const products = await env.deps.db.select().from(ocopProducts);
    await fc.assert(
      fc.asyncProperty(
        fc.record({ qnPeriod: fc.boolean(), mcPeriod: fc.boolean(), project: fc.boolean(), product: fc.boolean() }),
        async (want) => {
          const pubs = await env.deps.db.select().from(publications);
          const toggle = async (has: boolean, found: (typeof pubs)[number] | undefined, body: object) => {
            if (has && !found) expect((await office.post('/api/portal/publications', body)).status).toBe(201);
            if (!has && found) expect((await office.delete(`/api/portal/publications/${found.id}`)).status).toBe(200);
          };
          await toggle(
            want.qnPeriod,
            pubs.find((p) => p.kind === 'period' && p.unitId === qn),
            { kind: 'period', unitId: qn, month: '2026-10' },
          );
          await toggle(
            want.mcPeriod,
            pubs.find((p) => p.kind === 'period' && p.unitId === mc),
            { kind: 'period', unitId: mc, month: '2022-12' },
          );
          await toggle(
            want.project,
            pubs.find((p) => p.projectId === p1!.id),
            { kind: 'project', projectId: p1!.id },
          );
          await env.deps.db.update(ocopProducts).set({ published: want.product }).where(eq(ocopProducts.code, 'SP-DEMOTOM1'));
          const surface = Object.values(
            await publicSurface(env, [`/cong-khai/don-vi/${haiSon}`, '/cong-khai/du-an/MC-2022-03']),
          ).join('\n');
          expect(surface.includes('MC-2022-03'), 'project').toBe(want.project);
          expect(surface.includes(products.find((p) => p.code === 'SP-DEMOTOM1')!.name), 'product').toBe(want.product);
          // Hải Sơn (2026) appears only under Quảng Ninh's publication; Vĩnh Trung (2022) only under Móng Cái's
          expect(surface.includes(`/cong-khai/don-vi/${haiSon}-`), 'commune 2026').toBe(want.qnPeriod);
          expect(surface.includes('xã Vĩnh Trung'), 'commune 2022').toBe(want.mcPeriod);
        },
      ),
      { numRuns: 8 },
    );
    // restore the demo state for the other tests
    const pubs = await env.deps.db.select().from(publications);
    if (!pubs.some((p) => p.unitId === qn && p.kind === 'period'))
      await office.post('/api/portal/publications', { kind: 'period', unitId: qn, month: '2026-10' });
    await env.deps.db.update(ocopProducts).set({ published: true }).where(eq(ocopProducts.code, 'SP-DEMOTOM1'));
  }, 120_000);

  it('never shows personal data of officials or of people giving feedback', async () => {
    const surface = Object.values(await publicSurface(env, [`/cong-khai/don-vi/${haiSon}`])).join('\n');
    for (const u of await env.deps.db.select().from(users)) {
      expect(surface).not.toContain(u.fullName);
      expect(surface).not.toContain(u.email ?? '@@');
    }
    expect(surface).not.toContain('nguoidan@example.invalid');
    expect(surface).not.toContain('Người dân (demo)');
    expect(surface).not.toContain('sender');
  });

  it('feedback: checked, spam-protected, held for moderation, shown as text once answered, then a petition', async () => {
    const path = `/cong-khai/don-vi/${haiSon}`;
    const page = await anon.get(path);
    const token = formToken(page.text);
    const post = (fields: Record<string, string>, ip = '203.0.113.7') => {
      const form = new FormData();
      for (const [k, v] of Object.entries({ target: 'unit', code: String(haiSon), category: 'complaint', token, ...fields }))
        form.set(k, v);
      return anon.post('/cong-khai/phan-hoi', form, { 'x-forwarded-for': ip });
    };
    // too fast: the form was issued this very second
    expect((await post({ text: 'Đường vào thôn Khe Tiền bị sạt lở.' })).status).toBe(400);
    clock.advance(10_000);
    const short = await post({ text: 'ngắn' });
    expect(short.status).toBe(400);
    expect(short.text).toContain('Nội dung cần ít nhất 10 ký tự');
    // A tampered or stale form (an unknown kind of feedback, a missing page code) reads as Vietnamese
    // sentences, never as the form's field names or choices.
    const tampered = await post({ text: 'Đường vào thôn Khe Tiền bị sạt lở.', category: 'zzz', code: '' });
    expect(tampered.status).toBe(400);
    expect(tampered.text).toContain('Vui lòng chọn loại ý kiến trong danh sách.');
    expect(tampered.text).toContain('Vui lòng tải lại trang');
    expect(tampered.text).not.toMatch(/question|suggestion|expected|Invalid/);
    const before = await env.deps.db.$count(feedback);
    const bot = await post({ text: 'Mua hàng giá rẻ tại đây!!!', website: 'http://spam.example' });
    expect(bot.status).toBe(303);
    expect(await env.deps.db.$count(feedback)).toBe(before);
    const ok = await post({ text: '<script>alert("x")</script> Đường vào thôn Khe Tiền bị sạt lở.', contact: '0912 345 678' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toContain('da-gui=1');
    const [row] = await env.deps.db.select().from(feedback).where(eq(feedback.contact, '0912 345 678'));
    expect(row!.status).toBe('pending');
    // The audit event records what was said about what, not the sender's address.
    const [received] = await env.deps.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'feedback'), eq(auditEvents.entityId, String(row!.id))));
    expect(received!.ip).toBeNull();
    expect((await anon.get(path)).text).not.toContain('Khe Tiền');
    // moderation: an answer is required to publish; another unit's office cannot see or moderate it
    const mcOffice = new TestClient(env.app);
    await mcOffice.login('vpdp.mongcai', DEMO_PASSWORD);
    expect((await mcOffice.get<{ items: { id: number }[] }>('/api/portal/feedback')).body.items.map((i) => i.id)).not.toContain(
      row!.id,
    );
    expect((await mcOffice.post(`/api/portal/feedback/${row!.id}/moderate`, { decision: 'reject', version: 1 })).status).toBe(
      404,
    );
    const noAnswer = await office.post<{ error: { details: { rule: string } } }>(`/api/portal/feedback/${row!.id}/moderate`, {
      decision: 'publish',
      version: 1,
    });
    expect(noAnswer.body.error.details.rule).toBe('portal_answer_required');
    const done = await office.post(`/api/portal/feedback/${row!.id}/moderate`, {
      decision: 'publish',
      answer: 'Xã đã cắm biển cảnh báo, sửa trong tháng 12.',
      toPetition: true,
      version: 1,
    });
    expect(done.status).toBe(200);
    const shown = (await anon.get(path)).text;
    expect(shown).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Đường vào thôn Khe Tiền');
    expect(shown).not.toContain('<script>alert');
    expect(shown).not.toContain('0912 345 678');
    const [pet] = await env.deps.db
      .select()
      .from(petitions)
      .where(and(eq(petitions.source, 'portal'), eq(petitions.unitId, haiSon)));
    expect(pet!.text).toContain('Khe Tiền');
    // rate limit: five an hour from one sender
    let last = 0;
    for (let i = 0; i < 6; i++)
      last = (await post({ text: `Ý kiến thứ ${i + 1} về đường thôn Khe Tiền.` }, '198.51.100.9')).status;
    expect(last).toBe(429);
  });

  it('unpublished or unknown things are not found, and the office’s publishing is audited and scoped', async () => {
    expect((await anon.get('/cong-khai/du-an/MC-2022-02')).status).toBe(404);
    expect((await anon.get('/cong-khai/don-vi/999999')).status).toBe(404);
    const mcOffice = new TestClient(env.app);
    await mcOffice.login('vpdp.mongcai', DEMO_PASSWORD);
    expect((await mcOffice.post('/api/portal/publications', { kind: 'period', unitId: qn, month: '2026-09' })).status).toBe(404);
    expect((await office.post('/api/portal/publications', { kind: 'period', unitId: qn, month: '2030-01' })).status).toBe(422);
    const dup = await office.post('/api/portal/publications', { kind: 'period', unitId: qn, month: '2026-10' });
    expect(dup.status).toBe(409);
  });
});
