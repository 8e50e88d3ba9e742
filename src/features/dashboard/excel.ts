import { sheetName, xlsxBytes } from '../../lib/xlsx';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../../lib/lazy';
import type { Actor } from '../../context';
import type { Db } from '../../db/client';
import { safeCell } from '../../lib/csv';
import { formatNumberVi } from '../../shared/vi';
import { heatmap, latestVerified, scorecard, summarise } from './queries';

/** Cell and indicator statuses: "not applicable" is shown apart from missing, in words and a colour of its own. */
const FILL: Record<string, string> = { met: 'FFD8EFDD', unmet: 'FFF8D7D4', missing: 'FFEDEDED', not_applicable: 'FFE3E8F4' };
const LABEL: Record<string, string> = {
  met: 'Đạt',
  unmet: 'Chưa đạt',
  missing: 'Thiếu số liệu',
  not_applicable: 'Không áp dụng',
};

function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
}

/** Units × criteria for a month, colour-coded, with the summary line the council reads. */
export async function heatmapWorkbook(db: Db, actor: Actor, unitId: number, month: string): Promise<Buffer> {
  const hm = await heatmap(db, actor, unitId, month);
  const s = summarise(await latestVerified(db, actor, unitId, month, { detail: 'none' }));
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'Đồng Lòng';
  for (const set of hm.sets) {
    const ws = wb.addWorksheet(sheetName(wb, set.code));
    ws.getCell('A1').value = `BẢN ĐỒ NHIỆT TIÊU CHÍ NÔNG THÔN MỚI — THÁNG ${month.slice(5)}/${month.slice(0, 4)}`;
    ws.getCell('A1').font = { bold: true, size: 13 };
    ws.getCell('A2').value =
      `${set.name}. ${s.assessedCount} xã: bình quân ${formatNumberVi(s.averageCriteria ?? 0)}/${s.criteriaTotal ?? '—'} tiêu chí, ${formatNumberVi(s.averageIndicators ?? 0)}/${s.indicatorsTotal ?? '—'} chỉ tiêu.`;
    const header = ws.getRow(4);
    header.values = ['Đơn vị', 'Tháng số liệu', 'Số tiêu chí đạt', ...set.criteria.map((c) => `${c.number}. ${c.name}`)];
    styleHeader(header);
    header.height = 60;
    ws.getColumn(1).width = 24;
    ws.getColumn(2).width = 12;
    ws.getColumn(3).width = 12;
    set.criteria.forEach((_, i) => (ws.getColumn(4 + i).width = 12));
    let r = 5;
    for (const row of hm.rows.filter((x) => x.setId === set.id)) {
      const xr = ws.getRow(r++);
      xr.values = [
        safeCell(row.name),
        row.month ?? '',
        `${row.criteriaMet}/${row.criteriaTotal}`,
        ...row.cells.map((c) => LABEL[c.status]),
      ];
      row.cells.forEach((c, i) => {
        xr.getCell(4 + i).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[c.status]! } };
      });
    }
  }
  if (!hm.sets.length) wb.addWorksheet('Trống').getCell('A1').value = 'Chưa có số liệu đã xác minh';
  return xlsxBytes(wb);
}

/** A unit's year: criteria and indicators by month. */
export async function scorecardWorkbook(db: Db, actor: Actor, unitId: number, year: number): Promise<Buffer> {
  const card = await scorecard(db, actor, unitId, year);
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'Đồng Lòng';
  const sheets = [card, ...card.predecessors];
  for (const c of sheets) {
    const ws = wb.addWorksheet(sheetName(wb, c.unit.name));
    ws.getCell('A1').value = `BẢNG THEO DÕI TIÊU CHÍ — ${c.unit.name.toUpperCase()} — NĂM ${year}`;
    ws.getCell('A1').font = { bold: true, size: 13 };
    const months = c.months;
    const header = ws.getRow(3);
    header.values = ['Mã', 'Tiêu chí / chỉ tiêu', ...months.map((m) => `${m.month.slice(5)}/${m.month.slice(0, 4)}`)];
    styleHeader(header);
    ws.getColumn(1).width = 9;
    ws.getColumn(2).width = 60;
    let r = 4;
    for (const set of c.sets) {
      for (const crit of set.criteria) {
        const row = ws.getRow(r++);
        row.values = [crit.number, safeCell(crit.name), ...months.map((m) => LABEL[m.criteria[crit.number] ?? ''] ?? '')];
        row.font = { bold: true };
        months.forEach((m, i) => {
          const st = m.criteria[crit.number];
          if (st) row.getCell(3 + i).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[st]! } };
        });
        for (const ind of crit.indicators) {
          const irow = ws.getRow(r++);
          irow.values = [
            ind.code,
            safeCell(`  ${ind.text}${ind.verified ? '' : ' (ngưỡng chưa xác minh)'}`),
            ...months.map((m) => LABEL[m.indicators[ind.code] ?? ''] ?? ''),
          ];
          months.forEach((m, i) => {
            if (m.indicators[ind.code] === 'not_applicable')
              irow.getCell(3 + i).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL.not_applicable! } };
          });
        }
      }
    }
    const total = ws.getRow(r + 1);
    total.values = [
      '',
      'Số tiêu chí đạt',
      ...months.map((m) => (m.criteriaMet === null ? '' : `${m.criteriaMet}/${m.criteriaTotal}`)),
    ];
    total.font = { bold: true };
    const ind = ws.getRow(r + 2);
    ind.values = [
      '',
      'Số chỉ tiêu đạt',
      ...months.map((m) => (m.indicatorsMet === null ? '' : `${m.indicatorsMet}/${m.indicatorsTotal}`)),
    ];
  }
  return xlsxBytes(wb);
}
