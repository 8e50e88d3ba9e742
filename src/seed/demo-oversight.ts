/**
 * The oversight scenario: Móng Cái city HĐND's explanatory session of 18 May 2022 (the seed story),
 * the chair's conclusion turned into eight recommendations, reports from the city through the year,
 * and the re-supervision of 15 December 2022 with its own frozen figures — some requests met, some
 * overdue. Also the councils of the province and of the merged commune of Hải Sơn (2026) and a few
 * voters' petitions; on 1/7/2025 the city's council ended and its open items were handed over to the
 * province's council. Names of people are invented and marked demo.
 */
import { and, eq, inArray, notInArray } from 'drizzle-orm';
import type { Actor, Deps } from '../context';
import type { Db } from '../db/client';
import {
  councilBodies,
  councilHandovers,
  councilDelegates,
  councils,
  oversightActivities,
  oversightSnapshots,
  petitions,
  recommendationReports,
  recommendations,
  type ActivityKind,
  type ActivityStatus,
  type HandoverItem,
} from '../db/schema';
import { supervisionLawOn } from '../domain/oversight/legal';
import type { RecommendationLink } from '../domain/oversight/types';
import { buildSnapshotData, snapshotHash } from '../features/oversight/snapshots';

const at = (day: string) => new Date(`${day}T03:00:00Z`);

export async function loadOversightDemo(deps: Deps, tx: Db, unitIds: Map<string, number>, userIds: Map<string, number>) {
  const u = (key: string) => unitIds.get(key)!;
  const councilMember = userIds.get('daibieu.mongcai')!;
  // The council's records are kept by its secretariat.
  const secretariat = userIds.get('vanphong.hdnd.mongcai')!;
  const office = userIds.get('vpdp.mongcai')!;

  const council = async (unit: string, name: string, created: string) =>
    (
      await tx
        .insert(councils)
        .values({ unitId: u(unit), name, term: '2021–2026', createdAt: at(created) })
        .returning()
    )[0]!;
  const mc = await council('MC', 'HĐND thành phố Móng Cái', '2021-06-01');
  const qn = await council('QN', 'HĐND tỉnh Quảng Ninh', '2021-06-01');
  await council('06724', 'HĐND xã Hải Sơn', '2025-07-01');

  const body = async (councilId: number, kind: 'standing_committee' | 'committee' | 'delegate_group', name: string) =>
    (await tx.insert(councilBodies).values({ councilId, kind, name }).returning())[0]!.id;
  const standing = await body(mc.id, 'standing_committee', 'Thường trực HĐND thành phố');
  const ktxh = await body(mc.id, 'committee', 'Ban Kinh tế – Xã hội');
  const phapChe = await body(mc.id, 'committee', 'Ban Pháp chế');
  const group1 = await body(mc.id, 'delegate_group', 'Tổ đại biểu số 1 (các xã Hải Sơn, Bắc Sơn, Hải Đông)');
  const group2 = await body(mc.id, 'delegate_group', 'Tổ đại biểu số 2 (các xã Hải Tiến, Quảng Nghĩa, Hải Xuân)');
  await body(qn.id, 'standing_committee', 'Thường trực HĐND tỉnh');
  const qnBudget = await body(qn.id, 'committee', 'Ban Kinh tế – Ngân sách');
  await tx.insert(councilDelegates).values([
    {
      councilId: mc.id,
      fullName: 'Vũ Đức Thắng (demo)',
      position: 'Trưởng Ban Kinh tế – Xã hội',
      bodyIds: [ktxh, group1],
      userId: councilMember,
    },
    { councilId: mc.id, fullName: 'Nguyễn Thị Hồng (demo)', position: 'Phó Chủ tịch Thường trực HĐND', bodyIds: [standing] },
    { councilId: mc.id, fullName: 'Lương Văn Bình (demo)', position: 'Trưởng Ban Pháp chế', bodyIds: [phapChe, group2] },
    { councilId: mc.id, fullName: 'Đặng Thị Thu (demo)', position: 'Đại biểu HĐND', bodyIds: [group2] },
  ]);

  const activity = async (v: {
    kind: ActivityKind;
    title: string;
    topic: string;
    day: string;
    status: ActivityStatus;
    followsId?: number;
    conclusion?: { no: string; date: string; text: string };
  }) =>
    (
      await tx
        .insert(oversightActivities)
        .values({
          councilId: mc.id,
          kind: v.kind,
          title: v.title,
          topic: v.topic,
          legalBasis: supervisionLawOn(v.day).code,
          leadBodyId: ktxh,
          scheduledOn: v.day,
          heldOn: v.day,
          chair: 'Phó Chủ tịch Thường trực HĐND thành phố',
          plan: 'Ban Kinh tế – Xã hội phối hợp Ban Pháp chế, các Tổ đại biểu khảo sát tại 9 xã trước phiên họp; UBND thành phố gửi báo cáo giải trình trước 5 ngày.',
          explainingBodies: ['UBND thành phố Móng Cái', 'Phòng Kinh tế', 'Phòng Tài chính – Kế hoạch', 'UBND 9 xã'],
          invitees: ['Đại biểu HĐND thành phố', 'Ủy ban MTTQ Việt Nam thành phố', 'Các phòng, ban liên quan'],
          status: v.status,
          followsId: v.followsId ?? null,
          conclusionNo: v.conclusion?.no ?? null,
          conclusionDate: v.conclusion?.date ?? null,
          conclusionText: v.conclusion?.text ?? null,
          isDemo: true,
          createdAt: at(v.day),
          createdBy: secretariat,
          updatedAt: at(v.day),
        })
        .returning()
    )[0]!;

  const may = await activity({
    kind: 'explanatory_session',
    title:
      'Phiên giải trình về kết quả thực hiện Chương trình xây dựng NTM, phát triển sản phẩm OCOP và tiến độ vốn NTM năm 2022',
    topic:
      'Nghe UBND thành phố giải trình việc triển khai và kết quả thực hiện các mục tiêu, nhiệm vụ Chương trình xây dựng nông thôn mới, phát triển sản phẩm OCOP năm 2022 và tiến độ thực hiện vốn nông thôn mới năm 2022 theo Nghị quyết số 80/NQ-HĐND và Nghị quyết số 83/NQ-HĐND của HĐND thành phố.',
    day: '2022-05-18',
    status: 'follow_up',
    conclusion: {
      no: '25/TB-HĐND (demo)',
      date: '2022-05-25',
      text: 'Đề nghị UBND thành phố tiếp thu ý kiến tại phiên giải trình; khẩn trương chỉ đạo rà soát các chỉ tiêu, tiêu chí cần và đủ để 9 xã đạt chuẩn NTM, xã Quảng Nghĩa đạt NTM nâng cao theo Quyết định số 318/QĐ-TTg và Quyết định số 1246/QĐ-UBND; kiện toàn Ban Chỉ đạo, phân công rõ cơ quan phụ trách từng tiêu chí, từng xã; kiểm đếm, rà soát kết quả hằng tháng; thực hiện chỉ tiêu OCOP năm 2022; hoàn thiện hồ sơ các dự án đủ điều kiện để phân bổ vốn tại kỳ họp chuyên đề; đề xuất danh mục đầu tư năm 2023; công khai kết quả để nhân dân biết, bàn, làm, kiểm tra, giám sát và thụ hưởng. Giao 2 Ban, các Tổ đại biểu và đại biểu HĐND thành phố tiếp tục giám sát.',
    },
  });

  const rec = async (
    seq: number,
    text: string,
    unit: string,
    label: string,
    deadline: string,
    links: RecommendationLink[],
    story: { reported?: [string, string, boolean]; decided?: ['accepted' | 'not_accepted', string, string?] },
  ) => {
    const status = story.decided?.[0] ?? (story.reported?.[2] ? 'reported' : 'open');
    const [row] = await tx
      .insert(recommendations)
      .values({
        activityId: may.id,
        seq,
        text,
        addresseeUnitId: u(unit),
        addresseeLabel: label,
        deadline,
        links,
        status,
        decidedOn: story.decided?.[1] ?? null,
        decidedBy: story.decided ? secretariat : null,
        decisionNote: story.decided?.[2] ?? null,
        isDemo: true,
        createdAt: at('2022-05-25'),
        createdBy: secretariat,
      })
      .returning();
    if (story.reported)
      await tx.insert(recommendationReports).values({
        recommendationId: row!.id,
        reportedOn: story.reported[0],
        text: story.reported[1],
        done: story.reported[2],
        createdAt: at(story.reported[0]),
        createdBy: office,
      });
    return row!;
  };
  const city = 'UBND thành phố (Văn phòng điều phối NTM)';
  await rec(
    1,
    'Kiểm đếm, rà soát hằng tháng từng tiêu chí, chỉ tiêu của từng xã theo Quyết định số 318/QĐ-TTg và Quyết định số 1246/QĐ-UBND; tập trung các tiêu chí quy hoạch, cơ sở vật chất văn hóa, tổ chức sản xuất, môi trường.',
    'MC',
    city,
    '2022-06-30',
    [
      { type: 'criterion', ref: 'VN-NTM-XA-2021-2025:1', label: 'Tiêu chí 1 — Quy hoạch' },
      { type: 'criterion', ref: 'VN-NTM-XA-2021-2025:17', label: 'Tiêu chí 17 — Môi trường và an toàn thực phẩm' },
    ],
    {
      reported: [
        '2022-06-28',
        'Từ tháng 6/2022 Văn phòng điều phối tổng hợp kết quả kiểm đếm của 9 xã hằng tháng trên hệ thống.',
        true,
      ],
      decided: ['accepted', '2022-07-15'],
    },
  );
  await rec(
    2,
    'Kiện toàn Ban Chỉ đạo; phân công cơ quan chủ trì, cơ quan phối hợp phụ trách từng tiêu chí và từng xã, xác định lộ trình thực hiện các tiêu chí chưa đạt.',
    'MC',
    city,
    '2022-06-15',
    [{ type: 'unit', ref: 'MC', label: 'thành phố Móng Cái' }],
    {
      reported: ['2022-06-10', 'Đã ban hành quyết định kiện toàn Ban Chỉ đạo và bảng phân công theo tiêu chí, theo xã.', true],
      decided: ['accepted', '2022-07-15'],
    },
  );
  await rec(
    3,
    'Các xã phân công từng lãnh đạo phụ trách từng tiêu chí, xây dựng lộ trình theo tháng, quý ("dễ trước khó sau").',
    'MC',
    'UBND các xã',
    '2022-07-31',
    [{ type: 'roadmap_item', ref: 'MC-2022', label: 'Lộ trình các tiêu chí chưa đạt năm 2022' }],
    {
      reported: ['2022-08-05', '9/9 xã đã ban hành kế hoạch phân công và lộ trình theo tháng.', true],
      decided: ['accepted', '2022-09-12'],
    },
  );
  await rec(
    4,
    'Xây dựng lộ trình để xã Quảng Nghĩa đạt chuẩn NTM nâng cao trong năm 2022.',
    '06739',
    'UBND xã Quảng Nghĩa',
    '2022-11-30',
    [{ type: 'unit', ref: '06739', label: 'xã Quảng Nghĩa' }],
    { reported: ['2022-10-20', 'Đã hoàn thành 2 chỉ tiêu về giao thông; tiêu chí môi trường và y tế còn chậm.', false] },
  );
  await rec(
    5,
    'Năm 2022 phát triển ít nhất 05 sản phẩm mới theo chu trình OCOP chuẩn, đánh giá phân hạng thêm 02 sản phẩm đạt 3–4 sao cấp tỉnh, phát triển thêm ít nhất 01 tổ chức kinh tế tham gia OCOP.',
    'MC',
    city,
    '2022-12-31',
    [{ type: 'ocop_target', ref: 'MC:2022', label: 'Chỉ tiêu OCOP năm 2022' }],
    {},
  );
  await rec(
    6,
    'Hoàn thiện hồ sơ các dự án đủ điều kiện để trình phân bổ vốn tại kỳ họp chuyên đề của HĐND thành phố; đẩy nhanh tiến độ giải ngân.',
    'MC',
    'Phòng Tài chính – Kế hoạch',
    '2022-07-15',
    [{ type: 'project', ref: 'MC-2022-04', label: 'MC-2022-04' }],
    {
      reported: ['2022-07-08', 'Đã hoàn thiện hồ sơ 2 dự án trình kỳ họp chuyên đề tháng 7/2022.', true],
      decided: ['accepted', '2022-07-20'],
    },
  );
  await rec(
    7,
    'Các xã rà soát tiêu chí chưa đạt cần vốn đầu tư, đề xuất HĐND thành phố đưa vào kế hoạch đầu tư công năm 2023.',
    'MC',
    'UBND các xã',
    '2022-10-31',
    [],
    {},
  );
  await rec(
    8,
    'Công khai kết quả thực hiện tiêu chí, nguồn vốn và tiến độ công trình để nhân dân biết, bàn, làm, kiểm tra, giám sát và thụ hưởng.',
    'MC',
    city,
    '2022-09-30',
    [],
    {
      reported: ['2022-09-28', 'Đã niêm yết tại trụ sở UBND các xã.', true],
      decided: ['not_accepted', '2022-10-14', 'Chưa công khai tiến độ công trình và nguồn vốn theo từng dự án.'],
    },
  );

  const december = await activity({
    kind: 'thematic_supervision',
    title: 'Tái giám sát việc thực hiện kết luận phiên giải trình ngày 18/5/2022',
    topic:
      'Kết quả thực hiện các kiến nghị tại Thông báo kết luận số 25/TB-HĐND; kết quả xây dựng NTM, OCOP và giải ngân vốn năm 2022.',
    day: '2022-12-15',
    status: 'held',
    followsId: may.id,
  });

  await tx.insert(petitions).values(
    (
      [
        [
          '06724-old',
          'voter_meeting',
          '2022-04-20',
          'Đề nghị sớm đầu tư tuyến đường liên thôn Pò Hèn – Tài Chi đang xuống cấp.',
          'economy_budget',
          'resolved',
          'Dự án MC-2022-01 đã được bố trí vốn năm 2022, khởi công tháng 3/2022.',
          '2022-06-20',
        ],
        [
          '06754',
          'voter_meeting',
          '2022-04-21',
          'Đề nghị bố trí điểm tập kết rác thải tại các thôn ven biển.',
          'economy_budget',
          'answered',
          'Thành phố đã giao UBND xã khảo sát vị trí, bố trí trong năm 2023.',
          '2022-07-05',
        ],
        [
          '06739',
          'delegate',
          '2022-05-10',
          'Cử tri đề nghị hỗ trợ hộ nuôi tôm làm thủ tục chứng nhận VietGAP.',
          'economy_budget',
          'roadmap',
          'Đưa vào kế hoạch hỗ trợ OCOP năm 2023.',
          '2022-08-15',
        ],
        [
          '06730',
          'voter_meeting',
          '2022-11-25',
          'Đề nghị công khai danh sách hộ được hỗ trợ phát triển sản xuất.',
          'legal',
          'assigned',
          null,
          null,
        ],
        [
          '06748',
          'portal',
          '2022-12-01',
          'Đề nghị sửa chữa nhà văn hóa thôn Tràng Vỹ.',
          'culture_social',
          'received',
          null,
          null,
        ],
      ] as const
    ).map(([unit, source, receivedOn, text, category, status, answer, answeredOn]) => ({
      councilId: mc.id,
      unitId: u(unit),
      source,
      sourceNote: source === 'voter_meeting' ? 'Tiếp xúc cử tri trước kỳ họp giữa năm 2022' : null,
      receivedOn,
      text,
      category,
      status,
      assigneeUnitId: status === 'received' ? null : u('MC'),
      assigneeLabel: status === 'received' ? null : 'UBND thành phố',
      deadline: status === 'received' ? null : '2022-12-31',
      answer,
      answeredOn,
      isDemo: true,
      createdAt: at(receivedOn),
      createdBy: secretariat,
    })),
  );

  // Both sessions' figures, frozen as the council saw them.
  const actor: Actor = {
    userId: councilMember,
    username: 'daibieu.mongcai',
    fullName: 'Vũ Đức Thắng (demo)',
    homeUnitId: u('MC'),
    grants: [{ id: 0, role: 'council_member', unitId: u('MC') }],
    sessionIdHash: 'demo',
  };
  const scoped = { ...deps, db: tx };
  for (const [a, asOf, frozen] of [
    [may, '2022-05-18', '2022-05-17'],
    [december, '2022-12-15', '2022-12-14'],
  ] as const) {
    const data = await buildSnapshotData(scoped, actor, mc, a, asOf, asOf.slice(0, 7));
    await tx
      .insert(oversightSnapshots)
      .values({ activityId: a.id, asOf, data, sha256: snapshotHash(data), frozenAt: at(frozen), frozenBy: secretariat });
  }

  // After the 2025 reform the province's council supervises the merged communes (2026, Law 121/2025).
  const [qnActivity] = await tx
    .insert(oversightActivities)
    .values({
      councilId: qn.id,
      kind: 'thematic_supervision',
      title: 'Giám sát chuyên đề việc xây dựng nông thôn mới ở các xã sau sắp xếp đơn vị hành chính năm 2026',
      topic:
        'Kết quả thực hiện bộ tiêu chí xã NTM giai đoạn 2026–2030 (Quyết định 51/2025/QĐ-TTg) ở các xã Hải Sơn, Hải Ninh, Vĩnh Thực sau ngày 01/7/2025; việc tiếp nhận, kế thừa hồ sơ và các kiến nghị của HĐND thành phố Móng Cái trước đây.',
      legalBasis: supervisionLawOn('2026-10-20').code,
      leadBodyId: qnBudget,
      scheduledOn: '2026-10-20',
      heldOn: '2026-10-20',
      chair: 'Phó Chủ tịch HĐND tỉnh',
      plan: 'Ban Kinh tế – Ngân sách khảo sát tại 3 xã; UBND các xã gửi báo cáo trước 7 ngày.',
      explainingBodies: ['UBND tỉnh', 'Sở Nông nghiệp và Môi trường', 'UBND các xã Hải Sơn, Hải Ninh, Vĩnh Thực'],
      invitees: ['Đại biểu HĐND tỉnh', 'Ủy ban MTTQ Việt Nam tỉnh'],
      status: 'held',
      isDemo: true,
      createdAt: at('2026-10-01'),
      createdBy: userIds.get('vanphong.hdnd.quangninh')!,
      updatedAt: at('2026-10-20'),
    })
    .returning();

  // 1/7/2025: the city's council ended with the district level. Its open items were handed over to the
  // province's council — those that still matter re-addressed to the merged commune — or closed.
  const handedOverOn = '2025-07-01';
  const openRecs = await tx
    .select()
    .from(recommendations)
    .where(and(eq(recommendations.activityId, may.id), inArray(recommendations.status, ['open', 'reported', 'not_accepted'])));
  const openPetitions = await tx
    .select()
    .from(petitions)
    .where(and(eq(petitions.councilId, mc.id), notInArray(petitions.status, ['resolved', 'forwarded', 'closed'])));
  const closeReason =
    'Nội dung gắn với kế hoạch đầu tư công năm 2023 của thành phố, đã kết thúc; cấp thành phố không còn tổ chức chính quyền từ 01/7/2025.';
  const items: HandoverItem[] = [
    ...openRecs.map((r): HandoverItem =>
      r.seq === 7
        ? { kind: 'recommendation', id: r.id, outcome: 'closed', reason: closeReason }
        : { kind: 'recommendation', id: r.id, outcome: 'handed_over', addresseeUnitId: u('06724'), deadline: '2026-12-31' },
    ),
    ...openPetitions.map((p): HandoverItem => ({
      kind: 'petition',
      id: p.id,
      outcome: 'handed_over',
      addresseeUnitId: u('06724'),
    })),
  ];
  const [handover] = await tx
    .insert(councilHandovers)
    .values({
      fromCouncilId: mc.id,
      toCouncilId: qn.id,
      handedOverOn,
      legalBasis:
        'Luật Tổ chức chính quyền địa phương số 72/2025/QH15; Nghị quyết số 1679/NQ-UBTVQH15 ngày 16/6/2025 về sắp xếp đơn vị hành chính cấp xã của tỉnh Quảng Ninh',
      note: 'HĐND thành phố Móng Cái kết thúc hoạt động cùng cấp huyện; HĐND tỉnh tiếp nhận việc theo dõi các kiến nghị còn mở.',
      items,
      isDemo: true,
      createdAt: at(handedOverOn),
      createdBy: userIds.get('vanphong.hdnd.quangninh')!,
    })
    .returning();
  for (const i of items) {
    if (i.kind === 'recommendation') {
      const r = openRecs.find((x) => x.id === i.id)!;
      await tx
        .update(recommendations)
        .set(
          i.outcome === 'closed'
            ? { status: 'closed', decidedOn: handedOverOn, decisionNote: i.reason!, handoverId: handover!.id }
            : {
                followUpCouncilId: qn.id,
                handoverId: handover!.id,
                addresseeUnitId: i.addresseeUnitId!,
                addresseeLabel: 'UBND xã Hải Sơn',
                deadline: i.deadline!,
                version: r.version + 1,
              },
        )
        .where(eq(recommendations.id, i.id));
    } else {
      await tx
        .update(petitions)
        .set({
          followUpCouncilId: qn.id,
          handoverId: handover!.id,
          ...(i.addresseeUnitId ? { assigneeUnitId: i.addresseeUnitId, assigneeLabel: 'UBND xã Hải Sơn' } : {}),
        })
        .where(eq(petitions.id, i.id));
    }
  }

  return { mayId: may.id, decemberId: december.id, councilId: mc.id, provinceActivityId: qnActivity!.id };
}
