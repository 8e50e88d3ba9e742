import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../context';
import {
  allocations,
  assessmentResults,
  assessments,
  assessmentValues,
  capitalPlans,
  criteriaSets,
  disbursements,
  evidence,
  files,
  ocopProducers,
  ocopProducts,
  planLines,
  projects,
  projectSources,
  roleGrants,
  unitClassifications,
  unitParents,
  units,
  users,
} from '../db/schema';
import { CriteriaSetDoc, type IndicatorValue } from '../domain/criteria/schema';
import { evaluateAssessmentCompact, resultRow } from '../features/assessments/results';
import { hashPassword } from '../features/auth/passwords';
import { rebuildUnitScope } from '../features/units/scope';
import { demoValue } from '../seed/demo-criteria';
import { ensureReferenceData } from '../seed/reference';
import { rng } from '../shared/rng';
import { searchKey } from '../shared/vi';

export type ScaleOptions = {
  communes: number;
  months: number;
  /** Same seed, same data, on every machine. */
  seed?: number;
  /** The last month assessed (yyyy-mm). */
  lastMonth?: string;
  /**
   * Months (counted back from the last) whose indicator values and evidence are stored; older months
   * keep their results only, as history carried over from an earlier system. Default: all.
   */
  valueMonths?: number;
  /** Demo-style password of the generated office accounts. */
  password?: string;
  onProgress?: (message: string) => void;
};

export type ScaleSummary = {
  provinces: { id: number; code: string; name: string; communes: number; officeUser: string }[];
  countryId: number;
  nationalUser: string;
  password: string;
  lastMonth: string;
  counts: Record<string, number>;
};

export const SCALE_PASSWORD = 'QuyMo@2026';
const MAX_PROVINCES = 34;
const SYLLABLES = [
  'An', 'Bình', 'Cẩm', 'Đông', 'Đức', 'Giang', 'Hà', 'Hải', 'Hòa', 'Hưng', 'Khánh', 'Lạc', 'Lâm', 'Long', 'Minh',
  'Nam', 'Ngọc', 'Nghĩa', 'Phú', 'Phúc', 'Quảng', 'Sơn', 'Tân', 'Thạch', 'Thanh', 'Thành', 'Thịnh', 'Thuận',
  'Tiến', 'Trung', 'Trường', 'Tường', 'Văn', 'Vĩnh', 'Xuân', 'Yên', 'Ân', 'Ðạo', 'Lộc', 'Mỹ',
]; // prettier-ignore
const REGIONS = ['TDMNPB', 'DBSH', 'BTB', 'DHNTB', 'TN', 'DNB', 'DBSCL'];
const GROUPS = ['NHOM_1', 'NHOM_2', 'NHOM_3'];
const SOURCES = ['NSTW_DTPT', 'NSDP_XA'];
const OCOP_GROUPS = ['Thực phẩm', 'Đồ uống', 'Thảo dược', 'Thủ công mỹ nghệ'];

function monthList(last: string, count: number): string[] {
  const [y, m] = last.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}

/** Writes rows in order, a chunk at a time (identity values follow the input order). */
async function insertChunked<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>, size = 1000) {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

/**
 * Generates a country-wide synthetic dataset: provinces of about a hundred communes each, every
 * commune assessed monthly (values, results, evidence metadata), projects with their ledger, and
 * OCOP producers and products. Deterministic from `seed`; everything is marked as demo data.
 * Runs into an empty installation (reference data only).
 */
export async function seedScale(deps: Deps, opts: ScaleOptions): Promise<ScaleSummary> {
  const seed = opts.seed ?? 1;
  const lastMonth = opts.lastMonth ?? '2026-10';
  const password = opts.password ?? SCALE_PASSWORD;
  const log = opts.onProgress ?? (() => undefined);
  const rand = rng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const now = deps.clock.now();
  const db = deps.db;

  await ensureReferenceData(deps);
  const [country] = await db.select().from(units).where(eq(units.code, 'VN'));
  const setRows = await db.select().from(criteriaSets);
  const setOf = (code: string) => {
    const row = setRows.find((s) => s.code === code);
    if (!row) throw new Error(`criteria set ${code} missing`);
    return { id: row.id, doc: CriteriaSetDoc.parse(row.document) };
  };
  const old = setOf('VN-NTM-XA-2021-2025');
  const current = setOf('VN-NTM-XA-2026-2030');

  // Units: provinces under the country, communes under provinces.
  const provinceCount = Math.max(1, Math.min(MAX_PROVINCES, Math.ceil(opts.communes / 100)));
  const unitRow = (code: string, name: string, type: 'province' | 'commune') => ({
    code,
    name,
    type,
    effectiveFrom: '2020-01-01',
    searchKey: searchKey(name),
    verified: false,
    sourceNote: 'Dữ liệu mô phỏng quy mô toàn quốc',
    isDemo: true,
    createdAt: now,
    updatedAt: now,
  });
  const provinceRows = await db
    .insert(units)
    .values(
      Array.from({ length: provinceCount }, (_, i) =>
        unitRow(
          `SP${String(i + 1).padStart(2, '0')}`,
          `tỉnh ${SYLLABLES[i % SYLLABLES.length]} ${SYLLABLES[(i * 7 + 3) % SYLLABLES.length]} (mô phỏng)`,
          'province',
        ),
      ),
    )
    .returning();
  const communeInputs = Array.from({ length: opts.communes }, (_, i) =>
    unitRow(`SX${String(i + 1).padStart(5, '0')}`, `xã ${pick(SYLLABLES)} ${pick(SYLLABLES)}`, 'commune'),
  );
  const communeRows: (typeof units.$inferSelect)[] = [];
  await insertChunked(communeInputs, async (chunk) => communeRows.push(...(await db.insert(units).values(chunk).returning())));
  const provinceOf = (i: number) => provinceRows[i % provinceCount]!;
  await insertChunked([...provinceRows.map((p) => ({ unitId: p.id, parentId: country!.id, effectiveFrom: '2020-01-01' })),
    ...communeRows.map((c, i) => ({ unitId: c.id, parentId: provinceOf(i).id, effectiveFrom: '2020-01-01' }))], (chunk) =>
    db.insert(unitParents).values(chunk),
  ); // prettier-ignore
  await rebuildUnitScope(db);
  log(`${provinceCount} provinces, ${communeRows.length} communes`);

  // Classes: a region (2021–2025 set) and a group (2026–2030 set) per commune.
  const regionOf = new Map<number, string>();
  const groupOf = new Map<number, string>();
  const classRows = communeRows.flatMap((c, i) => {
    const region = REGIONS[(i % provinceCount) % REGIONS.length]!;
    const group = pick(GROUPS);
    regionOf.set(c.id, region);
    groupOf.set(c.id, group);
    return [
      {
        unitId: c.id,
        dimension: 'region7' as const,
        value: region,
        effectiveFrom: '2021-01-01',
        effectiveTo: '2026-02-15',
        verified: false,
      },
      { unitId: c.id, dimension: 'group3' as const, value: group, effectiveFrom: '2026-02-15', verified: false },
    ];
  });
  await insertChunked(classRows, (chunk) => db.insert(unitClassifications).values(chunk));

  // Accounts: a coordination office per province and one national administrator.
  const passwordHash = await hashPassword(password);
  const accounts = [
    ...provinceRows.map((p) => ({
      username: `vpdp.${p.code.toLowerCase()}`,
      unitId: p.id,
      role: 'coordination_office' as const,
    })),
    { username: 'quantri.quymo', unitId: country!.id, role: 'system_admin' as const },
  ];
  for (const a of accounts) {
    const [u] = await db
      .insert(users)
      .values({
        username: a.username,
        fullName: `Tài khoản mô phỏng ${a.username}`,
        homeUnitId: a.unitId,
        passwordHash,
        searchKey: searchKey(a.username),
        isDemo: true,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await db.insert(roleGrants).values({ userId: u!.id, role: a.role, unitId: a.unitId, grantedAt: now });
  }

  // Evidence files: a small pool of real documents, shared through content addressing.
  const fileIds: number[] = [];
  for (let i = 0; i < 32; i++) {
    const bytes = new TextEncoder().encode(`%PDF-1.4\n% Biên bản kiểm tra mô phỏng số ${i + 1}\n%%EOF\n`);
    const stored = await deps.files.put(bytes);
    const [f] = await db
      .insert(files)
      .values({ sha256: stored.sha256, size: stored.size, mime: 'application/pdf', createdAt: now })
      .onConflictDoNothing()
      .returning();
    if (f) fileIds.push(f.id);
  }

  // Assessments, month by month: each commune improves at its own pace.
  const months = monthList(lastMonth, opts.months);
  const pace = new Map(communeRows.map((c) => [c.id, { start: 0.55 + rand() * 0.35, step: rand() * 0.012 }]));
  let valueCount = 0;
  let assessmentCount = 0;
  for (const [mi, month] of months.entries()) {
    const period = `${month}-01`;
    const year = Number(month.slice(0, 4));
    const set = period >= '2026-02-15' ? current : old;
    const indicators = set.doc.criteria.flatMap((c) => c.indicators);
    // January–February 2026 are still counted on the 2021–2025 set, whose yearly thresholds end in 2025.
    const valueYear = set === old ? Math.min(year, 2025) : year;
    const last = mi === months.length - 1;
    const storeValues = mi >= months.length - (opts.valueMonths ?? months.length);
    const at = new Date(`${month}-25T03:00:00Z`);
    const plans = communeRows.map((c) => {
      const cls = set === current ? groupOf.get(c.id)! : regionOf.get(c.id)!;
      const r = rand();
      const status: 'verified' | 'submitted' | 'draft' = !last || r < 0.7 ? 'verified' : r < 0.9 ? 'submitted' : 'draft';
      return { unitId: c.id, cls, status };
    });
    const inserted: { id: number; unitId: number }[] = [];
    await insertChunked(plans, async (chunk) =>
      inserted.push(
        ...(await db
          .insert(assessments)
          .values(
            chunk.map((p) => ({
              unitId: p.unitId,
              setId: set.id,
              period,
              classCode: p.cls,
              status: p.status,
              createdAt: at,
              updatedAt: at,
              submittedAt: p.status === 'draft' ? null : at,
              verifiedAt: p.status === 'verified' ? new Date(at.getTime() + 2 * 86_400_000) : null,
              isDemo: true,
            })),
          )
          .returning({ id: assessments.id, unitId: assessments.unitId })),
      ),
    );
    const ids = new Map(inserted.map((r) => [r.unitId, r.id]));
    const valueRows: (typeof assessmentValues.$inferInsert)[] = [];
    const resultRows: (typeof assessmentResults.$inferInsert)[] = [];
    const evidenceRows: (typeof evidence.$inferInsert)[] = [];
    for (const p of plans) {
      const id = ids.get(p.unitId)!;
      const { start, step } = pace.get(p.unitId)!;
      const chance = Math.min(0.99, start + step * mi);
      const values: Record<string, IndicatorValue | undefined> = {};
      for (const ind of indicators) {
        if (rand() < 0.015) continue; // not reported this month
        const value = demoValue(ind, p.cls, valueYear, rand() < chance, rand);
        values[ind.code] = value;
        if (storeValues)
          valueRows.push({
            assessmentId: id,
            indicatorCode: ind.code,
            value,
            updatedAt: at,
            review: p.status === 'verified' ? 'accepted' : 'pending',
          });
      }
      const e = evaluateAssessmentCompact({ base: set.doc, advanced: null, model: null }, 'ntm', p.cls, year, values);
      resultRows.push(resultRow(id, e, now));
      for (let k = 0; k < 2 && storeValues; k++) {
        evidenceRows.push({
          assessmentId: id,
          indicatorCode: pick(indicators).code,
          fileId: pick(fileIds),
          originalName: `Biên bản kiểm tra ${month}.pdf`,
          addedAt: at,
        });
      }
    }
    await insertChunked(valueRows, (chunk) => db.insert(assessmentValues).values(chunk), 2000);
    await insertChunked(resultRows, (chunk) => db.insert(assessmentResults).values(chunk), 500);
    await insertChunked(evidenceRows, (chunk) => db.insert(evidence).values(chunk), 2000);
    valueCount += valueRows.length;
    assessmentCount += plans.length;
    log(`${month}: ${plans.length} assessments, ${valueRows.length} values`);
  }

  // Projects with planned sources and a Treasury ledger; OCOP producers and products.
  const years = [...new Set(months.map((m) => Number(m.slice(0, 4))))];
  const projectInputs = communeRows.flatMap((c, i) =>
    Array.from({ length: 3 }, (_, k) => {
      const name = `${pick(['Đường giao thông', 'Nhà văn hóa', 'Kênh mương', 'Trường mầm non', 'Chợ'])} thôn ${pick(SYLLABLES)}`;
      return {
        code: `DA-${c.code}-${k + 1}`,
        name,
        unitId: c.id,
        unitIds: [c.id],
        owner: `UBND ${c.name}`,
        status: 'construction' as const,
        totalInvestment: Math.round((1 + rand() * 20) * 500_000_000),
        startDate: `${years[0]}-03-01`,
        searchKey: searchKey(`${name} ${c.code}`),
        isDemo: true,
        createdAt: now,
        updatedAt: now,
        provinceIndex: i % provinceCount,
      };
    }),
  );
  const projectRows: { id: number; totalInvestment: number; code: string }[] = [];
  await insertChunked(projectInputs, async (chunk) =>
    projectRows.push(
      ...(await db
        .insert(projects)
        .values(chunk.map(({ provinceIndex: _p, ...row }) => row))
        .returning({ id: projects.id, totalInvestment: projects.totalInvestment, code: projects.code })),
    ),
  );
  const sourceRows = projectRows.flatMap((p) => {
    const central = Math.round((p.totalInvestment * (0.4 + rand() * 0.4)) / 1e6) * 1e6;
    return [
      { projectId: p.id, sourceCode: SOURCES[0]!, amount: central },
      { projectId: p.id, sourceCode: SOURCES[1]!, amount: p.totalInvestment - central },
    ];
  });
  await insertChunked(sourceRows, (chunk) => db.insert(projectSources).values(chunk));
  // Each province approves an annual plan a year that allocates every project its planned sources.
  const projectProvince = new Map(projectInputs.map((p, i) => [projectRows[i]!.id, p.provinceIndex]));
  for (const year of years) {
    const plans = await db
      .insert(capitalPlans)
      .values(
        provinceRows.map((p) => ({
          unitId: p.id,
          kind: 'annual' as const,
          year,
          endYear: year,
          name: `Kế hoạch vốn năm ${year} — ${p.name}`,
          status: 'approved' as const,
          resolutionNo: `${year}/NQ-HĐND (mô phỏng)`,
          resolutionDate: `${year - 1}-12-10`,
          isDemo: true,
          createdAt: now,
        })),
      )
      .returning({ id: capitalPlans.id });
    const allocationRows = sourceRows.map((s) => ({
      planId: plans[projectProvince.get(s.projectId)!]!.id,
      projectId: s.projectId,
      sourceCode: s.sourceCode,
      amount: s.amount,
      addedOn: `${year}-01-15`,
    }));
    await insertChunked(allocationRows, (chunk) => db.insert(allocations).values(chunk));
    const lineTotals = new Map<string, number>();
    for (const a of allocationRows)
      lineTotals.set(`${a.planId}|${a.sourceCode}`, (lineTotals.get(`${a.planId}|${a.sourceCode}`) ?? 0) + a.amount);
    await db
      .insert(planLines)
      .values([...lineTotals].map(([k, amount]) => ({ planId: Number(k.split('|')[0]), sourceCode: k.split('|')[1]!, amount })));
  }
  const ledgerRows = projectRows.flatMap((p) =>
    Array.from({ length: 4 }, (_, k) => {
      const month = months[Math.floor(rand() * months.length)]!;
      return {
        projectId: p.id,
        planYear: Number(month.slice(0, 4)),
        sourceCode: pick(SOURCES),
        date: `${month}-${String(1 + Math.floor(rand() * 27)).padStart(2, '0')}`,
        amount: Math.max(1e5, Math.round((p.totalInvestment * 0.04 * rand()) / 1e5) * 1e5),
        paymentType: k === 0 ? ('advance' as const) : ('acceptance' as const),
        voucherRef: `KB-${p.code}-${k + 1}`,
        voucherKey: `KB-${p.code}-${k + 1}`,
        importKey: `scale:${p.code}:${k + 1}`,
        isDemo: true,
        createdAt: now,
      };
    }),
  );
  await insertChunked(ledgerRows, (chunk) => db.insert(disbursements).values(chunk));
  log(`${projectRows.length} projects, ${ledgerRows.length} ledger lines`);

  const producerRows: { id: number; unitId: number }[] = [];
  const producerInputs = communeRows.map((c) => {
    const name = `HTX ${pick(SYLLABLES)} ${pick(SYLLABLES)}`;
    return { unitId: c.id, name, kind: 'cooperative' as const, searchKey: searchKey(name), isDemo: true, createdAt: now };
  });
  await insertChunked(producerInputs, async (chunk) =>
    producerRows.push(
      ...(await db.insert(ocopProducers).values(chunk).returning({ id: ocopProducers.id, unitId: ocopProducers.unitId })),
    ),
  );
  const productInputs = producerRows.flatMap((p, i) =>
    Array.from({ length: 2 }, (_, k) => {
      const name = `${pick(['Mật ong', 'Chè', 'Miến dong', 'Nước mắm', 'Gạo', 'Rượu'])} ${pick(SYLLABLES)}`;
      return {
        code: `OCOP-S${String(i + 1).padStart(5, '0')}-${k + 1}`,
        producerId: p.id,
        unitId: p.unitId,
        name,
        groupName: pick(OCOP_GROUPS),
        setNo: 1,
        stage: pick(['awareness', 'implementing', 'evaluation', 'promotion'] as const),
        cycleYear: years[years.length - 1]!,
        searchKey: searchKey(name),
        isDemo: true,
        createdAt: now,
        updatedAt: now,
      };
    }),
  );
  await insertChunked(productInputs, (chunk) => db.insert(ocopProducts).values(chunk));

  // Fresh statistics so the planner sees the new volumes at once (PGlite has no autovacuum).
  await db.execute(sql`analyze`);
  return {
    countryId: country!.id,
    provinces: provinceRows.map((p, i) => ({
      id: p.id,
      code: p.code,
      name: p.name,
      communes: communeRows.filter((_, ci) => ci % provinceCount === i).length,
      officeUser: `vpdp.${p.code.toLowerCase()}`,
    })),
    nationalUser: 'quantri.quymo',
    password,
    lastMonth,
    counts: {
      provinces: provinceRows.length,
      communes: communeRows.length,
      assessments: assessmentCount,
      values: valueCount,
      projects: projectRows.length,
      disbursements: ledgerRows.length,
      products: productInputs.length,
    },
  };
}
