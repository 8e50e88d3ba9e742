import { searchKey } from '../shared/vi';

/**
 * RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF, optional UTF-8 BOM, comma or semicolon
 * (Excel in Vietnamese locale saves with ';'). Returns rows of cells; blank lines are dropped but
 * line numbers are kept so errors can name the row a person sees in their spreadsheet.
 */
export type CsvRow = { line: number; cells: string[] };

export function parseCsv(text: string): CsvRow[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = src.slice(0, src.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += ch;
  }
  cells.push(cell);
  if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells });
  return rows;
}

/** Neutralises spreadsheet formulas (=, +, -, @) when we write user text into CSV/XLSX. */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Reverses `safeCell` when reading back a file we exported. */
export function unsafeCell(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

export function toCsv(rows: (string | number | null | undefined)[][]): string {
  const esc = (v: string | number | null | undefined) => {
    const s = typeof v === 'number' ? String(v) : safeCell(v ?? '');
    return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return '\ufeff' + rows.map((r) => r.map(esc).join(',')).join('\r\n') + '\r\n';
}

/** "Số tiền (đồng)" → so_tien_dong: how a spreadsheet header is matched to a column name. */
export const headerKey = (h: string) =>
  searchKey(h)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
