import type ExcelJS from 'exceljs';
import { loadExcel } from '../../lib/lazy';
import { sheetName, xlsxBytes } from '../../lib/xlsx';
import type { DraftImpact } from './preview-draft-impact';

const MET = 'Đạt';
const UNMET = 'Chưa đạt';
const LEVEL: Record<string, string> = { ntm: 'Nông thôn mới', advanced: 'Nâng cao', model: 'Kiểu mẫu' };
const GAIN = 'FFD8EFDD';
const LOSS = 'FFF8D7D4';

function header(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
}

const monthVi = (ym: string) => `${ym.slice(5)}/${ym.slice(0, 4)}`;

/**
 * The communes that would gain or lose a criterion if the draft were published — one row per
 * criterion that moves (unit, month of the figures, level, criterion, before → after) — and the
 * summary cards before and after, in a second sheet. Numbers stay numbers.
 */
export async function draftImpactWorkbook(impact: DraftImpact): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'Đồng Lòng';
  const ws = wb.addWorksheet(sheetName(wb, 'Thay đổi'));
  ws.getCell('A1').value =
    `XEM TRƯỚC TÁC ĐỘNG — ${impact.set.name} (${impact.set.code}, phiên bản ${impact.set.version}, dự thảo)`;
  ws.getCell('A1').font = { bold: true, size: 13 };
  ws.getCell('A2').value =
    `${impact.unit.name}, tháng ${monthVi(impact.month)}: số liệu đã xác minh gần nhất của mỗi xã tính đến tháng này. ` +
    `${impact.changed.length} xã thay đổi.`;
  const head = ws.getRow(4);
  head.values = ['Đơn vị', 'Tháng số liệu', 'Cấp', 'Tiêu chí', 'Trước', 'Sau', 'Tiêu chí đạt trước', 'Tiêu chí đạt sau'];
  header(head);
  [30, 12, 14, 48, 10, 10, 12, 12].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  let r = 5;
  for (const u of impact.changed) {
    for (const c of u.criteria) {
      const row = ws.getRow(r++);
      row.values = [
        u.name,
        monthVi(u.month),
        LEVEL[c.level] ?? c.level,
        `${c.criterion}. ${c.name}`,
        c.before ? MET : UNMET,
        c.after ? MET : UNMET,
        u.before.criteriaMet,
        u.after.criteriaMet,
      ];
      row.getCell(6).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.after ? GAIN : LOSS } };
    }
  }
  if (r === 5) ws.getCell('A5').value = 'Không xã nào được hay mất tiêu chí.';
  ws.views = [{ state: 'frozen', ySplit: 4 }];

  const sum = wb.addWorksheet(sheetName(wb, 'Tổng hợp'));
  const shead = sum.getRow(1);
  shead.values = ['Chỉ số', 'Trước', 'Sau'];
  header(shead);
  sum.getColumn(1).width = 48;
  sum.getColumn(2).width = 12;
  sum.getColumn(3).width = 12;
  const { before: b, after: a } = impact;
  const lines: [string, number | null, number | null][] = [
    ['Số xã có số liệu đã xác minh', b.assessedCount, a.assessedCount],
    ['Số xã đạt chuẩn nông thôn mới', b.standardCount, a.standardCount],
    ['Số xã đạt chuẩn nâng cao', b.advancedCount, a.advancedCount],
    ['Số xã đạt chuẩn kiểu mẫu', b.modelCount, a.modelCount],
    ['Bình quân số tiêu chí đạt', round2(b.averageCriteria), round2(a.averageCriteria)],
    ['Bình quân số chỉ tiêu đạt', round2(b.averageIndicators), round2(a.averageIndicators)],
    ...impact.criteria.map((c): [string, number, number] => [`Số xã đạt tiêu chí ${c.number}. ${c.name}`, c.before, c.after]),
  ];
  lines.forEach((l, i) => (sum.getRow(2 + i).values = l));
  return xlsxBytes(wb);
}

const round2 = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);
