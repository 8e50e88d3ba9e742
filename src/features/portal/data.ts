/**
 * What the public portal may show, computed per request from published, verified data only:
 * communes' criteria figures up to their newest published month, published capital projects,
 * published OCOP products (star only while a certificate is valid). No personal data: agencies
 * and units are named, people are not.
 */
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import type { CriterionCounts } from '../../domain/criteria/cell-status';
import { rowsOf } from '../../db/client';
import {
  agencies,
  assessmentResults,
  councilHandovers,
  councils,
  oversightActivities,
  recommendations,
  assessments,
  criteriaSets,
  disbursements,
  feedback,
  fundingSources,
  ocopProducers,
  ocopProducts,
  projectPhotos,
  projectSources,
  projects,
  roadmapItems,
  unitScope,
  units,
} from '../../db/schema';
import { sumDong } from '../../domain/capital/money';
import { searchKey, sortVi, todayVn, viCollator } from '../../shared/vi';
import { latestCertificates, starState } from '../ocop/certificates';
import { publishedProjectIds } from './publish';

export type PublicCommune = {
  unitId: number;
  code: string;
  name: string;
  type: string;
  historic: boolean;
  publishedMonth: string;
  month: string | null;
  assessmentId: number | null;
  setId: number | null;
  criteriaMet: number | null;
  criteriaTotal: number | null;
  indicatorsMet: number | null;
  indicatorsTotal: number | null;
  standardMet: boolean | null;
  criteria: CriterionCounts[] | null;
};

/**
 * Communes under `rootId` (itself included) that some publication covers, each with its newest
 * published month within its lifetime and its latest verified assessment up to that month (units
 * with no verified assessment by then are left out).
 */
export async function publishedCommunes(deps: Deps, rootId: number): Promise<PublicCommune[]> {
  const res = await deps.db.execute(sql`
    with target as (
      select u.id, u.code, u.name, u.type, u.effective_from, u.effective_to from units u
        join unit_scope s on s.descendant_id = u.id and s.ancestor_id = ${rootId}
       where u.type in ('commune', 'ward', 'township', 'special_zone')
    ),
    pub as (
      -- the newest published month that falls within the unit's own lifetime
      select t.id, max(p.period) as month from target t
        join unit_scope s2 on s2.descendant_id = t.id
        join publications p on p.unit_id = s2.ancestor_id and p.kind = 'period'
       where p.period >= date_trunc('month', t.effective_from)::date
         and (t.effective_to is null or p.period < t.effective_to)
       group by t.id
    ),
    live as (
      select t.*, pub.month from target t join pub on pub.id = t.id
    ),
    latest as (
      select distinct on (a.unit_id) a.unit_id, a.id, a.period, a.set_id from assessments a
        join live on live.id = a.unit_id
       where a.status = 'verified' and a.period <= live.month
       order by a.unit_id, a.period desc
    )
    select l.id as "unitId", l.code, l.name, l.type, (l.effective_to is not null) as historic,
           to_char(l.month, 'YYYY-MM') as "publishedMonth", to_char(a.period, 'YYYY-MM') as month,
           a.id as "assessmentId", a.set_id as "setId",
           r.criteria_met as "criteriaMet", r.criteria_total as "criteriaTotal", r.indicators_met as "indicatorsMet",
           r.indicators_total as "indicatorsTotal", r.standard_met as "standardMet", r.criteria
      from live l join latest a on a.unit_id = l.id join assessment_results r on r.assessment_id = a.id`);
  // only verified results leave the building: a unit without any is not listed
  return rowsOf<PublicCommune>(res).sort((a, b) => viCollator.compare(a.name, b.name));
}

export async function unitById(deps: Deps, id: number) {
  const [u] = await deps.db.select().from(units).where(eq(units.id, id));
  return u ?? null;
}

/** Criteria names and indicator counts of the sets used, by set id. */
export async function setNames(deps: Deps, ids: number[]) {
  if (!ids.length) return new Map<number, { name: string; code: string; criteria: { number: string; name: string }[] }>();
  const rows = await deps.db.select().from(criteriaSets).where(inArray(criteriaSets.id, ids));
  return new Map(
    rows.map((r) => [
      r.id,
      {
        name: r.document.name_vi,
        code: r.code,
        criteria: r.document.criteria.map((c) => ({ number: c.number, name: c.name_vi })),
      },
    ]),
  );
}

/** The commune's verified months up to its published month: criteria met over time. */
export async function trendOf(deps: Deps, unitId: number, upTo: string) {
  const rows = await deps.db
    .select({
      period: assessments.period,
      criteriaMet: assessmentResults.criteriaMet,
      indicatorsMet: assessmentResults.indicatorsMet,
    })
    .from(assessments)
    .innerJoin(assessmentResults, eq(assessmentResults.assessmentId, assessments.id))
    .where(and(eq(assessments.unitId, unitId), eq(assessments.status, 'verified'), lte(assessments.period, `${upTo}-01`)))
    .orderBy(asc(assessments.period));
  return rows.map((r) => ({ month: r.period.slice(0, 7), criteriaMet: r.criteriaMet, indicatorsMet: r.indicatorsMet }));
}

/** What is being done about unmet criteria: open roadmap items, by agency (never by person). */
export async function actionsFor(deps: Deps, unitId: number) {
  const rows = await deps.db
    .select({
      criterion: roadmapItems.criterionNumber,
      title: roadmapItems.title,
      agency: agencies.name,
      targetMonth: roadmapItems.targetMonth,
      progress: roadmapItems.progress,
      status: roadmapItems.status,
    })
    .from(roadmapItems)
    .leftJoin(agencies, eq(agencies.id, roadmapItems.leadAgencyId))
    .where(and(eq(roadmapItems.unitId, unitId), sql`${roadmapItems.closedAt} is null`))
    .orderBy(asc(roadmapItems.criterionNumber));
  return rows;
}

export type PublicProject = {
  id: number;
  unitId: number;
  code: string;
  name: string;
  unitName: string;
  owner: string;
  status: string;
  description: string | null;
  contractor: string | null;
  totalInvestment: number;
  startDate: string | null;
  endDate: string | null;
  sources: { name: string; amount: number }[];
  disbursed: number;
  photos: { id: number; caption: string | null; takenOn: string | null }[];
};

export async function publicProjects(deps: Deps, opts: { code?: string } = {}): Promise<PublicProject[]> {
  const ids = [...(await publishedProjectIds(deps))];
  if (!ids.length) return [];
  const rows = await deps.db
    .select({ p: projects, unitName: units.name })
    .from(projects)
    .innerJoin(units, eq(units.id, projects.unitId))
    .where(and(inArray(projects.id, ids), opts.code ? eq(projects.code, opts.code) : undefined));
  if (!rows.length) return [];
  const pids = rows.map((r) => r.p.id);
  const today = todayVn(deps.clock.now());
  const sources = await deps.db
    .select({ projectId: projectSources.projectId, amount: projectSources.amount, name: fundingSources.nameVi })
    .from(projectSources)
    .innerJoin(fundingSources, eq(fundingSources.code, projectSources.sourceCode))
    .where(inArray(projectSources.projectId, pids))
    .orderBy(asc(fundingSources.sortOrder));
  const paid = await deps.db
    .select({ projectId: disbursements.projectId, amount: disbursements.amount })
    .from(disbursements)
    .where(and(inArray(disbursements.projectId, pids), lte(disbursements.date, today)));
  const photos = await deps.db
    .select({
      id: projectPhotos.id,
      projectId: projectPhotos.projectId,
      caption: projectPhotos.caption,
      takenOn: projectPhotos.takenOn,
    })
    .from(projectPhotos)
    .where(inArray(projectPhotos.projectId, pids))
    .orderBy(asc(projectPhotos.id));
  return sortVi(
    rows.map(({ p, unitName }) => ({
      id: p.id,
      unitId: p.unitId,
      code: p.code,
      name: p.name,
      unitName,
      owner: p.owner,
      status: p.status,
      description: p.description,
      contractor: p.contractor,
      totalInvestment: p.totalInvestment,
      startDate: p.startDate,
      endDate: p.endDate,
      sources: sources.filter((s) => s.projectId === p.id).map((s) => ({ name: s.name, amount: s.amount })),
      disbursed: sumDong(paid.filter((d) => d.projectId === p.id).map((d) => d.amount)),
      photos: photos.filter((ph) => ph.projectId === p.id).map(({ id, caption, takenOn }) => ({ id, caption, takenOn })),
    })),
    (p) => p.code,
  );
}

export type PublicProductRow = {
  code: string;
  name: string;
  groupName: string;
  unitName: string;
  producerName: string;
  star: number | null;
  validTo: string | null;
};

/** The OCOP catalogue: published products, accent-insensitive search, filters by star, group, unit. */
export async function catalogue(deps: Deps, f: { q?: string; star?: number; group?: string; unitId?: number } = {}) {
  const rows = await deps.db
    .select({ p: ocopProducts, unitName: units.name, producerName: ocopProducers.name })
    .from(ocopProducts)
    .innerJoin(units, eq(units.id, ocopProducts.unitId))
    .innerJoin(ocopProducers, eq(ocopProducers.id, ocopProducts.producerId))
    .where(eq(ocopProducts.published, true));
  const today = todayVn(deps.clock.now());
  const certs = await latestCertificates(
    deps.db,
    rows.map((r) => r.p.id),
  );
  const key = f.q ? searchKey(f.q) : '';
  const items: (PublicProductRow & { unitId: number })[] = rows
    .map((r) => {
      const s = starState(certs.get(r.p.id), today);
      return {
        code: r.p.code,
        name: r.p.name,
        groupName: r.p.groupName,
        unitId: r.p.unitId,
        unitName: r.unitName,
        producerName: r.producerName,
        star: s.star,
        validTo: s.status === 'valid' ? s.certificate!.validTo : null,
        search: searchKey(`${r.p.name} ${r.producerName} ${r.unitName} ${r.p.groupName}`),
      };
    })
    .filter((r) => !key || r.search.includes(key))
    .filter((r) => !f.star || r.star === f.star)
    .filter((r) => !f.group || r.groupName === f.group)
    .filter((r) => !f.unitId || r.unitId === f.unitId)
    .map(({ search: _s, ...r }) => r);
  return {
    items: sortVi(items, (i) => i.name),
    groups: sortVi([...new Set(rows.map((r) => r.p.groupName))], (g) => g),
    units: sortVi([...new Map(rows.map((r) => [r.p.unitId, { id: r.p.unitId, name: r.unitName }])).values()], (u) => u.name),
  };
}

/** Published feedback about a page, with its answer. */
export async function publishedFeedback(deps: Deps, target: 'unit' | 'project' | 'product', code: string) {
  return deps.db
    .select({
      id: feedback.id,
      category: feedback.category,
      text: feedback.text,
      answer: feedback.answer,
      answeredOn: feedback.answeredOn,
      createdAt: feedback.createdAt,
    })
    .from(feedback)
    .where(and(eq(feedback.target, target), eq(feedback.targetCode, code), eq(feedback.status, 'published')))
    .orderBy(asc(feedback.id));
}

/** The provinces above the given units, for the portal's list of places. */
export async function provincesOf(deps: Deps, unitIds: number[]) {
  if (!unitIds.length) return new Map<number, string>();
  const rows = await deps.db
    .selectDistinct({ id: units.id, name: units.name })
    .from(unitScope)
    .innerJoin(units, eq(units.id, unitScope.ancestorId))
    .where(and(inArray(unitScope.descendantId, unitIds), eq(units.type, 'province')));
  return new Map(sortVi(rows, (r) => r.name).map((r) => [r.id, r.name]));
}

export type PublicRecommendation = {
  councilName: string;
  activityTitle: string;
  conclusionNo: string | null;
  conclusionDate: string | null;
  seq: number;
  text: string;
  deadline: string;
  status: string;
  /** Who follows it up now, when its own council ended (a recorded handover). */
  handover: { on: string; fromCouncil: string; toCouncil: string | null; legalBasis: string; closedReason: string | null } | null;
};

/**
 * What the People's Councils concluded for a commune after supervision: each recommendation
 * addressed to it from a concluded activity, its deadline and status, and — when the council
 * that made it ended with its level — who follows it up since the handover.
 */
export async function publicRecommendations(deps: Deps, unitId: number): Promise<PublicRecommendation[]> {
  const rows = await deps.db
    .select({ r: recommendations, a: oversightActivities, councilName: councils.name })
    .from(recommendations)
    .innerJoin(oversightActivities, eq(oversightActivities.id, recommendations.activityId))
    .innerJoin(councils, eq(councils.id, oversightActivities.councilId))
    .where(
      and(
        eq(recommendations.addresseeUnitId, unitId),
        inArray(oversightActivities.status, ['concluded', 'follow_up', 'resupervised']),
      ),
    )
    .orderBy(asc(oversightActivities.conclusionDate), asc(recommendations.seq));
  const handoverIds = [...new Set(rows.map((x) => x.r.handoverId).filter((id): id is number => id !== null))];
  const handovers = handoverIds.length
    ? await deps.db.select().from(councilHandovers).where(inArray(councilHandovers.id, handoverIds))
    : [];
  const councilIds = [
    ...new Set(handovers.flatMap((h) => [h.fromCouncilId, h.toCouncilId]).filter((id): id is number => id !== null)),
  ];
  const councilNames = new Map(
    councilIds.length
      ? (await deps.db.select().from(councils).where(inArray(councils.id, councilIds))).map((c) => [c.id, c.name])
      : [],
  );
  return rows.map(({ r, a, councilName }) => {
    const h = handovers.find((x) => x.id === r.handoverId);
    const item = h?.items.find((i) => i.kind === 'recommendation' && i.id === r.id);
    return {
      councilName,
      activityTitle: a.title,
      conclusionNo: a.conclusionNo,
      conclusionDate: a.conclusionDate,
      seq: r.seq,
      text: r.text,
      deadline: r.deadline,
      status: r.status,
      handover: h
        ? {
            on: h.handedOverOn,
            fromCouncil: councilNames.get(h.fromCouncilId) ?? '',
            toCouncil: h.toCouncilId ? (councilNames.get(h.toCouncilId) ?? null) : null,
            legalBasis: h.legalBasis,
            closedReason: item?.outcome === 'closed' ? (item.reason ?? '') : null,
          }
        : null,
    };
  });
}

/** The handover of the council of a unit that ended (a former city's council), for its public page. */
export async function publicHandoverOf(deps: Deps, unitId: number) {
  const rows = await deps.db
    .select({ h: councilHandovers, from: councils.name })
    .from(councilHandovers)
    .innerJoin(councils, eq(councils.id, councilHandovers.fromCouncilId))
    .where(eq(councils.unitId, unitId));
  const out = [];
  for (const { h, from } of rows) {
    const [to] = h.toCouncilId ? await deps.db.select().from(councils).where(eq(councils.id, h.toCouncilId)) : [];
    out.push({
      fromCouncil: from,
      toCouncil: to?.name ?? null,
      on: h.handedOverOn,
      legalBasis: h.legalBasis,
      handedOver: h.items.filter((i) => i.outcome === 'handed_over').length,
      closed: h.items.filter((i) => i.outcome === 'closed').length,
    });
  }
  return out;
}
