import { xlsxBytes } from '../../lib/xlsx';
import { loadExcel } from '../../lib/lazy';
import type { Actor, Deps } from '../../context';
import { safeCell } from '../../lib/csv';
import { formatNumberVi } from '../../shared/vi';
import { listItems } from './queries';

/** Unmet items that need money, under a unit: the proposal for next year's public investment plan. */
export async function budgetProposals(deps: Deps, actor: Actor, unitId: number) {
  const items = (await listItems(deps, actor, { unitId, cost: ['budget', 'investment'], sort: 'target' })).filter(
    (i) => i.status !== 'done',
  );
  const total = items.reduce((s, i) => s + (i.costEstimate ?? 0), 0);
  return { items, total, withoutEstimate: items.filter((i) => !i.costEstimate).length };
}

const MILLION = 1_000_000;

export async function budgetWorkbook(deps: Deps, actor: Actor, unitId: number, unitName: string, year: number): Promise<Buffer> {
  const { items, total } = await budgetProposals(deps, actor, unitId);
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'Đồng Lòng';
  const ws = wb.addWorksheet('De xuat von');
  ws.getCell('A1').value = `DANH MỤC NỘI DUNG CHƯA ĐẠT CẦN BỐ TRÍ VỐN — ĐỀ XUẤT KẾ HOẠCH ĐẦU TƯ CÔNG NĂM ${year}`;
  ws.getCell('A1').font = { bold: true, size: 13 };
  ws.getCell('A2').value = `Địa bàn: ${unitName}. Đơn vị tính: triệu đồng.`;
  const header = ws.getRow(4);
  header.values = [
    'STT',
    'Đơn vị',
    'Tiêu chí',
    'Chỉ tiêu',
    'Nội dung',
    'Cơ quan chủ trì',
    'Loại',
    'Dự toán (triệu đồng)',
    'Thời hạn',
    'Tiến độ (%)',
  ];
  header.font = { bold: true };
  [6, 20, 9, 9, 60, 30, 16, 16, 10, 10].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  items.forEach((item, k) => {
    ws.getRow(5 + k).values = [
      k + 1,
      safeCell(item.unitName),
      item.criterionNumber,
      item.indicatorCode,
      safeCell(item.title),
      safeCell(item.leadAgencyName ?? ''),
      item.costClass === 'investment' ? 'Dự án đầu tư' : 'Cần kinh phí',
      item.costEstimate === null ? null : item.costEstimate / MILLION,
      item.targetMonth ? `${item.targetMonth.slice(5)}/${item.targetMonth.slice(0, 4)}` : '',
      item.progress,
    ];
    ws.getRow(5 + k).getCell(8).numFmt = '#,##0.000';
  });
  const totalRow = ws.getRow(6 + items.length);
  totalRow.values = [
    '',
    'Tổng cộng',
    '',
    '',
    `${items.length} nội dung; ${formatNumberVi(total / MILLION, 3)} triệu đồng`,
    '',
    '',
    total / MILLION,
  ];
  totalRow.font = { bold: true };
  totalRow.getCell(8).numFmt = '#,##0.000';
  return xlsxBytes(wb);
}
