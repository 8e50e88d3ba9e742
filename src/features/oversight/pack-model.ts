/**
 * The briefing pack's content, computed from a frozen snapshot alone: headings, the sentences that
 * state the figures, and the tables. The DOCX, XLSX and PDF renderers all draw this one model, so
 * the three formats always say the same thing.
 */
import type { SnapshotData } from '../../domain/oversight/types';
import { formatAmountVi, formatDateVi, formatNumberVi } from '../../shared/vi';

export type PackTable = { title: string; header: string[]; rows: string[][]; widths: number[] };
export type PackSection = { heading: string; paragraphs: string[]; tables: PackTable[]; chart?: 'criteria' };

export type PackModel = {
  issuer: string;
  issuerBody: string;
  numberLine: string;
  placeDate: string;
  title: string;
  subtitle: string;
  sections: PackSection[];
  source: string;
  keyFigures: { label: string; value: string }[];
};

const KIND_TITLE: Record<string, string> = {
  explanatory_session: 'TÀI LIỆU PHỤC VỤ PHIÊN GIẢI TRÌNH',
  thematic_supervision: 'TÀI LIỆU PHỤC VỤ GIÁM SÁT CHUYÊN ĐỀ',
  questioning: 'TÀI LIỆU PHỤC VỤ CHẤT VẤN',
  plenary_item: 'TÀI LIỆU PHỤC VỤ KỲ HỌP',
};

const STATUS_VI: Record<string, string> = {
  open: 'Chưa báo cáo',
  reported: 'Đã báo cáo, chờ đánh giá',
  accepted: 'Đã hoàn thành',
  not_accepted: 'Chưa đạt yêu cầu',
};

/** "thành phố Móng Cái" → "Móng Cái": the place name an administrative document is dated at. */
export function placeName(unitName: string): string {
  return unitName.replace(/^(tỉnh|thành phố|thị xã|huyện|xã|phường|thị trấn|đặc khu)\s+/i, '');
}

/** Decree 30/2020 date line: day and months 1–2 with a leading zero ("ngày 05 tháng 02 năm 2022"). */
export function adminDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const dd = d < 10 ? `0${d}` : String(d);
  const mm = m < 3 ? `0${m}` : String(m);
  return `ngày ${dd} tháng ${mm} năm ${y}`;
}

export const num = (n: number | null | undefined, digits = 2) =>
  n === null || n === undefined ? '—' : formatNumberVi(n, digits);
const pct = (bp: number | null) => (bp === null ? '—' : `${formatNumberVi(bp / 100, 2)}%`);
const monthVi = (m: string) => `${m.slice(5, 7)}/${m.slice(0, 4)}`;

function level(c: SnapshotData['criteria']['communes'][number]): string {
  if (c.criteriaMet === null) return 'Chưa có số liệu';
  if (c.modelMet) return 'NTM kiểu mẫu';
  if (c.advancedMet) return 'NTM nâng cao';
  if (c.standardMet) return 'Đạt chuẩn NTM';
  return 'Chưa đạt chuẩn';
}

/** The sentence the council reads first, e.g. "9/9 xã bình quân đạt 13/19 tiêu chí, 42,33/57 chỉ tiêu". */
export function criteriaSentence(s: SnapshotData): string {
  const c = s.criteria;
  if (!c.assessedCount) return `Chưa có kết quả đánh giá tiêu chí đã được xác minh đến tháng ${monthVi(s.month)}.`;
  return (
    `Tính đến tháng ${monthVi(s.month)}${c.setName ? `, theo ${c.setName}` : ''}: ` +
    `${c.assessedCount}/${c.unitCount} xã bình quân đạt ${num(c.averageCriteria)}/${c.criteriaTotal ?? '—'} tiêu chí, ` +
    `${num(c.averageIndicators)}/${c.indicatorsTotal ?? '—'} chỉ tiêu; ` +
    `${c.standardCount} xã đạt chuẩn NTM, ${c.advancedCount} xã đạt NTM nâng cao, ${c.modelCount} xã đạt NTM kiểu mẫu.`
  );
}

export function ocopSentence(s: SnapshotData): string {
  const o = s.ocop;
  const t = o.targets;
  const part = (label: string, target: number | undefined, actual: number) =>
    `${label}: ${t ? `chỉ tiêu ${target}, ` : ''}đạt ${actual}`;
  return (
    `Năm ${o.year} (đến ngày ${formatDateVi(s.asOf)}): ` +
    [
      part('sản phẩm mới theo chu trình OCOP chuẩn', t?.newProducts, o.actual.newProducts),
      part('sản phẩm được đánh giá, phân hạng thêm 3–4 sao', t?.newRated34, o.actual.newRated34),
      part('tổ chức kinh tế mới tham gia OCOP', t?.newOrganisations, o.actual.newOrganisations),
    ].join('; ') +
    `. Đang có ${o.starred} sản phẩm còn hiệu lực chứng nhận sao trên tổng số ${o.products} sản phẩm theo dõi` +
    (o.expired ? `; ${o.expired} sản phẩm đã hết hạn chứng nhận` : '') +
    '.'
  );
}

export function capitalSentence(s: SnapshotData): string {
  const k = s.capital;
  return (
    `Kế hoạch vốn năm ${k.year}: ${formatAmountVi(k.plan)} đồng; đã phân bổ cho dự án ${formatAmountVi(k.allocated)} đồng; ` +
    `giải ngân đến ngày ${formatDateVi(s.asOf)}: ${formatAmountVi(k.disbursed)} đồng, đạt ${pct(k.rateBp)} vốn đã phân bổ.`
  );
}

export function buildPackModel(s: SnapshotData, snapshot: { id: number; sha256: string; frozenAt: string }): PackModel {
  const c = s.criteria;
  const names = new Map(c.criteriaNames.map((n) => [n.number, n.name]));
  const sections: PackSection[] = [
    {
      heading: 'I. THÔNG TIN CHUNG',
      paragraphs: [
        `Nội dung: ${s.activity.title}.`,
        `Thời gian: ${formatDateVi(s.activity.date)}. Căn cứ pháp lý: Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân số ${s.activity.legalBasis}.`,
        `Số liệu trong tài liệu này được chốt đến ngày ${formatDateVi(s.asOf)} (kỳ báo cáo tiêu chí: tháng ${monthVi(s.month)}) và không thay đổi khi dữ liệu được cập nhật sau đó.`,
      ],
      tables: [],
    },
    {
      heading: 'II. KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ NÔNG THÔN MỚI',
      paragraphs: [criteriaSentence(s)],
      tables: [
        {
          title: 'Bảng 1. Kết quả thực hiện tiêu chí theo xã',
          header: ['STT', 'Xã', 'Tiêu chí đạt', 'Chỉ tiêu đạt', 'Tiêu chí chưa đạt', 'Mức đạt'],
          widths: [6, 22, 12, 12, 30, 18],
          rows: c.communes.map((x, i) => [
            String(i + 1),
            x.name,
            x.criteriaMet === null ? '—' : `${x.criteriaMet}/${x.criteriaTotal}`,
            x.indicatorsMet === null ? '—' : `${x.indicatorsMet}/${x.indicatorsTotal}`,
            x.unmet.length ? x.unmet.map((n) => `${n}${names.has(n) ? ` (${names.get(n)})` : ''}`).join('; ') : '—',
            level(x),
          ]),
        },
      ],
      chart: 'criteria',
    },
    {
      heading: 'III. PHÁT TRIỂN SẢN PHẨM OCOP',
      paragraphs: [ocopSentence(s)],
      tables: [
        {
          title: `Bảng 2. Chỉ tiêu và kết quả OCOP năm ${s.ocop.year}`,
          header: ['Chỉ tiêu', 'Kế hoạch', 'Thực hiện'],
          widths: [60, 20, 20],
          rows: [
            [
              'Sản phẩm mới theo chu trình OCOP chuẩn',
              String(s.ocop.targets?.newProducts ?? '—'),
              String(s.ocop.actual.newProducts),
            ],
            [
              'Sản phẩm đánh giá, phân hạng thêm 3–4 sao',
              String(s.ocop.targets?.newRated34 ?? '—'),
              String(s.ocop.actual.newRated34),
            ],
            [
              'Tổ chức kinh tế mới tham gia OCOP',
              String(s.ocop.targets?.newOrganisations ?? '—'),
              String(s.ocop.actual.newOrganisations),
            ],
            ...s.ocop.byStar.map((b) => [`Sản phẩm ${b.star} sao còn hiệu lực`, '', String(b.n)]),
          ],
        },
      ],
    },
    {
      heading: 'IV. VỐN THỰC HIỆN CHƯƠNG TRÌNH',
      paragraphs: [capitalSentence(s)],
      tables: [
        {
          title: `Bảng 3. Phân bổ và giải ngân theo dự án năm ${s.capital.year} (triệu đồng)`,
          header: ['Mã', 'Dự án', 'Đơn vị', 'Đã phân bổ', 'Đã giải ngân', 'Tỷ lệ'],
          widths: [12, 38, 16, 12, 12, 10],
          rows: s.capital.projects.map((p) => [
            p.code,
            p.name,
            p.unitName,
            num(p.allocated / 1_000_000, 3),
            num(p.disbursed / 1_000_000, 3),
            p.allocated ? pct(Math.round((p.disbursed * 10000) / p.allocated)) : '—',
          ]),
        },
      ],
    },
    {
      heading: 'V. KIẾN NGHỊ GIÁM SÁT CHƯA HOÀN THÀNH VÀ KIẾN NGHỊ CỬ TRI',
      paragraphs: [
        s.recommendations.length
          ? `Có ${s.recommendations.filter((r) => r.status !== 'accepted').length}/${s.recommendations.length} kiến nghị từ các hoạt động giám sát trước chưa hoàn thành, trong đó ${s.recommendations.filter((r) => r.overdue).length} kiến nghị đã quá hạn.`
          : 'Chưa có kiến nghị nào từ các hoạt động giám sát trước.',
        s.petitions.total
          ? `Kiến nghị cử tri: đã tiếp nhận ${s.petitions.total}, đã trả lời ${s.petitions.answered}, đã giải quyết xong ${s.petitions.resolved} (${pct(s.petitions.rateBp)}).`
          : 'Chưa có kiến nghị cử tri được ghi nhận.',
      ],
      tables: s.recommendations.length
        ? [
            {
              title: 'Bảng 4. Theo dõi kiến nghị giám sát',
              header: ['Số', 'Nội dung', 'Cơ quan thực hiện', 'Hạn', 'Tình trạng'],
              widths: [6, 46, 18, 12, 18],
              rows: s.recommendations.map((r) => [
                String(r.seq),
                r.text,
                r.addresseeLabel,
                formatDateVi(r.deadline),
                `${STATUS_VI[r.status] ?? r.status}${r.overdue ? ' (quá hạn)' : ''}`,
              ]),
            },
          ]
        : [],
    },
  ];
  return {
    issuer: s.council.name.toUpperCase(),
    issuerBody: 'THƯỜNG TRỰC',
    numberLine: 'Số:        /TL-TTHĐND',
    placeDate: `${placeName(s.unit.name)}, ${adminDate(s.asOf)}`,
    title: KIND_TITLE[s.activity.kind] ?? 'TÀI LIỆU PHỤC VỤ GIÁM SÁT',
    subtitle: s.activity.title,
    sections,
    source: `Nguồn số liệu: hệ thống Đồng Lòng, bản chốt số liệu số ${snapshot.id} lúc ${snapshot.frozenAt}, mã kiểm tra SHA-256 ${snapshot.sha256.slice(0, 16)}.`,
    keyFigures: [
      { label: 'Số xã', value: `${c.assessedCount}/${c.unitCount}` },
      { label: 'Bình quân tiêu chí đạt', value: `${num(c.averageCriteria)}/${c.criteriaTotal ?? '—'}` },
      { label: 'Bình quân chỉ tiêu đạt', value: `${num(c.averageIndicators)}/${c.indicatorsTotal ?? '—'}` },
      { label: 'Giải ngân', value: `${formatAmountVi(s.capital.disbursed)} (${pct(s.capital.rateBp)})` },
    ],
  };
}
