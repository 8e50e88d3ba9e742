import type ExcelJS from 'exceljs';
import { safeCell } from './csv';

/**
 * The bytes of a workbook about to leave the server, with every text cell neutralised: text that
 * a spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe, whoever typed
 * it. Formulas the export sets itself are cell formulas, not text, and are kept.
 */
export async function xlsxBytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value;
        if (typeof v === 'string') cell.value = safeCell(v);
        else if (v && typeof v === 'object' && 'richText' in v && v.richText[0])
          v.richText[0] = { ...v.richText[0], text: safeCell(v.richText[0].text) };
      });
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * A worksheet name made from user text: the characters Excel forbids (* ? : \ / [ ]) replaced,
 * no apostrophe at either end, at most 31 characters, and unique within the workbook.
 */
export function sheetName(wb: ExcelJS.Workbook, text: string): string {
  const base =
    text
      .replace(/[*?:\\/[\]]/g, '-')
      .replace(/^'+|'+$/g, '')
      .trim()
      .slice(0, 31) || 'Trang';
  let name = base;
  for (let i = 2; wb.worksheets.some((w) => w.name.toLowerCase() === name.toLowerCase()); i++)
    name = `${base.slice(0, 31 - String(i).length - 1)}~${i}`;
  return name;
}
