/**
 * The follow-up report for re-supervision: what was promised at the earlier session and what was
 * delivered by the later one, per commune and per recommendation, from the two frozen snapshots.
 */
import { Document, Packer, type Paragraph, type Table } from 'docx';
import { formatAmountVi, formatDateVi, todayVn } from '../../shared/vi';
import type { compareActivities } from './snapshots';
import { adminDate, num, placeName } from './pack-model';
import { dataTable, FONT, headerTable, normaliseOfficeZip, para, run } from './pack';

type Comparison = Awaited<ReturnType<typeof compareActivities>>;

const signed = (n: number | null) => (n === null ? '—' : n > 0 ? `+${n}` : String(n));

export async function followUpDocx(cmp: Comparison, generatedAt: Date): Promise<Buffer> {
  const s = cmp.summary;
  const body: (Paragraph | Table)[] = [
    headerTable({
      issuer: cmp.council.name.toUpperCase(),
      issuerBody: 'THƯỜNG TRỰC',
      numberLine: 'Số:        /BC-TTHĐND',
      placeDate: `${placeName(cmp.council.unitName)}, ${adminDate(todayVn(generatedAt))}`,
    }),
    para([run('')], { after: 240 }),
    para([run('BÁO CÁO', { bold: true })], { align: 'center', after: 60 }),
    para([run('Kết quả thực hiện kiến nghị giám sát (phục vụ tái giám sát)', { bold: true })], { align: 'center', after: 240 }),
    para(
      [
        run(
          `So sánh số liệu chốt ngày ${formatDateVi(cmp.before.asOf)} (${cmp.before.title}) với số liệu chốt ngày ${formatDateVi(cmp.after.asOf)} (${cmp.after.title}).`,
        ),
      ],
      { indent: true },
    ),
    para([run('I. KẾT QUẢ CHUNG', { bold: true })], { align: 'left' }),
    para(
      [
        run(
          `Bình quân tiêu chí đạt: ${num(s.averageCriteria.before)} → ${num(s.averageCriteria.after)}; bình quân chỉ tiêu đạt: ${num(s.averageIndicators.before)} → ${num(s.averageIndicators.after)}; số xã đạt chuẩn NTM: ${s.standardCount.before} → ${s.standardCount.after}. ` +
            `Giải ngân: ${formatAmountVi(s.disbursed.before)} → ${formatAmountVi(s.disbursed.after)} đồng. ` +
            `OCOP: sản phẩm mới ${s.ocopActual.before.newProducts} → ${s.ocopActual.after.newProducts}${s.ocopActual.targets ? `/${s.ocopActual.targets.newProducts}` : ''}; thêm 3–4 sao ${s.ocopActual.before.newRated34} → ${s.ocopActual.after.newRated34}${s.ocopActual.targets ? `/${s.ocopActual.targets.newRated34}` : ''}.`,
        ),
      ],
      { indent: true },
    ),
    para([run('II. THAY ĐỔI THEO XÃ', { bold: true })], { align: 'left' }),
    dataTable({
      title: '',
      header: ['Xã', 'Tiêu chí (trước → sau)', 'Chỉ tiêu (trước → sau)', 'Tiêu chí mới đạt', 'Đạt chuẩn NTM mới'],
      widths: [22, 18, 18, 30, 12],
      rows: cmp.communes.map((c) => [
        c.name,
        `${c.before?.criteriaMet ?? '—'} → ${c.after?.criteriaMet ?? '—'} (${signed(c.criteriaDelta)})`,
        `${c.before?.indicatorsMet ?? '—'} → ${c.after?.indicatorsMet ?? '—'} (${signed(c.indicatorsDelta)})`,
        c.newlyMet.join(', ') || '—',
        c.standardReached ? 'Có' : '',
      ]),
    }),
    para([run('')], { after: 120 }),
    para([run('III. THỰC HIỆN KIẾN NGHỊ', { bold: true })], { align: 'left' }),
    para([run(`Đã hoàn thành ${cmp.met}/${cmp.met + cmp.notMet} kiến nghị; ${cmp.notMet} kiến nghị cần tiếp tục giám sát.`)], {
      indent: true,
    }),
    dataTable({
      title: '',
      header: ['Số', 'Nội dung', 'Cơ quan thực hiện', 'Hạn', 'Kết quả'],
      widths: [6, 48, 18, 12, 16],
      rows: cmp.recommendations.map((r) => [
        String(r.seq),
        r.text,
        r.handover?.outcome === 'closed'
          ? `${r.addresseeLabel} (khép lại khi bàn giao ngày ${formatDateVi(r.handover.handedOverOn)})`
          : r.handover?.toCouncil
            ? `${r.addresseeLabel} (từ ${formatDateVi(r.handover.handedOverOn)} do ${r.handover.toCouncil.name} theo dõi)`
            : r.addresseeLabel,
        formatDateVi(r.deadline),
        r.met ? 'Đã hoàn thành' : r.overdueAfter ? 'Quá hạn, chưa hoàn thành' : 'Chưa hoàn thành',
      ]),
    }),
    para([
      run(`Nguồn số liệu: hệ thống Đồng Lòng, bản chốt số ${cmp.beforeSnapshot.id} và ${cmp.afterSnapshot.id}.`, {
        italics: true,
        size: 11,
      }),
    ]),
  ];
  const doc = new Document({
    creator: 'Đồng Lòng',
    title: 'Báo cáo kết quả thực hiện kiến nghị giám sát',
    styles: { default: { document: { run: { font: FONT, size: 28 } } } },
    sections: [
      {
        properties: {
          page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1701, right: 850 } },
        },
        children: body,
      },
    ],
  });
  return normaliseOfficeZip(await Packer.toBuffer(doc), generatedAt);
}
