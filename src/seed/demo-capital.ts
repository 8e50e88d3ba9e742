import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
  allocations,
  capitalPlans,
  contributions,
  disbursements,
  planLines,
  projects,
  projectSources,
  readinessItems,
  roadmapItems,
} from '../db/schema';
import { voucherKeyOf } from '../domain/capital/money';
import { importKeyOf } from '../features/capital/ledger';
import { READINESS_CHECKLIST } from '../features/capital/projects';
import { searchKey } from '../shared/vi';

const TY = 1_000_000_000;
const TR = 1_000_000;

type P = {
  key: string;
  code: string;
  name: string;
  unit: string;
  type: 'standard' | 'small_community';
  status: 'proposed' | 'readiness' | 'approved' | 'construction';
  sources: Record<string, number>;
  lat: number;
  lon: number;
  ready: boolean;
  indicators?: { setCode: string; code: string }[];
  contractor?: string;
};

/**
 * Capital of the two scenarios, all names and amounts invented and marked demo: Móng Cái's 2022 NTM
 * projects under NQ 83/NQ-HĐND with a slow May, and a Quảng Ninh 2026 plan.
 */
export async function loadCapitalDemo(tx: Db, unitIds: Map<string, number>, officeId: number, now: Date) {
  const S21 = 'VN-NTM-XA-2021-2025';
  const S26 = 'VN-NTM-XA-2026-2030';
  const list: P[] = [
    {
      key: 'p1',
      code: 'MC-2022-01',
      name: 'Đường giao thông liên thôn Pò Hèn – Tài Chi, xã Hải Sơn (demo)',
      unit: '06724-old',
      type: 'standard',
      status: 'construction',
      sources: { NSTW_DTPT: 3.5 * TY, NSDP_TINH: 2 * TY, NSDP_XA: 0.7 * TY, XHH_TIEN: 0.3 * TY },
      lat: 21.603,
      lon: 107.842,
      ready: true,
      indicators: [{ setCode: S21, code: '2.2' }],
      contractor: 'Công ty TNHH Xây dựng Bắc Sơn (demo)',
    },
    {
      key: 'p2',
      code: 'MC-2022-02',
      name: 'Nhà văn hóa thôn 4, xã Quảng Nghĩa (demo)',
      unit: '06739',
      type: 'small_community',
      status: 'construction',
      sources: { NSDP_TINH: 1.2 * TY, NSDP_XA: 0.4 * TY, XHH_TIEN: 0.2 * TY },
      lat: 21.457,
      lon: 107.832,
      ready: true,
      indicators: [{ setCode: S21, code: '6.3' }],
      contractor: 'Tổ hợp tác thôn 4 (cơ chế đặc thù, demo)',
    },
    {
      key: 'p3',
      code: 'MC-2022-03',
      name: 'Kênh mương nội đồng xã Vĩnh Thực (demo)',
      unit: '06757-old',
      type: 'standard',
      status: 'construction',
      sources: { NSTW_DTPT: 2.5 * TY, NSDP_TINH: 1.7 * TY },
      lat: 21.41,
      lon: 107.94,
      ready: true,
      indicators: [{ setCode: S21, code: '3.1' }],
      contractor: 'Công ty CP Thủy lợi Quảng Ninh (demo)',
    },
    {
      key: 'p4',
      code: 'MC-2022-04',
      name: 'Điểm tập kết, trung chuyển rác thải xã Hải Tiến (demo)',
      unit: '06733-old',
      type: 'standard',
      status: 'readiness',
      sources: { NSDP_TINH: 2.4 * TY },
      lat: 21.495,
      lon: 107.88,
      ready: false,
      indicators: [{ setCode: S21, code: '17.6' }],
    },
    {
      key: 'p5',
      code: 'MC-2022-05',
      name: 'Sân thể thao trung tâm xã Vạn Ninh (demo)',
      unit: '06748',
      type: 'standard',
      status: 'readiness',
      sources: { NSDP_TINH: 2.5 * TY, DOANH_NGHIEP: 0.5 * TY },
      lat: 21.45,
      lon: 107.93,
      ready: true,
      indicators: [{ setCode: S21, code: '6.1' }],
    },
    {
      key: 'p6',
      code: 'MC-2022-06',
      name: 'Cải tạo chợ nông thôn xã Hải Đông (demo)',
      unit: '06730',
      type: 'standard',
      status: 'proposed',
      sources: { LONG_GHEP: 2 * TY, NSDP_TINH: 3 * TY },
      lat: 21.53,
      lon: 107.9,
      ready: false,
      indicators: [{ setCode: S21, code: '7' }],
    },
    {
      key: 'q1',
      code: 'QN-2026-01',
      name: 'Cứng hóa đường trục chính nội đồng thôn Tài Chi, xã Hải Sơn (demo)',
      unit: '06724',
      type: 'standard',
      status: 'construction',
      sources: { NSDP_TINH: 3.2 * TY },
      lat: 21.6,
      lon: 107.83,
      ready: true,
      indicators: [{ setCode: S26, code: '2.3' }],
      contractor: 'Công ty TNHH Đường Việt (demo)',
    },
    {
      key: 'q2',
      code: 'QN-2026-02',
      name: 'Nâng cấp trạm cấp nước sạch xã Vĩnh Thực (demo)',
      unit: '06757',
      type: 'standard',
      status: 'construction',
      sources: { NSTW_DTPT: 5 * TY, NSDP_TINH: 3 * TY, XHH_TIEN: 0.25 * TY },
      lat: 21.405,
      lon: 107.95,
      ready: true,
      indicators: [{ setCode: S26, code: '8.1' }],
      contractor: 'Công ty CP Nước sạch Quảng Ninh (demo)',
    },
    {
      key: 'q3',
      code: 'QN-2026-03',
      name: 'Trường mầm non trung tâm xã Hải Ninh (demo)',
      unit: '06733',
      type: 'standard',
      status: 'construction',
      sources: { NSTW_DTPT: 6 * TY, NSDP_TINH: 6 * TY, XHH_TIEN: 0.3 * TY },
      lat: 21.47,
      lon: 107.85,
      ready: true,
      indicators: [{ setCode: S26, code: '2.7' }],
      contractor: 'Công ty CP Xây dựng Hải Ninh (demo)',
    },
    {
      key: 'q4',
      code: 'QN-2026-04',
      name: 'Nhà văn hóa thôn Xóm Giữa, xã Vĩnh Thực (demo)',
      unit: '06757',
      type: 'small_community',
      status: 'readiness',
      sources: { NSDP_TINH: 1.5 * TY, XHH_TIEN: 0.2 * TY },
      lat: 21.4,
      lon: 107.96,
      ready: false,
      indicators: [{ setCode: S26, code: '5.1' }],
    },
  ];
  const ids = new Map<string, number>();
  for (const p of list) {
    const unitId = unitIds.get(p.unit)!;
    const total = Object.values(p.sources).reduce((a, b) => a + b, 0);
    const [row] = await tx
      .insert(projects)
      .values({
        code: p.code,
        name: p.name,
        unitId,
        unitIds: [unitId],
        owner: p.code.startsWith('MC')
          ? 'Ban Quản lý dự án đầu tư xây dựng thành phố Móng Cái (demo)'
          : 'UBND xã (chủ đầu tư, demo)',
        type: p.type,
        status: p.status,
        totalInvestment: total,
        approvalDecision: p.status === 'construction' ? `QĐ ${100 + ids.size}/QĐ-UBND (demo)` : null,
        lat: p.lat,
        lon: p.lon,
        contractor: p.contractor ?? null,
        indicators: p.indicators ?? [],
        searchKey: searchKey(`${p.code} ${p.name}`),
        isDemo: true,
        createdAt: now,
        createdBy: officeId,
        updatedAt: now,
      })
      .returning();
    ids.set(p.key, row!.id);
    await tx
      .insert(projectSources)
      .values(Object.entries(p.sources).map(([sourceCode, amount]) => ({ projectId: row!.id, sourceCode, amount })));
    await tx.insert(readinessItems).values(
      READINESS_CHECKLIST.map((c, i) => ({
        projectId: row!.id,
        ...c,
        done: p.ready || i < 2,
        doneAt: p.ready || i < 2 ? now : null,
      })),
    );
  }

  const plan = async (v: {
    unit: string;
    year: number;
    name: string;
    resolution: string;
    date: string;
    body: string;
    lines: Record<string, number>;
    alloc: [string, string, number, string][];
  }) => {
    const [row] = await tx
      .insert(capitalPlans)
      .values({
        unitId: unitIds.get(v.unit)!,
        kind: 'annual',
        year: v.year,
        endYear: v.year,
        name: v.name,
        status: 'approved',
        resolutionNo: v.resolution,
        resolutionDate: v.date,
        body: v.body,
        isDemo: true,
        createdAt: now,
        createdBy: officeId,
      })
      .returning();
    await tx
      .insert(planLines)
      .values(Object.entries(v.lines).map(([sourceCode, amount]) => ({ planId: row!.id, sourceCode, amount })));
    await tx.insert(allocations).values(
      v.alloc.map(([key, sourceCode, amount, addedOn]) => ({
        planId: row!.id,
        projectId: ids.get(key)!,
        sourceCode,
        amount,
        addedOn,
      })),
    );
  };
  await plan({
    unit: 'MC',
    year: 2022,
    name: 'Kế hoạch vốn Chương trình MTQG xây dựng NTM năm 2022 (demo)',
    resolution: 'NQ 83/NQ-HĐND',
    date: '2021-12-17',
    body: 'HĐND thành phố Móng Cái',
    lines: { NSTW_DTPT: 6 * TY, NSDP_TINH: 8 * TY, NSDP_XA: 1.5 * TY },
    alloc: [
      ['p1', 'NSTW_DTPT', 2.5 * TY, '2022-01-10'],
      ['p1', 'NSDP_TINH', 1.5 * TY, '2022-01-10'],
      ['p1', 'NSDP_XA', 0.5 * TY, '2022-01-10'],
      ['p2', 'NSDP_TINH', 1.2 * TY, '2022-01-10'],
      ['p2', 'NSDP_XA', 0.4 * TY, '2022-01-10'],
      ['p3', 'NSTW_DTPT', 2.5 * TY, '2022-01-10'],
      ['p3', 'NSDP_TINH', 1.7 * TY, '2022-01-10'],
      ['p4', 'NSDP_TINH', 2.4 * TY, '2022-01-10'],
    ],
  });
  await plan({
    unit: 'QN',
    year: 2026,
    name: 'Kế hoạch vốn đầu tư công Chương trình MTQG NTM năm 2026 (demo)',
    resolution: 'NQ 45/NQ-HĐND (demo)',
    date: '2025-12-10',
    body: 'HĐND tỉnh Quảng Ninh',
    lines: { NSTW_DTPT: 20 * TY, NSDP_TINH: 30 * TY, XHH_TIEN: 0.6 * TY },
    alloc: [
      ['q1', 'NSDP_TINH', 3.2 * TY, '2026-10-15'],
      ['q2', 'XHH_TIEN', 0.25 * TY, '2026-01-20'],
      ['q3', 'XHH_TIEN', 0.3 * TY, '2026-01-20'],
      ['q2', 'NSTW_DTPT', 5 * TY, '2026-01-20'],
      ['q2', 'NSDP_TINH', 3.5 * TY, '2026-01-20'],
      ['q3', 'NSTW_DTPT', 6 * TY, '2026-01-20'],
      ['q3', 'NSDP_TINH', 4 * TY, '2026-01-20'],
    ],
  });
  const pay = async (
    key: string,
    code: string,
    year: number,
    sourceCode: string,
    date: string,
    amount: number,
    paymentType: 'advance' | 'acceptance',
    voucherRef: string,
  ) =>
    tx.insert(disbursements).values({
      projectId: ids.get(key)!,
      planYear: year,
      sourceCode,
      date,
      amount,
      paymentType,
      voucherRef,
      voucherKey: voucherKeyOf(voucherRef),
      importKey: importKeyOf({ projectCode: code, date, amount, voucherRef, sourceCode }),
      isDemo: true,
      createdAt: now,
      createdBy: officeId,
    });
  await pay('p3', 'MC-2022-03', 2022, 'NSTW_DTPT', '2022-01-25', 500 * TR, 'advance', 'KB-2022-0012');
  await pay('p1', 'MC-2022-01', 2022, 'NSTW_DTPT', '2022-02-18', 800 * TR, 'advance', 'KB-2022-0047');
  await pay('p2', 'MC-2022-02', 2022, 'NSDP_TINH', '2022-03-22', 300 * TR, 'advance', 'KB-2022-0093');
  await pay('p1', 'MC-2022-01', 2022, 'NSDP_TINH', '2022-04-20', 400 * TR, 'acceptance', 'KB-2022-0131');
  await pay('p3', 'MC-2022-03', 2022, 'NSTW_DTPT', '2022-05-12', 300 * TR, 'acceptance', 'KB-2022-0166');
  // After the May session: the second half of 2022 (what the December re-supervision saw).
  await pay('p1', 'MC-2022-01', 2022, 'NSDP_TINH', '2022-10-20', 1100 * TR, 'acceptance', 'KB-2022-0512');
  await pay('p3', 'MC-2022-03', 2022, 'NSTW_DTPT', '2022-11-15', 1500 * TR, 'acceptance', 'KB-2022-0588');
  await pay('p4', 'MC-2022-04', 2022, 'NSDP_TINH', '2022-12-05', 800 * TR, 'advance', 'KB-2022-0630');
  for (const [m, amt] of [
    ['02', 900],
    ['04', 1200],
    ['06', 1400],
    ['08', 1000],
    ['10', 1000],
  ] as const) {
    await pay(
      'q2',
      'QN-2026-02',
      2026,
      m < '06' ? 'NSTW_DTPT' : 'NSDP_TINH',
      `2026-${m}-20`,
      amt * TR,
      m === '02' ? 'advance' : 'acceptance',
      `KB-2026-Q2-${m}`,
    );
  }
  await pay('q3', 'QN-2026-03', 2026, 'NSTW_DTPT', '2026-03-15', 1200 * TR, 'advance', 'KB-2026-Q3-03');
  await pay('q1', 'QN-2026-01', 2026, 'NSDP_TINH', '2026-11-05', 400 * TR, 'advance', 'KB-2026-Q1-11');
  // Money the people of Vĩnh Thực and Hải Ninh put in, recorded as it was handed over.
  await pay('q2', 'QN-2026-02', 2026, 'XHH_TIEN', '2026-05-12', 180 * TR, 'acceptance', 'XHH-2026-VT-01');
  await pay('q3', 'QN-2026-03', 2026, 'XHH_TIEN', '2026-04-22', 120 * TR, 'acceptance', 'XHH-2026-HN-01');
  await pay('q3', 'QN-2026-03', 2026, 'XHH_TIEN', '2026-09-15', 95 * TR, 'acceptance', 'XHH-2026-HN-02');
  await tx.insert(contributions).values([
    {
      projectId: ids.get('p1')!,
      sourceCode: 'XHH_DAT',
      date: '2022-02-10',
      quantity: 1200,
      valueVnd: 0,
      note: 'Nhân dân hiến đất mở rộng đường (demo)',
      createdAt: now,
    },
    {
      projectId: ids.get('p1')!,
      sourceCode: 'XHH_CONG',
      date: '2022-04-15',
      quantity: 350,
      valueVnd: 70 * TR,
      note: 'Ngày công đóng góp (demo)',
      createdAt: now,
    },
    {
      projectId: ids.get('q2')!,
      sourceCode: 'XHH_DAT',
      date: '2026-03-12',
      quantity: 850,
      valueVnd: 0,
      note: 'Các hộ thôn Xóm Giữa hiến đất làm tuyến ống (demo)',
      createdAt: now,
    },
    {
      projectId: ids.get('q2')!,
      sourceCode: 'XHH_CONG',
      date: '2026-06-20',
      quantity: 420,
      valueVnd: 105 * TR,
      note: 'Ngày công đào rãnh, lấp ống (demo)',
      createdAt: now,
    },
    {
      projectId: ids.get('q3')!,
      sourceCode: 'XHH_CONG',
      date: '2026-04-18',
      quantity: 260,
      valueVnd: 65 * TR,
      note: 'Ngày công san nền, làm sân chơi (demo)',
      createdAt: now,
    },
    {
      projectId: ids.get('q4')!,
      sourceCode: 'XHH_DAT',
      date: '2026-08-01',
      quantity: 300,
      valueVnd: 0,
      note: 'Hộ ông Lâm Văn Sáng hiến đất xây nhà văn hóa thôn (demo)',
      createdAt: now,
    },
  ]);
  // The roadmap item for Hải Sơn's field road now has its investment project.
  const [roadItem] = await tx.select().from(roadmapItems).where(eq(roadmapItems.indicatorCode, '2.3'));
  if (roadItem)
    await tx
      .update(roadmapItems)
      .set({ projectId: ids.get('q1')! })
      .where(eq(roadmapItems.id, roadItem.id));
  return ids;
}
