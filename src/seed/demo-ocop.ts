import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
  ocopCertificates,
  ocopMemberScores,
  ocopProducers,
  ocopProducts,
  ocopRoundMembers,
  ocopRoundProducts,
  ocopRounds,
  ocopSheets,
  ocopTargets,
  ocopTransitions,
  users,
  type OcopStage,
} from '../db/schema';
import { criteriaOf, scoreSheet } from '../domain/ocop/scoring';
import { validTo } from '../features/ocop/certificates';
import { productSet } from '../features/ocop/sheets';
import { searchKey } from '../shared/vi';

type Producer = {
  key: string;
  unit: string;
  name: string;
  kind: 'enterprise' | 'cooperative' | 'coop_group' | 'household';
  registeredOn: string;
  address: string;
  phone: string;
  womenLed?: boolean;
  ethnicMinorityLed?: boolean;
  user?: string;
};

type Step = [action: string, to: OcopStage, at: string];
type Product = {
  code: string;
  producer: string;
  unit: string;
  name: string;
  setNo: number;
  cycleYear: number;
  description: string;
  brandTags?: string[];
  standards?: { kind: string; number: string | null; issuedBy: string | null; expiresOn: string | null }[];
  steps: Step[];
  certificates?: { number: string; decisionNo: string; date: string; star: number; issuedBy: string }[];
  published?: boolean;
};

const PRODUCERS: Producer[] = [
  {
    key: 'bacson',
    unit: '06724',
    name: 'Hợp tác xã Dược liệu Bắc Sơn',
    kind: 'cooperative',
    registeredOn: '2018-04-12',
    address: 'Thôn Tình Nghị, xã Hải Sơn, tỉnh Quảng Ninh',
    phone: '0203 3789 112',
    ethnicMinorityLed: true,
    user: 'ocop.haison',
  },
  {
    key: 'haitien',
    unit: '06733',
    name: 'Hợp tác xã Chăn nuôi lợn Móng Cái Hải Tiến',
    kind: 'cooperative',
    registeredOn: '2019-03-01',
    address: 'Thôn 4, xã Hải Ninh, tỉnh Quảng Ninh',
    phone: '0203 3775 240',
  },
  {
    key: 'traco',
    unit: '06712',
    name: 'Công ty TNHH Thủy sản Trà Cổ',
    kind: 'enterprise',
    registeredOn: '2016-09-20',
    address: 'Khu Tân Lập, phường Móng Cái 1, tỉnh Quảng Ninh',
    phone: '0203 3880 567',
  },
  {
    key: 'hanh',
    unit: '06709',
    name: 'Hộ kinh doanh Nguyễn Thị Hạnh',
    kind: 'household',
    registeredOn: '2021-07-05',
    address: 'Thôn Vạn Xuân, phường Móng Cái 2, tỉnh Quảng Ninh',
    phone: '0912 345 678',
    womenLed: true,
  },
  {
    key: 'quangnghia',
    unit: '06733',
    name: 'Hợp tác xã Nông nghiệp sạch Quảng Nghĩa',
    kind: 'cooperative',
    registeredOn: '2026-03-15',
    address: 'Thôn 2, xã Hải Ninh, tỉnh Quảng Ninh',
    phone: '0203 3799 020',
    womenLed: true,
  },
  {
    key: 'vinhthuc',
    unit: '06757',
    name: 'Tổ hợp tác Chăn nuôi bò Vĩnh Thực',
    kind: 'coop_group',
    registeredOn: '2026-02-20',
    address: 'Thôn 3, xã Vĩnh Thực, tỉnh Quảng Ninh',
    phone: '0978 112 233',
  },
];

const EVAL_DOCS = ['ban_tu_danh_gia', 'cong_bo_chat_luong', 'nhan_bao_bi', 'cau_chuyen_san_pham', 'giay_phep_kinh_doanh'];
const historic = (idea: string, plan: string, approve: string, submit: string): Step[] => [
  ['register_idea', 'idea_registered', idea],
  ['submit_plan', 'plan_submitted', plan],
  ['approve_plan', 'implementing', approve],
  ['submit_for_evaluation', 'evaluation', submit],
];

/** Products at every step; names and figures are demo data, certificates numbered "DEMO". */
const PRODUCTS: Product[] = [
  {
    code: 'SP-DEMOLON1',
    producer: 'haitien',
    unit: '06733-old',
    name: 'Thịt lợn Móng Cái',
    setNo: 2,
    cycleYear: 2020,
    description: 'Thịt lợn giống Móng Cái nuôi bán chăn thả, thức ăn từ nông sản địa phương.',
    brandTags: ['Đặc sản Móng Cái'],
    standards: [{ kind: 'VietGAHP', number: 'DEMO-VG-118', issuedBy: 'Tổ chức chứng nhận (demo)', expiresOn: '2027-05-31' }],
    steps: [
      ...historic('2020-03-02', '2020-04-15', '2020-05-10', '2020-09-01'),
      ['recognised', 'promotion', '2020-11-20'],
      ['re_evaluate', 'evaluation', '2023-09-15'],
      ['recognised', 'promotion', '2023-12-05'],
    ],
    certificates: [
      {
        number: 'DEMO-MC-03/2020',
        decisionNo: 'Quyết định số 2150/QĐ-UBND (demo)',
        date: '2020-11-20',
        star: 3,
        issuedBy: 'UBND thành phố Móng Cái',
      },
      {
        number: 'DEMO-MC-11/2023',
        decisionNo: 'Quyết định số 3321/QĐ-UBND (demo)',
        date: '2023-12-05',
        star: 3,
        issuedBy: 'UBND thành phố Móng Cái',
      },
    ],
    published: true,
  },
  {
    code: 'SP-DEMOGHE1',
    producer: 'traco',
    unit: '06721',
    name: 'Ghẹ Trà Cổ',
    setNo: 2,
    cycleYear: 2022,
    description: 'Ghẹ xanh đánh bắt ven bờ biển Trà Cổ, sơ chế và cấp đông trong ngày.',
    brandTags: ['03 con, 02 cây, 01 điểm đến'],
    standards: [
      {
        kind: 'Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm',
        number: 'DEMO-ATTP-22',
        issuedBy: 'Chi cục Thủy sản (demo)',
        expiresOn: '2025-06-30',
      },
    ],
    steps: [...historic('2022-01-10', '2022-02-20', '2022-03-15', '2022-06-01'), ['recognised', 'promotion', '2022-08-10']],
    certificates: [
      {
        number: 'DEMO-QN-45/2022',
        decisionNo: 'Quyết định số 2745/QĐ-UBND (demo)',
        date: '2022-08-10',
        star: 4,
        issuedBy: 'UBND tỉnh Quảng Ninh',
      },
    ],
    published: true,
  },
  {
    code: 'SP-DEMOTOM1',
    producer: 'traco',
    unit: '06721',
    name: 'Tôm he Trà Cổ sơ chế',
    setNo: 8,
    cycleYear: 2024,
    description: 'Tôm he tự nhiên vùng biển Trà Cổ, sơ chế, đóng gói hút chân không.',
    standards: [{ kind: 'HACCP', number: 'DEMO-HACCP-7', issuedBy: 'Tổ chức chứng nhận (demo)', expiresOn: '2028-03-31' }],
    steps: [...historic('2024-02-01', '2024-03-05', '2024-04-01', '2024-07-15'), ['recognised', 'promotion', '2024-10-01']],
    certificates: [
      {
        number: 'DEMO-QN-88/2024',
        decisionNo: 'Quyết định số 3012/QĐ-UBND (demo)',
        date: '2024-10-01',
        star: 3,
        issuedBy: 'UBND thành phố Móng Cái',
      },
    ],
    published: true,
  },
  {
    code: 'SP-DEMOTRA1',
    producer: 'bacson',
    unit: '06727',
    name: 'Trà hoa vàng Bắc Sơn',
    setNo: 12,
    cycleYear: 2021,
    description: 'Trà hoa vàng thu hái dưới tán rừng Bắc Sơn, sấy lạnh.',
    brandTags: ['Sản phẩm đồng bào dân tộc thiểu số'],
    steps: [...historic('2021-01-15', '2021-02-25', '2021-03-20', '2021-05-05'), ['recognised', 'promotion', '2021-06-15']],
    certificates: [
      {
        number: 'DEMO-MC-07/2021',
        decisionNo: 'Quyết định số 1630/QĐ-UBND (demo)',
        date: '2021-06-15',
        star: 3,
        issuedBy: 'UBND thành phố Móng Cái',
      },
    ],
    published: true,
  },
  {
    code: 'SP-DEMOCAO1',
    producer: 'bacson',
    unit: '06724',
    name: 'Cao dược liệu Bắc Sơn',
    setNo: 18,
    cycleYear: 2026,
    description: 'Cao xương khớp từ dược liệu trồng tại Bắc Sơn.',
    steps: [
      ['register_idea', 'idea_registered', '2026-02-10'],
      ['submit_plan', 'plan_submitted', '2026-04-22'],
    ],
  },
  {
    code: 'SP-DEMOKHO1',
    producer: 'hanh',
    unit: '06709',
    name: 'Khoai lang Vạn Ninh',
    setNo: 1,
    cycleYear: 2026,
    description: 'Khoai lang ruột vàng trồng trên đất cát ven biển Vạn Ninh.',
    standards: [{ kind: 'VietGAP', number: 'DEMO-VG-2026-15', issuedBy: 'Tổ chức chứng nhận (demo)', expiresOn: '2028-04-30' }],
    steps: historic('2026-01-12', '2026-02-20', '2026-03-18', '2026-09-25'),
  },
  {
    code: 'SP-DEMORAU1',
    producer: 'quangnghia',
    unit: '06733',
    name: 'Rau sạch Quảng Nghĩa',
    setNo: 1,
    cycleYear: 2026,
    description: 'Rau ăn lá trồng trong nhà lưới theo quy trình VietGAP.',
    steps: [
      ['register_idea', 'idea_registered', '2026-03-20'],
      ['submit_plan', 'plan_submitted', '2026-04-28'],
      ['approve_plan', 'implementing', '2026-05-20'],
    ],
  },
  {
    code: 'SP-DEMOBO01',
    producer: 'vinhthuc',
    unit: '06757',
    name: 'Thịt bò Vĩnh Thực',
    setNo: 2,
    cycleYear: 2026,
    description: 'Bò vàng thả đồi, giết mổ tại cơ sở đạt điều kiện thú y.',
    steps: [['register_idea', 'idea_registered', '2026-06-05']],
  },
  {
    code: 'SP-DEMOBAN1',
    producer: 'hanh',
    unit: '06709',
    name: 'Bánh gio Vạn Ninh',
    setNo: 6,
    cycleYear: 2026,
    description: 'Bánh gio gói lá dong, tro củi truyền thống.',
    steps: [],
  },
];

const at = (d: string) => new Date(`${d}T02:00:00Z`);

/**
 * OCOP in the two scenarios: Móng Cái producers and products at every step, certificates from
 * 2020–2024 (some expired, one about to), targets for Móng Cái 2022 and Quảng Ninh 2026, and an
 * open provincial round of 2026 with one sheet already scored.
 */
export async function loadOcopDemo(tx: Db, unitIds: Map<string, number>, userIds: Map<string, number>, now: Date) {
  const producerIds = new Map<string, number>();
  for (const p of PRODUCERS) {
    const [row] = await tx
      .insert(ocopProducers)
      .values({
        unitId: unitIds.get(p.unit)!,
        name: p.name,
        kind: p.kind,
        registeredOn: p.registeredOn,
        address: p.address,
        phone: p.phone,
        womenLed: p.womenLed ?? false,
        ethnicMinorityLed: p.ethnicMinorityLed ?? false,
        searchKey: searchKey(p.name),
        isDemo: true,
        createdAt: at(p.registeredOn),
      })
      .returning();
    producerIds.set(p.key, row!.id);
    if (p.user)
      await tx
        .update(users)
        .set({ producerId: row!.id })
        .where(eq(users.id, userIds.get(p.user)!));
  }
  const office = userIds.get('vpdp.quangninh')!;
  const productIds = new Map<string, number>();
  for (const p of PRODUCTS) {
    const set = productSet(p.setNo);
    const stage = p.steps.at(-1)?.[1] ?? 'awareness';
    const producerName = PRODUCERS.find((x) => x.key === p.producer)!.name;
    const [row] = await tx
      .insert(ocopProducts)
      .values({
        code: p.code,
        producerId: producerIds.get(p.producer)!,
        unitId: unitIds.get(p.unit)!,
        name: p.name,
        groupName: set.group,
        setNo: set.no,
        description: p.description,
        brandTags: p.brandTags ?? [],
        standards: p.standards ?? [],
        stage,
        cycleYear: p.cycleYear,
        published: p.published ?? false,
        searchKey: searchKey(`${p.name} ${producerName}`),
        isDemo: true,
        createdAt: p.steps[0] ? at(p.steps[0][2]) : now,
        updatedAt: p.steps.at(-1) ? at(p.steps.at(-1)![2]) : now,
      })
      .returning();
    productIds.set(p.code, row!.id);
    let from: OcopStage = 'awareness';
    for (const [action, to, date] of p.steps) {
      await tx.insert(ocopTransitions).values({
        productId: row!.id,
        action,
        fromStage: from,
        toStage: to,
        documents:
          action === 'register_idea'
            ? ['phieu_y_tuong']
            : action === 'submit_plan'
              ? ['phuong_an_sxkd']
              : action === 'submit_for_evaluation'
                ? EVAL_DOCS
                : action === 're_evaluate'
                  ? ['ban_tu_danh_gia']
                  : [],
        at: at(date),
        by: action === 'approve_plan' || action === 'recognised' ? office : null,
      });
      from = to;
    }
    let previousId: number | null = null;
    for (const c of p.certificates ?? []) {
      const [cert]: { id: number }[] = await tx
        .insert(ocopCertificates)
        .values({
          productId: row!.id,
          number: c.number,
          decisionNo: c.decisionNo,
          decisionDate: c.date,
          issuedBy: c.issuedBy,
          star: c.star,
          validFrom: c.date,
          validTo: validTo(c.date),
          previousId,
          isDemo: true,
          createdAt: at(c.date),
        })
        .returning();
      previousId = cert!.id;
    }
  }

  await tx.insert(ocopTargets).values([
    {
      unitId: unitIds.get('MC')!,
      year: 2022,
      newProducts: 5,
      newRated34: 2,
      newOrganisations: 1,
      legalBasis: 'Kế hoạch OCOP thành phố Móng Cái năm 2022 (demo)',
    },
    {
      unitId: unitIds.get('QN')!,
      year: 2026,
      newProducts: 5,
      newRated34: 2,
      newOrganisations: 1,
      legalBasis: 'Kế hoạch OCOP năm 2026 (demo)',
    },
  ]);

  // An open provincial round of 2026: the sweet potato is before the council, the chair has scored.
  const [sheet] = await tx
    .select()
    .from(ocopSheets)
    .where(and(eq(ocopSheets.setNo, 1), eq(ocopSheets.regime, 'QD1489_2025')));
  const [round] = await tx
    .insert(ocopRounds)
    .values({
      unitId: unitIds.get('QN')!,
      level: 'province',
      regime: 'QD1489_2025',
      name: 'Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh Quảng Ninh đợt 2/2026 (demo)',
      year: 2026,
      quorum: 2,
      isDemo: true,
      createdAt: at('2026-10-05'),
      createdBy: office,
    })
    .returning();
  const chair = userIds.get('so.nnmt')!;
  await tx.insert(ocopRoundMembers).values([
    { roundId: round!.id, userId: chair, role: 'chair' },
    { roundId: round!.id, userId: userIds.get('hoidong.ocop')!, role: 'member' },
    { roundId: round!.id, userId: office, role: 'member' },
  ]);
  const potato = productIds.get('SP-DEMOKHO1')!;
  await tx.insert(ocopRoundProducts).values({ roundId: round!.id, productId: potato, sheetId: sheet!.id });
  const doc = sheet!.document;
  // the chair's sheet: the best option everywhere except the scale and chain-link criteria
  const answers = Object.fromEntries(
    criteriaOf(doc).map((c, i) => [c.code, i % 4 === 3 ? Math.max(0, c.options.length - 2) : c.options.length - 1]),
  );
  await tx.insert(ocopMemberScores).values({
    roundId: round!.id,
    productId: potato,
    userId: chair,
    answers,
    total: scoreSheet(doc, answers).total,
    submittedAt: at('2026-10-20'),
  });
}
