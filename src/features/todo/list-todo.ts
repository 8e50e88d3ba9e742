import { and, eq, max, or, type SQL } from 'drizzle-orm';
import type { Actor, Deps } from '../../context';
import { assessments } from '../../db/schema';
import { todayVn } from '../../shared/vi';
import { scopeFilter } from '../access/authorize';
import type { TodoGroup } from './schemas';
import { rootsOf, under, type TodoContext } from './scope';
import { assessmentWork, feedbackWork, roadmapDueWork, suggestionWork, verificationWork } from './work-ntm';
import { ocopOfficeWork, ocopProducerWork, ocopScoringWork } from './work-ocop';
import { councilWork, respondWork } from './work-oversight';

/** The groups in the order a home page shows them: one's own entry first, then reviews, then follow-up. */
const SECTIONS = [
  assessmentWork,
  verificationWork,
  roadmapDueWork,
  suggestionWork,
  ocopScoringWork,
  ocopOfficeWork,
  ocopProducerWork,
  councilWork,
  respondWork,
  feedbackWork,
];

/**
 * What waits for the signed-in person, computed from their grants: each section is a few set-based
 * queries over all their units at once, scoped like every list, and skips units that have ended.
 */
export async function listTodo(deps: Deps, actor: Actor) {
  const today = todayVn(deps.clock.now());
  const ctx: TodoContext = {
    db: deps.db,
    actor,
    today,
    period: `${today.slice(0, 7)}-01`,
    reminderDays: deps.config.reminderDays,
  };
  const groups: TodoGroup[] = [];
  // Sequential on purpose: a request holds one connection of the pool, not one per section.
  for (const section of SECTIONS) {
    const g = await section(ctx);
    if (g) groups.push(g);
  }
  return { today, groups };
}

/**
 * The latest month with data for the person: a verified count anywhere they may read, or — for a
 * commune officer — any count of their commune(s), so a period picker opens where the figures are.
 */
export async function latestMonth(deps: Deps, actor: Actor): Promise<string | null> {
  const db = deps.db;
  const officer = rootsOf(actor, ['commune_officer']);
  const verified = and(eq(assessments.status, 'verified'), scopeFilter(db, actor, 'assessment.read', assessments.unitId));
  const where: SQL | undefined = officer.length ? or(verified, under(db, officer, assessments.unitId)) : verified;
  const [row] = await db
    .select({ period: max(assessments.period) })
    .from(assessments)
    .where(where);
  return row?.period ? row.period.slice(0, 7) : null;
}
