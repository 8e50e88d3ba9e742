import { xlsxBytes } from '../../lib/xlsx';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../../lib/lazy';
import { rowProblems } from '../../lib/http';
import { SaveValuesBody } from './schemas';
import type { Actor, Deps, RequestMeta } from '../../context';
import { pickThreshold } from '../../domain/criteria/engine';
import { thresholdText } from '../../domain/criteria/describe';
import { isNotApplicable, isRatioValue, type Indicator, type IndicatorValue } from '../../domain/criteria/schema';
import { safeCell, unsafeCell } from '../../lib/csv';
import { canonicalJson } from '../../lib/canonical-json';
import { AppError } from '../../lib/errors';
import type { Lang } from '../../lib/messages';
import { sniff, unpacksWithin } from '../../lib/sniff';
import { parseNumberVi } from '../../shared/vi';
import { assessmentView } from './queries';
import { saveValues, type ValueChange } from './save-values';
import { cleanText } from '../../shared/text';

const YES = 'Có';
const NO = 'Không';
/** What the template writes for "not applicable"; the import also reads the usual shorthands. */
export const NOT_APPLICABLE_TEXT = 'Không áp dụng';
const NOT_APPLICABLE_WORDS = new Set(['không áp dụng', 'khong ap dung', 'kad', 'n/a', 'not applicable']);
const isNotApplicableText = (t: string) => NOT_APPLICABLE_WORDS.has(t.normalize('NFC').toLowerCase().replace(/\s+/g, ' '));
const TYPE_LABEL: Record<Indicator['type'], string> = {
  boolean: 'Có/Không',
  number: 'Số',
  ratio: 'Tỷ lệ (tử số/mẫu số)',
  level: 'Mức',
  k_of_n: 'Danh sách mục đạt',
};
const COLS = { code: 1, criterion: 2, text: 3, unit: 4, threshold: 5, type: 6, value: 7, num: 8, den: 9, note: 10, version: 11 };
const FIRST_ROW = 6;

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'result' in v) return cellText(v.result);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return cleanText(String(v));
  return '';
}

function cellNumber(v: ExcelJS.CellValue): number | null {
  if (typeof v === 'number') return v;
  return parseNumberVi(cellText(v));
}

const list = (options: string[]): ExcelJS.DataValidation => ({
  type: 'list',
  allowBlank: true,
  formulae: [`"${options.join(',')}"`],
});

/** The entry template of an opened month: one row per indicator, thresholds, drop-downs, current values. */
export async function exportTemplate(deps: Deps, actor: Actor, id: number): Promise<Buffer> {
  const view = await assessmentView(deps, actor, id);
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'Đồng Lòng';
  const ws = wb.addWorksheet('Nhập liệu', { views: [{ state: 'frozen', ySplit: FIRST_ROW - 1 }] });
  ws.getCell('A1').value = `PHIẾU KIỂM ĐẾM TIÊU CHÍ NÔNG THÔN MỚI — ${view.assessment.unitName.toUpperCase()}`;
  ws.getCell('A1').font = { bold: true, size: 13 };
  ws.getCell('A2').value =
    `Tháng ${view.assessment.month.slice(5)}/${view.assessment.month.slice(0, 4)} · ${view.set.name} (${view.set.legalBasis}) · Phân loại: ${view.assessment.className}`;
  ws.getCell('A3').value =
    'Nhập vào các cột Giá trị / Tử số / Mẫu số / Ghi chú. Không sửa cột Mã và cột ẩn Phiên bản. Ngưỡng “chưa xác minh” là giá trị chưa đối chiếu văn bản gốc. ' +
    'Chỉ tiêu có kiểu ghi “được chọn Không áp dụng”: ghi “Không áp dụng” (hoặc KAD, N/A) vào cột Giá trị và lý do vào cột Ghi chú.';
  ws.getCell('A3').font = { italic: true, color: { argb: 'FF5F6368' } };
  const header = [
    'Mã',
    'Tiêu chí',
    'Nội dung chỉ tiêu',
    'Đơn vị',
    'Ngưỡng',
    'Kiểu',
    'Giá trị',
    'Tử số',
    'Mẫu số',
    'Ghi chú',
    'Phiên bản',
  ];
  ws.getRow(FIRST_ROW - 1).values = header;
  ws.getRow(FIRST_ROW - 1).font = { bold: true };
  ws.getRow(FIRST_ROW - 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFBECEB' } };
  [10, 26, 70, 12, 22, 18, 16, 10, 10, 30, 9].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.getColumn(COLS.text).alignment = { wrapText: true, vertical: 'top' };
  ws.getColumn(COLS.version).hidden = true;
  const doc = view.document as { criteria: { number: string; name_vi: string; indicators: Indicator[] }[] };
  const year = Number(view.assessment.month.slice(0, 4));
  let r = FIRST_ROW;
  for (const c of view.criteria as {
    number: string;
    name: string;
    indicators: { code: string; value: IndicatorValue | null; note: string | null; version: number }[];
  }[]) {
    const defs = doc.criteria.find((x) => x.number === c.number)!.indicators;
    for (const cellRow of c.indicators) {
      const ind = defs.find((d) => d.code === cellRow.code)!;
      const row = ws.getRow(r);
      row.getCell(COLS.code).value = ind.code;
      row.getCell(COLS.criterion).value = safeCell(`${c.number}. ${c.name}`);
      row.getCell(COLS.text).value = safeCell(ind.text_vi);
      row.getCell(COLS.unit).value = safeCell(ind.unit ?? '');
      row.getCell(COLS.threshold).value = safeCell(
        thresholdText(ind, pickThreshold(ind.thresholds, view.assessment.classCode, year)),
      );
      row.getCell(COLS.type).value = ind.notApplicable
        ? `${TYPE_LABEL[ind.type]} · được chọn ${NOT_APPLICABLE_TEXT}`
        : TYPE_LABEL[ind.type];
      const v = cellRow.value;
      const valueCell = row.getCell(COLS.value);
      const na = ind.notApplicable ? [NOT_APPLICABLE_TEXT] : [];
      if (isNotApplicable(v)) {
        valueCell.value = NOT_APPLICABLE_TEXT;
      } else if (ind.type === 'boolean') {
        valueCell.value = v === null ? null : v ? YES : NO;
      } else if (ind.type === 'level') {
        valueCell.value = typeof v === 'string' ? v : null;
      } else if (ind.type === 'k_of_n') {
        valueCell.value = Array.isArray(v) ? v.join(', ') : null;
      } else if (ind.type === 'number') {
        valueCell.value = typeof v === 'number' ? v : null;
      } else if (ind.type === 'ratio') {
        valueCell.value = 'tỷ lệ →';
        if (isRatioValue(v)) {
          row.getCell(COLS.num).value = v.num;
          row.getCell(COLS.den).value = v.den;
        }
      }
      if (ind.type === 'boolean') valueCell.dataValidation = list([YES, NO, ...na]);
      else if (ind.type === 'level') valueCell.dataValidation = list([...ind.levels!, ...na]);
      // A "not applicable" cell's reason is its note column.
      const note = isNotApplicable(v) ? v.reason : cellRow.note;
      row.getCell(COLS.note).value = note ? safeCell(note) : null;
      row.getCell(COLS.version).value = cellRow.version;
      r++;
    }
  }
  const meta = wb.addWorksheet('_meta', { state: 'veryHidden' });
  meta.getCell('A1').value = 'assessmentId';
  meta.getCell('B1').value = view.assessment.id;
  return xlsxBytes(wb);
}

const ERR: Record<string, { vi: string; en: string }> = {
  not_xlsx: { vi: 'Tệp không phải là Excel (.xlsx)', en: 'The file is not an Excel workbook (.xlsx)' },
  too_large_unpacked: {
    vi: 'Tệp Excel bất thường: khi giải nén vượt quá 64 MB',
    en: 'Unusual Excel file: it unpacks to more than 64 MB',
  },
  no_sheet: { vi: 'Không thấy trang “Nhập liệu” của mẫu', en: 'The template sheet “Nhập liệu” is missing' },
  other_assessment: { vi: 'Tệp được xuất cho một kỳ/đơn vị khác', en: 'The file was exported for another month or unit' },
  unknown_code: { vi: 'Mã chỉ tiêu “{v}” không thuộc bộ tiêu chí', en: 'Unknown indicator code “{v}”' },
  bad_yes_no: { vi: 'Giá trị “{v}” phải là Có hoặc Không', en: 'Value “{v}” must be Có or Không' },
  bad_number: { vi: 'Giá trị “{v}” không phải là số', en: 'Value “{v}” is not a number' },
  bad_ratio: {
    vi: 'Tử số và mẫu số phải là số, mẫu số lớn hơn 0 và tử số không âm',
    en: 'Numerator and denominator must be numbers, denominator > 0, numerator ≥ 0',
  },
  bad_level: { vi: 'Mức “{v}” không có trong danh sách', en: 'Level “{v}” is not in the list' },
  bad_items: { vi: 'Mục “{v}” không có trong danh sách', en: 'Item “{v}” is not in the list' },
  not_applicable_not_allowed: {
    vi: 'Chỉ tiêu này không được chọn “Không áp dụng” theo bộ tiêu chí áp dụng',
    en: 'The applicable set does not allow “Not applicable” for this indicator',
  },
  not_applicable_needs_reason: {
    vi: '“Không áp dụng” cần ghi lý do ở cột Ghi chú',
    en: '“Not applicable” needs a reason in the note column',
  },
  stale: {
    vi: 'Chỉ tiêu đã được sửa trên hệ thống sau khi xuất mẫu — hãy xuất lại mẫu',
    en: 'Changed in the system after this file was exported — export the template again',
  },
};
const msg = (lang: Lang, code: string, v = '') => ERR[code]![lang].replace('{v}', v);

/**
 * Reads a filled template back. Every row is checked first; any error rejects the whole file with
 * its row and column, and nothing is written. Otherwise the values go through the same save as the grid.
 */
export async function importTemplate(deps: Deps, actor: Actor, meta: RequestMeta, id: number, bytes: Uint8Array, lang: Lang) {
  const errors: { row: number; column: string | null; code: string; message: string }[] = [];
  const fail = (row: number, column: string | null, code: string, v = '') =>
    errors.push({ row, column, code, message: msg(lang, code, v) });
  if (sniff(bytes)?.ext !== 'xlsx') {
    fail(0, null, 'not_xlsx');
    throw new AppError('IMPORT_FAILED', errors, { count: 1 });
  }
  if (!unpacksWithin(bytes)) {
    fail(0, null, 'too_large_unpacked');
    throw new AppError('IMPORT_FAILED', errors, { count: 1 });
  }
  const view = await assessmentView(deps, actor, id);
  const wb = new (await loadExcel()).Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    fail(0, null, 'not_xlsx');
    throw new AppError('IMPORT_FAILED', errors, { count: 1 });
  }
  const ws = wb.getWorksheet('Nhập liệu');
  if (!ws) {
    fail(0, null, 'no_sheet');
    throw new AppError('IMPORT_FAILED', errors, { count: 1 });
  }
  const metaSheet = wb.getWorksheet('_meta');
  if (metaSheet && Number(cellText(metaSheet.getCell('B1').value)) !== id) fail(0, null, 'other_assessment');
  const doc = view.document as { criteria: { indicators: Indicator[] }[] };
  const defs = new Map(doc.criteria.flatMap((c) => c.indicators).map((i) => [i.code, i]));
  const changes: (ValueChange & { row: number })[] = [];
  for (let r = FIRST_ROW; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const code = cellText(row.getCell(COLS.code).value);
    if (!code) continue;
    const ind = defs.get(code);
    if (!ind) {
      fail(r, 'A', 'unknown_code', code);
      continue;
    }
    const raw = row.getCell(COLS.value).value;
    const text = cellText(raw);
    const noteText = unsafeCell(cellText(row.getCell(COLS.note).value)) || null;
    const version = Number(cellText(row.getCell(COLS.version).value) || '0');
    const safeVersion = Number.isSafeInteger(version) && version >= 0 ? version : 0;
    const na = isNotApplicableText(text);
    if (na && !ind.notApplicable) fail(r, 'G', 'not_applicable_not_allowed');
    else if (na && !noteText?.trim()) fail(r, 'J', 'not_applicable_needs_reason');
    let value: IndicatorValue | null = null;
    // "Không áp dụng": the note column is its reason; the cell's stored note is left as it is.
    if (na) value = { notApplicable: true, reason: noteText?.trim() ?? '' };
    else
      switch (ind.type) {
        case 'boolean': {
          const t = text.toLowerCase();
          if (!t) value = null;
          else if (['có', 'co', 'đạt', 'dat', 'x', 'yes', 'true', '1'].includes(t)) value = true;
          else if (['không', 'khong', 'không đạt', 'no', 'false', '0'].includes(t)) value = false;
          else fail(r, 'G', 'bad_yes_no', text);
          break;
        }
        case 'number': {
          if (!text) break;
          const n = cellNumber(raw);
          if (n === null) fail(r, 'G', 'bad_number', text);
          else value = n;
          break;
        }
        case 'ratio': {
          const numText = cellText(row.getCell(COLS.num).value);
          const denText = cellText(row.getCell(COLS.den).value);
          if (!numText && !denText) break;
          const num = cellNumber(row.getCell(COLS.num).value);
          const den = cellNumber(row.getCell(COLS.den).value);
          if (num === null || den === null || den <= 0 || num < 0) fail(r, 'H', 'bad_ratio');
          else value = { num, den };
          break;
        }
        case 'level':
          if (!text) break;
          if (!ind.levels!.includes(text)) fail(r, 'G', 'bad_level', text);
          else value = text;
          break;
        case 'k_of_n': {
          if (!text) {
            value = [];
            break;
          }
          const items = text.split(/[,;]\s*/).filter(Boolean);
          const unknown = items.filter((i) => !ind.items!.some((x) => x.code === i));
          if (unknown.length) fail(r, 'G', 'bad_items', unknown.join(', '));
          else value = items;
          break;
        }
      }
    const change = { code, value, note: na ? undefined : noteText, version: safeVersion };
    // The same limits as the grid's API: a file never carries what the API would refuse.
    const problems = rowProblems(SaveValuesBody.shape.changes.element, change, lang);
    for (const p of problems)
      errors.push({ row: r, column: p.field === 'note' ? 'J' : 'G', code: 'invalid_value', message: p.message });
    if (!problems.length) changes.push({ row: r, ...change });
  }
  if (errors.length) throw new AppError('IMPORT_FAILED', errors, { count: errors.length });
  // Only rows whose content differs from the system are saved (an unchanged template imports nothing).
  const current = new Map(
    (view.criteria as { indicators: { code: string; value: IndicatorValue | null; note: string | null }[] }[])
      .flatMap((c) => c.indicators)
      .map((i) => [i.code, i]),
  );
  const changed = changes.filter((c) => {
    const cur = current.get(c.code);
    const noteChanged = c.note !== undefined && (cur?.note ?? null) !== c.note;
    return canonicalJson(cur?.value ?? null) !== canonicalJson(c.value ?? null) || noteChanged;
  });
  if (!changed.length) return { saved: 0 };
  try {
    await saveValues(
      deps,
      actor,
      meta,
      id,
      changed.map(({ row: _row, ...c }) => c),
      lang,
    );
  } catch (err) {
    if (err instanceof AppError && err.code === 'VERSION_CONFLICT' && Array.isArray(err.details)) {
      const stale = new Set((err.details as { path: string }[]).map((d) => d.path));
      for (const c of changed.filter((x) => stale.has(x.code))) fail(c.row, 'K', 'stale');
      throw new AppError('IMPORT_FAILED', errors, { count: errors.length });
    }
    if (err instanceof AppError && err.code === 'VALIDATION_FAILED' && Array.isArray(err.details)) {
      // The grid's own checks (plausibility included), placed on the file's rows.
      const rowOf = new Map(changed.map((c) => [c.code, c.row]));
      for (const d of err.details as { path: string; code: string; message: string }[])
        errors.push({ row: rowOf.get(d.path) ?? 0, column: 'G', code: d.code, message: d.message });
      throw new AppError('IMPORT_FAILED', errors, { count: errors.length });
    }
    throw err;
  }
  return { saved: changed.length };
}
