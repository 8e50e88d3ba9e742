/**
 * Oversight to-dos. The council (its secretariat and delegates, by a grant on the council's own
 * unit) follows its requests near or past their deadline, evaluates the addressees' reports and
 * handles petitions; after a handover the successor council follows what it received. Addressees (an
 * office, an agency, a commune) report on requests and answer petitions addressed to their unit.
 * A council whose unit ended, or an addressee unit that ended, has nothing to do: it is history.
 */
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { councils, oversightActivities, petitions, recommendations, units } from '../../db/schema';
import { COUNCIL_ROLES, EXECUTIVE_ROLES } from '../../shared/roles';
import { TODO_LIMIT, type TodoKind } from './schemas';
import { activeUnit, addDays, group, item, part, rootsOf, totalRows, type TodoContext } from './scope';

/** A request is "near" its deadline this many days before it. */
export const NEAR_DEADLINE_DAYS = 30;

const REC_LINK = (id: number) => `/giam-sat/kien-nghi/${id}`;
const PETITIONS_LINK = '/giam-sat/kien-nghi-cu-tri';

export async function councilWork({ db, actor, today }: TodoContext) {
  const roots = rootsOf(actor, COUNCIL_ROLES);
  if (!roots.length) return null;
  const near = addDays(today, NEAR_DEADLINE_DAYS);
  // The council that follows a request: its own, or the successor named at a handover. A request to
  // a unit that has ended waits for nobody until it is re-addressed (at a handover).
  const following = sql`coalesce(${recommendations.followUpCouncilId}, ${oversightActivities.councilId})`;
  const addressee = alias(units, 'addressee');
  const recs = await db
    .select({
      id: recommendations.id,
      text: recommendations.text,
      addressee: recommendations.addresseeLabel,
      addresseeUnitId: recommendations.addresseeUnitId,
      deadline: recommendations.deadline,
      status: recommendations.status,
      total: totalRows,
    })
    .from(recommendations)
    .innerJoin(oversightActivities, eq(oversightActivities.id, recommendations.activityId))
    .innerJoin(councils, eq(councils.id, following))
    .innerJoin(units, eq(units.id, councils.unitId))
    .innerJoin(addressee, eq(addressee.id, recommendations.addresseeUnitId))
    .where(
      and(
        inArray(councils.unitId, roots),
        activeUnit(today),
        activeUnit(today, addressee),
        sql`(${recommendations.status} = 'reported'
          or (${inArray(recommendations.status, ['open', 'not_accepted'])} and ${lte(recommendations.deadline, near)}))`,
      ),
    )
    .orderBy(asc(recommendations.deadline), asc(recommendations.id))
    .limit(TODO_LIMIT);
  const recItems = part(
    recs,
    recs.map((r) =>
      item(r.status === 'reported' ? 'recommendation_reported' : 'recommendation_deadline', REC_LINK(r.id), {
        unitId: r.addresseeUnitId,
        unitName: r.addressee,
        name: r.text,
        dueDate: r.deadline,
        overdue: r.status !== 'reported' && r.deadline < today,
      }),
    ),
  );
  const voters = alias(units, 'voters');
  const pets = await db
    .select({
      id: petitions.id,
      text: petitions.text,
      unitId: petitions.unitId,
      unitName: voters.name,
      status: petitions.status,
      total: totalRows,
    })
    .from(petitions)
    .innerJoin(councils, eq(councils.id, sql`coalesce(${petitions.followUpCouncilId}, ${petitions.councilId})`))
    .innerJoin(units, eq(units.id, councils.unitId))
    .innerJoin(voters, eq(voters.id, petitions.unitId))
    .where(and(inArray(councils.unitId, roots), activeUnit(today), inArray(petitions.status, ['received', 'answered'])))
    .orderBy(asc(petitions.receivedOn), asc(petitions.id))
    .limit(TODO_LIMIT);
  const petItems = part(
    pets,
    pets.map((p) =>
      item(p.status === 'received' ? 'petition_received' : 'petition_answered', PETITIONS_LINK, {
        unitId: p.unitId,
        unitName: p.unitName,
        name: p.text,
      }),
    ),
  );
  return group('oversight_council', [recItems, petItems]);
}

/** Addressees: open requests to their unit (report progress), petitions assigned to it (answer). */
export async function respondWork({ db, actor, today }: TodoContext) {
  const roots = rootsOf(actor, EXECUTIVE_ROLES);
  if (!roots.length) return null;
  const recs = await db
    .select({
      id: recommendations.id,
      text: recommendations.text,
      deadline: recommendations.deadline,
      unitId: units.id,
      unitName: units.name,
      total: totalRows,
    })
    .from(recommendations)
    .innerJoin(units, eq(units.id, recommendations.addresseeUnitId))
    .where(
      and(
        inArray(recommendations.addresseeUnitId, roots),
        activeUnit(today),
        inArray(recommendations.status, ['open', 'not_accepted']),
      ),
    )
    .orderBy(asc(recommendations.deadline), asc(recommendations.id))
    .limit(TODO_LIMIT);
  const pets = await db
    .select({
      id: petitions.id,
      text: petitions.text,
      deadline: petitions.deadline,
      unitId: units.id,
      unitName: units.name,
      total: totalRows,
    })
    .from(petitions)
    .innerJoin(units, eq(units.id, petitions.assigneeUnitId))
    .where(and(inArray(petitions.assigneeUnitId, roots), activeUnit(today), eq(petitions.status, 'assigned')))
    .orderBy(asc(petitions.deadline), asc(petitions.id))
    .limit(TODO_LIMIT);
  const row = (kind: TodoKind, link: string, r: { unitId: number; unitName: string; text: string; deadline: string | null }) =>
    item(kind, link, {
      unitId: r.unitId,
      unitName: r.unitName,
      name: r.text,
      dueDate: r.deadline,
      overdue: r.deadline !== null && r.deadline < today,
    });
  return group('oversight_respond', [
    part(
      recs,
      recs.map((r) => row('recommendation_to_report', REC_LINK(r.id), r)),
    ),
    part(
      pets,
      pets.map((p) => row('petition_to_answer', PETITIONS_LINK, p)),
    ),
  ]);
}
