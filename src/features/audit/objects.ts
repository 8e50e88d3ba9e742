import { eq, inArray } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import {
  assessments,
  capitalPlans,
  councilBodies,
  councilDelegates,
  councils,
  criteriaSets,
  disbursements,
  evidence,
  feedback,
  ocopProducers,
  ocopProducts,
  ocopRounds,
  ocopSheets,
  oversightActivities,
  petitions,
  projects,
  recommendations,
  roadmapItems,
  roleGrants,
  units,
  users,
} from '../../db/schema';
import type { AuditObject } from '../../shared/audit-actions';
import { formatMonthVi } from '../../shared/vi';

/** What a person reads about the object of an event: its name now, and where it opens in the app. */
export type ObjectRef = { name: string | null; link: string | null };

type Resolver = (db: Db, ids: number[]) => Promise<Map<number, ObjectRef>>;

const short = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const byId = <T extends { id: number }>(rows: T[], f: (r: T) => ObjectRef) => new Map(rows.map((r) => [r.id, f(r)]));

/** A kind whose name is one column of its own table: the name (long texts shortened) and its page. */
const named =
  (table: PgTable, id: PgColumn, name: PgColumn, link: (id: number) => string): Resolver =>
  async (db, ids) => {
    const rows = (await db.select({ id, name }).from(table).where(inArray(id, ids))) as { id: number; name: string }[];
    return byId(rows, (r) => ({ name: short(r.name), link: link(r.id) }));
  };

/**
 * One resolver per kind of object: a batched look-up of the names of the events on a page. Kinds
 * without a name of their own (settings, a notification, the system) show only their kind.
 */
const RESOLVERS: Partial<Record<AuditObject, Resolver>> = {
  unit: named(units, units.id, units.name, (id) => `/don-vi/${id}`),
  user: named(users, users.id, users.fullName, () => '/nguoi-dung'),
  role_grant: async (db, ids) =>
    byId(
      await db
        .select({ id: roleGrants.id, name: users.fullName })
        .from(roleGrants)
        .innerJoin(users, eq(users.id, roleGrants.userId))
        .where(inArray(roleGrants.id, ids)),
      (r) => ({ name: r.name, link: '/nguoi-dung' }),
    ),
  assessment: async (db, ids) =>
    byId(
      await db
        .select({ id: assessments.id, unit: units.name, period: assessments.period })
        .from(assessments)
        .innerJoin(units, eq(units.id, assessments.unitId))
        .where(inArray(assessments.id, ids)),
      (r) => ({ name: `${r.unit} · ${formatMonthVi(r.period.slice(0, 7))}`, link: `/kiem-dem/${r.id}` }),
    ),
  evidence: async (db, ids) =>
    byId(
      await db
        .select({
          id: evidence.id,
          code: evidence.indicatorCode,
          assessmentId: evidence.assessmentId,
          unit: units.name,
          period: assessments.period,
        })
        .from(evidence)
        .innerJoin(assessments, eq(assessments.id, evidence.assessmentId))
        .innerJoin(units, eq(units.id, assessments.unitId))
        .where(inArray(evidence.id, ids)),
      (r) => ({
        name: `${r.unit} · ${formatMonthVi(r.period.slice(0, 7))} · ${r.code}`,
        link: `/kiem-dem/${r.assessmentId}`,
      }),
    ),
  criteria_set: async (db, ids) =>
    byId(
      await db
        .select({ id: criteriaSets.id, name: criteriaSets.nameVi, version: criteriaSets.version })
        .from(criteriaSets)
        .where(inArray(criteriaSets.id, ids)),
      (r) => ({ name: `${r.name} (v${r.version})`, link: `/bo-tieu-chi/${r.id}` }),
    ),
  capital_plan: named(capitalPlans, capitalPlans.id, capitalPlans.name, (id) => `/von/ke-hoach/${id}`),
  project: named(projects, projects.id, projects.name, (id) => `/von/du-an/${id}`),
  disbursement: async (db, ids) =>
    byId(
      await db
        .select({ id: disbursements.id, projectId: projects.id, name: projects.name })
        .from(disbursements)
        .innerJoin(projects, eq(projects.id, disbursements.projectId))
        .where(inArray(disbursements.id, ids)),
      (r) => ({ name: r.name, link: `/von/du-an/${r.projectId}` }),
    ),
  ocop_product: named(ocopProducts, ocopProducts.id, ocopProducts.name, (id) => `/ocop/san-pham/${id}`),
  ocop_producer: named(ocopProducers, ocopProducers.id, ocopProducers.name, () => '/ocop/chu-the'),
  ocop_round: named(ocopRounds, ocopRounds.id, ocopRounds.name, (id) => `/ocop/hoi-dong/${id}`),
  ocop_sheet: async (db, ids) =>
    byId(
      await db
        .select({ id: ocopSheets.id, setNo: ocopSheets.setNo, version: ocopSheets.version })
        .from(ocopSheets)
        .where(inArray(ocopSheets.id, ids)),
      (r) => ({ name: `Bộ ${r.setNo} (v${r.version})`, link: '/ocop/phieu-cham' }),
    ),
  council: named(councils, councils.id, councils.name, () => '/giam-sat'),
  council_body: named(councilBodies, councilBodies.id, councilBodies.name, () => '/giam-sat'),
  council_delegate: named(councilDelegates, councilDelegates.id, councilDelegates.fullName, () => '/giam-sat'),
  oversight_activity: named(
    oversightActivities,
    oversightActivities.id,
    oversightActivities.title,
    (id) => `/giam-sat/hoat-dong/${id}`,
  ),
  recommendation: named(recommendations, recommendations.id, recommendations.text, (id) => `/giam-sat/kien-nghi/${id}`),
  petition: named(petitions, petitions.id, petitions.text, () => '/giam-sat/kien-nghi-cu-tri'),
  roadmap_item: async (db, ids) =>
    byId(
      await db
        .select({ id: roadmapItems.id, code: roadmapItems.indicatorCode, title: roadmapItems.title })
        .from(roadmapItems)
        .where(inArray(roadmapItems.id, ids)),
      (r) => ({ name: short(`${r.code} · ${r.title}`), link: `/viec/${r.id}` }),
    ),
  feedback: named(feedback, feedback.id, feedback.targetTitle, () => '/cong-khai-quan-ly'),
  publication: async (_db, ids) => new Map(ids.map((id) => [id, { name: null, link: '/cong-khai-quan-ly' }])),
};

/** The names and links of the objects of a page of events, keyed `type:id`, in one query per kind. */
export async function describeObjects(db: Db, events: { entityType: string; entityId: string | null }[]) {
  const wanted = new Map<AuditObject, Set<number>>();
  for (const e of events) {
    const id = Number(e.entityId);
    if (!e.entityId || !Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) continue;
    if (!(e.entityType in RESOLVERS)) continue;
    const kind = e.entityType as AuditObject;
    if (!wanted.has(kind)) wanted.set(kind, new Set());
    wanted.get(kind)!.add(id);
  }
  const found = new Map<string, ObjectRef>();
  for (const [kind, ids] of wanted) {
    const refs = await RESOLVERS[kind]!(db, [...ids]);
    for (const [id, ref] of refs) found.set(`${kind}:${id}`, ref);
  }
  return (e: { entityType: string; entityId: string | null }): ObjectRef =>
    found.get(`${e.entityType}:${e.entityId}`) ?? { name: null, link: null };
}
