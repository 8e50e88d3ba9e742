import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema';
import { makeAssessableProvince } from '../../testing/criteria-fixtures';
import { clientAs } from '../../testing/factories';
import { createTestEnv, type TestClient, type TestEnv } from '../../testing/harness';

type Err = {
  error: { code: string; message: string; details: { row: number; column: string; code: string; message: string }[] };
};

async function download(client: TestClient, url: string) {
  const res = await client.app.request(url, { headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return wb;
}

function rowOf(ws: ExcelJS.Worksheet, code: string) {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === code) return ws.getRow(r);
  throw new Error(`row ${code} not found`);
}

const upload = async (client: TestClient, id: number, wb: ExcelJS.Workbook | Buffer) => {
  const form = new FormData();
  const bytes = Buffer.isBuffer(wb) ? wb : Buffer.from(await wb.xlsx.writeBuffer());
  form.set('file', new Blob([new Uint8Array(bytes)]), 'mau-nhap-lieu.xlsx');
  return client.post<{ saved: number } & Err>(`/api/assessments/${id}/import`, form);
};

describe('Excel: entry template round trip, all-or-nothing import, exports', () => {
  let env: TestEnv;
  let officer: TestClient;
  let id: number;
  let unitId: number;

  beforeAll(async () => {
    env = await createTestEnv();
    const p = await makeAssessableProvince(env.deps);
    unitId = p.communeA.id;
    officer = (await clientAs(env, 'commune_officer', p.communeA.id)).client;
    id = (await officer.post<{ id: number }>('/api/assessments', { unitId: p.communeA.id, month: '2022-05' })).body.id;
  });
  afterAll(() => env.close());

  it('exports one row per indicator with thresholds and drop-downs, and imports the filled file', async () => {
    const wb = await download(officer, `/api/assessments/${id}/template.xlsx`);
    const ws = wb.getWorksheet('Nhập liệu')!;
    const income = rowOf(ws, '10');
    expect(income.getCell(5).text).toContain('chưa xác minh');
    expect(rowOf(ws, '1.1').getCell(7).dataValidation).toMatchObject({ type: 'list' });
    income.getCell(7).value = '41,5';
    rowOf(ws, '1.1').getCell(7).value = 'Có';
    rowOf(ws, '9.1').getCell(7).value = 'Không';
    rowOf(ws, '2.2').getCell(8).value = 75;
    rowOf(ws, '2.2').getCell(9).value = 100;
    rowOf(ws, '2.2').getCell(10).value = '=HYPERLINK("http://x")';
    const res = await upload(officer, id, wb);
    expect(res.status).toBe(200);
    expect(res.body.saved).toBe(4);
    const view = await officer.get<{
      criteria: { indicators: { code: string; value: unknown; note: string | null; status: string }[] }[];
    }>(`/api/assessments/${id}`);
    const cells = Object.fromEntries(view.body.criteria.flatMap((c) => c.indicators).map((i) => [i.code, i]));
    expect(cells['10']).toMatchObject({ value: 41.5, status: 'met' });
    expect(cells['9.1']).toMatchObject({ value: false, status: 'met' });
    expect(cells['2.2']).toMatchObject({ value: { num: 75, den: 100 }, status: 'met' });

    // The re-exported template carries the values back: export → import is a no-op.
    const again = await download(officer, `/api/assessments/${id}/template.xlsx`);
    expect(rowOf(again.getWorksheet('Nhập liệu')!, '10').getCell(7).value).toBe(41.5);
    expect(rowOf(again.getWorksheet('Nhập liệu')!, '2.2').getCell(10).text).toBe('\'=HYPERLINK("http://x")');
    expect((await upload(officer, id, again)).body.saved).toBe(0);
  });

  it('a broken file is refused with every bad row, in Vietnamese, and changes nothing', async () => {
    const wb = await download(officer, `/api/assessments/${id}/template.xlsx`);
    const ws = wb.getWorksheet('Nhập liệu')!;
    rowOf(ws, '1.2').getCell(7).value = 'có lẽ';
    rowOf(ws, '10').getCell(7).value = 'bốn mươi';
    rowOf(ws, '2.3').getCell(8).value = 5;
    rowOf(ws, '2.3').getCell(9).value = 0;
    rowOf(ws, '3.2').getCell(7).value = 'Có';
    const before = await env.deps.db.$count(auditEvents);
    const res = await upload(officer, id, wb);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('IMPORT_FAILED');
    expect(res.body.error.message).toContain('Không có dữ liệu nào được ghi');
    expect(res.body.error.details.map((d) => d.code)).toEqual(['bad_yes_no', 'bad_ratio', 'bad_number']);
    expect(res.body.error.details[0]!.message).toContain('Có hoặc Không');
    expect(res.body.error.details.every((d) => d.row >= 6)).toBe(true);
    expect(await env.deps.db.$count(auditEvents)).toBe(before);
    const notExcel = await upload(officer, id, Buffer.from('ma,gia_tri\n1.1,Có\n'));
    expect(notExcel.body.error.details[0]!.code).toBe('not_xlsx');
  });

  it('a template exported before someone else’s change is refused for the changed rows', async () => {
    const wb = await download(officer, `/api/assessments/${id}/template.xlsx`);
    await officer.request('PUT', `/api/assessments/${id}/values`, { changes: [{ code: '4.1', value: true, version: 0 }] });
    rowOf(wb.getWorksheet('Nhập liệu')!, '4.1').getCell(7).value = 'Không';
    const res = await upload(officer, id, wb);
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([expect.objectContaining({ code: 'stale', column: 'K' })]);
  });

  it('reads “Không áp dụng” (and KAD, N/A) with the reason in the note column, and writes it back', async () => {
    const wb = await download(officer, `/api/assessments/${id}/template.xlsx`);
    const ws = wb.getWorksheet('Nhập liệu')!;
    expect(rowOf(ws, '17.9').getCell(6).text).toContain('được chọn Không áp dụng');
    expect(rowOf(ws, '13.4').getCell(7).dataValidation).toMatchObject({ formulae: ['"Có,Không,Không áp dụng"'] });
    rowOf(ws, '17.9').getCell(7).value = 'KAD';
    rowOf(ws, '17.2').getCell(7).value = 'Không áp dụng';
    rowOf(ws, '13.4').getCell(7).value = 'N/A';
    rowOf(ws, '13.4').getCell(10).value = 'Xã không có nghề truyền thống';
    rowOf(ws, '2.1').getCell(7).value = 'không áp dụng';
    rowOf(ws, '2.1').getCell(10).value = 'Không có đường xã';
    const refused = await upload(officer, id, wb);
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.map((d) => [d.code, d.column])).toEqual([
      ['not_applicable_not_allowed', 'G'],
      ['not_applicable_needs_reason', 'J'],
      ['not_applicable_needs_reason', 'J'],
    ]);

    rowOf(ws, '2.1').getCell(7).value = 'tỷ lệ →';
    rowOf(ws, '2.1').getCell(10).value = null;
    rowOf(ws, '17.9').getCell(10).value = 'Không có hộ chăn nuôi';
    rowOf(ws, '17.2').getCell(10).value = 'Không có cơ sở sản xuất - kinh doanh';
    const res = await upload(officer, id, wb);
    expect(res.status).toBe(200);
    expect(res.body.saved).toBe(3);
    const view = await officer.get<{ criteria: { indicators: { code: string; value: unknown; status: string }[] }[] }>(
      `/api/assessments/${id}`,
    );
    const cells = Object.fromEntries(view.body.criteria.flatMap((c) => c.indicators).map((i) => [i.code, i]));
    expect(cells['17.9']).toMatchObject({
      value: { notApplicable: true, reason: 'Không có hộ chăn nuôi' },
      status: 'not_applicable',
    });
    expect(cells['13.4']!.status).toBe('not_applicable');

    const again = await download(officer, `/api/assessments/${id}/template.xlsx`);
    const row = rowOf(again.getWorksheet('Nhập liệu')!, '17.9');
    expect([row.getCell(7).value, row.getCell(10).value]).toEqual(['Không áp dụng', 'Không có hộ chăn nuôi']);
    expect((await upload(officer, id, again)).body.saved).toBe(0);

    // The scorecard export says it in words, apart from a missing value.
    const card = (await download(officer, `/api/dashboard/scorecard.xlsx?unitId=${unitId}&year=2022`)).worksheets[0]!;
    expect(rowOf(card, '17.9').getCell(3).value).toBe('Không áp dụng');
    expect(rowOf(card, '10').getCell(3).value).not.toBe('Không áp dụng');
  });
});
