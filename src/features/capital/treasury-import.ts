/**
 * Imports Treasury payment lines (CSV or XLSX), all or nothing, with an error per row and column.
 *
 * Amounts follow explicit rules (domain/capital/money.ts): Vietnamese "1.500.000" / "1.500.000,00",
 * or English "1,500,000.00" / "1500000.00" only when the file's own amounts say which style it is
 * written in; a fractional đồng, an amount that reads two ways, or a file mixing styles is a row
 * error, never a guess. Spreadsheet cells holding numbers must be whole đồng. A negative amount is
 * only the reversal of a payment the line names (column "chứng từ gốc"). Every line is checked
 * against the same schema as the API, and sources are accepted by code or by name.
 */
import { loadExcel } from '../../lib/lazy';
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { disbursements, fundingSources, projects } from '../../db/schema';
import { amountStyleOf, dongFromNumber, parseDongText, voucherKeyOf, type AmountProblem } from '../../domain/capital/money';
import { headerKey, parseCsv } from '../../lib/csv';
import { AppError } from '../../lib/errors';
import { rowProblems } from '../../lib/http';
import type { Lang } from '../../lib/messages';
import { sniff, unpacksWithin } from '../../lib/sniff';
import { parseDateVi, searchKey, todayVn } from '../../shared/vi';
import { requireAction, scopeFilter } from '../access/authorize';
import { write } from '../access/write-path';
import { checkEntries, importKeyOf, lockProjects, type LedgerEntry } from './ledger';
import { yearAllocations } from './queries';
import { DisbursementBody } from './schemas';

export const COLS: Record<string, string[]> = {
  projectCode: ['ma_du_an', 'ma_cong_trinh', 'project_code'],
  date: ['ngay', 'ngay_thanh_toan', 'date'],
  amount: ['so_tien', 'so_tien_dong', 'amount'],
  sourceCode: ['nguon_von', 'ma_nguon_von', 'source'],
  planYear: ['nam_ke_hoach', 'plan_year'],
  paymentType: ['loai', 'loai_thanh_toan', 'payment_type'],
  voucherRef: ['so_chung_tu', 'chung_tu', 'voucher'],
  reverses: ['chung_tu_goc', 'so_chung_tu_goc', 'reverses_voucher'],
  trancheOn: ['dot_von', 'dot_von_ngay_giao', 'ngay_giao_von', 'tranche'],
  note: ['ghi_chu', 'note'],
};
const REQUIRED = ['projectCode', 'date', 'amount', 'sourceCode', 'planYear', 'paymentType', 'voucherRef'];

/** Columns as the template names them: what a person reads in an error, never the internal key. */
const LABEL: Record<string, string> = {
  ma_du_an: 'Mã dự án',
  ngay: 'Ngày thanh toán',
  so_tien: 'Số tiền (đồng)',
  nguon_von: 'Nguồn vốn',
  nam_ke_hoach: 'Năm kế hoạch',
  loai: 'Loại thanh toán',
  so_chung_tu: 'Số chứng từ',
  chung_tu_goc: 'Chứng từ gốc',
  dot_von: 'Đợt vốn (ngày giao)',
  ghi_chu: 'Ghi chú',
};

const MSG: Record<string, { vi: string; en: string }> = {
  not_readable: { vi: 'Không đọc được tệp (cần CSV UTF-8 hoặc Excel .xlsx)', en: 'Cannot read the file (UTF-8 CSV or .xlsx)' },
  missing_column: { vi: 'Thiếu cột “{v}”', en: 'Missing column “{v}”' },
  no_lines: {
    vi: 'Tệp chỉ có dòng tiêu đề, chưa có dòng thanh toán nào',
    en: 'The file has only its header row and no payment lines',
  },
  required: { vi: 'Không được để trống', en: 'Required' },
  bad_date: { vi: 'Ngày “{v}” không hợp lệ (dd/mm/yyyy)', en: 'Invalid date “{v}”' },
  tranche_not_found: {
    vi: 'Không có đợt vốn giao ngày “{v}” cho dự án, nguồn và năm này',
    en: 'No tranche added on “{v}” for this project, source and year',
  },
  not_a_number: { vi: 'Số tiền “{v}” không phải là số', en: 'Amount “{v}” is not a number' },
  fractional_dong: { vi: 'Số tiền “{v}” có phần lẻ dưới một đồng', en: 'Amount “{v}” has a fraction of a đồng' },
  ambiguous: {
    vi: 'Số tiền “{v}” đọc được hai cách (dấu chấm/phẩy là phân cách hàng nghìn hay thập phân?). Hãy ghi đủ, ví dụ 1.500.000',
    en: 'Amount “{v}” reads two ways (is the separator for thousands or decimals?). Write it in full, e.g. 1,500,000',
  },
  mixed_styles: {
    vi: 'Số tiền “{v}” viết khác kiểu với các dòng khác trong tệp (1.500.000 và 1,500,000 lẫn lộn)',
    en: 'Amount “{v}” is written in another style than the rest of the file',
  },
  too_large: { vi: 'Số tiền “{v}” vượt mức tối đa 100.000 tỷ đồng', en: 'Amount “{v}” exceeds 100,000 billion đồng' },
  zero_amount: { vi: 'Số tiền bằng 0', en: 'The amount is zero' },
  negative_needs_original: {
    vi: 'Số tiền âm chỉ dùng để ghi giảm một khoản đã chi: ghi số chứng từ gốc ở cột “Chứng từ gốc”',
    en: 'A negative amount only reverses a payment: name its voucher in column “Chứng từ gốc”',
  },
  original_not_found: {
    vi: 'Không có khoản chi chứng từ “{v}” của dự án, nguồn và năm này',
    en: 'No payment with voucher “{v}” for this project, source and year',
  },
  bad_year: { vi: 'Năm kế hoạch “{v}” không hợp lệ', en: 'Invalid plan year “{v}”' },
  bad_type: {
    vi: 'Loại thanh toán “{v}” phải là tạm ứng hoặc thanh toán KLHT',
    en: 'Payment type “{v}” must be advance or acceptance',
  },
  unknown_project: {
    vi: 'Không có dự án mã hoặc tên “{v}” trong phạm vi của bạn',
    en: 'No project with code or name “{v}” in your scope',
  },
  ambiguous_project: {
    vi: 'Có nhiều dự án tên “{v}”: {w}. Hãy ghi mã dự án',
    en: 'Several projects are named “{v}”: {w}. Use the project code',
  },
  unknown_source: { vi: 'Nguồn vốn “{v}” không có trong danh mục', en: 'Unknown funding source “{v}”' },
  ambiguous_source: {
    vi: 'Nguồn vốn “{v}” có thể là: {w}. Hãy ghi mã nguồn',
    en: 'Funding source “{v}” could be: {w}. Use its code',
  },
  invalid_value: { vi: '{v}', en: '{v}' },
  no_allocation: {
    vi: 'Dự án chưa được phân bổ vốn từ nguồn này trong năm kế hoạch',
    en: 'No allocation from this source in the plan year',
  },
  exceeds_allocation: { vi: 'Lũy kế giải ngân vượt số vốn đã phân bổ', en: 'Cumulative disbursement exceeds the allocation' },
  after_deadline: {
    vi: 'Ngày thanh toán sau thời hạn giải ngân của năm kế hoạch',
    en: 'Paid after the disbursement deadline of the plan year',
  },
  before_plan_year: { vi: 'Ngày thanh toán trước năm kế hoạch', en: 'Paid before the plan year' },
  paid_before_capital: {
    vi: 'Ngày thanh toán trước ngày giao vốn của dự án từ nguồn này',
    en: 'Paid before the capital was added for this project and source',
  },
  payment_in_future: { vi: 'Ngày thanh toán chưa đến', en: 'The payment date is in the future' },
  voucher_reused: {
    vi: 'Số chứng từ đã ghi cho một khoản chi khác (khác ngày hoặc số tiền) của dự án, nguồn và năm này',
    en: 'The voucher is already recorded for another payment of this project, source and year',
  },
  reversal_of_unknown_payment: { vi: 'Khoản ghi giảm không chỉ đúng một khoản đã chi', en: 'The reversal names no payment' },
  reversal_mismatch: {
    vi: 'Khoản ghi giảm khác dự án, nguồn hoặc năm của khoản chi gốc',
    en: 'The reversal does not match the payment',
  },
  reversal_exceeds_payment: {
    vi: 'Số ghi giảm vượt số còn lại của khoản chi gốc',
    en: 'The reversal exceeds what is left of the payment',
  },
  reversal_before_payment: { vi: 'Ngày ghi giảm trước ngày chi', en: 'Reversed before it was paid' },
  duplicate_in_file: { vi: 'Trùng chứng từ với dòng {v}', en: 'Same voucher as row {v}' },
};

type Cell = string | number;
type Row = { line: number; cells: Cell[] };

async function readRows(bytes: Uint8Array): Promise<Row[] | null> {
  if (sniff(bytes)?.ext === 'xlsx') {
    if (!unpacksWithin(bytes)) return null;
    const ExcelJS = await loadExcel();
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      return null;
    }
    const ws = wb.worksheets[0];
    if (!ws) return null;
    const out: Row[] = [];
    ws.eachRow((row, line) => {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        const v = cell.value;
        cells[col - 1] =
          v instanceof Date
            ? `${String(v.getUTCDate()).padStart(2, '0')}/${String(v.getUTCMonth() + 1).padStart(2, '0')}/${v.getUTCFullYear()}`
            : typeof v === 'number'
              ? v
              : cell.text;
      });
      out.push({ line, cells: Array.from(cells, (c) => c ?? '') });
    });
    return out;
  }
  try {
    return parseCsv(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
}

/** A funding source named by code or by name; narrowed by what the project was allocated when that decides it. */
function sourceMatcher(sources: { code: string; nameVi: string }[]) {
  const norm = (s: string) =>
    searchKey(s)
      .replace(/[\s_—–-]+/g, ' ')
      .trim();
  return (text: string, allocatedCodes: Set<string>): { code: string } | { candidates: string[] } => {
    const t = norm(text);
    const exact = sources.filter((s) => norm(s.code) === t || norm(s.nameVi) === t);
    if (exact.length === 1) return { code: exact[0]!.code };
    const partial = sources.filter((s) => norm(s.code).startsWith(t) || norm(s.nameVi).startsWith(t));
    const narrowed = partial.filter((s) => allocatedCodes.has(s.code));
    if (narrowed.length === 1) return { code: narrowed[0]!.code };
    if (partial.length === 1) return { code: partial[0]!.code };
    return { candidates: partial.map((s) => s.code) };
  };
}

export async function importDisbursements(deps: Deps, actor: Actor, meta: RequestMeta, bytes: Uint8Array, lang: Lang) {
  requireAction(actor, 'capital.disburse');
  const errors: { row: number; column: string | null; code: string; message: string }[] = [];
  const fail = (row: number, column: string | null, code: string, v: string | number = '', w = '') => {
    const shown = code === 'missing_column' ? (LABEL[String(v)] ?? v) : v;
    errors.push({
      row,
      column: column === null ? null : (LABEL[column] ?? column),
      code,
      message: MSG[code]![lang].replace('{v}', String(shown)).replace('{w}', w),
    });
  };
  const failed = () =>
    new AppError(
      'IMPORT_FAILED',
      errors.sort((a, b) => a.row - b.row),
      { count: errors.length },
    );
  const rows = await readRows(bytes);
  if (!rows || rows.length === 0) {
    fail(1, null, 'not_readable');
    throw failed();
  }
  const header = rows[0]!.cells.map((c) => headerKey(String(c)));
  const idx = Object.fromEntries(Object.entries(COLS).map(([k, names]) => [k, header.findIndex((h) => names.includes(h))]));
  for (const k of REQUIRED) if (idx[k]! < 0) fail(1, COLS[k]![0]!, 'missing_column', COLS[k]![0]);
  if (errors.length) throw failed();

  const cell = (r: Row, k: string): Cell => (idx[k]! >= 0 ? (r.cells[idx[k]!] ?? '') : '');
  const text = (r: Row, k: string) => String(cell(r, k)).trim();
  const body = rows.slice(1).filter((r) => r.cells.some((c) => String(c).trim() !== ''));
  if (body.length === 0) {
    fail(2, null, 'no_lines');
    throw failed();
  }
  const style = amountStyleOf(body.map((r) => cell(r, 'amount')).filter((c): c is string => typeof c === 'string'));

  // Projects are named by code or by their full name (accents, case and spacing aside), within the reader's scope.
  const projectRows = await deps.db
    .select()
    .from(projects)
    .where(scopeFilter(deps.db, actor, 'capital.disburse', projects.unitId));
  const byCode = new Map(projectRows.map((p) => [p.code, p]));
  const byName = new Map<string, (typeof projectRows)[number][]>();
  for (const p of projectRows) byName.set(searchKey(p.name), [...(byName.get(searchKey(p.name)) ?? []), p]);
  const findProject = (t: string) => byCode.get(t) ?? byCode.get(t.toUpperCase()) ?? byName.get(searchKey(t));
  const matchSource = sourceMatcher(
    await deps.db.select({ code: fundingSources.code, nameVi: fundingSources.nameVi }).from(fundingSources),
  );
  const years = [...new Set(body.map((r) => Number(text(r, 'planYear'))).filter((y) => Number.isInteger(y)))];
  const allocatedCodes = new Map<string, Set<string>>();
  for (const y of years)
    for (const a of await yearAllocations(
      deps.db,
      [
        ...new Set(
          body.flatMap((r) => {
            const f = findProject(text(r, 'projectCode'));
            return (Array.isArray(f) ? f : f ? [f] : []).map((p) => p.id);
          }),
        ),
      ],
      y,
    )) {
      const k = `${a.projectId}|${y}`;
      allocatedCodes.set(k, (allocatedCodes.get(k) ?? new Set()).add(a.sourceCode));
    }

  type Parsed = LedgerEntry & { projectCode: string; row: number; importKey: string; reversesVoucher: string | null };
  const parsed: Parsed[] = [];
  const seen = new Map<string, number>();
  for (const r of body) {
    const before = errors.length;
    for (const k of REQUIRED) if (!text(r, k)) fail(r.line, COLS[k]![0]!, 'required');
    if (errors.length > before) continue;
    const found = findProject(text(r, 'projectCode'));
    const project = Array.isArray(found) ? (found.length === 1 ? found[0] : undefined) : found;
    if (Array.isArray(found) && found.length > 1)
      fail(r.line, COLS.projectCode![0]!, 'ambiguous_project', text(r, 'projectCode'), found.map((p) => p.code).join(', '));
    else if (!project) fail(r.line, COLS.projectCode![0]!, 'unknown_project', text(r, 'projectCode'));
    const year = Number(text(r, 'planYear'));
    if (!Number.isInteger(year) || year < 2000 || year > 2100) fail(r.line, COLS.planYear![0]!, 'bad_year', text(r, 'planYear'));
    const source = matchSource(text(r, 'sourceCode'), allocatedCodes.get(`${project?.id}|${year}`) ?? new Set());
    if (!('code' in source)) {
      if (source.candidates.length > 1)
        fail(r.line, COLS.sourceCode![0]!, 'ambiguous_source', text(r, 'sourceCode'), source.candidates.join(', '));
      else fail(r.line, COLS.sourceCode![0]!, 'unknown_source', text(r, 'sourceCode'));
    }
    const dateText = text(r, 'date');
    const date = /^\d{4}-\d{2}-\d{2}$/.test(dateText) ? dateText : parseDateVi(dateText);
    if (!date) fail(r.line, COLS.date![0]!, 'bad_date', dateText);
    const trancheText = text(r, 'trancheOn');
    const trancheOn = !trancheText ? null : /^\d{4}-\d{2}-\d{2}$/.test(trancheText) ? trancheText : parseDateVi(trancheText);
    if (trancheText && !trancheOn) fail(r.line, COLS.trancheOn![0]!, 'bad_date', trancheText);
    const raw = cell(r, 'amount');
    const amount = typeof raw === 'number' ? dongFromNumber(raw) : parseDongText(raw, style);
    if (!amount.ok) fail(r.line, COLS.amount![0]!, amount.problem satisfies AmountProblem, String(raw));
    else if (amount.dong === 0) fail(r.line, COLS.amount![0]!, 'zero_amount');
    const reversesVoucher = text(r, 'reverses') || null;
    if (amount.ok && amount.dong < 0 && !reversesVoucher) fail(r.line, COLS.amount![0]!, 'negative_needs_original');
    const typeWord = searchKey(text(r, 'paymentType'));
    const paymentType: LedgerEntry['paymentType'] | null = ['tam ung', 'advance', 'tu'].includes(typeWord)
      ? 'advance'
      : ['thanh toan', 'thanh toan klht', 'acceptance', 'klht', 'tt'].includes(typeWord)
        ? 'acceptance'
        : null;
    if (!paymentType) fail(r.line, COLS.paymentType![0]!, 'bad_type', text(r, 'paymentType'));
    if (errors.length > before) continue;
    const entry = {
      projectId: project!.id,
      projectCode: project!.code,
      planYear: year,
      sourceCode: (source as { code: string }).code,
      date: date!,
      amount: (amount as { dong: number }).dong,
      paymentType: paymentType!,
      voucherRef: text(r, 'voucherRef'),
      trancheOn,
      note: text(r, 'note') || null,
    };
    // The same limits as POST /api/capital/disbursements: a file never carries what the API would refuse.
    for (const p of rowProblems(DisbursementBody, { ...entry, amount: Math.abs(entry.amount) }, lang))
      fail(r.line, COLS[p.field]?.[0] ?? null, 'invalid_value', `${p.field}: ${p.message}`);
    if (errors.length > before) continue;
    const importKey = importKeyOf(entry);
    if (seen.has(importKey)) {
      fail(r.line, COLS.voucherRef![0]!, 'duplicate_in_file', seen.get(importKey));
      continue;
    }
    seen.set(importKey, r.line);
    parsed.push({ ...entry, row: r.line, importKey, reversesVoucher: entry.amount < 0 ? reversesVoucher : null });
  }
  if (errors.length) throw failed();

  return write(
    { deps, actor, meta },
    {
      can: async () => undefined, // every line's project was checked against the actor's scope above
      load: async () => parsed,
      units: (ps) => [...new Set(ps.map((p) => byCode.get(p.projectCode)!.unitId))],
      lock: async (tx, ps) => {
        // Allocations, what is paid and what is left to reverse are read under the projects' row locks.
        await lockProjects(
          tx,
          ps.map((e) => e.projectId),
        );
        return ps;
      },
      apply: async (tx, ps) => {
        const existing = new Set(
          ps.length
            ? (
                await tx
                  .select({ k: disbursements.importKey })
                  .from(disbursements)
                  .where(
                    inArray(
                      disbursements.importKey,
                      ps.map((p) => p.importKey),
                    ),
                  )
              ).map((r) => r.k)
            : [],
        );
        // Lines imported before are skipped, not re-checked; the rest are checked together.
        const fresh = ps.filter((p) => !existing.has(p.importKey));
        for (const e of fresh) {
          if (!e.reversesVoucher) continue;
          const [original] = await tx
            .select({ id: disbursements.id })
            .from(disbursements)
            .where(
              and(
                eq(disbursements.projectId, e.projectId),
                eq(disbursements.sourceCode, e.sourceCode),
                eq(disbursements.planYear, e.planYear),
                eq(disbursements.voucherKey, voucherKeyOf(e.reversesVoucher)),
              ),
            )
            .limit(2);
          if (!original) fail(e.row, COLS.reverses![0]!, 'original_not_found', e.reversesVoucher);
          else e.reversesId = original.id;
        }
        if (errors.length) throw failed();
        const problems = await checkEntries(tx, fresh, todayVn(meta.now));
        for (const [i, list] of problems)
          for (const p of list) fail(fresh[i]!.row, null, p.code, typeof p.info?.addedOn === 'string' ? p.info.addedOn : '');
        if (errors.length) throw failed();
        const inserted: { id: number }[] = [];
        // In slices: one statement may carry at most 65,535 parameters.
        for (let i = 0; i < fresh.length; i += 2000) {
          inserted.push(
            ...(await tx
              .insert(disbursements)
              .values(
                fresh.slice(i, i + 2000).map(({ row: _row, projectCode: _code, reversesVoucher: _rv, ...e }) => ({
                  ...e,
                  voucherKey: voucherKeyOf(e.voucherRef),
                  note: e.note ?? null,
                  reversesId: e.reversesId ?? null,
                  createdAt: meta.now,
                  createdBy: actor.userId,
                })),
              )
              .onConflictDoNothing()
              .returning({ id: disbursements.id })),
          );
        }
        const total = fresh.reduce((s, e) => s + BigInt(e.amount), 0n);
        return {
          result: { added: inserted.length, skipped: ps.length - inserted.length },
          audit: {
            action: 'disbursement.import',
            entityType: 'disbursement',
            unitId: fresh.length ? byCode.get(fresh[0]!.projectCode)!.unitId : null,
            after: { added: inserted.length, skipped: ps.length - inserted.length, total: Number(total) },
          },
        };
      },
    },
  );
}
