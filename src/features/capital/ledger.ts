import { createHash } from 'node:crypto';
import { loadExcel } from '../../lib/lazy';
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import type { Db } from '../../db/client';
import { contributions, deadlineExtensions, disbursements, fundingSources, projects } from '../../db/schema';
import { sumBy, voucherKeyOf } from '../../domain/capital/money';
import { headerKey, parseCsv } from '../../lib/csv';
import { AppError, ruleViolation } from '../../lib/errors';
import type { Lang } from '../../lib/messages';
import { sniff, unpacksWithin } from '../../lib/sniff';
import { parseDateVi, searchKey } from '../../shared/vi';
import { authorize, grantUnitsFor, idsInScope } from '../access/authorize';
import { writeAudit } from '../audit/write-audit';
import { deadlinesFor, getProject, yearAllocations } from './queries';

export type LedgerEntry = {
  projectId: number;
  planYear: number;
  sourceCode: string;
  date: string;
  amount: number;
  paymentType: 'advance' | 'acceptance';
  voucherRef: string;
  note?: string | null | undefined;
};

export const importKeyOf = (e: { projectCode: string; date: string; amount: number; voucherRef: string; sourceCode: string }) =>
  createHash('sha256')
    .update([e.projectCode, e.date, e.amount, voucherKeyOf(e.voucherRef), e.sourceCode].join('|'))
    .digest('hex');

type Problem = { code: string; info?: Record<string, unknown> };

/** Row locks on the projects (in id order, so two writers never wait on each other in a cycle). */
async function lockProjects(tx: Db, ids: number[]) {
  if (ids.length)
    await tx
      .select({ id: projects.id })
      .from(projects)
      .where(inArray(projects.id, [...new Set(ids)]))
      .orderBy(projects.id)
      .for('update');
}

/** Checks one entry against what was allocated and the deadline; returns what is wrong (empty = fine). */
async function checkEntries(db: Db, entries: (LedgerEntry & { projectCode: string })[]): Promise<Map<number, Problem[]>> {
  const problems = new Map<number, Problem[]>();
  const add = (i: number, p: Problem) => problems.set(i, [...(problems.get(i) ?? []), p]);
  const years = [...new Set(entries.map((e) => e.planYear))];
  for (const year of years) {
    const ofYear = entries.map((e, i) => ({ e, i })).filter((x) => x.e.planYear === year);
    const ids = [...new Set(ofYear.map((x) => x.e.projectId))];
    const alloc = await yearAllocations(db, ids, year);
    const { out: deadlines } = await deadlinesFor(db, ids, year);
    const already = ids.length
      ? await db
          .select()
          .from(disbursements)
          .where(and(inArray(disbursements.projectId, ids), eq(disbursements.planYear, year)))
      : [];
    const spent = sumBy(
      already,
      (d) => `${d.projectId}|${d.sourceCode}`,
      (d) => d.amount,
    );
    const allocated = sumBy(
      alloc,
      (a) => `${a.projectId}|${a.sourceCode}`,
      (a) => a.amount,
    );
    for (const { e, i } of ofYear) {
      const key = `${e.projectId}|${e.sourceCode}`;
      if (!allocated.has(key)) add(i, { code: 'no_allocation', info: { project: e.projectCode, source: e.sourceCode, year } });
      spent.set(key, (spent.get(key) ?? 0) + e.amount);
      if (allocated.has(key) && spent.get(key)! > allocated.get(key)!)
        add(i, { code: 'exceeds_allocation', info: { allocated: allocated.get(key), total: spent.get(key) } });
      const deadline = deadlines.get(e.projectId);
      if (deadline && e.date > deadline) add(i, { code: 'after_deadline', info: { deadline } });
      if (e.date < `${year}-01-01`) add(i, { code: 'before_plan_year' });
    }
  }
  return problems;
}

export async function recordDisbursement(deps: Deps, actor: Actor, meta: RequestMeta, entry: LedgerEntry) {
  const project = await getProject(deps.db, entry.projectId);
  await authorize(deps.db, actor, 'capital.disburse', project.unitId);
  const importKey = importKeyOf({ ...entry, projectCode: project.code });
  const [dup] = await deps.db.select({ id: disbursements.id }).from(disbursements).where(eq(disbursements.importKey, importKey));
  if (dup) throw new AppError('CONFLICT', { field: 'voucherRef', reason: 'duplicate_entry', existingId: dup.id });
  return deps.db.transaction(async (tx) => {
    // Checked under the project's row lock: two payments racing on two nodes cannot both fit.
    await lockProjects(tx, [project.id]);
    const problems = (await checkEntries(tx, [{ ...entry, projectCode: project.code }])).get(0);
    if (problems?.length) throw ruleViolation(problems[0]!.code, problems[0]!.info ?? {});
    const [row] = await tx
      .insert(disbursements)
      .values({
        ...entry,
        voucherKey: voucherKeyOf(entry.voucherRef),
        note: entry.note ?? null,
        importKey,
        createdAt: meta.now,
        createdBy: actor.userId,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('CONFLICT', { field: 'voucherRef', reason: 'duplicate_entry' });
    await writeAudit(
      tx,
      { actor, meta },
      {
        action: 'capital.disbursement',
        entityType: 'disbursement',
        entityId: row.id,
        unitId: project.unitId,
        after: { ...entry, projectCode: project.code },
      },
    );
    return row;
  });
}

const COLS: Record<string, string[]> = {
  projectCode: ['ma_du_an', 'ma_cong_trinh', 'project_code'],
  date: ['ngay', 'ngay_thanh_toan', 'date'],
  amount: ['so_tien', 'so_tien_dong', 'amount'],
  sourceCode: ['nguon_von', 'source'],
  planYear: ['nam_ke_hoach', 'plan_year'],
  paymentType: ['loai', 'loai_thanh_toan', 'payment_type'],
  voucherRef: ['so_chung_tu', 'chung_tu', 'voucher'],
  note: ['ghi_chu', 'note'],
};
const REQUIRED = ['projectCode', 'date', 'amount', 'sourceCode', 'planYear', 'paymentType', 'voucherRef'];
const MSG: Record<string, { vi: string; en: string }> = {
  not_readable: { vi: 'Không đọc được tệp (cần CSV UTF-8 hoặc Excel .xlsx)', en: 'Cannot read the file (UTF-8 CSV or .xlsx)' },
  missing_column: { vi: 'Thiếu cột “{v}”', en: 'Missing column “{v}”' },
  required: { vi: 'Không được để trống', en: 'Required' },
  bad_date: { vi: 'Ngày “{v}” không hợp lệ (dd/mm/yyyy)', en: 'Invalid date “{v}”' },
  bad_amount: { vi: 'Số tiền “{v}” phải là số nguyên đồng', en: 'Amount “{v}” must be whole đồng' },
  bad_year: { vi: 'Năm kế hoạch “{v}” không hợp lệ', en: 'Invalid plan year “{v}”' },
  bad_type: {
    vi: 'Loại thanh toán “{v}” phải là tạm ứng hoặc thanh toán KLHT',
    en: 'Payment type “{v}” must be advance or acceptance',
  },
  unknown_project: { vi: 'Không có dự án mã “{v}” trong phạm vi của bạn', en: 'No project “{v}” in your scope' },
  unknown_source: { vi: 'Nguồn vốn “{v}” không có trong danh mục', en: 'Unknown funding source “{v}”' },
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
  duplicate_in_file: { vi: 'Trùng chứng từ với dòng {v}', en: 'Same voucher as row {v}' },
};

async function readRows(bytes: Uint8Array): Promise<{ line: number; cells: string[] }[] | null> {
  if (sniff(bytes)?.ext === 'xlsx') {
    if (!unpacksWithin(bytes)) return null;
    const wb = new (await loadExcel()).Workbook();
    try {
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      return null;
    }
    const ws = wb.worksheets[0];
    if (!ws) return null;
    const out: { line: number; cells: string[] }[] = [];
    ws.eachRow((row, line) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        const v = cell.value;
        cells[col - 1] =
          v instanceof Date
            ? `${String(v.getUTCDate()).padStart(2, '0')}/${String(v.getUTCMonth() + 1).padStart(2, '0')}/${v.getUTCFullYear()}`
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

/**
 * Imports Treasury disbursement lines (CSV or XLSX), all or nothing with row errors. Each line's
 * identity (project, date, amount, voucher, source) makes a second import of the same file add nothing.
 */
export async function importDisbursements(deps: Deps, actor: Actor, meta: RequestMeta, bytes: Uint8Array, lang: Lang) {
  const errors: { row: number; column: string | null; code: string; message: string }[] = [];
  const fail = (row: number, column: string | null, code: string, v: string | number = '') =>
    errors.push({ row, column, code, message: MSG[code]![lang].replace('{v}', String(v)) });
  const rows = await readRows(bytes);
  if (!rows || rows.length < 2) {
    fail(1, null, 'not_readable');
    throw new AppError('IMPORT_FAILED', errors, { count: 1 });
  }
  const header = rows[0]!.cells.map(headerKey);
  const idx = Object.fromEntries(Object.entries(COLS).map(([k, names]) => [k, header.findIndex((h) => names.includes(h))]));
  for (const k of REQUIRED) if (idx[k]! < 0) fail(1, COLS[k]![0]!, 'missing_column', COLS[k]![0]);
  if (errors.length) throw new AppError('IMPORT_FAILED', errors, { count: errors.length });

  const codes = [...new Set(rows.slice(1).map((r) => (r.cells[idx.projectCode!] ?? '').trim()))];
  const projectRows = codes.length ? await deps.db.select().from(projects).where(inArray(projects.code, codes)) : [];
  const allowed = await idsInScope(
    deps.db,
    grantUnitsFor(actor, 'capital.disburse'),
    projectRows.map((p) => p.unitId),
  );
  const byCode = new Map(projectRows.filter((p) => allowed.has(p.unitId)).map((p) => [p.code, p]));
  const sources = new Set((await deps.db.select({ code: fundingSources.code }).from(fundingSources)).map((s) => s.code));
  const parsed: (LedgerEntry & { projectCode: string; row: number; importKey: string })[] = [];
  const seen = new Map<string, number>();
  for (const r of rows.slice(1)) {
    const get = (k: string) => (idx[k]! >= 0 ? (r.cells[idx[k]!] ?? '').trim() : '');
    const before = errors.length;
    for (const k of REQUIRED) if (!get(k)) fail(r.line, COLS[k]![0]!, 'required');
    if (errors.length > before) continue;
    const project = byCode.get(get('projectCode'));
    if (!project) fail(r.line, COLS.projectCode![0]!, 'unknown_project', get('projectCode'));
    if (!sources.has(get('sourceCode'))) fail(r.line, COLS.sourceCode![0]!, 'unknown_source', get('sourceCode'));
    const date = /^\d{4}-\d{2}-\d{2}$/.test(get('date')) ? get('date') : parseDateVi(get('date'));
    if (!date) fail(r.line, COLS.date![0]!, 'bad_date', get('date'));
    const amountText = get('amount').replace(/[.\s]/g, '');
    const amount = /^-?\d+$/.test(amountText) ? Number(amountText) : NaN;
    if (!Number.isSafeInteger(amount) || amount === 0) fail(r.line, COLS.amount![0]!, 'bad_amount', get('amount'));
    const year = Number(get('planYear'));
    if (!Number.isInteger(year) || year < 2000 || year > 2100) fail(r.line, COLS.planYear![0]!, 'bad_year', get('planYear'));
    const typeWord = searchKey(get('paymentType'));
    const paymentType: LedgerEntry['paymentType'] | null = ['tam ung', 'advance', 'tu'].includes(typeWord)
      ? 'advance'
      : ['thanh toan', 'thanh toan klht', 'acceptance', 'klht', 'tt'].includes(typeWord)
        ? 'acceptance'
        : null;
    if (!paymentType) fail(r.line, COLS.paymentType![0]!, 'bad_type', get('paymentType'));
    if (errors.length > before) continue;
    const entry = {
      projectId: project!.id,
      projectCode: project!.code,
      planYear: year,
      sourceCode: get('sourceCode'),
      date: date!,
      amount,
      paymentType: paymentType!,
      voucherRef: get('voucherRef'),
      note: get('note') || null,
    };
    const importKey = importKeyOf(entry);
    if (seen.has(importKey)) {
      fail(r.line, COLS.voucherRef![0]!, 'duplicate_in_file', seen.get(importKey));
      continue;
    }
    seen.set(importKey, r.line);
    parsed.push({ ...entry, row: r.line, importKey });
  }
  if (errors.length)
    throw new AppError(
      'IMPORT_FAILED',
      errors.sort((a, b) => a.row - b.row),
      { count: errors.length },
    );

  // Lines imported before are skipped, not re-checked; the rest are checked together.
  const existing = new Set(
    parsed.length
      ? (
          await deps.db
            .select({ k: disbursements.importKey })
            .from(disbursements)
            .where(
              inArray(
                disbursements.importKey,
                parsed.map((p) => p.importKey),
              ),
            )
        ).map((r) => r.k)
      : [],
  );
  const fresh = parsed.filter((p) => !existing.has(p.importKey));
  if (!fresh.length) return { added: 0, skipped: parsed.length };
  return deps.db.transaction(async (tx) => {
    // Allocations and deadlines are checked under the projects' row locks, with what is already paid.
    await lockProjects(
      tx,
      fresh.map((e) => e.projectId),
    );
    const problems = await checkEntries(tx, fresh);
    for (const [i, ps] of problems) for (const p of ps) fail(fresh[i]!.row, null, p.code);
    if (errors.length)
      throw new AppError(
        'IMPORT_FAILED',
        errors.sort((a, b) => a.row - b.row),
        { count: errors.length },
      );
    const inserted: { id: number }[] = [];
    // In slices: one statement may carry at most 65,535 parameters.
    for (let i = 0; i < fresh.length; i += 2000) {
      inserted.push(
        ...(await tx
          .insert(disbursements)
          .values(
            fresh.slice(i, i + 2000).map(({ row: _row, projectCode: _code, ...e }) => ({
              ...e,
              voucherKey: voucherKeyOf(e.voucherRef),
              note: e.note ?? null,
              createdAt: meta.now,
              createdBy: actor.userId,
            })),
          )
          .onConflictDoNothing()
          .returning({ id: disbursements.id })),
      );
    }
    await writeAudit(
      tx,
      { actor, meta },
      {
        action: 'capital.disbursement_import',
        entityType: 'disbursement',
        unitId: projectRows.find((p) => p.id === fresh[0]!.projectId)?.unitId ?? null,
        after: {
          added: inserted.length,
          skipped: parsed.length - inserted.length,
          total: fresh.reduce((s, e) => s + e.amount, 0),
        },
      },
    );
    return { added: inserted.length, skipped: parsed.length - inserted.length };
  });
}

export async function addExtension(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  input: { projectId: number; planYear: number; newDeadline: string; decisionNo: string; decisionDate: string },
) {
  const project = await getProject(deps.db, input.projectId);
  await authorize(deps.db, actor, 'capital.manage', project.unitId);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(deadlineExtensions)
      .values({ ...input, createdAt: meta.now })
      .returning();
    await writeAudit(
      tx,
      { actor, meta },
      { action: 'capital.extension', entityType: 'project', entityId: project.id, unitId: project.unitId, after: input },
    );
    return row!;
  });
}

export async function addContribution(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  input: {
    projectId: number;
    sourceCode: string;
    date: string;
    quantity: number;
    valueVnd: number;
    note?: string | null | undefined;
  },
) {
  const project = await getProject(deps.db, input.projectId);
  await authorize(deps.db, actor, 'capital.disburse', project.unitId);
  const [src] = await deps.db.select().from(fundingSources).where(eq(fundingSources.code, input.sourceCode));
  if (!src || src.kind !== 'community') throw ruleViolation('not_a_community_source');
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(contributions)
      .values({ ...input, note: input.note ?? null, createdAt: meta.now })
      .returning();
    await writeAudit(
      tx,
      { actor, meta },
      { action: 'capital.contribution', entityType: 'project', entityId: project.id, unitId: project.unitId, after: input },
    );
    return row!;
  });
}
