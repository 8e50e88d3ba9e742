/**
 * The Treasury import template: the columns the import reads, with the lists a person needs to fill
 * them — the funding sources (code and name) and the projects of the reader's scope — as reference
 * sheets, and drop-downs on the entry sheet that offer them. The import accepts names as well as
 * codes, so either column of the reference sheets may be typed.
 */
import { and, inArray } from 'drizzle-orm';
import type { Actor, Deps } from '../../context';
import { fundingSources, projects, units } from '../../db/schema';
import { loadExcel } from '../../lib/lazy';
import { viCollator } from '../../shared/vi';
import { authorize, scopeFilter, underUnit } from '../access/authorize';

/** Entry columns in the import's order; each header reads as the import's column key. */
export const TEMPLATE_COLUMNS = [
  { header: 'Mã dự án', width: 18, hint: 'Mã hoặc tên dự án (xem trang “Dự án”)' },
  { header: 'Ngày thanh toán', width: 16, hint: 'dd/mm/yyyy' },
  { header: 'Số tiền (đồng)', width: 18, hint: 'Ví dụ 1.500.000; số âm chỉ để ghi giảm một khoản đã chi' },
  { header: 'Nguồn vốn', width: 30, hint: 'Mã hoặc tên nguồn (xem trang “Nguồn vốn”)' },
  { header: 'Năm kế hoạch', width: 14, hint: 'Ví dụ 2026' },
  { header: 'Loại thanh toán', width: 18, hint: 'Tạm ứng hoặc Thanh toán KLHT' },
  { header: 'Số chứng từ', width: 18, hint: 'Số chứng từ Kho bạc' },
  { header: 'Chứng từ gốc', width: 18, hint: 'Chỉ khi ghi giảm: số chứng từ của khoản chi gốc' },
  {
    header: 'Đợt vốn (ngày giao)',
    width: 18,
    hint: 'Không bắt buộc: ngày giao đợt vốn được chi; để trống thì trừ vào đợt giao trước',
  },
  { header: 'Ghi chú', width: 30, hint: '' },
] as const;

export const PAYMENT_TYPE_WORDS = ['Tạm ứng', 'Thanh toán KLHT'];

/** Projects of the reader's disbursement scope under `unitId`, sorted as Vietnamese readers expect. */
async function templateLists(deps: Deps, actor: Actor, unitId: number) {
  await authorize(deps.db, actor, 'capital.disburse', unitId);
  const rows = await deps.db
    .select({ code: projects.code, name: projects.name, unitId: projects.unitId })
    .from(projects)
    .where(
      and(inArray(projects.unitId, underUnit(deps.db, unitId)), scopeFilter(deps.db, actor, 'capital.disburse', projects.unitId)),
    );
  const unitIds = [...new Set(rows.map((r) => r.unitId))];
  const names = new Map(
    unitIds.length
      ? (await deps.db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, unitIds))).map((u) => [
          u.id,
          u.name,
        ])
      : [],
  );
  const sources = (await deps.db.select().from(fundingSources).orderBy(fundingSources.sortOrder)).filter(
    (s) => s.measure === 'vnd',
  );
  return {
    projects: rows
      .map((r) => ({ code: r.code, name: r.name, unit: names.get(r.unitId) ?? '' }))
      .sort((a, b) => viCollator.compare(a.unit, b.unit) || viCollator.compare(a.name, b.name)),
    sources: sources.map((s) => ({ code: s.code, name: s.nameVi })),
  };
}

export async function treasuryTemplateXlsx(deps: Deps, actor: Actor, unitId: number): Promise<Buffer> {
  const lists = await templateLists(deps, actor, unitId);
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Đồng Lòng';
  // The import reads the first sheet: entry comes first.
  const entry = wb.addWorksheet('Giải ngân', { views: [{ state: 'frozen', ySplit: 1 }] });
  const projectSheet = wb.addWorksheet('Dự án');
  const sourceSheet = wb.addWorksheet('Nguồn vốn');
  entry.columns = TEMPLATE_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  entry.getRow(1).font = { bold: true };
  TEMPLATE_COLUMNS.forEach((c, i) => {
    if (c.hint) entry.getCell(1, i + 1).note = c.hint;
  });
  projectSheet.columns = [
    { header: 'Mã dự án', width: 18 },
    { header: 'Tên dự án', width: 60 },
    { header: 'Đơn vị', width: 24 },
  ];
  projectSheet.getRow(1).font = { bold: true };
  for (const p of lists.projects) projectSheet.addRow([p.code, p.name, p.unit]);
  sourceSheet.columns = [
    { header: 'Mã nguồn', width: 16 },
    { header: 'Tên nguồn vốn', width: 60 },
  ];
  sourceSheet.getRow(1).font = { bold: true };
  for (const s of lists.sources) sourceSheet.addRow([s.code, s.name]);
  const lastProject = Math.max(2, lists.projects.length + 1);
  const lastSource = Math.max(2, lists.sources.length + 1);
  for (let r = 2; r <= 501; r++) {
    entry.getCell(r, 1).dataValidation = {
      type: 'list',
      allowBlank: true,
      showErrorMessage: false,
      formulae: [`'Dự án'!$A$2:$A$${lastProject}`],
    };
    entry.getCell(r, 2).numFmt = 'dd/mm/yyyy';
    entry.getCell(r, 9).numFmt = 'dd/mm/yyyy';
    entry.getCell(r, 3).numFmt = '#,##0';
    entry.getCell(r, 4).dataValidation = {
      type: 'list',
      allowBlank: true,
      showErrorMessage: false,
      formulae: [`'Nguồn vốn'!$B$2:$B$${lastSource}`],
    };
    entry.getCell(r, 6).dataValidation = {
      type: 'list',
      allowBlank: true,
      showErrorMessage: true,
      errorTitle: 'Loại thanh toán',
      error: 'Chọn Tạm ứng hoặc Thanh toán KLHT',
      formulae: [`"${PAYMENT_TYPE_WORDS.join(',')}"`],
    };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * The same template as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the
 * diacritics): the header only. The lists a CSV cannot carry are in the XLSX and on the import page.
 */
export async function treasuryTemplateCsv(deps: Deps, actor: Actor, unitId: number): Promise<string> {
  await authorize(deps.db, actor, 'capital.disburse', unitId);
  return `\uFEFF${TEMPLATE_COLUMNS.map((c) => csvCell(c.header)).join(',')}\r\n`;
}

export { templateLists as treasuryReference };
