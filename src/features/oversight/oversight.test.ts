import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  auditEvents,
  councilHandovers,
  councils,
  disbursements,
  notifications,
  oversightActivities,
  petitions,
  projects,
  units,
  users,
} from '../../db/schema';
import type { SnapshotData } from '../../domain/oversight/types';
import { ManualClock } from '../../lib/clock';
import { DEMO_PASSWORD, loadDemoIfEmpty } from '../../seed/demo';
import { clientAs, makeProvince } from '../../testing/factories';
import { createTestEnv, TestClient, type TestEnv } from '../../testing/harness';
import { pdfPages } from '../../testing/pdf-text';
import { insertUnit } from '../units/write';
import { rebuildUnitScope } from '../units/scope';
import { dailyOversightCheck } from './recommendations';

type Err = { error: { code: string; message: string; details?: { rule?: string } } };
type Snapshot = { id: number; activityId: number; asOf: string; sha256: string; data: SnapshotData };
type Activity = {
  id: number;
  version: number;
  status: string;
  title: string;
  snapshots: { id: number; asOf: string; sha256: string }[];
  recommendations: { id: number; seq: number; status: string; version: number }[];
};
type Rec = { id: number; status: string; version: number; seq: number };

/** The visible text of a DOCX: every w:t of word/document.xml, in order. */
export function docxText(bytes: Uint8Array): string {
  const xml = new TextDecoder().decode(unzipSync(bytes)['word/document.xml']);
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

const entries = (bytes: Uint8Array) => unzipSync(bytes);
const stripPdfDates = (b: Uint8Array) =>
  Buffer.from(b)
    .toString('latin1')
    .replace(/\(D:\d{14}Z\)/g, '')
    .replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/gi, '');

describe('oversight: the Móng Cái 2022 session, snapshots, packs, recommendations, petitions', () => {
  let env: TestEnv;
  const clock = new ManualClock('2026-11-20T02:00:00Z');
  let council: TestClient;
  let office: TestClient;
  let outsider: TestClient;
  let viewer: TestClient;
  let councilId: number;
  let may: Activity;
  let december: Activity;
  let mc: number;

  afterEach(() => clock.set('2026-11-20T02:00:00Z'));

  beforeAll(async () => {
    env = await createTestEnv({ clock });
    await loadDemoIfEmpty(env.deps);
    council = new TestClient(env.app);
    await council.login('vanphong.hdnd.mongcai', DEMO_PASSWORD);
    office = new TestClient(env.app);
    await office.login('vpdp.mongcai', DEMO_PASSWORD);
    outsider = new TestClient(env.app);
    await outsider.login('canbo.haison', DEMO_PASSWORD);
    viewer = new TestClient(env.app);
    await viewer.login('xem.quangninh', DEMO_PASSWORD);
    mc = (await env.deps.db.select().from(units).where(eq(units.name, 'thành phố Móng Cái')))[0]!.id;
    const list = await council.get<{ items: { id: number; unitId: number }[] }>('/api/oversight/councils');
    councilId = list.body.items.find((c) => c.unitId === mc)!.id;
    const detail = await council.get<{ activities: { id: number; heldOn: string }[] }>(`/api/oversight/councils/${councilId}`);
    const byDay = (d: string) => detail.body.activities.find((a) => a.heldOn === d)!.id;
    may = (await council.get<Activity>(`/api/oversight/activities/${byDay('2022-05-18')}`)).body;
    december = (await council.get<Activity>(`/api/oversight/activities/${byDay('2022-12-15')}`)).body;
  }, 120_000);
  afterAll(() => env.close());

  it('the 18 May 2022 snapshot states the seed’s figures from data', async () => {
    const snap = (await council.get<Snapshot>(`/api/oversight/snapshots/${may.snapshots[0]!.id}`)).body;
    const c = snap.data.criteria;
    expect(snap.asOf).toBe('2022-05-18');
    expect([c.assessedCount, c.unitCount, c.criteriaTotal, c.indicatorsTotal]).toEqual([9, 9, 19, 57]);
    expect(c.averageCriteria).toBe(13);
    expect(c.averageIndicators!.toFixed(2)).toBe('42.33');
    expect(snap.data.ocop.targets).toEqual({ newProducts: 5, newRated34: 2, newOrganisations: 1 });
    expect(snap.data.capital.disbursed).toBe(2_300_000_000);
    expect(snap.data.activity.legalBasis).toBe('87/2015/QH13');
  });

  it('the DOCX pack opens and says 9 communes, 13/19 criteria, 42,33/57 indicators, OCOP targets and disbursement', async () => {
    const res = await council.bytes(`/api/oversight/snapshots/${may.snapshots[0]!.id}/pack.docx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    const text = docxText(res.body);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('Móng Cái, ngày 18 tháng 5 năm 2022');
    expect(text).toContain('9/9 xã bình quân đạt 13/19 tiêu chí, 42,33/57 chỉ tiêu');
    expect(text).toContain('sản phẩm mới theo chu trình OCOP chuẩn: chỉ tiêu 5');
    expect(text).toContain('giải ngân đến ngày 18/05/2022: 2,3 tỷ đồng');
    const xml = new TextDecoder().decode(entries(res.body)['word/document.xml']);
    expect(xml).toContain('Times New Roman');
    expect(Object.keys(entries(res.body)).some((n) => n.startsWith('word/media/'))).toBe(true);
    // Filed as it is (Decree 30/2020): recipients and a signature block; page numbers from the second page;
    // table headers repeat on each page and keep with the first row; no row splits across pages.
    expect(text).toMatch(/Nơi nhận:.*- Thường trực HĐND;.*- Lưu: VT\..*TM\. THƯỜNG TRỰC HĐND.*CHỦ TỊCH/);
    expect(xml).toContain('<w:titlePg/>');
    const headers = Object.entries(entries(res.body)).filter(([n]) => /^word\/header\d+\.xml$/.test(n));
    expect(headers.some(([, b]) => /PAGE/.test(new TextDecoder().decode(b)))).toBe(true);
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toContain('<w:cantSplit/>');
  });

  it('the XLSX figures equal the snapshot API’s', async () => {
    const api = (await council.get<Snapshot>(`/api/oversight/snapshots/${may.snapshots[0]!.id}`)).body.data;
    const res = await council.bytes(`/api/oversight/snapshots/${may.snapshots[0]!.id}/pack.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(res.body) as unknown as ArrayBuffer);
    const sum = new Map<string, unknown>();
    wb.getWorksheet('Tổng hợp')!.eachRow((row, i) => i > 1 && sum.set(row.getCell(1).text, row.getCell(2).value));
    expect(sum.get('Bình quân tiêu chí đạt')).toBe(api.criteria.averageCriteria);
    expect(sum.get('Bình quân chỉ tiêu đạt')).toBe(api.criteria.averageIndicators);
    expect(sum.get('Vốn: đã giải ngân (đồng)')).toBe(api.capital.disbursed);
    expect(sum.get('OCOP: sản phẩm mới')).toBe(api.ocop.actual.newProducts);
    const rows: Record<string, unknown>[] = [];
    wb.getWorksheet('Tiêu chí theo xã')!.eachRow((row, i) => {
      if (i > 1)
        rows.push({ name: row.getCell(1).value, criteriaMet: row.getCell(3).value, indicatorsMet: row.getCell(5).value });
    });
    expect(rows).toEqual(
      api.criteria.communes.map((c) => ({ name: c.name, criteriaMet: c.criteriaMet, indicatorsMet: c.indicatorsMet })),
    );
  });

  it('two packs of one snapshot are identical apart from their generation time; the PDF too', async () => {
    const url = (f: string) => `/api/oversight/snapshots/${may.snapshots[0]!.id}/pack.${f}`;
    const a = await council.bytes(url('docx'));
    const same = await council.bytes(url('docx'));
    expect(Buffer.compare(Buffer.from(a.body), Buffer.from(same.body))).toBe(0);
    clock.advance(60_000);
    const b = await council.bytes(url('docx'));
    expect(Buffer.compare(Buffer.from(a.body), Buffer.from(b.body))).not.toBe(0);
    const ea = entries(a.body);
    const eb = entries(b.body);
    expect(Object.keys(ea)).toEqual(Object.keys(eb));
    for (const name of Object.keys(ea)) {
      if (name === 'docProps/core.xml') continue;
      expect(Buffer.compare(Buffer.from(ea[name]!), Buffer.from(eb[name]!)), name).toBe(0);
    }
    const core = (e: Record<string, Uint8Array>) =>
      new TextDecoder().decode(e['docProps/core.xml']).replace(/<dcterms:(created|modified)[^>]*>[^<]*<\/dcterms:\1>/g, '');
    expect(core(ea)).toBe(core(eb));
    const pa = await council.bytes(url('pdf'));
    clock.advance(60_000);
    const pb = await council.bytes(url('pdf'));
    expect(Buffer.from(pa.body).subarray(0, 5).toString()).toBe('%PDF-');
    expect(stripPdfDates(pa.body)).toBe(stripPdfDates(pb.body));
    // Filed as it is: a signature block with its recipients, and page numbers from the second page.
    const pages = pdfPages(pa.body);
    expect(pages.join(' ')).toMatch(/Nơi nhận:.*Thường trực HĐND;.*TM\. THƯỜNG TRỰC HĐND.*CHỦ TỊCH/);
    expect(pages.length).toBeGreaterThan(1);
    pages
      .slice(1)
      .forEach((text, i) => expect(text.startsWith(String(i + 2)) || text.endsWith(String(i + 2)), text.slice(0, 80)).toBe(true));
    const xa = entries((await council.bytes(url('xlsx'))).body);
    clock.advance(60_000);
    const xb = entries((await council.bytes(url('xlsx'))).body);
    for (const name of Object.keys(xa))
      if (name !== 'docProps/core.xml') expect(Buffer.compare(Buffer.from(xa[name]!), Buffer.from(xb[name]!)), name).toBe(0);
  });

  it('edits after freezing change neither the snapshot nor its pack; a new snapshot sees them', async () => {
    // The city council ended with the district level on 1/7/2025: its records are kept while it existed.
    clock.set('2022-06-25T02:00:00Z');
    const created = await council.post<{ id: number }>(`/api/oversight/councils/${councilId}/activities`, {
      kind: 'questioning',
      title: 'Chất vấn giữa hai kỳ họp về giải ngân vốn NTM (kiểm thử)',
      topic: 'Tiến độ giải ngân vốn NTM năm 2022',
      scheduledOn: '2022-06-20',
    });
    expect(created.status).toBe(201);
    const frozen = await council.post<{ id: number; sha256: string }>(
      `/api/oversight/activities/${created.body.id}/snapshots`,
      {},
    );
    expect(frozen.status).toBe(201);
    const before = (await council.get<Snapshot>(`/api/oversight/snapshots/${frozen.body.id}`)).body;
    const packBefore = await council.bytes(`/api/oversight/snapshots/${frozen.body.id}/pack.docx`);
    const [p2] = await env.deps.db.select().from(projects).where(eq(projects.code, 'MC-2022-02'));
    const [u] = await env.deps.db.select().from(users).where(eq(users.username, 'vpdp.mongcai'));
    await env.deps.db.insert(disbursements).values({
      projectId: p2!.id,
      planYear: 2022,
      sourceCode: 'NSDP_TINH',
      date: '2022-06-01',
      amount: 700_000_000,
      paymentType: 'acceptance',
      voucherRef: 'KB-TEST-1',
      voucherKey: 'KB-TEST-1',
      importKey: 'test-after-freeze',
      createdAt: new Date(),
      createdBy: u!.id,
    });
    const after = (await council.get<Snapshot>(`/api/oversight/snapshots/${frozen.body.id}`)).body;
    expect(after).toEqual(before);
    const packAfter = await council.bytes(`/api/oversight/snapshots/${frozen.body.id}/pack.docx`);
    expect(docxText(packAfter.body)).toBe(docxText(packBefore.body));
    const again = await council.post<{ id: number; sha256: string }>(
      `/api/oversight/activities/${created.body.id}/snapshots`,
      {},
    );
    const fresh = (await council.get<Snapshot>(`/api/oversight/snapshots/${again.body.id}`)).body;
    expect(fresh.data.capital.disbursed).toBe(before.data.capital.disbursed + 700_000_000);
    expect(again.body.sha256).not.toBe(frozen.body.sha256);
    // The database itself refuses to change a frozen snapshot.
    await expect(
      env.deps.db.execute(sql`update oversight_snapshots set as_of = '2000-01-01' where id = ${frozen.body.id}`),
    ).rejects.toThrow();
    await expect(env.deps.db.execute(sql`delete from oversight_snapshots where id = ${frozen.body.id}`)).rejects.toThrow();
    const audit = await env.deps.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'oversight_activity.freeze_snapshot'), eq(auditEvents.entityId, String(created.body.id))),
      );
    expect(audit).toHaveLength(2);
    // A day that has not come yet cannot be frozen.
    const future = await council.post<Err>(`/api/oversight/activities/${created.body.id}/snapshots`, { asOf: '2030-01-01' });
    expect(future.status).toBe(422);
    expect(future.body.error.details?.rule).toBe('oversight_snapshot_future');
  });

  it('promised vs delivered: May against December, per commune and per recommendation', async () => {
    const res = await council.get<{
      communes: { name: string; criteriaDelta: number; newlyMet: string[] }[];
      recommendations: {
        seq: number;
        met: boolean;
        overdueAfter: boolean;
        handover: { handedOverOn: string; toCouncil: { name: string } | null; outcome: string } | null;
      }[];
      met: number;
      notMet: number;
      summary: { averageCriteria: { before: number; after: number }; disbursed: { before: number; after: number } };
    }>(`/api/oversight/compare?first=${december.id}&second=${may.id}`);
    expect(res.status).toBe(200);
    expect(res.body.summary.averageCriteria.before).toBe(13);
    expect(res.body.summary.averageCriteria.after).toBeGreaterThan(13);
    expect(res.body.summary.disbursed.after).toBeGreaterThan(res.body.summary.disbursed.before);
    expect(res.body.communes).toHaveLength(9);
    expect(res.body.communes.every((c) => c.criteriaDelta >= 0)).toBe(true);
    // The May snapshot predates the conclusion; December lists all eight requests.
    const dec = (await council.get<Snapshot>(`/api/oversight/snapshots/${december.snapshots[0]!.id}`)).body.data;
    expect(dec.recommendations).toHaveLength(8);
    expect(dec.recommendations.filter((r) => r.status === 'accepted').map((r) => r.seq)).toEqual([1, 2, 3, 6]);
    expect(dec.recommendations.filter((r) => r.overdue).map((r) => r.seq)).toEqual([4, 7, 8]);
    const report = await council.bytes(`/api/oversight/compare/report.docx?first=${may.id}&second=${december.id}`);
    expect(report.status).toBe(200);
    expect(docxText(report.body)).toContain('Kết quả thực hiện kiến nghị giám sát');
    // The city council ended in 2025: what it left open shows who follows it up since the handover.
    const handed = res.body.recommendations.filter((r) => r.handover);
    expect(handed.length).toBeGreaterThan(0);
    expect(handed.every((r) => !r.met && r.handover!.handedOverOn === '2025-07-01')).toBe(true);
    expect(res.body.recommendations.filter((r) => r.met).every((r) => r.handover === null)).toBe(true);
    const open = handed.find((r) => r.handover!.outcome === 'handed_over')!;
    expect(open.handover!.toCouncil!.name).toMatch(/Quảng Ninh/);
    expect(docxText(report.body)).toContain(`do ${open.handover!.toCouncil!.name} theo dõi`);
  });

  it('a recommendation: recorded by the council, reported by the addressee with evidence, accepted', async () => {
    clock.set('2022-12-20T02:00:00Z');
    const bad = await council.post<Err>(`/api/oversight/activities/${december.id}/recommendations`, {
      text: '',
      addresseeUnitId: mc,
      addresseeLabel: 'UBND thành phố',
      deadline: '31/12/2022',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const haiSonNew = (await env.deps.db.select().from(units).where(eq(units.name, 'xã Hải Sơn'))).find(
      (x) => x.effectiveTo === null,
    )!;
    const outside = await council.post<Err>(`/api/oversight/activities/${december.id}/recommendations`, {
      text: 'Ngoài địa bàn',
      addresseeUnitId: haiSonNew.id,
      addresseeLabel: 'UBND xã Hải Sơn',
      deadline: '2023-03-31',
    });
    expect(outside.status).toBe(400);
    const created = await council.post<Rec>(`/api/oversight/activities/${december.id}/recommendations`, {
      text: 'Công khai tiến độ và nguồn vốn từng công trình NTM trên cổng thông tin của thành phố.',
      addresseeUnitId: mc,
      addresseeLabel: 'UBND thành phố',
      deadline: '2023-03-31',
      links: [{ type: 'project', ref: 'MC-2022-01', label: 'MC-2022-01' }],
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    // The office was told.
    const [officeUser] = await env.deps.db.select().from(users).where(eq(users.username, 'vpdp.mongcai'));
    const inbox = await env.deps.db.select().from(notifications).where(eq(notifications.userId, officeUser!.id));
    expect(inbox.some((n) => n.link === `/giam-sat/kien-nghi/${id}`)).toBe(true);
    // Accepting before any report is refused; the council cannot report for the addressee; an outsider sees nothing.
    const early = await council.post<Err>(`/api/oversight/recommendations/${id}/decision`, { decision: 'accepted', version: 1 });
    expect(early.body.error.details?.rule).toBe('oversight_accept_needs_report');
    expect(
      (await council.post(`/api/oversight/recommendations/${id}/reports`, { text: 'x', done: true, version: 1 })).status,
    ).toBe(403);
    expect(
      (await outsider.post(`/api/oversight/recommendations/${id}/reports`, { text: 'x', done: true, version: 1 })).status,
    ).toBe(404);
    expect((await outsider.get(`/api/oversight/recommendations/${id}`)).status).toBe(404);
    const form = new FormData();
    form.set('text', 'Đã đăng tải bảng tiến độ 6 công trình.');
    form.set('done', '1');
    form.set('version', '1');
    form.set('file', new File([new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'))], 'cong-khai.pdf', { type: 'application/pdf' }));
    const reported = await office.post<{ recommendation: Rec }>(`/api/oversight/recommendations/${id}/reports`, form);
    expect(reported.status).toBe(201);
    expect(reported.body.recommendation.status).toBe('reported');
    const stale = await council.post<Err>(`/api/oversight/recommendations/${id}/decision`, { decision: 'accepted', version: 1 });
    expect(stale.status).toBe(409);
    const accepted = await council.post<Rec>(`/api/oversight/recommendations/${id}/decision`, {
      decision: 'accepted',
      version: 2,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    const detail = await office.get<{ reports: { id: number; fileName: string }[] }>(`/api/oversight/recommendations/${id}`);
    expect(detail.body.reports[0]!.fileName).toBe('cong-khai.pdf');
    expect((await office.bytes(`/api/oversight/reports/${detail.body.reports[0]!.id}/file`)).status).toBe(200);
    expect((await outsider.bytes(`/api/oversight/reports/${detail.body.reports[0]!.id}/file`)).status).toBe(404);
    const trail = await env.deps.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, String(id)));
    expect(trail.map((t) => t.action)).toEqual(
      expect.arrayContaining(['recommendation.create', 'recommendation.report', 'recommendation.accept']),
    );
  });

  it('overdue recommendations escalate once: addressee and council, then the office above after 30 days', async () => {
    // The city's requests were handed over at the 2025 merger, re-dated to the end of 2026: overdue in 2027.
    clock.set('2027-02-15T02:00:00Z');
    const first = await dailyOversightCheck(env.deps, 'test-1');
    expect(first.overdue).toBeGreaterThanOrEqual(2);
    expect(first.sent).toBeGreaterThan(0);
    const second = await dailyOversightCheck(env.deps, 'test-2');
    expect(second.sent).toBe(0);
    const [provincial] = await env.deps.db.select().from(users).where(eq(users.username, 'vpdp.quangninh'));
    const escalated = await env.deps.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, provincial!.id), eq(notifications.kind, 'oversight.escalated')));
    expect(escalated.length).toBeGreaterThan(0);
    // The ended city council is told nothing; the province's council, which follows up now, is.
    const told = async (username: string) => {
      const [u] = await env.deps.db.select().from(users).where(eq(users.username, username));
      return (await env.deps.db.select().from(notifications).where(eq(notifications.userId, u!.id))).filter(
        (n) => n.kind === 'oversight.overdue',
      ).length;
    };
    expect(await told('vanphong.hdnd.mongcai')).toBe(0);
    expect(await told('vanphong.hdnd.quangninh')).toBeGreaterThan(0);
    expect(await told('canbo.haison')).toBeGreaterThan(0);
  });

  it('an ended council hands its open items over once, to a council in office, on a legal basis', async () => {
    type Detail = {
      endedOn: string | null;
      handover: {
        handedOverOn: string;
        legalBasis: string;
        toCouncil: { id: number; name: string };
        handedOver: number;
        closed: number;
      };
    };
    const mcDetail = (await council.get<Detail>(`/api/oversight/councils/${councilId}`)).body;
    expect(mcDetail.endedOn).toBe('2025-07-01');
    expect(mcDetail.handover).toMatchObject({
      handedOverOn: '2025-07-01',
      toCouncil: { name: 'HĐND tỉnh Quảng Ninh' },
      closed: 1,
    });
    expect(mcDetail.handover.legalBasis).toContain('72/2025/QH15');
    const qn = mcDetail.handover.toCouncil.id;
    const secretariat = new TestClient(env.app);
    await secretariat.login('vanphong.hdnd.quangninh', DEMO_PASSWORD);
    // The province's council now keeps the city's open requests, with their story.
    const kept = await secretariat.get<{
      items: { id: number; seq: number; followUpCouncilName: string | null; status: string }[];
    }>(`/api/oversight/recommendations?councilId=${qn}`);
    const handed = kept.body.items.filter((r) => r.followUpCouncilName === 'HĐND tỉnh Quảng Ninh');
    expect(handed.length).toBeGreaterThan(0);
    const one = await secretariat.get<{ handover: { fromCouncilName: string; handedOverOn: string }; addresseeLabel: string }>(
      `/api/oversight/recommendations/${handed[0]!.id}`,
    );
    expect(one.body.handover).toMatchObject({ fromCouncilName: 'HĐND thành phố Móng Cái', handedOverOn: '2025-07-01' });
    expect(one.body.addresseeLabel).toBe('UBND xã Hải Sơn');
    const closed = (await council.get<Activity>(`/api/oversight/activities/${may.id}`)).body.recommendations.find(
      (r) => r.seq === 7,
    );
    expect(closed!.status).toBe('closed');
    // The city council's own readers keep reading what it handed over, as history.
    expect((await council.get(`/api/oversight/recommendations/${handed[0]!.id}`)).status).toBe(200);

    const body = {
      toCouncilId: qn,
      handedOverOn: '2025-07-01',
      legalBasis: 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15',
    };
    const again = await secretariat.post<Err>(`/api/oversight/councils/${councilId}/handover`, body);
    expect(again.body.error.details?.rule).toBe('council_already_handed_over');
    const haiSonCouncil = (await env.deps.db.select().from(councils).where(eq(councils.name, 'HĐND xã Hải Sơn')))[0]!.id;
    const inOffice = await secretariat.post<Err>(`/api/oversight/councils/${qn}/handover`, {
      ...body,
      toCouncilId: haiSonCouncil,
    });
    expect(inOffice.body.error.details?.rule).toBe('council_still_in_office');

    // Another district council that ended with its level, with two open petitions.
    const province = (await env.deps.db.select().from(units).where(eq(units.name, 'tỉnh Quảng Ninh')))[0]!;
    const ended = await env.deps.db.transaction(async (tx) => {
      const d = await insertUnit(
        tx,
        {
          code: 'KT-HUYEN-CU',
          name: 'huyện Cũ (kiểm thử)',
          type: 'district',
          effectiveFrom: '2020-01-01',
          parentId: province.id,
        },
        new Date(),
      );
      await tx.update(units).set({ effectiveTo: '2025-07-01' }).where(eq(units.id, d.id));
      await rebuildUnitScope(tx);
      const [c] = await tx
        .insert(councils)
        .values({ unitId: d.id, name: 'HĐND huyện Cũ', term: '2021–2026', createdAt: new Date() })
        .returning();
      for (const text of ['Sửa đường liên thôn', 'Nạo vét kênh tưới'])
        await tx.insert(petitions).values({
          councilId: c!.id,
          unitId: d.id,
          source: 'voter_meeting',
          receivedOn: '2025-03-01',
          text,
          status: 'received',
          createdAt: new Date(),
        });
      return c!;
    });
    const open = await env.deps.db.select().from(petitions).where(eq(petitions.councilId, ended.id));
    const noSuccessor = await secretariat.post<Err>(`/api/oversight/councils/${ended.id}/handover`, {
      ...body,
      toCouncilId: null,
      items: [{ kind: 'petition', id: open[0]!.id, outcome: 'closed', reason: 'Đã giải quyết trong năm 2025' }],
    });
    expect(noSuccessor.body.error.details?.rule).toBe('handover_needs_successor');
    // The successor re-addresses only within its own area.
    const elsewhere = (await makeProvince(env.deps, 'tỉnh Khác')).communeA;
    const outside = await secretariat.post<Err>(`/api/oversight/councils/${ended.id}/handover`, {
      ...body,
      items: [{ kind: 'petition', id: open[0]!.id, outcome: 'handed_over', addresseeUnitId: elsewhere.id }],
    });
    expect(outside.body.error.details?.rule).toBe('handover_addressee_outside');
    // …and about the same place: a commune the district never covered is not its successor.
    const haiSonUnit2 = (await env.deps.db.select().from(units).where(eq(units.name, 'xã Hải Sơn'))).find((u) => !u.effectiveTo)!;
    const elsewhereInProvince = await secretariat.post<Err>(`/api/oversight/councils/${ended.id}/handover`, {
      ...body,
      items: [{ kind: 'petition', id: open[0]!.id, outcome: 'handed_over', addresseeUnitId: haiSonUnit2.id }],
    });
    expect(elsewhereInProvince.body.error.details?.rule).toBe('handover_addressee_elsewhere');
    const noReason = await secretariat.post<Err>(`/api/oversight/councils/${ended.id}/handover`, {
      ...body,
      items: [{ kind: 'petition', id: open[0]!.id, outcome: 'closed' }],
    });
    expect(noReason.status).toBe(400);
    expect((await outsider.post(`/api/oversight/councils/${ended.id}/handover`, body)).status).toBe(404);
    // A commune council's keeper cannot claim the city council's items for its own council.
    const haiSonUnit = (await env.deps.db.select().from(councils).where(eq(councils.id, haiSonCouncil)))[0]!.unitId;
    const communeKeeper = (await clientAs(env, 'council_secretariat', haiSonUnit)).client;
    expect(
      (await communeKeeper.post(`/api/oversight/councils/${ended.id}/handover`, { ...body, toCouncilId: haiSonCouncil })).status,
    ).toBe(404);
    // Six keepers at once: one handover, the others refused; nothing recorded twice.
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        secretariat.post<Err>(`/api/oversight/councils/${ended.id}/handover`, {
          ...body,
          items: [{ kind: 'petition', id: open[0]!.id, outcome: 'closed', reason: 'Đã giải quyết trong năm 2025' }],
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 422, 422, 422, 422, 422]);
    const after = await env.deps.db.select().from(petitions).where(eq(petitions.councilId, ended.id));
    expect(after.map((p) => [p.status, p.followUpCouncilId]).sort()).toEqual([
      ['closed', null],
      ['received', qn],
    ]);
    const trail = await env.deps.db.select().from(auditEvents).where(eq(auditEvents.action, 'council.handover'));
    expect(trail).toHaveLength(1);
  });

  it('property: a handover never loses nor duplicates an open item', async () => {
    const secretariat = new TestClient(env.app);
    await secretariat.login('vanphong.hdnd.quangninh', DEMO_PASSWORD);
    const province = (await env.deps.db.select().from(units).where(eq(units.name, 'tỉnh Quảng Ninh')))[0]!;
    const qn = (await env.deps.db.select().from(councils).where(eq(councils.unitId, province.id)))[0]!.id;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            status: fc.constantFrom('received', 'assigned', 'answered', 'resolved', 'forwarded'),
            decision: fc.constantFrom('as_is', 'handed_over', 'closed'),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        async (items) => {
          n++;
          const ended = await env.deps.db.transaction(async (tx) => {
            const d = await insertUnit(
              tx,
              {
                code: `KT-HUYEN-P${n}`,
                name: `huyện Thử ${n}`,
                type: 'district',
                effectiveFrom: '2020-01-01',
                parentId: province.id,
              },
              new Date(),
            );
            await tx.update(units).set({ effectiveTo: '2025-07-01' }).where(eq(units.id, d.id));
            await rebuildUnitScope(tx);
            const [c] = await tx
              .insert(councils)
              .values({ unitId: d.id, name: `HĐND huyện Thử ${n}`, term: '2021–2026', createdAt: new Date() })
              .returning();
            for (const [i, it] of items.entries())
              await tx.insert(petitions).values({
                councilId: c!.id,
                unitId: d.id,
                source: 'voter_meeting',
                receivedOn: '2025-03-01',
                text: `Kiến nghị ${i + 1}`,
                status: it.status,
                createdAt: new Date(),
              });
            return c!;
          });
          const rows = await env.deps.db.select().from(petitions).where(eq(petitions.councilId, ended.id)).orderBy(petitions.id);
          const done = new Set(['resolved', 'forwarded', 'closed']);
          const decisions = rows
            .map((r, i) => ({ r, d: items[i]!.decision }))
            .filter((x) => !done.has(x.r.status) && x.d !== 'as_is')
            .map((x) =>
              x.d === 'closed'
                ? { kind: 'petition', id: x.r.id, outcome: 'closed', reason: 'Đã xử lý xong' }
                : { kind: 'petition', id: x.r.id, outcome: 'handed_over' },
            );
          const res = await secretariat.post<{ handedOver: number; closed: number }>(
            `/api/oversight/councils/${ended.id}/handover`,
            { toCouncilId: qn, handedOverOn: '2025-07-01', legalBasis: 'Luật 72/2025/QH15', items: decisions },
          );
          expect(res.status).toBe(201);
          const after = await env.deps.db.select().from(petitions).where(eq(petitions.councilId, ended.id)).orderBy(petitions.id);
          const [h] = await env.deps.db.select().from(councilHandovers).where(eq(councilHandovers.fromCouncilId, ended.id));
          const open = rows.filter((r) => !done.has(r.status));
          // Every open item is in the handover exactly once; what was done stays as it was.
          expect(h!.items.map((i) => i.id).sort()).toEqual(open.map((r) => r.id).sort());
          for (const [i, r] of after.entries()) {
            const was = rows[i]!;
            if (done.has(was.status)) expect([r.status, r.followUpCouncilId]).toEqual([was.status, null]);
            else if (items[i]!.decision === 'closed') expect([r.status, r.followUpCouncilId]).toEqual(['closed', null]);
            else expect([r.status, r.followUpCouncilId]).toEqual([was.status, qn]);
          }
        },
      ),
      { numRuns: 6 },
    );
  });

  it('activities move forward one step at a time and keep their legal basis by date', async () => {
    // A council that exists in 2026: the province's. The city council's records are history (read-only).
    const ended = await council.post<Err>(`/api/oversight/councils/${councilId}/activities`, {
      kind: 'explanatory_session',
      title: 'Sau khi HĐND thành phố kết thúc',
      topic: 'Kiểm thử',
      scheduledOn: '2026-03-05',
    });
    expect(ended.body.error.code).toBe('UNIT_READ_ONLY');
    const admin = new TestClient(env.app);
    await admin.login('admin', DEMO_PASSWORD);
    const qnOffice = new TestClient(env.app);
    await qnOffice.login('vpdp.quangninh', DEMO_PASSWORD);
    const qnCouncil = (await env.deps.db.select().from(councils)).find((c) => c.id !== councilId)!.id;
    const created = await admin.post<Activity & { legalBasis: string }>(`/api/oversight/councils/${qnCouncil}/activities`, {
      kind: 'explanatory_session',
      title: 'Phiên giải trình (kiểm thử)',
      topic: 'Kiểm thử',
      scheduledOn: '2026-03-05',
    });
    expect(created.body.legalBasis).toBe('121/2025/QH15');
    const jump = await admin.patch<Err>(`/api/oversight/activities/${created.body.id}`, { status: 'concluded', version: 1 });
    expect(jump.body.error.details?.rule).toBe('oversight_status_order');
    const noDate = await admin.patch<Err>(`/api/oversight/activities/${created.body.id}`, { status: 'held', version: 1 });
    expect(noDate.body.error.details?.rule).toBe('oversight_held_needs_date');
    const held = await admin.patch<Activity>(`/api/oversight/activities/${created.body.id}`, {
      status: 'held',
      heldOn: '2026-03-05',
      version: 1,
    });
    expect(held.body.status).toBe('held');
    expect((await qnOffice.patch(`/api/oversight/activities/${created.body.id}`, { title: 'x', version: 2 })).status).toBe(403);
    expect((await outsider.get(`/api/oversight/activities/${created.body.id}`)).status).toBe(404);
  });

  it('voters’ petitions: recorded, assigned, answered by the assignee, resolved; the rate follows', async () => {
    clock.set('2022-12-20T02:00:00Z');
    const before = (
      await viewer.get<{ stats: { total: number; resolved: number } }>(`/api/oversight/petitions?councilId=${councilId}`)
    ).body.stats;
    const vanNinh = (await env.deps.db.select().from(units).where(eq(units.name, 'xã Vạn Ninh')))[0]!.id;
    const bad = await council.post<Err>(`/api/oversight/councils/${councilId}/petitions`, {
      unitId: vanNinh,
      source: 'voter_meeting',
      receivedOn: '2030-01-01',
      text: 'x',
    });
    expect(bad.status).toBe(400);
    const created = await council.post<{ id: number; version: number }>(`/api/oversight/councils/${councilId}/petitions`, {
      unitId: vanNinh,
      source: 'voter_meeting',
      receivedOn: '2022-12-10',
      text: '<script>alert(1)</script> Đề nghị nâng cấp đường vào khu nuôi trồng thủy sản.',
      category: 'economy_budget',
    });
    expect(created.status).toBe(201);
    const found = await council.get<{ items: { id: number; text: string }[] }>(`/api/oversight/petitions?q=thuy san`);
    expect(found.body.items.map((i) => i.id)).toContain(created.body.id);
    expect(found.body.items.find((i) => i.id === created.body.id)!.text).toContain('<script>');
    const skip = await council.patch<Err>(`/api/oversight/petitions/${created.body.id}`, { status: 'resolved', version: 1 });
    expect(skip.body.error.details?.rule).toBe('petition_status_order');
    const assigned = await council.patch<{ status: string; version: number }>(`/api/oversight/petitions/${created.body.id}`, {
      assigneeUnitId: mc,
      assigneeLabel: 'UBND thành phố',
      deadline: '2023-01-31',
      version: 1,
    });
    expect(assigned.body.status).toBe('assigned');
    expect((await outsider.post(`/api/oversight/petitions/${created.body.id}/answer`, { answer: 'x', version: 2 })).status).toBe(
      404,
    );
    const answered = await office.post<{ status: string }>(`/api/oversight/petitions/${created.body.id}/answer`, {
      answer: 'Đã đưa vào kế hoạch năm 2023.',
      version: 2,
    });
    expect(answered.body.status).toBe('answered');
    await council.patch(`/api/oversight/petitions/${created.body.id}`, { status: 'resolved', version: 3 });
    const after = (
      await viewer.get<{ stats: { total: number; resolved: number; rateBp: number } }>(
        `/api/oversight/petitions?councilId=${councilId}`,
      )
    ).body.stats;
    expect(after.total).toBe(before.total + 1);
    expect(after.resolved).toBe(before.resolved + 1);
    expect(after.rateBp).toBe(Math.floor((after.resolved * 10000) / after.total));
  });

  it('another unit’s user is refused everywhere; a provincial viewer reads but may not change', async () => {
    const snapId = may.snapshots[0]!.id;
    for (const url of [
      `/api/oversight/councils/${councilId}`,
      `/api/oversight/activities/${may.id}`,
      `/api/oversight/snapshots/${snapId}`,
      `/api/oversight/snapshots/${snapId}/pack.docx`,
      `/api/oversight/compare?first=${may.id}&second=${december.id}`,
    ])
      expect((await outsider.get(url)).status, url).toBe(404);
    expect(
      (await outsider.get<{ items: unknown[] }>('/api/oversight/councils')).body.items.every(
        (c) => (c as { unitId: number }).unitId !== mc,
      ),
    ).toBe(true);
    // Since the handover the commune answers for some of the city's requests: it sees those, and only those.
    const addressed = await outsider.get<{ items: { addresseeLabel: string }[] }>(
      `/api/oversight/recommendations?councilId=${councilId}`,
    );
    expect(addressed.body.items.length).toBeGreaterThan(0);
    expect(addressed.body.items.every((r) => r.addresseeLabel === 'UBND xã Hải Sơn')).toBe(true);
    const petitionsSeen = await outsider.get<{ items: { assigneeLabel: string | null }[] }>(
      `/api/oversight/petitions?councilId=${councilId}`,
    );
    expect(petitionsSeen.body.items.every((p) => p.assigneeLabel === 'UBND xã Hải Sơn')).toBe(true);
    expect((await outsider.post(`/api/oversight/activities/${may.id}/snapshots`, {})).status).toBe(404);
    expect((await viewer.get(`/api/oversight/snapshots/${snapId}`)).status).toBe(200);
    expect((await viewer.post(`/api/oversight/activities/${may.id}/snapshots`, {})).status).toBe(403);
    expect(
      (
        await viewer.post(`/api/oversight/councils/${councilId}/activities`, {
          kind: 'questioning',
          title: 'x',
          topic: 'x',
          scheduledOn: '2022-06-01',
        })
      ).status,
    ).toBe(403);
    const acts = await env.deps.db.select().from(oversightActivities).where(eq(oversightActivities.title, 'x'));
    expect(acts).toHaveLength(0);
  });
});
