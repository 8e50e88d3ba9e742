import { inArray } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { units } from '../../db/schema';
import { headerKey, parseCsv } from '../../lib/csv';
import { rowProblems } from '../../lib/http';
import { CreateUnitBody } from './schemas';
import { AppError } from '../../lib/errors';
import type { Lang } from '../../lib/messages';
import { UNIT_LEVEL, UNIT_TYPES, type UnitType } from '../../shared/roles';
import { parseDateVi, searchKey } from '../../shared/vi';
import { grantUnitsFor, idsInScope, requireAction } from '../access/authorize';
import { assertWritable, write } from '../access/write-path';
import { rebuildUnitScope } from './scope';
import { insertUnit, lockUnitTree } from './write';
import { cleanText } from '../../shared/text';

const COLUMNS = {
  code: ['ma', 'ma_don_vi', 'code'],
  name: ['ten', 'ten_don_vi', 'name'],
  type: ['loai', 'cap', 'type'],
  parentCode: ['ma_cap_tren', 'parent_code'],
  effectiveFrom: ['hieu_luc_tu', 'effective_from'],
  verified: ['da_xac_minh', 'verified'],
  sourceNote: ['ghi_chu', 'nguon', 'source_note'],
} as const;
type Column = keyof typeof COLUMNS;
/** Each column as the file's heading reads (accents, case and spacing aside it is matched as above). */
const HEADING: Record<Column, string> = {
  code: 'Mã',
  name: 'Tên',
  type: 'Loại',
  parentCode: 'Mã cấp trên',
  effectiveFrom: 'Hiệu lực từ',
  verified: 'Đã xác minh',
  sourceNote: 'Ghi chú',
};
const REQUIRED: Column[] = ['code', 'name', 'type', 'parentCode', 'effectiveFrom'];

/** Unit types as people write them in a spreadsheet. */
const TYPE_WORDS: Record<string, UnitType> = {
  'quoc gia': 'country',
  tinh: 'province',
  'thanh pho truc thuoc trung uong': 'province',
  'thanh pho': 'city',
  'thanh pho thuoc tinh': 'city',
  huyen: 'district',
  'thi xa': 'town',
  xa: 'commune',
  phuong: 'ward',
  'thi tran': 'township',
  'dac khu': 'special_zone',
  thon: 'village',
  ban: 'village',
  'khu dan cu': 'village',
  'to dan pho': 'village',
};

const ImportedFields = CreateUnitBody.pick({ code: true, name: true, sourceNote: true });

export type ImportRowError = { row: number; column: string | null; code: string; message: string };

const TEXT: Record<string, { vi: string; en: string }> = {
  empty_file: { vi: 'Tệp không có dòng dữ liệu nào', en: 'The file has no data rows' },
  missing_column: { vi: 'Thiếu cột bắt buộc "{col}"', en: 'Missing required column "{col}"' },
  required: { vi: 'Không được để trống', en: 'Must not be empty' },
  bad_type: {
    vi: 'Loại đơn vị "{v}" không hợp lệ (ví dụ: xã, phường, thôn)',
    en: 'Unknown unit type "{v}" (e.g. commune, ward, village)',
  },
  bad_date: { vi: 'Ngày "{v}" không hợp lệ (dd/mm/yyyy)', en: 'Invalid date "{v}" (dd/mm/yyyy)' },
  bad_bool: { vi: 'Giá trị "{v}" không hợp lệ (có/không)', en: 'Invalid value "{v}" (yes/no)' },
  duplicate_in_file: { vi: 'Mã "{v}" trùng với dòng {other}', en: 'Code "{v}" repeats row {other}' },
  code_exists: { vi: 'Mã "{v}" đã có đơn vị đang hiệu lực', en: 'Code "{v}" is already used by an active unit' },
  parent_not_found: {
    vi: 'Không tìm thấy đơn vị cấp trên mã "{v}" đang hiệu lực trong phạm vi của bạn',
    en: 'No active parent unit with code "{v}" in your scope',
  },
  level_not_below_parent: { vi: 'Loại đơn vị phải thấp hơn cấp trên', en: 'The unit type must be below its parent' },
  parent_cycle: { vi: 'Các dòng tham chiếu vòng tròn lẫn nhau', en: 'Rows refer to each other in a cycle' },
  too_many_rows: { vi: 'Tệp quá nhiều dòng (tối đa {v})', en: 'Too many rows (at most {v})' },
};
const MAX_ROWS = 20_000;

function text(lang: Lang, code: string, params: Record<string, string | number> = {}) {
  return TEXT[code]![lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

type Parsed = {
  row: number;
  code: string;
  name: string;
  type: UnitType;
  parentCode: string;
  effectiveFrom: string;
  verified: boolean;
  sourceNote: string | null;
};

/**
 * Imports a list of units from CSV, all or nothing: every row is checked first and any error
 * (with its row and column) rejects the whole file without writing anything.
 */
export async function importUnitsCsv(deps: Deps, actor: Actor, meta: RequestMeta, csv: string, lang: Lang) {
  const errors: ImportRowError[] = [];
  const fail = (row: number, column: string | null, code: string, params: Record<string, string | number> = {}) =>
    errors.push({ row, column, code, message: text(lang, code, params) });

  const rows = parseCsv(csv);
  if (rows.length < 2) {
    fail(1, null, 'empty_file');
    throw new AppError('IMPORT_FAILED', errors, { count: 1 });
  }
  if (rows.length - 1 > MAX_ROWS) {
    fail(1, null, 'too_many_rows', { v: MAX_ROWS });
    throw new AppError('IMPORT_FAILED', errors, { count: 1 });
  }
  const header = rows[0]!.cells.map(headerKey);
  const index = {} as Record<Column, number>;
  for (const col of Object.keys(COLUMNS) as Column[]) {
    index[col] = header.findIndex((h) => (COLUMNS[col] as readonly string[]).includes(h));
  }
  for (const col of REQUIRED) if (index[col] < 0) fail(1, HEADING[col], 'missing_column', { col: HEADING[col] });
  if (errors.length) throw new AppError('IMPORT_FAILED', errors, { count: errors.length });

  const parsed: Parsed[] = [];
  const seen = new Map<string, number>();
  for (const r of rows.slice(1)) {
    const get = (col: Column) => (index[col] >= 0 ? cleanText(r.cells[index[col]] ?? '') : '');
    const before = errors.length;
    for (const col of REQUIRED) if (!get(col)) fail(r.line, HEADING[col], 'required');
    const typeWord = get('type');
    const type = (UNIT_TYPES as readonly string[]).includes(typeWord) ? (typeWord as UnitType) : TYPE_WORDS[searchKey(typeWord)];
    if (typeWord && !type) fail(r.line, HEADING.type, 'bad_type', { v: typeWord });
    const dateText = get('effectiveFrom');
    const date = /^\d{4}-\d{2}-\d{2}$/.test(dateText)
      ? parseDateVi(dateText.split('-').reverse().join('/'))
      : parseDateVi(dateText);
    if (dateText && !date) fail(r.line, HEADING.effectiveFrom, 'bad_date', { v: dateText });
    const verifiedText = searchKey(get('verified'));
    const verified = ['', 'co', 'yes', 'true', '1', 'x'].includes(verifiedText)
      ? true
      : ['khong', 'no', 'false', '0'].includes(verifiedText)
        ? false
        : null;
    if (verified === null) fail(r.line, HEADING.verified, 'bad_bool', { v: get('verified') });
    const code = get('code');
    // The same limits as POST /api/units: a file never carries what the API would refuse.
    for (const prob of rowProblems(ImportedFields, { code, name: get('name'), sourceNote: get('sourceNote') || null }, lang)) {
      const col = prob.field as 'code' | 'name' | 'sourceNote';
      errors.push({ row: r.line, column: HEADING[col], code: 'invalid_value', message: prob.message });
    }
    if (code && seen.has(code)) fail(r.line, HEADING.code, 'duplicate_in_file', { v: code, other: seen.get(code)! });
    if (code) seen.set(code, r.line);
    if (errors.length === before) {
      parsed.push({
        row: r.line,
        code,
        name: get('name'),
        type: type!,
        parentCode: get('parentCode'),
        effectiveFrom: date!,
        verified: verified!,
        sourceNote: get('sourceNote') || null,
      });
    }
  }

  const roots = grantUnitsFor(actor, 'unit.manage');
  const result = await write(
    { deps, actor, meta },
    {
      can: async () => requireAction(actor, 'unit.manage'),
      load: async () => parsed,
      units: () => [],
      lock: async (tx, rows) => {
        await lockUnitTree(tx);
        return rows;
      },
      apply: async (tx) => {
        // Existing units that rows name as parents or that would clash with the new codes.
        const codes = [...new Set(parsed.flatMap((p) => [p.code, p.parentCode]))];
        const existing = codes.length ? await tx.select().from(units).where(inArray(units.code, codes)) : [];
        const manageable = await idsInScope(
          tx,
          roots,
          existing.map((u) => u.id),
        );
        const activeWith = (code: string, d: string) =>
          existing.find((u) => u.code === code && u.effectiveFrom <= d && (!u.effectiveTo || u.effectiveTo > d));
        const inFile = new Map(parsed.map((p) => [p.code, p]));

        for (const p of parsed) {
          if (activeWith(p.code, p.effectiveFrom)) fail(p.row, HEADING.code, 'code_exists', { v: p.code });
          const fileParent = inFile.get(p.parentCode);
          const dbParent = activeWith(p.parentCode, p.effectiveFrom);
          const parentType =
            fileParent && fileParent.effectiveFrom <= p.effectiveFrom
              ? fileParent.type
              : dbParent && manageable.has(dbParent.id)
                ? dbParent.type
                : null;
          if (!parentType) fail(p.row, HEADING.parentCode, 'parent_not_found', { v: p.parentCode });
          else if (UNIT_LEVEL[p.type] <= UNIT_LEVEL[parentType]) fail(p.row, HEADING.type, 'level_not_below_parent');
        }
        // Insert parents before children; a cycle among file rows is an error.
        const order: Parsed[] = [];
        const state = new Map<string, 'visiting' | 'done'>();
        const visit = (p: Parsed): boolean => {
          if (state.get(p.code) === 'done') return true;
          if (state.get(p.code) === 'visiting') return false;
          state.set(p.code, 'visiting');
          const parent = inFile.get(p.parentCode);
          if (parent && parent.effectiveFrom <= p.effectiveFrom && !visit(parent)) return false;
          state.set(p.code, 'done');
          order.push(p);
          return true;
        };
        for (const p of parsed) if (!visit(p)) fail(p.row, HEADING.parentCode, 'parent_cycle');
        if (errors.length)
          throw new AppError(
            'IMPORT_FAILED',
            errors.sort((a, b) => a.row - b.row),
            { count: errors.length },
          );
        // Children of a unit that has ended would be written onto history.
        await assertWritable(
          tx,
          actor,
          meta,
          order.filter((p) => !inFile.has(p.parentCode)).map((p) => activeWith(p.parentCode, p.effectiveFrom)!.id),
        );

        const created = new Map<string, number>();
        for (const p of order) {
          const fileParent = inFile.get(p.parentCode);
          const parentId =
            fileParent && fileParent.effectiveFrom <= p.effectiveFrom
              ? created.get(p.parentCode)!
              : activeWith(p.parentCode, p.effectiveFrom)!.id;
          const row = await insertUnit(tx, { ...p, parentId }, meta.now);
          created.set(p.code, row.id);
        }
        await rebuildUnitScope(tx);
        return {
          result: { created: order.length, ids: [...created.values()] },
          audit: {
            action: 'unit.import',
            entityType: 'unit',
            entityId: null,
            unitId: null,
            after: { count: order.length, units: order.map((p) => ({ id: created.get(p.code), code: p.code, name: p.name })) },
          },
        };
      },
    },
  );
  return result;
}
