import { and, eq, inArray } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import type { Db } from '../../db/client';
import { agencies, roadmapItems, unitScope, type CostClass, type RoadmapStatus } from '../../db/schema';
import { ROADMAP_ITEM_LIFECYCLE, roadmapItemState, roadmapStepTo, storedStatus } from '../../domain/lifecycles/roadmap-item';
import { AppError, ruleViolation, versionConflict } from '../../lib/errors';
import { takeStep } from '../../lib/lifecycle';
import { todayVn } from '../../shared/vi';
import { write } from '../access/write-path';
import { auditSnapshot } from '../../lib/audit-chain';
import { phrase } from '../notifications/catalogue';
import { agencyUsers, notify } from '../notifications/notify';
import { responsiblePeopleFor } from './assignees';

type ItemChange = {
  title?: string | undefined;
  task?: string | null | undefined;
  leadAgencyId?: number | null | undefined;
  leadUserId?: number | null | undefined;
  supportingAgencyIds?: number[] | undefined;
  targetMonth?: string | null | undefined;
  costClass?: CostClass | undefined;
  costEstimate?: number | null | undefined;
  status?: RoadmapStatus | undefined;
  priority?: number | undefined;
  note?: string | null | undefined;
  confirm?: boolean | undefined;
};

export type UpdateItemInput = ItemChange & { version: number };

export async function getItem(db: Db, id: number, lock = false) {
  const q = db.select().from(roadmapItems).where(eq(roadmapItems.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** The latest month work can be planned for: the end of the 2031–2035 programme period. */
const LAST_TARGET_MONTH = '2035-12';

/** Agencies must work for the item's unit or a unit above it. */
async function checkAgencies(db: Db, unitId: number, ids: number[]) {
  if (!ids.length) return;
  const rows = await db
    .select({ id: agencies.id })
    .from(agencies)
    .innerJoin(unitScope, and(eq(unitScope.ancestorId, agencies.unitId), eq(unitScope.descendantId, unitId)))
    .where(inArray(agencies.id, ids));
  const ok = new Set(rows.map((r) => r.id));
  const bad = ids.filter((id) => !ok.has(id));
  if (bad.length) throw ruleViolation('agency_not_over_unit', { agencies: bad });
}

type Item = typeof roadmapItems.$inferSelect;

/**
 * The status after the change: confirming, then the status the office's form names, each a step of
 * the item's lifecycle taken from where the one before left it (a suggestion is confirmed first,
 * then it moves; a status sent unchanged is refused, as the actions never offer it).
 */
function nextStatus(before: Item, input: ItemChange): { confirming: boolean; status: RoadmapStatus } {
  const details = { indicator: before.indicatorCode };
  const confirming = input.confirm === true;
  let state = roadmapItemState(before);
  if (confirming) state = takeStep(ROADMAP_ITEM_LIFECYCLE, 'confirm', state, details);
  const current = confirming ? storedStatus(state) : before.status;
  if (input.status === undefined) return { confirming, status: current };
  // A status is a step: sending the one the item already has is refused, not taken as an edit.
  if (input.status === current) throw ruleViolation('roadmap_status_unchanged', { ...details, status: current });
  const step = roadmapStepTo(input.status);
  if (!step) throw ruleViolation(state === 'suggested' ? 'suggestion_not_confirmed' : 'roadmap_no_step_back', details);
  return { confirming, status: storedStatus(takeStep(ROADMAP_ITEM_LIFECYCLE, step, state, details)) };
}

/**
 * One item's change under its lock: the steps (`nextStatus`), the checks (agencies over the unit, the
 * responsible person one who works for it, cost and estimate agree, a confirmed item has a lead and a
 * month), the row, the notice to whoever now leads it, and the audit event.
 */
async function applyChange(tx: Db, w: { deps: Deps; actor: Actor; meta: RequestMeta }, before: Item, input: ItemChange) {
  const { deps, actor, meta } = w;
  const today = todayVn(meta.now);
  const leadAgencyId = input.leadAgencyId === undefined ? before.leadAgencyId : input.leadAgencyId;
  const supporting = input.supportingAgencyIds ?? before.supportingAgencyIds;
  await checkAgencies(tx, before.unitId, [...(leadAgencyId ? [leadAgencyId] : []), ...supporting]);
  const leadUserId = input.leadUserId === undefined ? before.leadUserId : input.leadUserId;
  if (leadUserId && input.leadUserId !== undefined) {
    const [u] = await responsiblePeopleFor(tx, before.unitId, today, leadUserId);
    if (!u) throw ruleViolation('lead_user_not_for_unit');
  }
  const costClass = input.costClass ?? before.costClass;
  const costEstimate = input.costEstimate === undefined ? before.costEstimate : input.costEstimate;
  if (costClass === 'none' && costEstimate) throw ruleViolation('no_cost_item_has_estimate');
  const { confirming, status } = nextStatus(before, input);
  const targetMonth = input.targetMonth === undefined ? before.targetMonth : input.targetMonth ? `${input.targetMonth}-01` : null;
  if (confirming && (!leadAgencyId || !targetMonth))
    throw ruleViolation('confirm_needs_lead_and_target', { indicator: before.indicatorCode });
  // A month set now lies between this month and the end of the next programme period (2035).
  if (input.targetMonth && `${input.targetMonth}-01` !== before.targetMonth) {
    if (input.targetMonth < today.slice(0, 7) || input.targetMonth > LAST_TARGET_MONTH)
      throw ruleViolation('target_month_out_of_range', {
        month: `${input.targetMonth.slice(5, 7)}/${input.targetMonth.slice(0, 4)}`,
      });
  }
  const [after] = await tx
    .update(roadmapItems)
    .set({
      title: input.title ?? before.title,
      task: input.task === undefined ? before.task : input.task,
      leadAgencyId,
      leadUserId,
      supportingAgencyIds: supporting,
      targetMonth,
      costClass,
      costEstimate,
      status,
      priority: input.priority ?? before.priority,
      note: input.note === undefined ? before.note : input.note,
      confirmed: before.confirmed || confirming,
      confirmedAt: confirming ? meta.now : before.confirmedAt,
      confirmedBy: confirming ? actor.userId : before.confirmedBy,
      closedAt: status === 'done' ? (before.closedAt ?? meta.now) : null,
      closedReason: status === 'done' ? (before.closedReason ?? 'manual') : null,
      version: before.version + 1,
      updatedAt: meta.now,
    })
    .where(eq(roadmapItems.id, before.id))
    .returning()
    .then((r) => r as [Item]);
  const assignedChanged =
    confirming || (after.confirmed && (after.leadAgencyId !== before.leadAgencyId || after.leadUserId !== before.leadUserId));
  if (assignedChanged) {
    await notify(
      tx,
      {
        userIds: [
          ...(after.leadUserId ? [after.leadUserId] : []),
          ...(await agencyUsers(tx, after.leadAgencyId ? [after.leadAgencyId] : [])),
        ],
        kind: 'roadmap.assigned',
        params: {
          code: after.indicatorCode,
          task: after.task ?? after.title,
          deadline: after.targetMonth ? phrase('month', { month: { month: after.targetMonth } }) : phrase('notSet'),
        },
        link: `/viec/${after.id}`,
        dedupeKey: `assigned:${after.id}:${after.leadAgencyId}:${after.leadUserId}`,
      },
      meta.now,
      deps.config.publicUrl,
    );
  }
  return {
    after,
    audit: {
      action: confirming ? ('roadmap_item.confirm' as const) : ('roadmap_item.update' as const),
      entityType: 'roadmap_item' as const,
      entityId: before.id,
      unitId: after.unitId,
      before: auditSnapshot(before),
      after: auditSnapshot(after),
    },
  };
}

/** The office assigns, edits and confirms an item; confirming tells the lead agency and person. */
export async function updateItem(deps: Deps, actor: Actor, meta: RequestMeta, id: number, input: UpdateItemInput) {
  return write(
    { deps, actor, meta },
    {
      can: 'roadmap.manage',
      load: (db) => getItem(db, id),
      units: (item) => item.unitId,
      lock: (tx) => getItem(tx, id, true),
      version: { sent: input.version, stored: (item) => item.version },
      apply: async (tx, before) => {
        const { after, audit } = await applyChange(tx, { deps, actor, meta }, before, input);
        return { result: after, audit };
      },
    },
  );
}

export type ConfirmItemsInput = {
  items: { id: number; version: number }[];
  leadAgencyId?: number | undefined;
  leadUserId?: number | null | undefined;
  targetMonth?: string | undefined;
};

/**
 * The office confirms several suggestions at once, optionally giving them one lead agency, person and
 * month: all of them or none (a stale version or an item missing a lead or month refuses the lot).
 */
export async function confirmItems(deps: Deps, actor: Actor, meta: RequestMeta, input: ConfirmItemsInput) {
  const ids = [...new Set(input.items.map((i) => i.id))].sort((a, b) => a - b);
  if (ids.length !== input.items.length) throw ruleViolation('item_listed_twice');
  const sent = new Map(input.items.map((i) => [i.id, i.version]));
  const read = async (db: Db, lock: boolean) => {
    const q = db.select().from(roadmapItems).where(inArray(roadmapItems.id, ids)).orderBy(roadmapItems.id);
    const rows = lock ? await q.for('update') : await q;
    if (rows.length !== ids.length) throw new AppError('NOT_FOUND');
    return rows;
  };
  return write(
    { deps, actor, meta },
    {
      can: 'roadmap.manage',
      load: (db) => read(db, false),
      units: (rows) => [...new Set(rows.map((r) => r.unitId))],
      lock: (tx) => read(tx, true),
      apply: async (tx, rows) => {
        const stale = rows.find((r) => r.version !== sent.get(r.id));
        if (stale) throw versionConflict(stale.version);
        // Each must be a suggestion still (confirming is its step); the first that is not refuses the lot.
        for (const r of rows) takeStep(ROADMAP_ITEM_LIFECYCLE, 'confirm', roadmapItemState(r), { indicator: r.indicatorCode });
        const results = [];
        for (const before of rows)
          results.push(
            await applyChange(tx, { deps, actor, meta }, before, {
              confirm: true,
              ...(input.leadAgencyId !== undefined ? { leadAgencyId: input.leadAgencyId } : {}),
              ...(input.leadUserId !== undefined ? { leadUserId: input.leadUserId } : {}),
              ...(input.targetMonth !== undefined ? { targetMonth: input.targetMonth } : {}),
            }),
          );
        return { result: results.map((r) => r.after), audit: results.map((r) => r.audit) };
      },
    },
  );
}
