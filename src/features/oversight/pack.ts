/**
 * Renders a briefing pack (DOCX in the Vietnamese administrative layout of Decree 30/2020, XLSX of
 * the figures, PDF) from a frozen snapshot. Output depends on the snapshot and the generation time
 * only, and the generation time appears only in the files' metadata: two packs of one snapshot are
 * the same bytes apart from those timestamps.
 */
import { xlsxBytes } from '../../lib/xlsx';
import { createRequire } from 'node:module';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import * as echarts from 'echarts';
import ExcelJS from 'exceljs';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import type { SnapshotData } from '../../domain/oversight/types';
import { buildPackModel, type PackModel, type PackTable } from './pack-model';

export type PackSnapshot = { id: number; sha256: string; frozenAt: Date; data: SnapshotData };

export const FONT = 'Times New Roman';
const require = createRequire(import.meta.url);
const SERIF = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf');
const SERIF_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif-Bold.ttf');
const SERIF_ITALIC = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif-Italic.ttf');

const frozenText = (d: Date) => {
  const local = new Date(d.getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(local.getUTCHours())}:${p(local.getUTCMinutes())} ngày ${p(local.getUTCDate())}/${p(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;
};

export function modelOf(s: PackSnapshot): PackModel {
  return buildPackModel(s.data, { id: s.id, sha256: s.sha256, frozenAt: frozenText(s.frozenAt) });
}

/** Criteria met per commune as a bar chart (ECharts rendered on the server to SVG, then PNG). */
export async function criteriaChartPng(s: SnapshotData): Promise<Buffer | null> {
  const rows = s.criteria.communes.filter((c) => c.criteriaMet !== null);
  if (!rows.length) return null;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 900, height: 380 });
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: 'DejaVu Sans, sans-serif', fontSize: 13 },
    title: {
      text: `Số tiêu chí đạt theo xã (tháng ${s.month.slice(5)}/${s.month.slice(0, 4)})`,
      left: 'center',
      textStyle: { fontSize: 15 },
    },
    grid: { left: 50, right: 20, top: 50, bottom: 90 },
    xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { rotate: 30, interval: 0 } },
    yAxis: { type: 'value', min: 0, max: s.criteria.criteriaTotal ?? undefined },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => r.criteriaMet),
        itemStyle: { color: '#1d6f42' },
        label: { show: true, position: 'top' },
      },
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/**
 * Re-zips an Office file with fixed entry times, the given creation time in its core properties and
 * drawing ids numbered per document, so that the same content gives the same bytes.
 */
export function normaliseOfficeZip(bytes: Uint8Array, at: Date): Buffer {
  const entries = unzipSync(bytes);
  const iso = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const out: Zippable = {};
  for (const [name, data] of Object.entries(entries)) {
    let content = data;
    if (name === 'docProps/core.xml') {
      const xml = new TextDecoder()
        .decode(data)
        .replace(
          /(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g,
          (_m, open: string, _k: string, close: string) => `${open}${iso}${close}`,
        );
      content = new TextEncoder().encode(xml);
    }
    if (name === 'word/document.xml') {
      // The docx library numbers drawings with a process-wide counter; number them per document.
      let n = 0;
      const xml = new TextDecoder().decode(data).replace(/<wp:docPr id="\d+"/g, () => `<wp:docPr id="${++n}"`);
      content = new TextEncoder().encode(xml);
    }
    out[name] = [content, { mtime: at, level: 6 }];
  }
  return Buffer.from(zipSync(out));
}

// ---------------------------------------------------------------------------------------------- DOCX

export const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}) =>
  new TextRun({
    text,
    font: FONT,
    size: (o.size ?? 14) * 2,
    bold: o.bold ?? false,
    italics: o.italics ?? false,
    ...(o.underline ? { underline: {} } : {}),
  });

export const para = (
  children: ParagraphChild[],
  o: { align?: 'center' | 'both' | 'left'; indent?: boolean; after?: number; keepNext?: boolean } = {},
) =>
  new Paragraph({
    children,
    ...(o.keepNext ? { keepNext: true, keepLines: true } : {}),
    alignment: o.align === 'center' ? AlignmentType.CENTER : o.align === 'left' ? AlignmentType.LEFT : AlignmentType.JUSTIFIED,
    spacing: { after: o.after ?? 120, line: 300 },
    ...(o.indent ? { indent: { firstLine: 567 } } : {}),
  });

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

export function headerTable(m: Pick<PackModel, 'issuer' | 'issuerBody' | 'numberLine' | 'placeDate'>) {
  const cell = (children: Paragraph[], pct: number) =>
    new TableCell({ children, width: { size: pct, type: WidthType.PERCENTAGE }, borders: NO_BORDERS });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          cell(
            [
              para([run(m.issuer, { size: 13 })], { align: 'center', after: 0 }),
              para([run(m.issuerBody, { size: 13, bold: true })], { align: 'center', after: 0 }),
              para([run('———', { size: 13 })], { align: 'center', after: 60 }),
              para([run(m.numberLine, { size: 13 })], { align: 'center', after: 0 }),
            ],
            40,
          ),
          cell(
            [
              para([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 13, bold: true })], { align: 'center', after: 0 }),
              para([run('Độc lập - Tự do - Hạnh phúc', { size: 14, bold: true, underline: true })], {
                align: 'center',
                after: 200,
              }),
              para([run(m.placeDate, { size: 14, italics: true })], { align: 'center', after: 0 }),
            ],
            60,
          ),
        ],
      }),
    ],
  });
}

/** Who receives the document (Decree 30/2020, "Nơi nhận") and who signs it, side by side. */
export const RECIPIENTS = ['- Thường trực HĐND;', '- Các Ban HĐND;', '- Đại biểu HĐND;', '- Lưu: VT.'];

export function signatureLines(m: Pick<PackModel, 'issuerBody'>) {
  return { on: `TM. ${m.issuerBody} HĐND`, title: 'CHỦ TỊCH', name: '(Ký, ghi rõ họ tên và đóng dấu)' };
}

export function signatureTable(m: Pick<PackModel, 'issuerBody'>) {
  const sig = signatureLines(m);
  const cell = (children: Paragraph[], pct: number) =>
    new TableCell({ children, width: { size: pct, type: WidthType.PERCENTAGE }, borders: NO_BORDERS });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          cell(
            [
              para([run('Nơi nhận:', { bold: true, italics: true, size: 12 })], { align: 'left', after: 0 }),
              ...RECIPIENTS.map((line) => para([run(line, { size: 11 })], { align: 'left', after: 0 })),
            ],
            50,
          ),
          cell(
            [
              para([run(sig.on, { bold: true, size: 14 })], { align: 'center', after: 0 }),
              para([run(sig.title, { bold: true, size: 14 })], { align: 'center', after: 1200 }),
              para([run(sig.name, { italics: true, size: 12 })], { align: 'center', after: 0 }),
            ],
            50,
          ),
        ],
      }),
    ],
  });
}

export function dataTable(t: PackTable) {
  const total = t.widths.reduce((a, b) => a + b, 0);
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: (t.widths[i]! / total) * 100, type: WidthType.PERCENTAGE },
      children: [
        para([run(text, { size: 12, bold: header })], {
          align: header || i === 0 ? 'center' : 'left',
          after: 0,
          keepNext: header,
        }),
      ],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    layout: TableLayoutType.FIXED,
    rows: [
      // The header row repeats on every page and keeps with the first row; no row splits across pages.
      new TableRow({ tableHeader: true, cantSplit: true, children: t.header.map((h, i) => cell(h, i, true)) }),
      ...t.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, i, false)) })),
    ],
  });
}

export async function packDocx(s: PackSnapshot, generatedAt: Date): Promise<Buffer> {
  const m = modelOf(s);
  const chart = await criteriaChartPng(s.data);
  const body: (Paragraph | Table)[] = [
    headerTable(m),
    para([run('')], { after: 240 }),
    para([run(m.title, { bold: true })], { align: 'center', after: 60 }),
    para([run(m.subtitle, { bold: true })], { align: 'center', after: 240 }),
  ];
  for (const sec of m.sections) {
    body.push(para([run(sec.heading, { bold: true })], { align: 'left', after: 120 }));
    for (const p of sec.paragraphs) body.push(para([run(p)], { indent: true }));
    for (const t of sec.tables) {
      body.push(para([run(t.title, { italics: true, size: 13 })], { align: 'center', after: 60, keepNext: true }));
      body.push(dataTable(t));
      body.push(para([run('')], { after: 120 }));
    }
    if (sec.chart === 'criteria' && chart)
      body.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new ImageRun({ type: 'png', data: chart, transformation: { width: 600, height: 253 } })],
        }),
      );
  }
  body.push(para([run(m.source, { italics: true, size: 11 })], { after: 240 }));
  body.push(signatureTable(m));
  const doc = new Document({
    creator: 'Đồng Lòng',
    title: `${m.title} — ${m.subtitle}`,
    description: m.source,
    styles: { default: { document: { run: { font: FONT, size: 28 } } } },
    sections: [
      {
        properties: {
          // Decree 30/2020: page numbers at the top centre, from the second page.
          titlePage: true,
          page: {
            size: { width: 11906, height: 16838 },
            // Decree 30/2020: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
            margin: { top: 1134, bottom: 1134, left: 1701, right: 850 },
          },
        },
        headers: {
          first: new Header({ children: [] }),
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ font: FONT, size: 26, children: [PageNumber.CURRENT] })],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
  return normaliseOfficeZip(await Packer.toBuffer(doc), generatedAt);
}

// ---------------------------------------------------------------------------------------------- XLSX

/** The snapshot's figures as numbers (not text), one sheet per part, equal to the snapshot API's. */
export async function packXlsx(s: PackSnapshot, generatedAt: Date): Promise<Buffer> {
  const d = s.data;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Đồng Lòng';
  wb.created = generatedAt;
  wb.modified = generatedAt;
  const head = (ws: ExcelJS.Worksheet, cols: { header: string; key: string; width: number }[]) => {
    ws.columns = cols;
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  };
  const sum = wb.addWorksheet('Tổng hợp');
  head(sum, [
    { header: 'Chỉ tiêu', key: 'k', width: 48 },
    { header: 'Giá trị', key: 'v', width: 22 },
  ]);
  const rows: [string, string | number | null][] = [
    ['Hoạt động giám sát', d.activity.title],
    ['Số liệu tính đến ngày', d.asOf],
    ['Kỳ báo cáo tiêu chí', d.month],
    ['Số xã', d.criteria.unitCount],
    ['Số xã có kết quả đánh giá', d.criteria.assessedCount],
    ['Tổng số tiêu chí', d.criteria.criteriaTotal],
    ['Tổng số chỉ tiêu', d.criteria.indicatorsTotal],
    ['Bình quân tiêu chí đạt', d.criteria.averageCriteria],
    ['Bình quân chỉ tiêu đạt', d.criteria.averageIndicators],
    ['Số xã đạt chuẩn NTM', d.criteria.standardCount],
    ['Số xã đạt NTM nâng cao', d.criteria.advancedCount],
    ['Số xã đạt NTM kiểu mẫu', d.criteria.modelCount],
    ['OCOP: chỉ tiêu sản phẩm mới', d.ocop.targets?.newProducts ?? null],
    ['OCOP: sản phẩm mới', d.ocop.actual.newProducts],
    ['OCOP: chỉ tiêu thêm 3–4 sao', d.ocop.targets?.newRated34 ?? null],
    ['OCOP: thêm 3–4 sao', d.ocop.actual.newRated34],
    ['OCOP: chỉ tiêu tổ chức kinh tế mới', d.ocop.targets?.newOrganisations ?? null],
    ['OCOP: tổ chức kinh tế mới', d.ocop.actual.newOrganisations],
    ['Vốn: kế hoạch (đồng)', d.capital.plan],
    ['Vốn: đã phân bổ (đồng)', d.capital.allocated],
    ['Vốn: đã giải ngân (đồng)', d.capital.disbursed],
    ['Vốn: tỷ lệ giải ngân / phân bổ (%)', d.capital.rateBp === null ? null : d.capital.rateBp / 100],
    ['Kiến nghị cử tri: tiếp nhận', d.petitions.total],
    ['Kiến nghị cử tri: đã giải quyết', d.petitions.resolved],
  ];
  for (const [k, v] of rows) sum.addRow({ k, v });
  sum.getColumn('v').numFmt = '#,##0.##';

  const communes = wb.addWorksheet('Tiêu chí theo xã');
  head(communes, [
    { header: 'Xã', key: 'name', width: 24 },
    { header: 'Tháng', key: 'month', width: 10 },
    { header: 'Tiêu chí đạt', key: 'criteriaMet', width: 12 },
    { header: 'Tổng tiêu chí', key: 'criteriaTotal', width: 12 },
    { header: 'Chỉ tiêu đạt', key: 'indicatorsMet', width: 12 },
    { header: 'Tổng chỉ tiêu', key: 'indicatorsTotal', width: 12 },
    { header: 'Tiêu chí chưa đạt', key: 'unmet', width: 30 },
  ]);
  for (const c of d.criteria.communes) communes.addRow({ ...c, unmet: c.unmet.join(', ') });

  const capital = wb.addWorksheet('Vốn');
  head(capital, [
    { header: 'Mã dự án', key: 'code', width: 14 },
    { header: 'Dự án', key: 'name', width: 50 },
    { header: 'Đơn vị', key: 'unitName', width: 18 },
    { header: 'Đã phân bổ (đồng)', key: 'allocated', width: 18 },
    { header: 'Đã giải ngân (đồng)', key: 'disbursed', width: 18 },
  ]);
  for (const p of d.capital.projects) capital.addRow(p);
  capital.getColumn('allocated').numFmt = '#,##0';
  capital.getColumn('disbursed').numFmt = '#,##0';

  const recs = wb.addWorksheet('Kiến nghị');
  head(recs, [
    { header: 'Hoạt động', key: 'activityTitle', width: 40 },
    { header: 'Số', key: 'seq', width: 6 },
    { header: 'Nội dung', key: 'text', width: 60 },
    { header: 'Cơ quan thực hiện', key: 'addresseeLabel', width: 24 },
    { header: 'Hạn', key: 'deadline', width: 12 },
    { header: 'Tình trạng', key: 'status', width: 14 },
    { header: 'Quá hạn', key: 'overdue', width: 10 },
  ]);
  for (const r of d.recommendations) recs.addRow({ ...r, overdue: r.overdue ? 'có' : '' });
  return normaliseOfficeZip(new Uint8Array(await xlsxBytes(wb)), generatedAt);
}

// ---------------------------------------------------------------------------------------------- PDF

export async function packPdf(s: PackSnapshot, generatedAt: Date): Promise<Buffer> {
  const m = modelOf(s);
  const chart = await criteriaChartPng(s.data);
  const mm = 72 / 25.4;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 20 * mm, bottom: 20 * mm, left: 30 * mm, right: 15 * mm },
    info: { Title: `${m.title} — ${m.subtitle}`, Creator: 'Đồng Lòng', CreationDate: generatedAt, ModDate: generatedAt },
    bufferPages: true,
  });
  doc.registerFont('serif', SERIF);
  doc.registerFont('serif-bold', SERIF_BOLD);
  doc.registerFont('serif-italic', SERIF_ITALIC);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  const top = doc.y;
  const leftW = width * 0.4;
  doc.font('serif').fontSize(11).text(m.issuer, left, top, { width: leftW, align: 'center' });
  doc.font('serif-bold').text(m.issuerBody, { width: leftW, align: 'center' });
  doc.font('serif').text(m.numberLine, left, doc.y + 6, { width: leftW, align: 'center' });
  const rightX = left + leftW;
  doc
    .font('serif-bold')
    .fontSize(11)
    .text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, top, { width: width - leftW, align: 'center' });
  doc
    .font('serif-bold')
    .fontSize(12)
    .text('Độc lập - Tự do - Hạnh phúc', { width: width - leftW, align: 'center', underline: true });
  doc
    .font('serif-italic')
    .fontSize(12)
    .text(m.placeDate, rightX, doc.y + 8, { width: width - leftW, align: 'center' });
  doc.moveDown(2);
  doc.font('serif-bold').fontSize(13).text(m.title, left, doc.y, { width, align: 'center' });
  doc.text(m.subtitle, { width, align: 'center' });
  doc.moveDown();

  const table = (t: PackTable) => {
    const total = t.widths.reduce((a, b) => a + b, 0);
    const ws = t.widths.map((w) => (w / total) * width);
    const heightOf = (cells: string[], bold: boolean) => {
      doc.font(bold ? 'serif-bold' : 'serif').fontSize(9);
      return Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: ws[i]! - 6 }))) + 6;
    };
    // The title and the header never stay alone at the foot of a page: they go with the first row.
    doc.font('serif-italic').fontSize(11);
    const lead =
      doc.heightOfString(t.title, { width }) + 6 + heightOf(t.header, true) + (t.rows[0] ? heightOf(t.rows[0], false) : 0);
    if (doc.y + lead > doc.page.height - doc.page.margins.bottom) doc.addPage();
    doc.font('serif-italic').fontSize(11).text(t.title, left, doc.y, { width, align: 'center' });
    doc.moveDown(0.3);
    const drawRow = (cells: string[], bold: boolean) => {
      const h = heightOf(cells, bold);
      // A row that does not fit starts a new page, and the header is drawn again on top of it.
      if (doc.y + h > doc.page.height - doc.page.margins.bottom) {
        doc.addPage();
        if (!bold) drawRow(t.header, true);
      }
      doc.font(bold ? 'serif-bold' : 'serif').fontSize(9);
      const y = doc.y;
      let x = left;
      cells.forEach((c, i) => {
        doc.rect(x, y, ws[i]!, h).stroke();
        doc.text(c, x + 3, y + 3, { width: ws[i]! - 6, align: bold || i === 0 ? 'center' : 'left' });
        x += ws[i]!;
      });
      doc.x = left;
      doc.y = y + h;
    };
    drawRow(t.header, true);
    for (const r of t.rows) drawRow(r, false);
    doc.moveDown();
  };
  for (const sec of m.sections) {
    doc.font('serif-bold').fontSize(12).text(sec.heading, left, doc.y, { width });
    doc.moveDown(0.3);
    for (const p of sec.paragraphs) {
      doc.font('serif').fontSize(12).text(p, left, doc.y, { width, align: 'justify', indent: 28 });
      doc.moveDown(0.3);
    }
    for (const t of sec.tables) table(t);
    if (sec.chart === 'criteria' && chart) {
      if (doc.y + 200 > doc.page.height - doc.page.margins.bottom) doc.addPage();
      doc.image(chart, left, doc.y, { width });
      doc.y += (width * 380) / 900 + 10;
      doc.x = left;
    }
  }
  doc.font('serif-italic').fontSize(9).text(m.source, left, doc.y, { width });
  doc.moveDown();
  // Recipients on the left, the signature on the right, kept together on one page.
  const sig = signatureLines(m);
  const half = width / 2;
  doc.font('serif').fontSize(12);
  const blockHeight = Math.max(RECIPIENTS.length * 16 + 20, 120);
  if (doc.y + blockHeight > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const blockTop = doc.y;
  doc.font('serif-bold').fontSize(11).text('Nơi nhận:', left, blockTop, { width: half });
  for (const line of RECIPIENTS) doc.font('serif').fontSize(10).text(line, left, doc.y, { width: half });
  doc
    .font('serif-bold')
    .fontSize(12)
    .text(sig.on, left + half, blockTop, { width: half, align: 'center' });
  doc.text(sig.title, left + half, doc.y, { width: half, align: 'center' });
  doc
    .font('serif-italic')
    .fontSize(10)
    .text(sig.name, left + half, doc.y + 60, { width: half, align: 'center' });
  // Page numbers at the top centre from the second page (Decree 30/2020).
  const range = doc.bufferedPageRange();
  for (let i = range.start + 1; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const margin = doc.page.margins.top;
    doc.page.margins.top = 0;
    doc
      .font('serif')
      .fontSize(12)
      .text(String(i + 1), left, 10 * mm, { width, align: 'center', lineBreak: false });
    doc.page.margins.top = margin;
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
