import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Actor } from '../../context';
import { rowsOf, type Db } from '../../db/client';
import { assessmentResults, assessments, criteriaSets, dataEpochs, units } from '../../db/schema';
import { cellStatus, type CriterionCounts } from '../../domain/criteria/cell-status';
import type { IndicatorStatus } from '../../domain/criteria/engine';
import type { CriteriaSetDoc } from '../../domain/criteria/schema';
import { viCollator } from '../../shared/vi';
import { authorize, grantUnitsFor } from '../access/authorize';
import { predecessorIds } from '../units/queries';

export { cellStatus };

export const ASSESSED_TYPES = ['commune', 'special_zone'] as const;

/** How much of each unit's result a dashboard query carries. */
export type Detail = 'none' | 'criteria' | 'full';

export type LatestRow = {
  unitId: number;
  name: string;
  assessmentId: number | null;
  period: string | null;
  setId: number | null;
  criteriaMet: number | null;
  criteriaTotal: number | null;
  indicatorsMet: number | null;
  indicatorsTotal: number | null;
  standardMet: boolean | null;
  advancedMet: boolean | null;
  modelMet: boolean | null;
  criteria: CriterionCounts[] | null;
  indicatorStatus: Record<string, IndicatorStatus> | null;
};

const monthEnd = (month: string) =>
  new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);

/**
 * Communes under `unitId` that existed during `month` (its predecessors included, through the
 * scope closure) with their latest verified month up to `month` — what leaders and the council see.
 */
export async function latestVerified(
  db: Db,
  actor: Actor,
  unitId: number,
  month: string,
  opts: { detail?: Detail } = {},
): Promise<LatestRow[]> {
  const roots = grantUnitsFor(actor, 'assessment.read');
  const detail = opts.detail ?? 'full';
  const compute = async () =>
    (await queryLatestVerified(db, unitId, roots, month, detail)).sort((a, b) => viCollator.compare(a.name, b.name));
  const rows = !roots.length
    ? []
    : detail === 'full'
      ? await compute()
      : await cacheFor(db).get(db, `${unitId}|${month}|${detail}|${roots.join(',')}`, compute);
  // The statement returns nothing outside the reader's scope; only then is it worth asking why (403 or 404).
  if (!rows.length) await authorize(db, actor, 'assessment.read', unitId);
  return [...rows];
}

/**
 * Dashboard rows kept in this node's memory for as long as the database's dashboard counter
 * (`data_epochs`, moved by a trigger in every transaction that changes assessments, results or
 * units) has not moved. The counter is read before the rows are computed and becomes visible with
 * the data it stands for, so a stale entry is never served; any number of nodes can each keep one.
 */
export class DashboardCache {
  private epoch = -1;
  private rows = 0;
  private readonly entries = new Map<string, LatestRow[]>();
  constructor(private readonly maxRows = 50_000) {}

  async get(db: Db, key: string, compute: () => Promise<LatestRow[]>): Promise<LatestRow[]> {
    const [row] = await db.select({ n: dataEpochs.n }).from(dataEpochs).where(eq(dataEpochs.name, 'dashboard'));
    const epoch = row?.n ?? -1;
    if (epoch !== this.epoch) {
      this.entries.clear();
      this.rows = 0;
      this.epoch = epoch;
    }
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const fresh = await compute();
    if (this.epoch !== epoch || fresh.length > this.maxRows) return fresh;
    for (const [k, v] of this.entries) {
      if (this.rows + fresh.length <= this.maxRows) break;
      this.entries.delete(k);
      this.rows -= v.length;
    }
    this.entries.set(key, fresh);
    this.rows += fresh.length;
    return fresh;
  }
}

const caches = new WeakMap<Db, DashboardCache>();
function cacheFor(db: Db): DashboardCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new DashboardCache()));
  return cache;
}

const scopeCheck = (unitId: number, roots: number[]) =>
  sql`exists (select 1 from unit_scope r where r.descendant_id = ${unitId} and r.ancestor_id in (${sql.join(
    roots.map((r) => sql`${r}`),
    sql`, `,
  )}))`;

/** Communes under `unitId` that existed during the month, once the reader's scope is checked on `unitId`. */
const targetUnits = (unitId: number, roots: number[], start: string, end: string) => sql`
  select u.id, u.name from units u
    join unit_scope s on s.descendant_id = u.id and s.ancestor_id = ${unitId}
   where u.type in ('commune', 'special_zone')
     and u.effective_from <= ${end} and (u.effective_to is null or u.effective_to > ${start})
     and ${scopeCheck(unitId, roots)}`;

/**
 * The aggregate behind every dashboard, as one statement. The reader's scope is checked once, on
 * `unitId` (the closure is transitive, so every commune under it is in scope too). Each commune's
 * latest verified month up to `month` is one backward step on the primary key of
 * `verified_results` (kept by triggers in the verifying transaction), which carries the counts and
 * the compact per-criterion cells, so no join to the wide `assessment_results` is needed. `detail`
 * says how much to carry: counts only (summary), per criterion (heat map), or the per-indicator
 * statuses too (gaps, snapshots), looked up by key for the rows found.
 */
export function latestVerifiedSql(unitId: number, roots: number[], month: string, detail: Detail = 'full') {
  const start = `${month}-01`;
  const end = monthEnd(month);
  return sql`
    with target as (${targetUnits(unitId, roots, start, end)})
    select t.id as "unitId", t.name, l.assessment_id as "assessmentId", l.period::text as period, l.set_id as "setId",
           l.criteria_met as "criteriaMet", l.criteria_total as "criteriaTotal", l.indicators_met as "indicatorsMet",
           l.indicators_total as "indicatorsTotal", l.standard_met as "standardMet", l.advanced_met as "advancedMet",
           l.model_met as "modelMet",
           ${detail === 'none' ? sql`null::text` : sql`l.cells`} as cells,
           ${
             detail === 'full'
               ? sql`(select r.indicator_status from assessment_results r where r.assessment_id = l.assessment_id)`
               : sql`null::jsonb`
           } as "indicatorStatus"
      from target t
      left join lateral (
        select * from verified_results v
         where v.unit_id = t.id and v.period <= ${start}
         order by v.period desc limit 1
      ) l on true`;
}

/**
 * The same answer computed from the source tables (assessments and their results), as the
 * dashboards did before `verified_results`: the reference that tests compare the maintained rows
 * with, and the baseline the benchmarks measure against.
 */
export function latestVerifiedFromSourceSql(unitId: number, roots: number[], month: string, detail: Detail = 'full') {
  const start = `${month}-01`;
  const end = monthEnd(month);
  return sql`
    with target as (${targetUnits(unitId, roots, start, end)})
    select t.id as "unitId", t.name, l.id as "assessmentId", l.period::text as period, l.set_id as "setId",
           r.criteria_met as "criteriaMet", r.criteria_total as "criteriaTotal", r.indicators_met as "indicatorsMet",
           r.indicators_total as "indicatorsTotal", r.standard_met as "standardMet", r.advanced_met as "advancedMet",
           r.model_met as "modelMet",
           ${detail === 'none' ? sql`null::jsonb` : sql`r.criteria`} as criteria,
           ${detail === 'full' ? sql`r.indicator_status` : sql`null::jsonb`} as "indicatorStatus"
      from target t
      left join lateral (
        select a.id, a.period, a.set_id from assessments a
         where a.unit_id = t.id and a.status = 'verified' and a.period <= ${start}
         order by a.period desc limit 1
      ) l on true
      left join assessment_results r on r.assessment_id = l.id`;
}

/** A criterion's cell; the last two only when some of its indicators are not applicable (migration 0016). */
type Cell =
  | [number: string, met: 0 | 1, indicatorsMet: number, indicatorsTotal: number, missing: number]
  | [number: string, met: 0 | 1, indicatorsMet: number, indicatorsTotal: number, missing: number, na: number, excluded: number];

/** `verified_results.cells` → the per-criterion objects of `assessment_results.criteria`. */
export function decodeCells(cells: string | null): LatestRow['criteria'] {
  if (cells === null) return null;
  return (JSON.parse(cells) as Cell[]).map(([number, met, indicatorsMet, indicatorsTotal, missing, na, excluded]) => ({
    number,
    met: met === 1,
    indicatorsMet,
    indicatorsTotal,
    missing,
    ...(na ? { notApplicable: na, excluded: excluded ?? 0 } : {}),
  }));
}

/** Runs `latestVerifiedSql` and shapes its rows as `LatestRow`s (cells decoded). */
export async function queryLatestVerified(db: Db, unitId: number, roots: number[], month: string, detail: Detail) {
  const rows = rowsOf<Omit<LatestRow, 'criteria'> & { cells: string | null }>(
    await db.execute(latestVerifiedSql(unitId, roots, month, detail)),
  );
  return rows.map(({ cells, ...r }): LatestRow => ({ ...r, criteria: decodeCells(cells) }));
}

export function summarise(rows: LatestRow[]) {
  const assessed = rows.filter((r) => r.assessmentId !== null);
  const n = assessed.length;
  const sum = (f: (r: LatestRow) => number) => assessed.reduce((s, r) => s + f(r), 0);
  const uniform = <T>(f: (r: LatestRow) => T) => (new Set(assessed.map(f)).size === 1 ? f(assessed[0]!) : null);
  return {
    unitCount: rows.length,
    assessedCount: n,
    criteriaMetSum: sum((r) => r.criteriaMet ?? 0),
    indicatorsMetSum: sum((r) => r.indicatorsMet ?? 0),
    averageCriteria: n ? sum((r) => r.criteriaMet ?? 0) / n : null,
    averageIndicators: n ? sum((r) => r.indicatorsMet ?? 0) / n : null,
    criteriaTotal: uniform((r) => r.criteriaTotal),
    indicatorsTotal: uniform((r) => r.indicatorsTotal),
    standardCount: assessed.filter((r) => r.standardMet).length,
    advancedCount: assessed.filter((r) => r.advancedMet).length,
    modelCount: assessed.filter((r) => r.modelMet).length,
    units: rows.map((r) => ({
      unitId: r.unitId,
      name: r.name,
      assessmentId: r.assessmentId,
      month: r.period?.slice(0, 7) ?? null,
      criteriaMet: r.criteriaMet,
      criteriaTotal: r.criteriaTotal,
      indicatorsMet: r.indicatorsMet,
      indicatorsTotal: r.indicatorsTotal,
      standardMet: r.standardMet,
      advancedMet: r.advancedMet,
      modelMet: r.modelMet,
    })),
  };
}

async function setDocs(db: Db, ids: number[]) {
  if (!ids.length) return new Map<number, { code: string; version: number; doc: CriteriaSetDoc }>();
  const rows = await db.select().from(criteriaSets).where(inArray(criteriaSets.id, ids));
  return new Map(rows.map((r) => [r.id, { code: r.code, version: r.version, doc: r.document }]));
}

/** Units × criteria: met / unmet / missing / not applicable (see `cellStatus`). */
export async function heatmap(db: Db, actor: Actor, unitId: number, month: string) {
  const rows = await latestVerified(db, actor, unitId, month, { detail: 'criteria' });
  const docs = await setDocs(db, [...new Set(rows.map((r) => r.setId).filter((x): x is number => x !== null))]);
  return {
    month,
    sets: [...docs].map(([id, s]) => ({
      id,
      code: s.code,
      version: s.version,
      name: s.doc.name_vi,
      criteria: s.doc.criteria.map((c) => ({ number: c.number, name: c.name_vi })),
    })),
    rows: rows.map((r) => ({
      unitId: r.unitId,
      name: r.name,
      assessmentId: r.assessmentId,
      month: r.period?.slice(0, 7) ?? null,
      setId: r.setId,
      criteriaMet: r.criteriaMet,
      criteriaTotal: r.criteriaTotal,
      cells: (r.criteria ?? []).map((c) => ({
        number: c.number,
        status: cellStatus(c),
        indicatorsMet: c.indicatorsMet,
        indicatorsTotal: c.indicatorsTotal,
        notApplicable: c.notApplicable ?? 0,
      })),
    })),
  };
}

/** "What is missing where": for each indicator, the units where it is unmet or has no value. */
export async function gaps(db: Db, actor: Actor, unitId: number, month: string) {
  const rows = await latestVerified(db, actor, unitId, month);
  const docs = await setDocs(db, [...new Set(rows.map((r) => r.setId).filter((x): x is number => x !== null))]);
  const out = new Map<
    string,
    {
      setCode: string;
      code: string;
      text: string;
      criterion: string;
      criterionName: string;
      verified: boolean;
      unmet: { unitId: number; name: string }[];
      missing: { unitId: number; name: string }[];
    }
  >();
  for (const r of rows) {
    if (!r.setId || !r.indicatorStatus) continue;
    const set = docs.get(r.setId)!;
    for (const c of set.doc.criteria) {
      for (const i of c.indicators) {
        const status = r.indicatorStatus[i.code];
        if (status !== 'unmet' && status !== 'missing') continue;
        const key = `${set.code}|${i.code}`;
        const entry = out.get(key) ?? {
          setCode: set.code,
          code: i.code,
          text: i.text_vi,
          criterion: c.number,
          criterionName: c.name_vi,
          verified: i.verified,
          unmet: [],
          missing: [],
        };
        entry[status].push({ unitId: r.unitId, name: r.name });
        out.set(key, entry);
      }
    }
  }
  return {
    month,
    items: [...out.values()].sort(
      (a, b) =>
        b.unmet.length + b.missing.length - (a.unmet.length + a.missing.length) ||
        a.code.localeCompare(b.code, 'vi', { numeric: true }),
    ),
  };
}

async function monthsOf(db: Db, unitId: number, year: number) {
  const rows = await db
    .select({ a: assessments, r: assessmentResults })
    .from(assessments)
    .leftJoin(assessmentResults, eq(assessmentResults.assessmentId, assessments.id))
    .where(
      and(eq(assessments.unitId, unitId), gte(assessments.period, `${year}-01-01`), lte(assessments.period, `${year}-12-01`)),
    )
    .orderBy(asc(assessments.period));
  return rows.map(({ a, r }) => ({
    assessmentId: a.id,
    month: a.period.slice(0, 7),
    status: a.status,
    setId: a.setId,
    criteriaMet: r?.criteriaMet ?? null,
    criteriaTotal: r?.criteriaTotal ?? null,
    indicatorsMet: r?.indicatorsMet ?? null,
    indicatorsTotal: r?.indicatorsTotal ?? null,
    criteria: Object.fromEntries((r?.criteria ?? []).map((c) => [c.number, cellStatus(c)])),
    indicators: r?.indicatorStatus ?? {},
  }));
}

/**
 * A unit's scorecard for a year: criteria rows with their indicators, a status per month, the trend
 * of the counts; a merged commune also shows each predecessor under the set it was assessed with.
 */
export async function scorecard(db: Db, actor: Actor, unitId: number, year: number) {
  await authorize(db, actor, 'assessment.read', unitId);
  const build = async (id: number) => {
    const [unit] = await db.select().from(units).where(eq(units.id, id));
    const months = await monthsOf(db, id, year);
    const docs = await setDocs(db, [...new Set(months.map((m) => m.setId))]);
    return {
      unit: { id, name: unit!.name, type: unit!.type, effectiveFrom: unit!.effectiveFrom, effectiveTo: unit!.effectiveTo },
      sets: [...docs].map(([sid, s]) => ({
        id: sid,
        code: s.code,
        name: s.doc.name_vi,
        criteria: s.doc.criteria.map((c) => ({
          number: c.number,
          name: c.name_vi,
          indicators: c.indicators.map((i) => ({ code: i.code, text: i.text_vi, verified: i.verified })),
        })),
      })),
      months,
    };
  };
  const main = await build(unitId);
  const preds = [];
  for (const p of await predecessorIds(db, unitId)) {
    const card = await build(p);
    if (card.months.length) preds.push(card);
  }
  return { year, ...main, predecessors: preds };
}
