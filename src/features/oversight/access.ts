/**
 * Who may see and keep a council's records. Reading needs `oversight.read` on the council's unit;
 * keeping them (activities, snapshots, conclusions, decisions, petitions) `oversight.manage` there;
 * an addressee answers through `oversight.respond` on the unit a request is addressed to.
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '../../context';
import type { Db } from '../../db/client';
import { councils, oversightActivities, petitions, recommendations } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { authorize, grantUnitsFor, unitInScope } from '../access/authorize';

export type CouncilRow = typeof councils.$inferSelect;
export type ActivityRow = typeof oversightActivities.$inferSelect;
export type RecommendationRow = typeof recommendations.$inferSelect;
export type PetitionRow = typeof petitions.$inferSelect;

const actionFor = (need: 'read' | 'manage') => (need === 'read' ? 'oversight.read' : 'oversight.manage');

export async function councilFor(db: Db, actor: Actor, id: number, need: 'read' | 'manage' = 'read') {
  const [council] = await db.select().from(councils).where(eq(councils.id, id));
  if (!council) throw new AppError('NOT_FOUND');
  await authorize(db, actor, actionFor(need), council.unitId);
  return council;
}

export async function activityFor(db: Db, actor: Actor, id: number, need: 'read' | 'manage' = 'read') {
  const [activity] = await db.select().from(oversightActivities).where(eq(oversightActivities.id, id));
  if (!activity) throw new AppError('NOT_FOUND');
  const council = await councilFor(db, actor, activity.councilId, need);
  return { activity, council };
}

/** May the actor answer for `unitId` (report on a recommendation, answer a petition)? */
export async function mayRespond(db: Db, actor: Actor, unitId: number): Promise<boolean> {
  const roots = grantUnitsFor(actor, 'oversight.respond');
  return roots.length > 0 && (await unitInScope(db, roots, unitId));
}

/**
 * A recommendation, for the council (read / manage) or for its addressee (respond). The addressee
 * may read and report on it even without reading rights over the whole council.
 */
export async function recommendationFor(db: Db, actor: Actor, id: number, need: 'read' | 'manage' | 'respond') {
  const [rec] = await db.select().from(recommendations).where(eq(recommendations.id, id));
  if (!rec) throw new AppError('NOT_FOUND');
  const [activity] = await db.select().from(oversightActivities).where(eq(oversightActivities.id, rec.activityId));
  // After a handover the successor council keeps the record; the ended council's stays history.
  const [council] = await db
    .select()
    .from(councils)
    .where(eq(councils.id, rec.followUpCouncilId ?? activity!.councilId));
  if (need !== 'manage' && (await mayRespond(db, actor, rec.addresseeUnitId)))
    return { rec, activity: activity!, council: council! };
  if (need === 'respond') {
    await authorize(db, actor, 'oversight.respond', rec.addresseeUnitId);
    throw new AppError('FORBIDDEN');
  }
  // Its own council's readers keep reading it as history after a handover.
  if (need === 'read' && rec.followUpCouncilId !== null && (await readsCouncilOf(db, actor, activity!.councilId)))
    return { rec, activity: activity!, council: council! };
  await authorize(db, actor, actionFor(need), council!.unitId);
  return { rec, activity: activity!, council: council! };
}

async function readsCouncilOf(db: Db, actor: Actor, councilId: number): Promise<boolean> {
  const [own] = await db.select({ unitId: councils.unitId }).from(councils).where(eq(councils.id, councilId));
  if (!own) return false;
  try {
    await authorize(db, actor, 'oversight.read', own.unitId);
    return true;
  } catch {
    return false;
  }
}

export async function petitionFor(db: Db, actor: Actor, id: number, need: 'read' | 'manage' | 'respond') {
  const [petition] = await db.select().from(petitions).where(eq(petitions.id, id));
  if (!petition) throw new AppError('NOT_FOUND');
  const [council] = await db
    .select()
    .from(councils)
    .where(eq(councils.id, petition.followUpCouncilId ?? petition.councilId));
  if (need === 'read' && petition.followUpCouncilId !== null && (await readsCouncilOf(db, actor, petition.councilId)))
    return { petition, council: council! };
  const assignee = petition.assigneeUnitId;
  if (need !== 'manage' && assignee !== null && (await mayRespond(db, actor, assignee))) return { petition, council: council! };
  if (need === 'respond') {
    if (assignee === null) throw new AppError('FORBIDDEN');
    await authorize(db, actor, 'oversight.respond', assignee);
    throw new AppError('FORBIDDEN');
  }
  await authorize(db, actor, actionFor(need), council!.unitId);
  return { petition, council: council! };
}

/** Row locks taken first in a council's write transactions (the parent of what they change). */
export async function lockRow(tx: Db, table: 'councils' | 'activities' | 'recommendations' | 'petitions', id: number) {
  const t = { councils, activities: oversightActivities, recommendations, petitions }[table];
  await tx.select({ id: t.id }).from(t).where(eq(t.id, id)).for('update');
}
