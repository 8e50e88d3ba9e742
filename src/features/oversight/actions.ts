/**
 * What the caller may do with an activity, a recommendation or a petition now, sent with each of them
 * as `actions`: the steps its lifecycle allows from the current state, kept to those the write path
 * would let the caller take — the same decision on the same unit (`oversight.manage` on the keeping
 * council's unit for the council's steps, `oversight.respond` on the addressee's or assignee's unit
 * for theirs) and an ended unit read-only. The web shows a button only for a step listed here.
 */
import { eq } from 'drizzle-orm';
import type { Actor, RequestMeta } from '../../context';
import type { Db } from '../../db/client';
import { councils, oversightActivities } from '../../db/schema';
import { ACTIVITY_LIFECYCLE, type ActivityState, type ActivityStep } from '../../domain/lifecycles/activity';
import { stepsFrom } from '../../domain/lifecycles/machine';
import { PETITION_LIFECYCLE, type PetitionState, type PetitionStep } from '../../domain/lifecycles/petition';
import {
  RECOMMENDATION_LIFECYCLE,
  type RecommendationState,
  type RecommendationStep,
} from '../../domain/lifecycles/recommendation';
import { AppError } from '../../lib/errors';
import { authorize } from '../access/authorize';
import { assertWritable } from '../access/write-path';
import { mayRespond } from './access';

/** Whose step it is: the council keeping the record, or the body that must answer. */
const RECOMMENDATION_SIDE: Record<RecommendationStep, 'council' | 'addressee'> = {
  report_progress: 'addressee',
  report_done: 'addressee',
  accept: 'council',
  not_accept: 'council',
};
const PETITION_SIDE: Record<PetitionStep, 'council' | 'addressee'> = {
  assign: 'council',
  forward: 'council',
  answer: 'addressee',
  resolve: 'council',
  roadmap: 'council',
};

/** True when `check` passes, false when it refuses the way an authorisation does; anything else is thrown. */
async function passes(check: () => Promise<unknown>): Promise<boolean> {
  try {
    await check();
    return true;
  } catch (e) {
    if (e instanceof AppError) return false;
    throw e;
  }
}

/**
 * The open steps of the records of one answer. Decisions are remembered per unit and council, so a
 * list of a thousand petitions asks a handful of questions, not thousands.
 */
export function openSteps(db: Db, actor: Actor, meta: RequestMeta) {
  const memo = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, f: () => Promise<T>): Promise<T> => {
    if (!memo.has(key)) memo.set(key, f());
    return memo.get(key) as Promise<T>;
  };
  const writable = (unitId: number) => once(`w${unitId}`, () => passes(() => assertWritable(db, actor, meta, [unitId])));
  const manages = (unitId: number) =>
    once(`m${unitId}`, async () => (await passes(() => authorize(db, actor, 'oversight.manage', unitId))) && writable(unitId));
  const responds = (unitId: number) => once(`r${unitId}`, async () => (await mayRespond(db, actor, unitId)) && writable(unitId));
  const councilUnit = (councilId: number) =>
    once(`c${councilId}`, async () => {
      const [c] = await db.select({ unitId: councils.unitId }).from(councils).where(eq(councils.id, councilId));
      return c?.unitId ?? null;
    });
  const activityCouncil = (activityId: number) =>
    once(`a${activityId}`, async () => {
      const [a] = await db
        .select({ councilId: oversightActivities.councilId })
        .from(oversightActivities)
        .where(eq(oversightActivities.id, activityId));
      return a?.councilId ?? null;
    });
  const may = async (side: 'council' | 'addressee', councilUnitId: number | null, addresseeUnitId: number | null) =>
    side === 'council' ? councilUnitId !== null && manages(councilUnitId) : addresseeUnitId !== null && responds(addresseeUnitId);
  const keep = async <A extends string>(steps: A[], ok: (a: A) => Promise<boolean>) => {
    const open = await Promise.all(steps.map(ok));
    return steps.filter((_, i) => open[i]);
  };

  return {
    async activity(a: { councilId: number; status: ActivityState }): Promise<ActivityStep[]> {
      const unitId = await councilUnit(a.councilId);
      return keep(stepsFrom(ACTIVITY_LIFECYCLE, a.status), () => may('council', unitId, null));
    },
    /** A recommendation is kept by the council it was handed over to, else by its activity's. */
    async recommendation(r: {
      activityId: number;
      followUpCouncilId: number | null;
      addresseeUnitId: number;
      status: RecommendationState;
      /** The activity's council when the caller has it at hand (saves a look-up). */
      activityCouncilId?: number;
    }): Promise<RecommendationStep[]> {
      const keeper = r.followUpCouncilId ?? r.activityCouncilId ?? (await activityCouncil(r.activityId));
      const unitId = keeper === null ? null : await councilUnit(keeper);
      return keep(stepsFrom(RECOMMENDATION_LIFECYCLE, r.status), (s) => may(RECOMMENDATION_SIDE[s], unitId, r.addresseeUnitId));
    },
    async petition(p: {
      councilId: number;
      followUpCouncilId: number | null;
      assigneeUnitId: number | null;
      status: PetitionState;
    }): Promise<PetitionStep[]> {
      const unitId = await councilUnit(p.followUpCouncilId ?? p.councilId);
      return keep(stepsFrom(PETITION_LIFECYCLE, p.status), (s) => may(PETITION_SIDE[s], unitId, p.assigneeUnitId));
    },
  };
}

export type OpenSteps = ReturnType<typeof openSteps>;
