import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, disbursements, units } from '../../db/schema';
import { ManualClock } from '../../lib/clock';
import { DEMO_PASSWORD, loadDemoIfEmpty } from '../../seed/demo';
import { clientAs } from '../../testing/factories';
import { createTestEnv, TestClient, type TestEnv } from '../../testing/harness';

const TY = 1_000_000_000;
const TR = 1_000_000;
type Err = { error: { code: string; details: { rule?: string; row?: number; code?: string }[] & { rule?: string } } };
type Cockpit = {
  totals: {
    plan: number;
    allocated: number;
    unallocated: number;
    disbursed: number;
    rateVsAllocatedBp: number;
    elapsedBp: number;
    over100: boolean;
  };
  bySource: { code: string; plan: number; allocated: number; disbursed: number }[];
  projects: {
    id: number;
    code: string;
    allocated: number;
    disbursed: number;
    flags: { rule: string }[];
    deadline: string | null;
  }[];
  scurve: { month: string; cumulative: number | null }[];
  flags: { rule: string; projectId: number }[];
};

describe('capital: Móng Cái 2022 and the rules around it', () => {
  let env: TestEnv;
  const clock = new ManualClock('2022-05-18T03:00:00Z');
  let office: TestClient;
  let mc: number;
  const cockpit = async (asOf?: string) =>
    (await office.get<Cockpit>(`/api/capital/cockpit?unitId=${mc}&year=2022${asOf ? `&asOf=${asOf}` : ''}`)).body;
  const project = async (code: string) => (await cockpit()).projects.find((p) => p.code === code)!;

  beforeAll(async () => {
    env = await createTestEnv({ clock, config: { sessionIdleMinutes: 10_000_000, sessionMaxHours: 9000 } });
    await loadDemoIfEmpty(env.deps);
    office = new TestClient(env.app);
    await office.login('vpdp.mongcai', DEMO_PASSWORD);
    mc = (await env.deps.db.select().from(units).where(eq(units.name, 'thành phố Móng Cái')))[0]!.id;
  });
  afterAll(() => env.close());

  it('follows every đồng from the resolution to the Treasury: plan, allocated, disbursed, exact sums', async () => {
    const c = await cockpit();
    expect(c.totals).toMatchObject({ plan: 15.5 * TY, allocated: 12.7 * TY, unallocated: 2.8 * TY, disbursed: 2.3 * TY });
    expect(c.totals.rateVsAllocatedBp).toBe(1811);
    expect(c.bySource.reduce((s, x) => s + x.disbursed, 0)).toBe(c.totals.disbursed);
    expect(c.projects.reduce((s, p) => s + p.disbursed, 0)).toBe(c.totals.disbursed);
    expect(c.scurve.find((s) => s.month === '2022-05')!.cumulative).toBe(2.3 * TY);
    expect(c.scurve.find((s) => s.month === '2022-07')!.cumulative).toBeNull();
    const flagged = new Set(c.flags.map((f) => `${c.projects.find((p) => p.id === f.projectId)!.code}:${f.rule}`));
    expect(flagged).toContain('MC-2022-04:allocated_not_ready');
    expect(
      (await office.get<{ items: { code: string }[] }>(`/api/capital/projects?unitId=${mc}&ready=1`)).body.items.map(
        (p) => p.code,
      ),
    ).toEqual(['MC-2022-05']);
  });

  it('refuses allocations beyond the plan, and an adjustment is a new version', async () => {
    const plans = await office.get<{
      items: { id: number; status: string; rowVersion: number; lines: { sourceCode: string; unallocated: number }[] }[];
    }>(`/api/capital/plans?unitId=${mc}&year=2022`);
    const plan = plans.body.items[0]!;
    expect(plan.lines.find((l) => l.sourceCode === 'NSDP_TINH')!.unallocated).toBe(1.2 * TY);
    const draft = await office.post<{
      id: number;
      version: number;
      status: string;
      rowVersion: number;
      allocations: { projectId: number; sourceCode: string; amount: number }[];
    }>(`/api/capital/plans/${plan.id}/adjust`);
    expect(draft.body).toMatchObject({ version: 2, status: 'draft' });
    const p5 = (
      await office.get<{ items: { id: number; code: string }[] }>(`/api/capital/projects?unitId=${mc}`)
    ).body.items.find((p) => p.code === 'MC-2022-05')!;
    const tooMuch = await office.request<Err>('PUT', `/api/capital/plans/${draft.body.id}/allocations`, {
      rowVersion: draft.body.rowVersion,
      allocations: [...draft.body.allocations, { projectId: p5.id, sourceCode: 'NSDP_TINH', amount: 1.3 * TY }],
    });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error.details.rule).toBe('allocation_exceeds_plan');
    const ok = await office.request<{ rowVersion: number }>('PUT', `/api/capital/plans/${draft.body.id}/allocations`, {
      rowVersion: draft.body.rowVersion,
      allocations: [...draft.body.allocations, { projectId: p5.id, sourceCode: 'NSDP_TINH', amount: 1.2 * TY }],
    });
    expect(ok.status).toBe(200);
    // The resolution is dated 20 July: it is approved once that day has come.
    clock.set('2022-07-20T08:00:00Z');
    const approved = await office.post(`/api/capital/plans/${draft.body.id}/approve`, {
      rowVersion: ok.body.rowVersion,
      resolutionNo: 'NQ 112/NQ-HĐND (demo)',
      resolutionDate: '2022-07-20',
      body: 'HĐND thành phố Móng Cái (kỳ họp chuyên đề)',
    });
    expect(approved.status).toBe(200);
    clock.set('2022-05-18T03:00:00Z');
    const c = await cockpit();
    expect(c.totals.allocated).toBe(13.9 * TY);
    expect(c.totals.unallocated).toBe(1.6 * TY);
    const list = await office.get<{ items: { id: number; status: string }[] }>(`/api/capital/plans?unitId=${mc}&year=2022`);
    expect(list.body.items.map((p) => p.status)).toEqual(['approved']);
  });

  it('a red flag appears and clears: no disbursement for months, then a payment', async () => {
    clock.set('2022-08-30T03:00:00Z');
    expect((await project('MC-2022-02')).flags.map((f) => f.rule)).toContain('idle');
    const p2 = await project('MC-2022-02');
    const res = await office.post('/api/capital/disbursements', {
      projectId: p2.id,
      planYear: 2022,
      sourceCode: 'NSDP_TINH',
      date: '2022-08-29',
      amount: 600 * TR,
      paymentType: 'acceptance',
      voucherRef: 'KB-2022-0301',
      // A note is typed text like any other: no direction override, no zero-width space, composed.
      note: '\u202eThanh toa\u0301n \u200bđợt 1\u2066',
    });
    expect(res.status).toBe(201);
    expect((res.body as { note: string | null }).note).toBe('Thanh toán đợt 1');
    expect((await project('MC-2022-02')).flags.map((f) => f.rule)).not.toContain('idle');
    const again = await office.post<Err>('/api/capital/disbursements', {
      projectId: p2.id,
      planYear: 2022,
      sourceCode: 'NSDP_TINH',
      date: '2022-08-29',
      amount: 600 * TR,
      paymentType: 'acceptance',
      voucherRef: 'kb-2022-0301',
    });
    expect(again.status).toBe(409);
    // The same voucher for another amount is not a second payment: it is refused with the reason.
    const reused = await office.post<Err>('/api/capital/disbursements', {
      projectId: p2.id,
      planYear: 2022,
      sourceCode: 'NSDP_TINH',
      date: '2022-08-29',
      amount: 60 * TR,
      paymentType: 'acceptance',
      voucherRef: 'KB-2022-0301',
    });
    expect(reused.body.error.details.rule).toBe('voucher_reused');
  });

  it('refuses payments beyond the allocation and after the deadline of the plan year', async () => {
    clock.set('2022-09-10T03:00:00Z');
    const p3 = await project('MC-2022-03');
    const over = await office.post<Err>('/api/capital/disbursements', {
      projectId: p3.id,
      planYear: 2022,
      sourceCode: 'NSTW_DTPT',
      date: '2022-09-01',
      amount: 2 * TY,
      paymentType: 'acceptance',
      voucherRef: 'KB-X1',
    });
    expect(over.body.error.details.rule).toBe('exceeds_allocation');
    clock.set('2023-03-01T03:00:00Z');
    expect(p3.deadline).toBe('2023-01-31');
    const late = await office.post<Err>('/api/capital/disbursements', {
      projectId: p3.id,
      planYear: 2022,
      sourceCode: 'NSTW_DTPT',
      date: '2023-02-15',
      amount: 100 * TR,
      paymentType: 'acceptance',
      voucherRef: 'KB-X2',
    });
    expect(late.body.error.details.rule).toBe('after_deadline');
    const ext = await office.post(`/api/capital/projects/${p3.id}/extensions`, {
      planYear: 2022,
      newDeadline: '2023-06-30',
      decisionNo: 'QĐ 210/QĐ-UBND (demo)',
      decisionDate: '2023-01-20',
    });
    expect(ext.status).toBe(201);
    expect(
      (
        await office.post('/api/capital/disbursements', {
          projectId: p3.id,
          planYear: 2022,
          sourceCode: 'NSTW_DTPT',
          date: '2023-02-15',
          amount: 100 * TR,
          paymentType: 'acceptance',
          voucherRef: 'KB-X2',
        })
      ).status,
    ).toBe(201);
    clock.set('2022-09-10T03:00:00Z');
  });

  it('imports Treasury lines all or nothing, and the same file twice adds nothing', async () => {
    const before = await env.deps.db.$count(disbursements);
    const auditBefore = await env.deps.db.$count(auditEvents);
    const bad = [
      'ma_du_an;ngay;so_tien;nguon_von;nam_ke_hoach;loai;so_chung_tu',
      'MC-2022-01;05/09/2022;250.000.000;NSDP_XA;2022;thanh toán KLHT;KB-2022-0400',
      'MC-2022-99;06/09/2022;1000;NSDP_XA;2022;tạm ứng;KB-2022-0401',
      'MC-2022-01;31/02/2022;1,5;NSDP_XA;2022;khác;KB-2022-0402',
    ].join('\n');
    const form = (text: string) => {
      const f = new FormData();
      f.set('file', new Blob([text], { type: 'text/csv' }), 'kho-bac.csv');
      return f;
    };
    const res = await office.post<Err>('/api/capital/disbursements/import', form(bad));
    expect(res.status).toBe(422);
    expect(res.body.error.details.map((d) => [d.row, d.code])).toEqual([
      [3, 'unknown_project'],
      [4, 'bad_date'],
      [4, 'fractional_dong'],
      [4, 'bad_type'],
    ]);
    expect(await env.deps.db.$count(disbursements)).toBe(before);
    expect(await env.deps.db.$count(auditEvents)).toBe(auditBefore);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Kho bac');
    ws.addRow(['Mã dự án', 'Ngày thanh toán', 'Số tiền (đồng)', 'Nguồn vốn', 'Năm kế hoạch', 'Loại', 'Số chứng từ']);
    ws.addRow(['MC-2022-01', '05/09/2022', 250_000_000, 'NSDP_XA', 2022, 'thanh toán KLHT', 'KB-2022-0400']);
    ws.addRow(['MC-2022-03', '06/09/2022', 150_000_000, 'NSDP_TINH', 2022, 'tạm ứng', 'KB-2022-0401']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const xform = () => {
      const f = new FormData();
      f.set('file', new Blob([bytes]), 'kho-bac.xlsx');
      return f;
    };
    const first = await office.post<{ added: number; skipped: number }>('/api/capital/disbursements/import', xform());
    expect(first.body).toEqual({ added: 2, skipped: 0 });
    const second = await office.post<{ added: number; skipped: number }>('/api/capital/disbursements/import', xform());
    expect(second.body).toEqual({ added: 0, skipped: 2 });
    expect(await env.deps.db.$count(disbursements)).toBe(before + 2);
  });

  it('gives a Treasury template of the reader’s projects and sources, and imports it filled with names instead of codes', async () => {
    const ref = await office.get<{ projects: { code: string; name: string }[]; sources: { code: string; name: string }[] }>(
      `/api/capital/disbursements/reference?unitId=${mc}`,
    );
    expect(ref.status).toBe(200);
    expect(ref.body.projects.map((p) => p.code)).toContain('MC-2022-01');
    expect(ref.body.projects.every((p) => p.code.startsWith('MC-'))).toBe(true);
    const res = await env.app.request(`/api/capital/disbursements/template.xlsx?unitId=${mc}`, {
      headers: office.authHeaders(),
    });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Giải ngân', 'Dự án', 'Nguồn vốn']);
    const entry = wb.worksheets[0]!;
    expect(entry.getCell('A2').dataValidation.formulae?.[0]).toMatch(/^'Dự án'!\$A\$2:\$A\$\d+$/);
    expect(entry.getCell('F2').dataValidation.formulae?.[0]).toBe('"Tạm ứng,Thanh toán KLHT"');
    const listed = wb.worksheets[1]!.getColumn(1).values.slice(2).map(String);
    expect(listed.sort()).toEqual(ref.body.projects.map((p) => p.code).sort());
    const p1 = ref.body.projects.find((p) => p.code === 'MC-2022-01')!;
    const xa = ref.body.sources.find((s) => s.code === 'NSDP_XA')!;
    // A person types the project's name without accents and picks the source by its name.
    entry.addRow([
      p1.name
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toUpperCase(),
      new Date(Date.UTC(2022, 8, 7)),
      1_000_000,
      xa.name,
      2022,
      'Thanh toán KLHT',
      'KB-TPL-1',
    ]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const f = new FormData();
    f.set('file', new Blob([bytes]), 'mau.xlsx');
    const imported = await office.post<{ added: number; skipped: number }>('/api/capital/disbursements/import', f);
    expect(imported.status).toBe(201);
    expect(imported.body).toEqual({ added: 1, skipped: 0 });
    const [row] = await env.deps.db.select().from(disbursements).where(eq(disbursements.voucherRef, 'KB-TPL-1'));
    expect(row).toMatchObject({ sourceCode: 'NSDP_XA', date: '2022-09-07', amount: 1_000_000, paymentType: 'acceptance' });
    const csv = await env.app.request(`/api/capital/disbursements/template.csv?unitId=${mc}`, {
      headers: office.authHeaders(),
    });
    const csvBytes = Buffer.from(await csv.arrayBuffer());
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csvBytes.subarray(3).toString('utf8')).toBe(
      'Mã dự án,Ngày thanh toán,Số tiền (đồng),Nguồn vốn,Năm kế hoạch,Loại thanh toán,Số chứng từ,Chứng từ gốc,Đợt vốn (ngày giao),Ghi chú\r\n',
    );
    // The template sent back as it came, with no line filled in: said so, nothing written.
    const empty = new FormData();
    empty.set('file', new Blob([csvBytes], { type: 'text/csv' }), 'mau.csv');
    const before = await env.deps.db.$count(disbursements);
    const refused = await office.post<Err>('/api/capital/disbursements/import', empty);
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.map((d) => d.code)).toEqual(['no_lines']);
    expect(await env.deps.db.$count(disbursements)).toBe(before);
  });

  it('moves a project one status at a time; approval needs the whole dossier', async () => {
    const p6 = (
      await office.get<{ items: { id: number; code: string; version: number }[] }>(`/api/capital/projects?unitId=${mc}`)
    ).body.items.find((p) => p.code === 'MC-2022-06')!;
    const skip = await office.patch<Err>(`/api/capital/projects/${p6.id}`, { version: p6.version, status: 'construction' });
    expect(skip.body.error.details.rule).toBe('status_transition');
    const toReadiness = await office.patch<{ version: number }>(`/api/capital/projects/${p6.id}`, {
      version: p6.version,
      status: 'readiness',
    });
    expect(toReadiness.status).toBe(200);
    const notReady = await office.patch<Err>(`/api/capital/projects/${p6.id}`, {
      version: toReadiness.body.version,
      status: 'approved',
    });
    expect(notReady.body.error.details.rule).toBe('dossier_incomplete');
  });

  it('exports the report in triệu đồng and a QR for the construction signboard', async () => {
    const cookie = [...office.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await env.app.request(`/api/capital/report.xlsx?unitId=${mc}&year=2022`, { headers: { cookie } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A2').text).toContain('triệu đồng');
    const c = await cockpit();
    expect(ws.getRow(5).getCell(6).value).toBe(c.totals.disbursed / TR);
    const p1 = await project('MC-2022-01');
    const qr = await env.app.request(`/api/capital/projects/${p1.id}/qr/png`, { headers: { cookie } });
    expect(qr.headers.get('content-type')).toBe('image/png');
    expect(qr.headers.get('x-qr-target')).toContain('/cong-khai/du-an/MC-2022-01');
    expect(
      Buffer.from(await qr.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });

  it('keeps progress photos (images only) and shows community contributions by commune', async () => {
    const p1 = await project('MC-2022-01');
    const photo = new FormData();
    photo.set(
      'file',
      new Blob([
        new Uint8Array(
          await sharp({ create: { width: 320, height: 200, channels: 3, background: '#3f9a55' } })
            .jpeg()
            .toBuffer(),
        ),
      ]),
      'mat-duong.jpg',
    );
    photo.set('caption', 'Hoàn thiện mặt đường đoạn 1');
    const res = await office.post<{ id: number }>(`/api/capital/projects/${p1.id}/photos`, photo);
    expect(res.status).toBe(201);
    const pdf = new FormData();
    pdf.set('file', new Blob([Buffer.from('%PDF-1.4 x')]), 'anh.jpg');
    expect((await office.post(`/api/capital/projects/${p1.id}/photos`, pdf)).status).toBe(415);
    const detail = await office.get<{ photos: { id: number; caption: string }[] }>(`/api/capital/projects/${p1.id}?year=2022`);
    expect(detail.body.photos.map((p) => p.caption)).toEqual(['Hoàn thiện mặt đường đoạn 1']);
    expect((await office.get(`/api/capital/photos/${res.body.id}/thumbnail`)).headers.get('content-type')).toBe('image/jpeg');
    const units2022 = (
      await office.get<{ byUnit: { name: string; community: { landM2: number; workdays: number; inKindValue: number } }[] }>(
        `/api/capital/cockpit?unitId=${mc}&year=2022`,
      )
    ).body.byUnit;
    expect(units2022.find((u) => u.name === 'xã Hải Sơn')!.community).toMatchObject({
      landM2: 1200,
      workdays: 350,
      inKindValue: 70 * TR,
    });
  });

  it('an officer of another commune cannot see or touch the city’s capital', async () => {
    const officer = new TestClient(env.app);
    await officer.login('canbo.haison', DEMO_PASSWORD);
    expect((await officer.get(`/api/capital/cockpit?unitId=${mc}&year=2022`)).status).toBe(404);
    const p1 = await project('MC-2022-01');
    expect((await officer.get(`/api/capital/projects/${p1.id}`)).status).toBe(200);
    const p2 = await project('MC-2022-02');
    expect((await officer.get(`/api/capital/projects/${p2.id}`)).status).toBe(404);
    const other = (
      await clientAs(
        env,
        'coordination_office',
        (await env.deps.db.select().from(units).where(eq(units.name, 'xã Vĩnh Trung')))[0]!.id,
      )
    ).client;
    expect(
      (
        await other.post('/api/capital/disbursements', {
          projectId: p2.id,
          planYear: 2022,
          sourceCode: 'NSDP_TINH',
          date: '2022-09-01',
          amount: 1000,
          paymentType: 'advance',
          voucherRef: 'X',
        })
      ).status,
    ).toBe(404);
  });

  it('capital added by an adjustment after 30 September is a tranche with its own deadline, paid first in, first out', async () => {
    type Plan = {
      id: number;
      rowVersion: number;
      lines: { sourceCode: string; amount: number }[];
      allocations: { projectId: number; projectCode: string; sourceCode: string; amount: number; addedOn: string | null }[];
    };
    // The earlier adjustment gave MC-2022-05 capital without a date: it took its resolution's date.
    const mcPlan = (await office.get<{ items: Plan[] }>(`/api/capital/plans?unitId=${mc}&year=2022`)).body.items[0]!;
    expect(mcPlan.allocations.filter((a) => a.projectCode === 'MC-2022-05').map((a) => [a.amount, a.addedOn])).toEqual([
      [1.2 * TY, '2022-07-20'],
    ]);
    // The 2024 law applies from the 2025 plans: capital added after 30 September may be paid until 31 December of the next year.
    clock.set('2027-02-20T03:00:00Z');
    const province = new TestClient(env.app);
    await province.login('vpdp.quangninh', DEMO_PASSWORD);
    const qn = (await env.deps.db.select().from(units).where(eq(units.name, 'tỉnh Quảng Ninh')))[0]!.id;
    const current = (await province.get<{ items: Plan[] }>(`/api/capital/plans?unitId=${qn}&year=2026`)).body.items[0]!;
    const q3 = current.allocations.find((a) => a.projectCode === 'QN-2026-03' && a.sourceCode === 'NSDP_TINH')!;
    expect(q3).toMatchObject({ amount: 4 * TY, addedOn: '2026-01-20' });
    const draft = (await province.post<Plan>(`/api/capital/plans/${current.id}/adjust`)).body;
    const withLines = await province.request<{ rowVersion: number }>('PUT', `/api/capital/plans/${draft.id}/lines`, {
      rowVersion: draft.rowVersion,
      lines: draft.lines.map((l) => ({
        sourceCode: l.sourceCode,
        amount: l.sourceCode === 'NSDP_TINH' ? l.amount + 0.5 * TY : l.amount,
      })),
    });
    expect(withLines.status).toBe(200);
    const carried = draft.allocations.map((a) => ({
      projectId: a.projectId,
      sourceCode: a.sourceCode,
      amount: a.amount,
      addedOn: a.addedOn,
    }));
    const isQ3 = (a: { projectId: number; sourceCode: string }) => a.projectId === q3.projectId && a.sourceCode === 'NSDP_TINH';
    // More capital on the old date would move the deadline of capital given in January: refused.
    const grown = await province.request<Err>('PUT', `/api/capital/plans/${draft.id}/allocations`, {
      rowVersion: withLines.body.rowVersion,
      allocations: carried.map((a) => (isQ3(a) ? { ...a, amount: 4.5 * TY } : a)),
    });
    expect(grown.body.error.details.rule).toBe('tranche_grows_old_capital');
    // Nor may it be given a new date: its deadline would move with it.
    const redated = await province.request<Err>('PUT', `/api/capital/plans/${draft.id}/allocations`, {
      rowVersion: withLines.body.rowVersion,
      allocations: carried.map((a) => (isQ3(a) ? { ...a, addedOn: '2026-10-20' } : a)),
    });
    expect(redated.body.error.details.rule).toBe('tranche_redates_old_capital');
    // New capital is dated after the resolution of the version it adjusts (10/12/2025).
    const early = await province.request<Err>('PUT', `/api/capital/plans/${draft.id}/allocations`, {
      rowVersion: withLines.body.rowVersion,
      allocations: [...carried, { projectId: q3.projectId, sourceCode: 'NSDP_TINH', amount: 0.5 * TY, addedOn: '2025-12-01' }],
    });
    expect(early.body.error.details.rule).toBe('tranche_before_previous');
    const added = await province.request<{ rowVersion: number }>('PUT', `/api/capital/plans/${draft.id}/allocations`, {
      rowVersion: withLines.body.rowVersion,
      allocations: [...carried, { projectId: q3.projectId, sourceCode: 'NSDP_TINH', amount: 0.5 * TY, addedOn: '2026-10-05' }],
    });
    expect(added.status).toBe(200);
    const approve = (resolutionDate: string) =>
      province.post<Err>(`/api/capital/plans/${draft.id}/approve`, {
        rowVersion: added.body.rowVersion,
        resolutionNo: 'NQ 140/NQ-HĐND (demo)',
        resolutionDate,
        body: 'HĐND tỉnh Quảng Ninh',
      });
    expect((await approve('2026-10-01')).body.error.details.rule).toBe('tranche_after_resolution');
    expect((await approve('2026-10-06')).status).toBe(200);
    type Detail = {
      tranches: { sourceCode: string; addedOn: string; amount: number; deadline: string; paid: number; left: number }[];
    };
    const detail = async () =>
      (await province.get<Detail>(`/api/capital/projects/${q3.projectId}?year=2026`)).body.tranches.filter(
        (t) => t.sourceCode === 'NSDP_TINH',
      );
    expect(await detail()).toEqual([
      expect.objectContaining({ addedOn: '2026-01-20', amount: 4 * TY, deadline: '2027-01-31', paid: 0 }),
      expect.objectContaining({ addedOn: '2026-10-05', amount: 0.5 * TY, deadline: '2027-12-31', paid: 0 }),
    ]);
    const pay = (date: string, amount: number, voucherRef: string, trancheOn?: string) =>
      province.post<Err>('/api/capital/disbursements', {
        projectId: q3.projectId,
        planYear: 2026,
        sourceCode: 'NSDP_TINH',
        date,
        amount,
        paymentType: 'acceptance',
        voucherRef,
        ...(trancheOn ? { trancheOn } : {}),
      });
    // In February 2027 only the October tranche is still open.
    const late = await pay('2027-02-15', 0.6 * TY, 'KB-T-1');
    expect(late.body.error.details).toMatchObject({ rule: 'after_deadline', deadline: '2027-01-31' });
    // A payment uses only capital added by its date, and is recorded once made, never ahead.
    expect((await pay('2026-09-01', 0.1 * TY, 'KB-T-0', '2026-10-05')).body.error.details.rule).toBe('paid_before_capital');
    expect((await pay('2027-03-01', 0.1 * TY, 'KB-T-9')).body.error.details.rule).toBe('payment_in_future');
    expect((await pay('2027-02-15', 0.5 * TY, 'KB-T-2')).status).toBe(201);
    // A November payment naming the October tranche would leave February's payment with no open capital.
    expect((await pay('2026-11-02', 0.1 * TY, 'KB-T-3', '2026-10-05')).body.error.details.rule).toBe('after_deadline');
    expect((await pay('2026-11-02', 0.1 * TY, 'KB-T-4', '2026-01-01')).body.error.details.rule).toBe('tranche_not_found');
    // Without a name it is first in, first out: the January tranche, open until 31/01/2027.
    expect((await pay('2026-11-02', 0.1 * TY, 'KB-T-5')).status).toBe(201);
    expect(await detail()).toEqual([
      expect.objectContaining({ addedOn: '2026-01-20', paid: 0.1 * TY, left: 3.9 * TY }),
      expect.objectContaining({ addedOn: '2026-10-05', paid: 0.5 * TY, left: 0 }),
    ]);
    type ByDeadline = { deadline: string; allocated: number; paid: number; left: number; passed: boolean }[];
    const c = (
      await province.get<{ byDeadline: ByDeadline; totals: { allocated: number } }>(`/api/capital/cockpit?unitId=${qn}&year=2026`)
    ).body;
    // QN-2026-01's capital was added on 15/10/2026 (0.4 tỷ paid from it) and QN-2026-03's new tranche on 05/10/2026.
    expect(c.byDeadline.find((d) => d.deadline === '2027-12-31')).toEqual({
      deadline: '2027-12-31',
      allocated: 3.7 * TY,
      paid: 0.9 * TY,
      left: 2.8 * TY,
      passed: false,
    });
    expect(c.byDeadline.find((d) => d.deadline === '2027-01-31')!.passed).toBe(true);
    expect(c.byDeadline.reduce((s, d) => s + d.allocated, 0)).toBe(c.totals.allocated);
  });
});
