import { eq, inArray } from 'drizzle-orm';
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

/**
 * One resolver per kind of object: a batched look-up of the names of the events on a page. Kinds
 * without a name of their own (settings, a notification, the system) show only their kind.
 */
const RESOLVERS: Partial<Record<AuditObject, Resolver>> = {
  unit: async (db, ids) =>
    byId(await db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, ids)), (r) => ({
      name: r.name,
      link: `/don-vi/${r.id}`,
    })),
  user: async (db, ids) =>
    byId(await db.select({ id: users.id, name: users.fullName }).from(users).where(inArray(users.id, ids)), (r) => ({
      name: r.name,
      link: '/nguoi-dung',
    })),
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
  capital_plan: async (db, ids) =>
    byId(
      await db.select({ id: capitalPlans.id, name: capitalPlans.name }).from(capitalPlans).where(inArray(capitalPlans.id, ids)),
      (r) => ({ name: r.name, link: `/von/ke-hoach/${r.id}` }),
    ),
  project: async (db, ids) =>
    byId(await db.select({ id: projects.id, name: projects.name }).from(projects).where(inArray(projects.id, ids)), (r) => ({
      name: r.name,
      link: `/von/du-an/${r.id}`,
    })),
  disbursement: async (db, ids) =>
    byId(
      await db
        .select({ id: disbursements.id, projectId: projects.id, name: projects.name })
        .from(disbursements)
        .innerJoin(projects, eq(projects.id, disbursements.projectId))
        .where(inArray(disbursements.id, ids)),
      (r) => ({ name: r.name, link: `/von/du-an/${r.projectId}` }),
    ),
  ocop_product: async (db, ids) =>
    byId(
      await db.select({ id: ocopProducts.id, name: ocopProducts.name }).from(ocopProducts).where(inArray(ocopProducts.id, ids)),
      (r) => ({ name: r.name, link: `/ocop/san-pham/${r.id}` }),
    ),
  ocop_producer: async (db, ids) =>
    byId(
      await db
        .select({ id: ocopProducers.id, name: ocopProducers.name })
        .from(ocopProducers)
        .where(inArray(ocopProducers.id, ids)),
      (r) => ({ name: r.name, link: '/ocop/chu-the' }),
    ),
  ocop_round: async (db, ids) =>
    byId(
      await db.select({ id: ocopRounds.id, name: ocopRounds.name }).from(ocopRounds).where(inArray(ocopRounds.id, ids)),
      (r) => ({
        name: r.name,
        link: `/ocop/hoi-dong/${r.id}`,
      }),
    ),
  ocop_sheet: async (db, ids) =>
    byId(
      await db
        .select({ id: ocopSheets.id, setNo: ocopSheets.setNo, version: ocopSheets.version })
        .from(ocopSheets)
        .where(inArray(ocopSheets.id, ids)),
      (r) => ({ name: `Bộ ${r.setNo} (v${r.version})`, link: '/ocop/phieu-cham' }),
    ),
  council: async (db, ids) =>
    byId(await db.select({ id: councils.id, name: councils.name }).from(councils).where(inArray(councils.id, ids)), (r) => ({
      name: r.name,
      link: '/giam-sat',
    })),
  council_body: async (db, ids) =>
    byId(
      await db
        .select({ id: councilBodies.id, name: councilBodies.name })
        .from(councilBodies)
        .where(inArray(councilBodies.id, ids)),
      (r) => ({ name: r.name, link: '/giam-sat' }),
    ),
  council_delegate: async (db, ids) =>
    byId(
      await db
        .select({ id: councilDelegates.id, name: councilDelegates.fullName })
        .from(councilDelegates)
        .where(inArray(councilDelegates.id, ids)),
      (r) => ({ name: r.name, link: '/giam-sat' }),
    ),
  oversight_activity: async (db, ids) =>
    byId(
      await db
        .select({ id: oversightActivities.id, name: oversightActivities.title })
        .from(oversightActivities)
        .where(inArray(oversightActivities.id, ids)),
      (r) => ({ name: short(r.name), link: `/giam-sat/hoat-dong/${r.id}` }),
    ),
  recommendation: async (db, ids) =>
    byId(
      await db
        .select({ id: recommendations.id, text: recommendations.text })
        .from(recommendations)
        .where(inArray(recommendations.id, ids)),
      (r) => ({ name: short(r.text), link: `/giam-sat/kien-nghi/${r.id}` }),
    ),
  petition: async (db, ids) =>
    byId(await db.select({ id: petitions.id, text: petitions.text }).from(petitions).where(inArray(petitions.id, ids)), (r) => ({
      name: short(r.text),
      link: '/giam-sat/kien-nghi-cu-tri',
    })),
  roadmap_item: async (db, ids) =>
    byId(
      await db
        .select({ id: roadmapItems.id, code: roadmapItems.indicatorCode, title: roadmapItems.title })
        .from(roadmapItems)
        .where(inArray(roadmapItems.id, ids)),
      (r) => ({ name: short(`${r.code} · ${r.title}`), link: `/viec/${r.id}` }),
    ),
  feedback: async (db, ids) =>
    byId(
      await db.select({ id: feedback.id, title: feedback.targetTitle }).from(feedback).where(inArray(feedback.id, ids)),
      (r) => ({
        name: short(r.title),
        link: '/cong-khai-quan-ly',
      }),
    ),
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
