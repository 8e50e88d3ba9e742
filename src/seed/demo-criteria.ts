import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { assessmentResults, assessments, assessmentValues, criteriaSets, unitClassifications } from '../db/schema';
import { pickThreshold } from '../domain/criteria/engine';
import { CriteriaSetDoc, type Indicator, type IndicatorValue } from '../domain/criteria/schema';
import { evaluateAssessmentCompact, resultRow, type AssessmentSets } from '../features/assessments/results';
import { rng } from '../shared/rng';
import adv2021 from './criteria/vn-ntm-xa-nang-cao-2021-2025.json';
import base2021 from './criteria/vn-ntm-xa-2021-2025.json';
import model2021 from './criteria/vn-ntm-xa-kieu-mau-2021-2025.json';
import set2026 from './criteria/vn-ntm-xa-2026-2030.json';

/** The shipped national sets, published and owned by the country. */
export const SHIPPED_SETS = [base2021, adv2021, model2021, set2026];

export async function loadShippedSets(tx: Db, countryId: number, now: Date) {
  const ids = new Map<string, number>();
  for (const raw of SHIPPED_SETS) {
    const doc = CriteriaSetDoc.parse(raw);
    const [row] = await tx
      .insert(criteriaSets)
      .values({
        code: doc.code,
        version: doc.version,
        status: 'published',
        level: doc.level,
        phase: doc.phase,
        nameVi: doc.name_vi,
        dimension: doc.classification.dimension,
        effectiveFrom: doc.effectiveFrom,
        effectiveTo: doc.effectiveTo,
        baseCode: doc.derivation?.baseCode ?? null,
        derivation: doc.derivation?.kind ?? null,
        ownerUnitId: countryId,
        document: doc,
        verified: doc.verified,
        createdAt: now,
        publishedAt: now,
      })
      .returning();
    ids.set(doc.code, row!.id);
  }
  return ids;
}

/** The whole of a commune's ratio indicator: the same every month but for a slow growth (≈ 0,2 % a month). */
export function demoWhole(unitKey: string, code: string, monthIndex: number): number {
  const h = [...`${unitKey}:${code}`].reduce((acc, ch) => (acc * 31 + ch.charCodeAt(0)) % 1_000_003, 17);
  const base = 400 + (h % 1600);
  return base + Math.floor((base * 2 * monthIndex) / 1000);
}

/** A plausible value that meets (or misses) the threshold that applies to this class and year. */
export function demoValue(
  ind: Indicator,
  cls: string,
  year: number,
  met: boolean,
  rand: () => number,
  /** A ratio's whole (households, roads…): stable for a commune, so months do not jump. */
  whole?: number,
): IndicatorValue {
  const t = pickThreshold(ind.thresholds, cls, year);
  if (!t) throw new Error(`no threshold for ${ind.code}`);
  switch (ind.type) {
    case 'boolean':
      return met ? t.expect! : !t.expect;
    case 'number': {
      const v = t.value!;
      const up = t.op === '>=' || t.op === '>';
      const factor = met === up ? 1.04 + rand() * 0.1 : 0.8 + rand() * 0.12;
      return Math.round(v * factor * 10) / 10 + (met && up ? 0.1 : 0);
    }
    case 'ratio': {
      const drawn = 400 + Math.floor(rand() * 1600);
      const den = whole ?? drawn;
      const pct = t.value!;
      const up = t.op === '>=' || t.op === '>';
      let num: number;
      if (up)
        num = met
          ? Math.min(den, Math.ceil((den * Math.min(100, pct + rand() * (100 - pct))) / 100) + (t.op === '>' ? 1 : 0))
          : Math.floor((den * Math.max(0, pct - 4 - rand() * 12)) / 100);
      else num = met ? Math.floor((den * pct * (0.5 + rand() * 0.4)) / 100) : Math.ceil((den * (pct + 1 + rand() * 6)) / 100);
      return { num: Math.min(num, den), den };
    }
    case 'level':
      return met ? ind.levels![ind.levels!.length - 1]! : ind.levels![0]!;
    case 'k_of_n':
      return ind.items!.slice(0, met ? t.k : t.k! - 1).map((i) => i.code);
  }
}

type CommunePlan = {
  key: string;
  target: 'ntm' | 'advanced' | 'model';
  /** criterion number → how many of its indicators are unmet in May 2022 */
  unmet: Record<string, number>;
  /** indicators left empty (reported as missing) instead of filled with an unmet value */
  missing?: string[];
};

/**
 * May 2022 figures of the nine communes of Móng Cái, chosen so that they average exactly
 * 13/19 criteria and 42,33/57 indicators (117 criteria and 381 indicators in total); Bắc Sơn meets
 * the model conditions and Hải Xuân the advanced set, as they were recognised.
 */
export const MONG_CAI_2022: CommunePlan[] = [
  { key: '06727', target: 'model', unmet: {} },
  { key: '06745', target: 'advanced', unmet: {} },
  { key: '06739', target: 'advanced', unmet: { '13': 2, '17': 5, '6': 2, '2': 2 } },
  { key: '06748', target: 'ntm', unmet: { '1': 1, '13': 3, '17': 6, '6': 1, '12': 2 } },
  { key: '06724-old', target: 'ntm', unmet: { '1': 1, '2': 2, '6': 2, '12': 2, '13': 3, '14': 1, '17': 6 } },
  { key: '06757-old', target: 'ntm', unmet: { '1': 2, '2': 3, '3': 1, '6': 2, '9': 1, '12': 2, '13': 3, '14': 2, '17': 6 } },
  {
    key: '06754',
    target: 'ntm',
    unmet: { '1': 1, '2': 3, '3': 1, '5': 1, '6': 2, '9': 1, '12': 2, '13': 3, '14': 2, '17': 7 },
    missing: ['17.12', '17.11'],
  },
  { key: '06733-old', target: 'ntm', unmet: { '1': 1, '2': 2, '4': 1, '6': 2, '12': 2, '13': 3, '15': 2, '16': 1, '17': 7 } },
  {
    key: '06730',
    target: 'ntm',
    unmet: { '1': 2, '2': 3, '3': 1, '6': 2, '8': 2, '12': 2, '13': 3, '14': 2, '15': 2, '17': 6 },
    missing: ['17.12'],
  },
];

/** Indicators that tend to lag first, per criterion (the seed names planning, culture, production, environment). */
const LAG_ORDER: Record<string, string[]> = {
  '1': ['1.2', '1.1'],
  '2': ['2.4', '2.3', '2.2', '2.1'],
  '3': ['3.1', '3.2'],
  '4': ['4.2', '4.1'],
  '5': ['5'],
  '6': ['6.2', '6.3', '6.1'],
  '8': ['8.4', '8.3', '8.2', '8.1'],
  '9': ['9.2', '9.1'],
  '12': ['12.2', '12.1'],
  '13': ['13.3', '13.2', '13.4', '13.1'],
  '14': ['14.2', '14.3', '14.1'],
  '15': ['15.4', '15.1', '15.3', '15.2'],
  '16': ['16'],
  '17': ['17.6', '17.11', '17.12', '17.8', '17.9', '17.4', '17.1', '17.7', '17.3', '17.2', '17.5', '17.10'],
};
/** Indicators that were still short earlier in the year and were fixed by May. */
const EARLIER_GAPS = ['10', '11', '4.2', '7', '18.5', '16'];

function unmetCodes(plan: CommunePlan): Set<string> {
  return new Set(Object.entries(plan.unmet).flatMap(([c, n]) => LAG_ORDER[c]!.slice(0, n)));
}

export type DemoPeople = { office2022: number; office2026: number; officerHaiSon: number };

type DemoAssessment = {
  unitId: number;
  setId: number;
  advancedSetId: number | null;
  modelSetId: number | null;
  month: string;
  classCode: string;
  target: 'ntm' | 'advanced' | 'model';
  status: 'verified' | 'draft';
  enteredBy: number;
  verifiedBy: number | null;
  /** The documents of the set ids above, to evaluate without reading them back. */
  sets: AssessmentSets;
  values: Record<string, IndicatorValue | null>;
};

/**
 * Writes the demo assessments with one insert per table instead of a round of statements per month,
 * and evaluates them in memory with the same engine and row builder as `refreshResults`.
 */
async function insertAssessments(tx: Db, list: DemoAssessment[], now: Date) {
  if (!list.length) return;
  const at = (a: DemoAssessment) => new Date(`${a.month}-25T03:00:00Z`);
  const rows = await tx
    .insert(assessments)
    .values(
      list.map((a) => ({
        unitId: a.unitId,
        setId: a.setId,
        advancedSetId: a.advancedSetId,
        modelSetId: a.modelSetId,
        period: `${a.month}-01`,
        classCode: a.classCode,
        targetLevel: a.target,
        status: a.status,
        createdAt: at(a),
        createdBy: a.enteredBy,
        updatedAt: at(a),
        submittedAt: a.status === 'verified' ? at(a) : null,
        submittedBy: a.status === 'verified' ? a.enteredBy : null,
        verifiedAt: a.status === 'verified' ? new Date(at(a).getTime() + 3 * 86_400_000) : null,
        verifiedBy: a.verifiedBy,
        isDemo: true,
      })),
    )
    .returning({ id: assessments.id });
  // One statement with each column bound as an array: building thousands of single parameters costs more than the insert.
  const cells = list.flatMap((a, k) =>
    Object.entries(a.values).flatMap(([code, value]) => (value === null ? [] : [{ a, id: rows[k]!.id, code, value }])),
  );
  if (cells.length) {
    const column = <T>(f: (c: (typeof cells)[number]) => T) => sql.param(cells.map(f));
    await tx.execute(sql`
      insert into ${assessmentValues} (assessment_id, indicator_code, value, version, updated_at, updated_by, review)
      select id, code, value::jsonb, 1, at, by, review
        from unnest(${column((c) => c.id)}::int[], ${column((c) => c.code)}::text[], ${column((c) => JSON.stringify(c.value))}::text[],
                    ${column((c) => at(c.a).toISOString())}::timestamptz[], ${column((c) => c.a.enteredBy)}::int[],
                    ${column((c) => (c.a.status === 'verified' ? 'accepted' : 'pending'))}::text[])
             as t(id, code, value, at, by, review)`);
  }
  const results = list.map((a, k) => {
    const values = Object.fromEntries(Object.entries(a.values).filter(([, v]) => v !== null)) as Record<string, IndicatorValue>;
    const e = evaluateAssessmentCompact(a.sets, a.target, a.classCode, Number(a.month.slice(0, 4)), values);
    return resultRow(rows[k]!.id, e, now);
  });
  await tx.insert(assessmentResults).values(results);
}

/**
 * The two assessment scenarios: Móng Cái's nine communes, January–May and December 2022, under the
 * 2021–2025 set (all verified); and the merged communes of 2026 under the 2026–2030 set.
 */
export async function loadAssessmentDemo(
  tx: Db,
  unitIds: Map<string, number>,
  setIds: Map<string, number>,
  people: DemoPeople,
  now: Date,
) {
  const docs = new Map(SHIPPED_SETS.map((raw) => CriteriaSetDoc.parse(raw)).map((d) => [d.code, d]));
  const base = docs.get('VN-NTM-XA-2021-2025')!;
  const adv = docs.get('VN-NTM-XA-NANG-CAO-2021-2025')!;
  const model = docs.get('VN-NTM-XA-KIEU-MAU-2021-2025')!;
  const s2026 = docs.get('VN-NTM-XA-2026-2030')!;

  const classifications: (typeof unitClassifications.$inferInsert)[] = [];
  const demo: DemoAssessment[] = [];
  const sets2022: AssessmentSets = { base, advanced: adv, model };
  for (const plan of MONG_CAI_2022) {
    const unitId = unitIds.get(plan.key)!;
    classifications.push({
      unitId,
      dimension: 'region7',
      value: 'TDMNPB',
      effectiveFrom: '2021-01-01',
      effectiveTo: '2025-07-01',
      legalBasis: 'QĐ 318/QĐ-TTg — bảng phân vùng',
      verified: false,
      note: 'Quảng Ninh thường được xếp vùng Trung du và miền núi phía Bắc trong bảng NTM — cần đối chiếu',
    });
    const doc = plan.target === 'model' ? model : plan.target === 'advanced' ? adv : base;
    const indicators = doc.criteria.flatMap((c) => c.indicators);
    // A shortfall is generated against the base set's (looser) threshold so it is a shortfall at every level;
    // a met value against the target set's (stricter) one so it meets every level.
    const baseIndicators = new Map(base.criteria.flatMap((c) => c.indicators).map((i) => [i.code, i]));
    const mayGaps = unmetCodes(plan);
    const seed = [...plan.key].reduce((s, ch) => s * 31 + ch.charCodeAt(0), 7);
    const lateStart = plan.target === 'ntm' || plan.key === '06739' ? 4 : 2;
    // December: each criterion's shortfalls halved by the work after the May session (re-supervision figures).
    const decemberGaps = new Set(Object.entries(plan.unmet).flatMap(([c, n]) => LAG_ORDER[c]!.slice(0, Math.floor(n / 2))));
    for (const m of [1, 2, 3, 4, 5, 12]) {
      const extra = EARLIER_GAPS.filter((c) => !mayGaps.has(c)).slice(0, Math.max(0, lateStart - m + 1));
      const gapsNow = m === 12 ? decemberGaps : new Set([...mayGaps, ...extra]);
      const rand = rng(seed * 100 + m);
      const values: Record<string, IndicatorValue | null> = {};
      for (const ind of indicators) {
        const missing = plan.missing?.includes(ind.code) && gapsNow.has(ind.code);
        const met = !gapsNow.has(ind.code);
        values[ind.code] = missing
          ? null
          : demoValue(
              met ? ind : (baseIndicators.get(ind.code) ?? ind),
              'TDMNPB',
              2022,
              met,
              rand,
              demoWhole(plan.key, ind.code, m),
            );
      }
      demo.push({
        unitId,
        setId: setIds.get(base.code)!,
        advancedSetId: setIds.get(adv.code)!,
        modelSetId: setIds.get(model.code)!,
        month: `2022-${String(m).padStart(2, '0')}`,
        classCode: 'TDMNPB',
        target: plan.target,
        status: 'verified',
        enteredBy: people.office2022,
        verifiedBy: people.office2022,
        sets: sets2022,
        values,
      });
    }
  }

  // Quảng Ninh 2026: the three merged communes, March–October verified, November open at Hải Sơn.
  const groups: { key: string; group: string; gaps: string[] }[] = [
    { key: '06724', group: 'NHOM_3', gaps: ['3.5', '3.6', '4.3', '7.2', '8.3', '2.3'] },
    { key: '06733', group: 'NHOM_2', gaps: ['3.1', '8.1', '8.3', '4.3', '6.4', '2.3', '7.3', '5.2'] },
    { key: '06757', group: 'NHOM_2', gaps: ['2.3', '2.4', '8.1', '8.2', '3.1', '3.6', '4.3', '6.4', '7.2', '9.3'] },
  ];
  for (const g of groups) {
    const unitId = unitIds.get(g.key)!;
    classifications.push({
      unitId,
      dimension: 'group3',
      value: g.group,
      effectiveFrom: '2026-02-15',
      legalBasis: 'Phân nhóm xã theo QĐ 51/2025/QĐ-TTg (demo)',
      verified: false,
      note: 'Phân nhóm dùng cho dữ liệu demo; chưa có quyết định phân nhóm chính thức',
    });
    const indicators = s2026.criteria.flatMap((c) => c.indicators);
    const lastMonth = g.key === '06724' ? 11 : 10;
    for (let m = 3; m <= lastMonth; m++) {
      const fixed = Math.min(g.gaps.length, Math.floor((m - 3) / 2));
      const gapsNow = new Set(g.gaps.slice(fixed));
      const rand = rng(unitId * 1000 + m);
      const values = Object.fromEntries(
        indicators.map((ind) => [
          ind.code,
          demoValue(ind, g.group, 2026, !gapsNow.has(ind.code), rand, demoWhole(g.key, ind.code, 48 + m)),
        ]),
      );
      const open = m === 11;
      demo.push({
        unitId,
        setId: setIds.get(s2026.code)!,
        advancedSetId: null,
        modelSetId: null,
        month: `2026-${String(m).padStart(2, '0')}`,
        classCode: g.group,
        target: 'ntm',
        status: open ? 'draft' : 'verified',
        enteredBy: g.key === '06724' ? people.officerHaiSon : people.office2026,
        verifiedBy: open ? null : people.office2026,
        sets: { base: s2026, advanced: null, model: null },
        values,
      });
    }
  }
  await tx.insert(unitClassifications).values(classifications);
  await insertAssessments(tx, demo, now);
}
