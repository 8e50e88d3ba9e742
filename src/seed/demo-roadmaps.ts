import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { agencies, roadmapCheckins, roadmapItems, users } from '../db/schema';

/** Agencies of the demo: provincial departments (2026), the city's offices (2022), a commune's office. */
export async function loadRoadmapDemo(tx: Db, unitIds: Map<string, number>, userIds: Map<string, number>, now: Date) {
  const qn = unitIds.get('QN')!;
  const mc = unitIds.get('MC')!;
  const haiSon = unitIds.get('06724')!;
  const mk = async (unitId: number, name: string, shortName: string, email: string) =>
    (await tx.insert(agencies).values({ unitId, name, shortName, email, isDemo: true }).returning())[0]!.id;
  const a = {
    nnmt: await mk(qn, 'Sở Nông nghiệp và Môi trường', 'Sở NN&MT', 'snnmt@demo.donglong.local'),
    xd: await mk(qn, 'Sở Xây dựng', 'Sở XD', 'sxd@demo.donglong.local'),
    vhttdl: await mk(qn, 'Sở Văn hóa, Thể thao và Du lịch', 'Sở VHTTDL', 'svhttdl@demo.donglong.local'),
    khcn: await mk(qn, 'Sở Khoa học và Công nghệ', 'Sở KH&CN', 'skhcn@demo.donglong.local'),
    vpdp: await mk(qn, 'Văn phòng điều phối nông thôn mới tỉnh', 'VPĐP NTM tỉnh', 'vpdp@demo.donglong.local'),
    kinhTe: await mk(mc, 'Phòng Kinh tế thành phố Móng Cái', 'Phòng Kinh tế', 'pkt.mongcai@demo.donglong.local'),
    tnmt: await mk(mc, 'Phòng Tài nguyên và Môi trường thành phố Móng Cái', 'Phòng TN&MT', 'ptnmt.mongcai@demo.donglong.local'),
    vhtt: await mk(mc, 'Phòng Văn hóa và Thông tin thành phố Móng Cái', 'Phòng VH&TT', 'pvhtt.mongcai@demo.donglong.local'),
    // The commune's People's Committee exists with the commune; the demo gives it an address.
    ubndHaiSon: (
      await tx
        .update(agencies)
        .set({ email: 'ubnd.haison@demo.donglong.local', isDemo: true })
        .where(and(eq(agencies.unitId, haiSon), eq(agencies.kind, 'people_committee')))
        .returning()
    )[0]!.id,
  };
  await tx
    .update(users)
    .set({ agencyId: a.nnmt })
    .where(eq(users.id, userIds.get('so.nnmt')!));
  await tx
    .update(users)
    .set({ agencyId: a.vpdp })
    .where(eq(users.id, userIds.get('vpdp.quangninh')!));
  await tx
    .update(users)
    .set({ agencyId: a.ubndHaiSon })
    .where(eq(users.id, userIds.get('canbo.haison')!));

  const office = userIds.get('vpdp.quangninh')!;
  const item = async (
    v: {
      unitId: number;
      setCode: string;
      code: string;
      criterion: string;
      title: string;
      lead: number;
      supporting?: number[];
      target: string;
      cost: 'none' | 'budget' | 'investment';
      estimate?: number;
      priority?: number;
      status?: 'not_started' | 'in_progress' | 'at_risk';
    },
    checkins: { month: string; percent: number; note: string; by: number }[] = [],
  ) => {
    // The work existed before its first report: created and confirmed by the start of that month.
    const first = checkins[0] ? new Date(`${checkins[0].month}-01T03:00:00Z`) : now;
    const since = first < now ? first : now;
    const [row] = await tx
      .insert(roadmapItems)
      .values({
        unitId: v.unitId,
        setCode: v.setCode,
        indicatorCode: v.code,
        criterionNumber: v.criterion,
        title: v.title,
        leadAgencyId: v.lead,
        supportingAgencyIds: v.supporting ?? [],
        targetMonth: `${v.target}-01`,
        costClass: v.cost,
        costEstimate: v.estimate ?? null,
        status: v.status ?? (checkins.length ? 'in_progress' : 'not_started'),
        priority: v.priority ?? (v.cost === 'none' ? 1 : 2),
        progress: checkins.at(-1)?.percent ?? 0,
        confirmed: true,
        confirmedAt: since,
        confirmedBy: office,
        isDemo: true,
        createdAt: since,
        createdBy: office,
        updatedAt: now,
      })
      .returning();
    for (const c of checkins) {
      await tx.insert(roadmapCheckins).values({
        itemId: row!.id,
        month: `${c.month}-01`,
        percent: c.percent,
        note: c.note,
        createdAt: new Date(`${c.month}-28T03:00:00Z`),
        createdBy: c.by,
      });
    }
    return row!.id;
  };
  const S26 = 'VN-NTM-XA-2026-2030';
  const officer = userIds.get('canbo.haison')!;
  const agencyUser = userIds.get('so.nnmt')!;
  await item(
    {
      unitId: haiSon,
      setCode: S26,
      code: '8.3',
      criterion: '8',
      title: 'Tuyên truyền, hướng dẫn hộ gia đình phân loại chất thải rắn tại nguồn ở 4 thôn vùng cao',
      lead: a.nnmt,
      supporting: [a.ubndHaiSon],
      target: '2026-09',
      cost: 'none',
      status: 'at_risk',
    },
    [
      { month: '2026-08', percent: 30, note: 'Đã tổ chức 2/4 buổi tuyên truyền tại thôn Pò Hèn, Lục Phủ (demo)', by: agencyUser },
      { month: '2026-10', percent: 55, note: 'Cấp thùng phân loại cho 180 hộ; còn 2 thôn chưa triển khai (demo)', by: officer },
    ],
  );
  await item({
    unitId: haiSon,
    setCode: S26,
    code: '2.3',
    criterion: '2',
    title: 'Cứng hóa 3,2 km đường trục chính nội đồng thôn Tài Chi',
    lead: a.xd,
    supporting: [a.ubndHaiSon],
    target: '2027-06',
    cost: 'investment',
    estimate: 3_200_000_000,
  });
  await item(
    {
      unitId: haiSon,
      setCode: S26,
      code: '7.2',
      criterion: '7',
      title: 'Hướng dẫn người dân nộp hồ sơ thủ tục hành chính trực tuyến',
      lead: a.ubndHaiSon,
      supporting: [a.khcn],
      target: '2026-12',
      cost: 'none',
    },
    [{ month: '2026-11', percent: 60, note: 'Tỷ lệ hồ sơ trực tuyến tháng 11 đạt 62% (demo)', by: officer }],
  );
  return a;
}
