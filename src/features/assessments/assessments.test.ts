import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessmentValues, auditEvents } from '../../db/schema';
import { makeAssessableProvince } from '../../testing/criteria-fixtures';
import { clientAs, makeProvince } from '../../testing/factories';
import { createTestEnv, type TestClient, type TestEnv } from '../../testing/harness';

type Cell = {
  code: string;
  value: unknown;
  version: number;
  status: string;
  review: string;
  reviewComment: string | null;
  evidence: { id: number; name: string; mime: string; hasThumbnail: boolean }[];
};
type View = {
  assessment: { id: number; status: string; version: number; classCode: string };
  criteria: { number: string; indicators: Cell[] }[];
  results: { criteriaMet: number; indicatorsMet: number; indicatorsMissing: number };
  permissions: { canEdit: boolean; canVerify: boolean };
};
type Err = {
  error: { code: string; message?: string; details: { path?: string; code: string; rule?: string }[] & { rule?: string } };
};

describe('monthly count-and-check workflow', () => {
  let env: TestEnv;
  let p: Awaited<ReturnType<typeof makeAssessableProvince>>;
  let officer: TestClient;
  let office: TestClient;
  let id: number;
  const view = async (c: TestClient = officer) => (await c.get<View>(`/api/assessments/${id}`)).body;
  const cell = (v: View, code: string) => v.criteria.flatMap((c) => c.indicators).find((i) => i.code === code)!;

  beforeAll(async () => {
    env = await createTestEnv();
    p = await makeAssessableProvince(env.deps);
    officer = (await clientAs(env, 'commune_officer', p.communeA.id)).client;
    office = (await clientAs(env, 'coordination_office', p.province.id)).client;
  });
  afterAll(() => env.close());

  it('opens a month under the set in force with the unit’s region', async () => {
    const res = await officer.post<{ id: number }>('/api/assessments', { unitId: p.communeA.id, month: '2022-03' });
    expect(res.status).toBe(201);
    id = res.body.id;
    const v = await view();
    expect(v.assessment).toMatchObject({ status: 'draft', classCode: 'TDMNPB' });
    expect(v.criteria).toHaveLength(19);
    expect(v.results).toMatchObject({ criteriaMet: 0, indicatorsMet: 0, indicatorsMissing: 57 });
    expect((await officer.post<Err>('/api/assessments', { unitId: p.communeA.id, month: '2022-03' })).status).toBe(409);
  });

  it('refuses a month that has not begun', async () => {
    const future = await officer.post<Err>('/api/assessments', { unitId: p.communeA.id, month: '2031-12' });
    expect(future.status).toBe(422);
    expect(future.body.error.details).toMatchObject({ rule: 'assessment_future_month' });
  });

  it('refuses a month for a unit without a region', async () => {
    const other = await makeProvince(env.deps);
    const admin = (await clientAs(env, 'system_admin', other.province.id)).client;
    const res = await admin.post<Err>('/api/assessments', { unitId: other.communeA.id, month: '2022-03' });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toMatchObject({ rule: 'unit_not_classified' });
  });

  it('saves typed values, evaluates them, and rejects values of the wrong type', async () => {
    const res = await officer.request<{ criteriaMet: number; indicatorsMet: number }>('PUT', `/api/assessments/${id}/values`, {
      changes: [
        { code: '1.1', value: true, version: 0 },
        { code: '1.2', value: true, version: 0 },
        { code: '10', value: 41.5, version: 0, note: 'Báo cáo thống kê quý I' },
        { code: '2.2', value: { num: 60, den: 100 }, version: 0 },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ criteriaMet: 2, indicatorsMet: 3 });
    const v = await view();
    expect(cell(v, '10')).toMatchObject({ value: 41.5, version: 1, status: 'met' });
    expect(cell(v, '2.2')).toMatchObject({ status: 'unmet' });
    const bad = await officer.request<Err>('PUT', `/api/assessments/${id}/values`, {
      changes: [
        { code: '1.1', value: 42, version: 1 },
        { code: '99.9', value: true, version: 0 },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d) => [d.path, d.code])).toEqual([
      ['1.1', 'wrong_value_type'],
      ['99.9', 'unknown_indicator'],
    ]);
  });

  it('two people editing the same cell: the second save is refused with the cell that moved, nothing written', async () => {
    const colleague = (await clientAs(env, 'commune_officer', p.communeA.id)).client;
    expect(
      (await officer.request('PUT', `/api/assessments/${id}/values`, { changes: [{ code: '3.2', value: true, version: 0 }] }))
        .status,
    ).toBe(200);
    const before = await env.deps.db.$count(auditEvents);
    const stale = await colleague.request<Err>('PUT', `/api/assessments/${id}/values`, {
      changes: [
        { code: '3.2', value: false, version: 0 },
        { code: '4.1', value: true, version: 0 },
      ],
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect(stale.body.error.details.map((d) => d.path)).toEqual(['3.2']);
    // What the cell holds now, so the person can compare it with theirs (an offline phone shows both).
    expect(stale.body.error.details[0]).toMatchObject({ currentVersion: 1, currentValue: true, currentNote: null });
    expect(cell(await view(), '3.2').value).toBe(true);
    expect(cell(await view(), '4.1').version).toBe(0);
    expect(await env.deps.db.$count(auditEvents)).toBe(before);
  });

  it('accepts evidence by content, refuses disguised executables, makes image thumbnails', async () => {
    const pdf = new FormData();
    pdf.set('indicatorCode', '1.1');
    pdf.set('file', new Blob([Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF')]), 'quyet-dinh-quy-hoach.bin');
    const ok = await officer.post<{ id: number; mime: string }>(`/api/assessments/${id}/evidence`, pdf);
    expect(ok.status).toBe(201);
    expect(ok.body.mime).toBe('application/pdf');
    // A name that turns its end around (U+202E) is kept without the turn: no file shows as something it is not.
    const spoof = new FormData();
    spoof.set('indicatorCode', '1.2');
    spoof.set('file', new Blob([Buffer.from('%PDF-1.4\n%%EOF')]), '../../etc/passwd\u202egpj.exe');
    expect((await officer.post(`/api/assessments/${id}/evidence`, spoof)).status).toBe(201);
    const names = cell(await view(), '1.2').evidence.map((e) => e.name);
    expect(names).toContain('passwdgpj.exe');
    expect(names.join('')).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f]/);

    const exe = new FormData();
    exe.set('indicatorCode', '1.1');
    exe.set('file', new Blob([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00')]), 'bien-ban.pdf');
    expect((await officer.post<Err>(`/api/assessments/${id}/evidence`, exe)).status).toBe(415);

    const png = new FormData();
    png.set('indicatorCode', '6.1');
    const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#b3261e' } })
      .png()
      .toBuffer();
    png.set('file', new Blob([photo]), 'nha-van-hoa.png');
    const img = await officer.post<{ id: number; hasThumbnail: boolean }>(`/api/assessments/${id}/evidence`, png);
    expect(img.body.hasThumbnail).toBe(true);
    const thumb = await officer.get(`/api/assessments/evidence/${img.body.id}/thumbnail`);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/jpeg');
    const file = await officer.get(`/api/assessments/evidence/${ok.body.id}/file`);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.text.startsWith('%PDF-')).toBe(true);
    expect(cell(await view(), '1.1').evidence.map((e) => e.name)).toEqual(['quyet-dinh-quy-hoach.bin']);
    // Another commune's officer cannot fetch it.
    const stranger = (await clientAs(env, 'commune_officer', p.communeB.id)).client;
    expect((await stranger.get(`/api/assessments/evidence/${ok.body.id}/file`)).status).toBe(404);
    expect((await stranger.get(`/api/assessments/${id}`)).status).toBe(404);
  });

  it('attaches the same file once per indicator, even when two sends race', async () => {
    const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#2e7d32' } })
      .png()
      .toBuffer();
    const form = (code: string) => {
      const f = new FormData();
      f.set('indicatorCode', code);
      f.set('file', new Blob([photo]), 'duong-thon.png');
      return f;
    };
    const before = await env.deps.db.$count(auditEvents);
    const sends = await Promise.all([1, 2, 3].map(() => officer.post<Err>(`/api/assessments/${id}/evidence`, form('2.1'))));
    expect(sends.map((r) => r.status).sort()).toEqual([201, 422, 422]);
    const refused = sends.find((r) => r.status === 422)!;
    expect(refused.body.error.code).toBe('RULE_VIOLATION');
    expect(refused.body.error.message).toContain('đã được đính kèm cho chỉ tiêu 2.1');
    expect(cell(await view(), '2.1').evidence.map((e) => e.name)).toEqual(['duong-thon.png']);
    expect(await env.deps.db.$count(auditEvents)).toBe(before + 1);
    // The same photo may prove another indicator, and once withdrawn it may be attached again.
    expect((await officer.post(`/api/assessments/${id}/evidence`, form('2.2'))).status).toBe(201);
    const first = cell(await view(), '2.1').evidence[0]!;
    expect((await officer.request('DELETE', `/api/assessments/${id}/evidence/${first.id}`)).status).toBe(200);
    expect((await officer.post(`/api/assessments/${id}/evidence`, form('2.1'))).status).toBe(201);
  });

  it('runs draft → submitted → returned → submitted → verified, and a verified month is locked', async () => {
    let v = await view();
    expect(
      (await office.post<Err>(`/api/assessments/${id}/review`, { version: v.assessment.version, outcome: 'verify' })).status,
    ).toBe(422);
    const submit = await officer.post<{ status: string; version: number }>(`/api/assessments/${id}/submit`, {
      version: v.assessment.version,
    });
    expect(submit.body.status).toBe('submitted');
    const locked = await officer.request<Err>('PUT', `/api/assessments/${id}/values`, {
      changes: [{ code: '5', value: { num: 1, den: 2 }, version: 0 }],
    });
    expect(locked.status).toBe(422);
    expect(
      (await officer.post(`/api/assessments/${id}/review`, { version: submit.body.version, outcome: 'verify' })).status,
    ).toBe(403);
    const returned = await office.post<{ status: string }>(`/api/assessments/${id}/review`, {
      version: submit.body.version,
      outcome: 'return',
      comment: 'Bổ sung minh chứng tiêu chí 10',
      indicators: [{ code: '10', decision: 'return', comment: 'Thiếu số liệu thống kê' }],
    });
    expect(returned.body.status).toBe('returned');
    v = await view();
    expect(cell(v, '10')).toMatchObject({ review: 'returned', reviewComment: 'Thiếu số liệu thống kê' });
    expect(
      (await officer.request('PUT', `/api/assessments/${id}/values`, { changes: [{ code: '10', value: 42, version: 1 }] }))
        .status,
    ).toBe(200);
    v = await view();
    expect(cell(v, '10').review).toBe('pending');
    const again = await officer.post<{ version: number }>(`/api/assessments/${id}/submit`, { version: v.assessment.version });
    const verified = await office.post<{ status: string; version: number }>(`/api/assessments/${id}/review`, {
      version: again.body.version,
      outcome: 'verify',
    });
    expect(verified.body.status).toBe('verified');
    v = await view();
    expect(v.permissions.canEdit).toBe(false);
    const edit = await officer.request<Err>('PUT', `/api/assessments/${id}/values`, {
      changes: [{ code: '10', value: 1, version: 2 }],
    });
    expect(edit.status).toBe(422);
    expect(edit.body.error.details).toMatchObject({ rule: 'assessment_locked' });
    const [row] = await env.deps.db.select().from(assessmentValues).where(eq(assessmentValues.indicatorCode, '10'));
    expect(row!.value).toBe(42);
    expect(
      (await officer.post(`/api/assessments/${id}/reopen`, { version: verified.body.version, reason: 'Sửa số liệu thu nhập' }))
        .status,
    ).toBe(403);
    expect((await office.post(`/api/assessments/${id}/reopen`, { version: verified.body.version, reason: '' })).status).toBe(400);
    // Invisible characters are no reason: six zero-width spaces count as nothing, and nothing changes.
    const invisible = await office.post<Err>(`/api/assessments/${id}/reopen`, {
      version: verified.body.version,
      reason: '\u200b'.repeat(6),
    });
    expect(invisible.status).toBe(400);
    expect(invisible.body.error.details[0]).toMatchObject({ path: 'reason', code: 'too_small' });
    expect(
      (
        await office.post(`/api/assessments/${id}/reopen`, {
          version: verified.body.version,
          reason: '\u202e\u2066 \u200f\ufeff\u00ad ',
        })
      ).status,
    ).toBe(400);
    const reopened = await office.post<{ status: string }>(`/api/assessments/${id}/reopen`, {
      version: verified.body.version,
      reason: 'Sửa số liệu thu nhập theo Cục Thống kê',
    });
    expect(reopened.body.status).toBe('returned');
  });

  it('the loop tells the next actor, and the month keeps every return with its comments', async () => {
    type Inbox = { items: { kind: string; title: string; body: string; link: string }[] };
    const officeInbox = (await office.get<Inbox>('/api/notifications')).body.items;
    const officerInbox = (await officer.get<Inbox>('/api/notifications')).body.items;
    const kinds = (items: Inbox['items']) => items.filter((n) => n.link === `/kiem-dem/${id}`).map((n) => n.kind);
    expect(kinds(officeInbox).sort()).toEqual(['assessment.submitted', 'assessment.submitted']);
    expect(kinds(officerInbox).sort()).toEqual(['assessment.reopened', 'assessment.returned', 'assessment.verified']);
    // Reopening a verified month tells the commune why, in the reader's language.
    const reopenedNotice = officerInbox.find((n) => n.kind === 'assessment.reopened')!;
    expect(reopenedNotice.title).toBe('Kết quả kiểm đếm tháng 03/2022 của xã Hải Đông được mở lại để sửa');
    expect(reopenedNotice.body).toContain('Lý do: Sửa số liệu thu nhập theo Cục Thống kê');
    const inEnglish = (await officer.get<Inbox>('/api/notifications', { 'accept-language': 'en' })).body.items;
    const reopenedEn = inEnglish.find((n) => n.kind === 'assessment.reopened')!;
    expect(reopenedEn.title).toBe('The verified results of xã Hải Đông for 03/2022 were reopened for correction');
    expect(reopenedEn.body).toContain('Reason: Sửa số liệu thu nhập theo Cục Thống kê');
    const returned = officerInbox.find((n) => n.kind === 'assessment.returned')!;
    expect(returned.title).toBe('Kết quả kiểm đếm tháng 03/2022 của xã Hải Đông được trả lại để bổ sung');
    expect(returned.body).toContain('Ý kiến chung: Bổ sung minh chứng tiêu chí 10');
    expect(returned.body).toContain('• Chỉ tiêu 10: Thiếu số liệu thống kê');
    // Another commune's officer hears nothing of it.
    const stranger = (await clientAs(env, 'commune_officer', p.communeB.id)).client;
    expect(kinds((await stranger.get<Inbox>('/api/notifications')).body.items)).toEqual([]);
    const v = (
      await officer.get<View & { returns: { kind: string; comment: string; indicators: unknown[] }[] }>(`/api/assessments/${id}`)
    ).body;
    expect(v.returns).toEqual([
      expect.objectContaining({
        kind: 'returned',
        comment: 'Bổ sung minh chứng tiêu chí 10',
        indicators: [{ code: '10', comment: 'Thiếu số liệu thống kê' }],
      }),
      expect.objectContaining({ kind: 'reopened', comment: 'Sửa số liệu thu nhập theo Cục Thống kê', indicators: [] }),
    ]);
  });

  it('the next month starts from last month’s values and the diff shows what changed and who', async () => {
    const res = await officer.post<{ id: number }>('/api/assessments', { unitId: p.communeA.id, month: '2022-04' });
    const april = res.body.id;
    const v = (await officer.get<View>(`/api/assessments/${april}`)).body;
    expect(cell(v, '10').value).toBe(42);
    await officer.request('PUT', `/api/assessments/${april}/values`, {
      changes: [{ code: '2.2', value: { num: 80, den: 100 }, version: 1 }],
    });
    const diff = await officer.get<{
      previousMonth: string;
      changes: { code: string; before: unknown; after: unknown; statusBefore: string; statusAfter: string; changedBy: string }[];
    }>(`/api/assessments/${april}/diff`);
    expect(diff.body.previousMonth).toBe('2022-03');
    expect(diff.body.changes).toEqual([
      expect.objectContaining({
        code: '2.2',
        before: { num: 60, den: 100 },
        after: { num: 80, den: 100 },
        statusBefore: 'unmet',
        statusAfter: 'met',
      }),
    ]);
    expect(diff.body.changes[0]!.changedBy).toContain('Người dùng');
  });

  it('checks plausibility at entry: a part above its whole, a jump from the last verified month without a note', async () => {
    const officerB = (await clientAs(env, 'commune_officer', p.communeB.id)).client;
    const march = (await officerB.post<{ id: number }>('/api/assessments', { unitId: p.communeB.id, month: '2022-03' })).body.id;
    const put = (aid: number, changes: unknown[]) => officerB.request<Err>('PUT', `/api/assessments/${aid}/values`, { changes });
    const slip = await put(march, [{ code: '2.2', value: { num: 99_999, den: 759 }, version: 0 }]);
    expect(slip.status).toBe(400);
    expect(slip.body.error.details.map((d) => [d.path, d.code])).toEqual([['2.2', 'share_over_whole']]);
    expect((await put(march, [{ code: '10', value: -3, version: 0 }])).body.error.details[0]).toMatchObject({
      code: 'below_min',
    });
    expect((await put(march, [{ code: '10', value: 40, version: 0 }])).status).toBe(200);
    expect((await put(march, [{ code: '2.2', value: { num: 700, den: 1_798 }, version: 0 }])).status).toBe(200);
    const m = (await officerB.get<View>(`/api/assessments/${march}`)).body;
    const sub = await officerB.post<{ version: number }>(`/api/assessments/${march}/submit`, { version: m.assessment.version });
    expect((await office.post(`/api/assessments/${march}/review`, { version: sub.body.version, outcome: 'verify' })).status).toBe(
      200,
    );

    const april = (await officerB.post<{ id: number }>('/api/assessments', { unitId: p.communeB.id, month: '2022-04' })).body.id;
    const jump = await put(april, [
      { code: '10', value: 80, version: 1 },
      { code: '2.2', value: { num: 700, den: 799 }, version: 1 },
    ]);
    expect(jump.status).toBe(400);
    expect(jump.body.error.details.map((d) => [d.path, d.code])).toEqual([
      ['10', 'jump_needs_note'],
      ['2.2', 'jump_needs_note'],
    ]);
    expect(
      (await officerB.get<View>(`/api/assessments/${april}`)).body.criteria
        .flatMap((c) => c.indicators)
        .find((i) => i.code === '10')!.value,
    ).toBe(40);
    const explained = await put(april, [
      { code: '10', value: 80, version: 1, note: 'Điều tra thu nhập mới của Thống kê tỉnh' },
      { code: '2.2', value: { num: 700, den: 799 }, version: 1, note: 'Tách thôn theo Nghị quyết sắp xếp' },
    ]);
    expect(explained.status).toBe(200);
    expect((await put(april, [{ code: '10', value: 55, version: 2 }])).status).toBe(200);
  });
});
