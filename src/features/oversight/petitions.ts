/**
 * Voters' petitions (kiến nghị cử tri): received from voter meetings, delegates or the public
 * portal; classified and assigned by the council to the body that must answer; answered by that
 * body; closed by the council as resolved, shelved with a roadmap, or forwarded to a higher level.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { councils, petitions, units, type PetitionCategory, type PetitionSource, type PetitionStatus } from '../../db/schema';
import { PETITION_LIFECYCLE, petitionStepTo } from '../../domain/lifecycles/petition';
import { petitionStats } from '../../domain/oversight/petitions';
import { takeStep } from '../../lib/lifecycle';
import type { Db } from '../../db/client';
import { fieldProblem, ruleViolation } from '../../lib/errors';
import { searchKey, todayVn } from '../../shared/vi';
import { scopeFilter, unitInScope } from '../access/authorize';
import { auditSnapshot } from '../../lib/audit-chain';
import { checkedByLoad, write } from '../access/write-path';
import { keepCouncil } from './records';
import { phrase } from '../notifications/catalogue';
import { notify, unitResponders } from '../notifications/notify';
import { lockRow, petitionFor } from './access';
import type { OpenSteps } from './actions';
import { petitionView } from './views';

export type PetitionInput = {
  unitId: number;
  source: PetitionSource;
  sourceNote?: string | null | undefined;
  receivedOn: string;
  text: string;
  category?: PetitionCategory | null | undefined;
};

/** The write path over a petition: its row locked, access decided again on the locked row. */
const onPetition = (actor: Actor, id: number, need: 'manage' | 'respond') => ({
  can: checkedByLoad,
  load: (db: Db) => petitionFor(db, actor, id, need),
  units: (x: { petition: { assigneeUnitId: number | null }; council: { unitId: number } }) =>
    need === 'respond' && x.petition.assigneeUnitId !== null ? x.petition.assigneeUnitId : x.council.unitId,
  lock: async (tx: Db) => {
    await lockRow(tx, 'petitions', id);
    return petitionFor(tx, actor, id, need);
  },
});

export async function createPetition(deps: Deps, actor: Actor, meta: RequestMeta, councilId: number, input: PetitionInput) {
  if (input.receivedOn > todayVn(meta.now)) throw fieldProblem('receivedOn', 'date_in_future');
  return write(
    { deps, actor, meta },
    {
      ...keepCouncil(actor, councilId),
      apply: async (tx, council) => {
        if (!(await unitInScope(tx, [council.unitId], input.unitId))) throw fieldProblem('unitId', 'outside_council_area');
        const [row] = await tx
          .insert(petitions)
          .values({
            councilId,
            ...input,
            sourceNote: input.sourceNote ?? null,
            category: input.category ?? null,
            createdAt: meta.now,
            createdBy: actor.userId,
          })
          .returning();
        return {
          result: row!,
          audit: {
            action: 'petition.create',
            entityType: 'petition',
            entityId: row!.id,
            unitId: council.unitId,
            after: auditSnapshot(row),
          },
        };
      },
    },
  );
}

/** The council classifies and assigns a petition (or moves it on: resolved, roadmap, forwarded). */
export async function managePetition(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: number,
  input: {
    version: number;
    category?: PetitionCategory | null | undefined;
    assigneeUnitId?: number | undefined;
    assigneeLabel?: string | undefined;
    deadline?: string | undefined;
    status?: PetitionStatus | undefined;
  },
) {
  const { version, ...changes } = input;
  return write(
    { deps, actor, meta },
    {
      ...onPetition(actor, id, 'manage'),
      version: { sent: version, stored: (x) => x.petition.version },
      apply: async (tx, { petition: before, council }) => {
        if (changes.assigneeUnitId !== undefined && !(await unitInScope(tx, [council.unitId], changes.assigneeUnitId)))
          throw fieldProblem('assigneeUnitId', 'outside_council_area');
        // A status is a step: sending the one it has is not an edit in disguise (its edits go without one),
        // and a petition that has ended is kept as it ended.
        if (changes.status === before.status)
          throw ruleViolation('petition_status_order', { status: before.status, to: changes.status });
        if (!PETITION_LIFECYCLE.editable.includes(before.status))
          throw ruleViolation('petition_ended', { status: before.status });
        if (changes.deadline !== undefined && changes.deadline < before.receivedOn)
          throw ruleViolation('petition_deadline_before_received', { deadline: changes.deadline, receivedOn: before.receivedOn });
        let status = changes.status ?? before.status;
        if (changes.assigneeUnitId !== undefined && !changes.status && before.status === 'received') status = 'assigned';
        if (status !== before.status) {
          const step = petitionStepTo(status);
          if (!step) throw ruleViolation('petition_status_order', { status: before.status, to: status });
          takeStep(PETITION_LIFECYCLE, step, before.status);
          if (status === 'assigned' && !(changes.assigneeUnitId ?? before.assigneeUnitId))
            throw ruleViolation('petition_needs_assignee');
          if (status === 'answered') throw ruleViolation('petition_answer_by_assignee');
        }
        const [row] = await tx
          .update(petitions)
          .set({ ...changes, status, version: before.version + 1 })
          .where(eq(petitions.id, id))
          .returning()
          .then((r) => r as [typeof before]);
        if (row.assigneeUnitId && row.assigneeUnitId !== before.assigneeUnitId) {
          await notify(
            tx,
            {
              userIds: await unitResponders(tx, row.assigneeUnitId),
              kind: 'oversight.petition',
              params: {
                council: council.name,
                text: row.text,
                deadline: row.deadline ? phrase('answerBy', { date: { date: row.deadline } }) : '',
              },
              link: `/giam-sat/kien-nghi-cu-tri`,
              dedupeKey: `oversight.petition:${id}:${row.assigneeUnitId}`,
            },
            meta.now,
            deps.config.publicUrl,
          );
        }
        return {
          result: row,
          audit: {
            action: 'petition.update',
            entityType: 'petition',
            entityId: id,
            unitId: council.unitId,
            before: auditSnapshot(before),
            after: auditSnapshot(row),
          },
        };
      },
    },
  );
}

/** The assigned body answers. */
export async function answerPetition(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: number,
  input: { answer: string; version: number },
) {
  return write(
    { deps, actor, meta },
    {
      ...onPetition(actor, id, 'respond'),
      version: { sent: input.version, stored: (x) => x.petition.version },
      apply: async (tx, { petition: before, council }) => {
        const status = takeStep(PETITION_LIFECYCLE, 'answer', before.status);
        const [row] = await tx
          .update(petitions)
          .set({ answer: input.answer, answeredOn: todayVn(meta.now), status, version: before.version + 1 })
          .where(eq(petitions.id, id))
          .returning();
        return {
          result: row!,
          audit: {
            action: 'petition.answer',
            entityType: 'petition',
            entityId: id,
            unitId: council.unitId,
            before: { status: before.status },
            after: { status: row!.status, answer: row!.answer },
          },
        };
      },
    },
  );
}

export async function listPetitions(
  deps: Deps,
  actor: Actor,
  f: { councilId?: number | undefined; status?: string | undefined; q?: string | undefined; mine?: boolean | undefined },
  steps: OpenSteps,
) {
  const db = deps.db;
  const assigned = scopeFilter(db, actor, 'oversight.respond', petitions.assigneeUnitId);
  const readable = scopeFilter(db, actor, 'oversight.read', councils.unitId);
  const rows = await db
    .select({ p: petitions, councilName: councils.name, unitName: units.name })
    .from(petitions)
    .innerJoin(councils, eq(councils.id, petitions.councilId))
    .innerJoin(units, eq(units.id, petitions.unitId))
    .where(
      and(
        f.mine ? assigned : sql`(${assigned} or ${readable})`,
        f.councilId ? eq(petitions.councilId, f.councilId) : undefined,
        f.status ? eq(petitions.status, f.status as PetitionStatus) : undefined,
      ),
    )
    .orderBy(desc(petitions.receivedOn), desc(petitions.id))
    .limit(1000);
  const key = f.q ? searchKey(f.q) : null;
  const items = await Promise.all(
    rows
      .filter((r) => !key || searchKey(`${r.p.text} ${r.unitName} ${r.p.assigneeLabel ?? ''}`).includes(key))
      .map(async (r) => ({
        ...petitionView(r.p, await steps.petition(r.p)),
        councilName: r.councilName,
        unitName: r.unitName,
      })),
  );
  return { items, stats: petitionStats(items.map((i) => i.status)) };
}
