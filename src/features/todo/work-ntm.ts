/**
 * To-dos of the monthly count-and-check and the roadmaps: months to fill in or send (commune
 * officer), months to verify, suggestions to confirm and feedback to moderate (office), roadmap items
 * due (the unit's officer, the lead agency, the lead person). Every query covers all the person's
 * units at once.
 */
import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, lte, ne, notExists, or, sql } from 'drizzle-orm';
import { assessments, assessmentValues, criteriaSets, feedback, roadmapItems, units, users } from '../../db/schema';
import { scopeFilter } from '../access/authorize';
import { monthEnd } from '../roadmaps/dates';
import { TODO_LIMIT } from './schemas';
import { activeUnit, dueCutoff, group, item, part, rootsOf, totalRows, under, ym, type Part, type TodoContext } from './scope';

/** Commune officer: drafts and returned months of their commune(s), and the current month not yet opened. */
export async function assessmentWork(ctx: TodoContext) {
  const roots = rootsOf(ctx.actor, ['commune_officer']);
  if (!roots.length) return null;
  const { db, today } = ctx;
  const returned = sql<number>`(select count(*)::int from ${assessmentValues}
    where ${assessmentValues.assessmentId} = ${assessments.id} and ${assessmentValues.review} = 'returned')`;
  const open = await db
    .select({
      id: assessments.id,
      unitId: assessments.unitId,
      unitName: units.name,
      period: assessments.period,
      status: assessments.status,
      returned,
      total: totalRows,
    })
    .from(assessments)
    .innerJoin(units, eq(units.id, assessments.unitId))
    .where(and(under(db, roots, assessments.unitId), inArray(assessments.status, ['draft', 'returned']), activeUnit(today)))
    .orderBy(desc(sql`${assessments.status} = 'returned'`), asc(assessments.period), asc(units.name))
    .limit(TODO_LIMIT);
  const drafts = part(
    open,
    open.map((a) =>
      // Returned with indicators to correct, or reopened by the office as a whole (none returned one by one).
      a.status === 'returned'
        ? item(a.returned > 0 ? 'assessment_returned' : 'assessment_reopened', `/kiem-dem/${a.id}`, {
            unitId: a.unitId,
            unitName: a.unitName,
            month: ym(a.period),
            count: a.returned,
          })
        : item('assessment_draft', `/kiem-dem/${a.id}`, { unitId: a.unitId, unitName: a.unitName, month: ym(a.period) }),
    ),
  );
  return group('assessments', [drafts, await monthsToOpen(ctx, roots)]);
}

/**
 * Units of the officer's scope that keep a monthly count (a published set in force this month covers
 * their type), exist this month, and have not opened it yet.
 */
async function monthsToOpen({ db, today, period }: TodoContext, roots: number[]): Promise<Part> {
  const sets = await db
    .select({ types: sql<string[]>`${criteriaSets.document}->'unitTypes'` })
    .from(criteriaSets)
    .where(
      and(
        eq(criteriaSets.status, 'published'),
        eq(criteriaSets.level, 'ntm'),
        lte(criteriaSets.effectiveFrom, period),
        or(isNull(criteriaSets.effectiveTo), gt(criteriaSets.effectiveTo, period)),
      ),
    );
  const types = [...new Set(sets.flatMap((s) => s.types))];
  if (!types.length) return { total: 0, items: [] };
  const rows = await db
    .select({ id: units.id, name: units.name, total: totalRows })
    .from(units)
    .where(
      and(
        under(db, roots, units.id),
        inArray(units.type, types as (typeof units.type._.data)[]),
        activeUnit(today),
        lte(units.effectiveFrom, monthEnd(period)),
        notExists(
          db
            .select({ one: sql`1` })
            .from(assessments)
            .where(and(eq(assessments.unitId, units.id), eq(assessments.period, period))),
        ),
      ),
    )
    .orderBy(asc(units.name))
    .limit(TODO_LIMIT);
  return part(
    rows,
    rows.map((u) => item('assessment_open', `/don-vi/${u.id}`, { unitId: u.id, unitName: u.name, month: ym(period) })),
  );
}

/** Office: months sent and waiting for verification under its grants. */
export async function verificationWork({ db, actor, today }: TodoContext) {
  const roots = rootsOf(actor, ['coordination_office']);
  if (!roots.length) return null;
  const rows = await db
    .select({
      id: assessments.id,
      unitId: assessments.unitId,
      unitName: units.name,
      period: assessments.period,
      total: totalRows,
    })
    .from(assessments)
    .innerJoin(units, eq(units.id, assessments.unitId))
    .where(and(under(db, roots, assessments.unitId), eq(assessments.status, 'submitted'), activeUnit(today)))
    .orderBy(asc(assessments.submittedAt), asc(assessments.id))
    .limit(TODO_LIMIT);
  return group('verification', [
    part(
      rows,
      rows.map((a) =>
        item('assessment_submitted', `/kiem-dem/${a.id}`, { unitId: a.unitId, unitName: a.unitName, month: ym(a.period) }),
      ),
    ),
  ]);
}

/**
 * Confirmed, open roadmap items whose target month is due (this month or earlier, or ending within the
 * reminder window): of the units of one's commune-officer grants, of one's agency, or led by oneself —
 * and always within what one may read.
 */
export async function roadmapDueWork({ db, actor, today, reminderDays }: TodoContext) {
  const officer = rootsOf(actor, ['commune_officer']);
  const [me] = await db.select({ agencyId: users.agencyId }).from(users).where(eq(users.id, actor.userId));
  const mine = or(
    eq(roadmapItems.leadUserId, actor.userId),
    ...(me?.agencyId ? [eq(roadmapItems.leadAgencyId, me.agencyId)] : []),
    ...(officer.length ? [under(db, officer, roadmapItems.unitId)] : []),
  );
  const rows = await db
    .select({
      id: roadmapItems.id,
      unitId: roadmapItems.unitId,
      unitName: units.name,
      title: roadmapItems.title,
      indicatorCode: roadmapItems.indicatorCode,
      targetMonth: roadmapItems.targetMonth,
      total: totalRows,
    })
    .from(roadmapItems)
    .innerJoin(units, eq(units.id, roadmapItems.unitId))
    .where(
      and(
        scopeFilter(db, actor, 'roadmap.read', roadmapItems.unitId),
        mine,
        ne(roadmapItems.status, 'done'),
        eq(roadmapItems.confirmed, true),
        isNotNull(roadmapItems.targetMonth),
        lte(roadmapItems.targetMonth, dueCutoff(today, reminderDays)),
        activeUnit(today),
      ),
    )
    .orderBy(asc(roadmapItems.targetMonth), asc(roadmapItems.id))
    .limit(TODO_LIMIT);
  return group('roadmap_due', [
    part(
      rows,
      rows.map((r) => {
        const due = monthEnd(r.targetMonth!);
        return item('roadmap_due', `/viec/${r.id}`, {
          unitId: r.unitId,
          unitName: r.unitName,
          name: r.title,
          code: r.indicatorCode,
          month: ym(r.targetMonth!),
          dueDate: due,
          overdue: due < today,
        });
      }),
    ),
  ]);
}

/** Office: suggestions from the gap lists not yet confirmed, counted per unit. */
export async function suggestionWork({ db, actor, today }: TodoContext) {
  const roots = rootsOf(actor, ['coordination_office']);
  if (!roots.length) return null;
  const rows = await db
    .select({ unitId: roadmapItems.unitId, unitName: units.name, n: count(), total: totalRows })
    .from(roadmapItems)
    .innerJoin(units, eq(units.id, roadmapItems.unitId))
    .where(
      and(
        under(db, roots, roadmapItems.unitId),
        eq(roadmapItems.confirmed, false),
        ne(roadmapItems.status, 'done'),
        activeUnit(today),
      ),
    )
    .groupBy(roadmapItems.unitId, units.name)
    .orderBy(asc(units.name))
    .limit(TODO_LIMIT);
  return group('roadmap_suggestions', [
    part(
      rows,
      rows.map((r) =>
        item('roadmap_unconfirmed', `/viec?don-vi=${r.unitId}`, { unitId: r.unitId, unitName: r.unitName, count: r.n }),
      ),
    ),
  ]);
}

/** Office: citizens' feedback held for moderation, counted per unit. */
export async function feedbackWork({ db, actor, today }: TodoContext) {
  const roots = rootsOf(actor, ['coordination_office']);
  if (!roots.length) return null;
  const rows = await db
    .select({ unitId: feedback.unitId, unitName: units.name, n: count(), total: totalRows })
    .from(feedback)
    .innerJoin(units, eq(units.id, feedback.unitId))
    .where(
      and(
        under(db, roots, feedback.unitId),
        scopeFilter(db, actor, 'portal.moderate', feedback.unitId),
        eq(feedback.status, 'pending'),
        activeUnit(today),
      ),
    )
    .groupBy(feedback.unitId, units.name)
    .orderBy(asc(units.name))
    .limit(TODO_LIMIT);
  return group('feedback', [
    part(
      rows,
      rows.map((r) => item('feedback_pending', '/cong-khai-quan-ly', { unitId: r.unitId, unitName: r.unitName, count: r.n })),
    ),
  ]);
}
