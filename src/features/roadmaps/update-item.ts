import { and, eq, inArray } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import type { Db } from '../../db/client';
import { agencies, roadmapItems, unitScope, users, type CostClass, type RoadmapStatus } from '../../db/schema';
import { AppError, ruleViolation } from '../../lib/errors';
import { write } from '../access/write-path';
import { auditSnapshot } from '../audit/write-audit';
import { agencyUsers, notify } from '../notifications/notify';

export type UpdateItemInput = {
  version: number;
  title?: string | undefined;
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

export async function getItem(db: Db, id: number, lock = false) {
  const q = db.select().from(roadmapItems).where(eq(roadmapItems.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

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
        const leadAgencyId = input.leadAgencyId === undefined ? before.leadAgencyId : input.leadAgencyId;
        const supporting = input.supportingAgencyIds ?? before.supportingAgencyIds;
        await checkAgencies(tx, before.unitId, [...(leadAgencyId ? [leadAgencyId] : []), ...supporting]);
        const leadUserId = input.leadUserId === undefined ? before.leadUserId : input.leadUserId;
        if (leadUserId && input.leadUserId !== undefined) {
          const [u] = await tx.select({ id: users.id }).from(users).where(eq(users.id, leadUserId));
          if (!u) throw ruleViolation('lead_user_unknown');
        }
        const costClass = input.costClass ?? before.costClass;
        const costEstimate = input.costEstimate === undefined ? before.costEstimate : input.costEstimate;
        if (costClass === 'none' && costEstimate) throw ruleViolation('no_cost_item_has_estimate');
        const confirming = input.confirm === true && !before.confirmed;
        if (confirming && (!leadAgencyId || !(input.targetMonth ?? before.targetMonth)))
          throw ruleViolation('confirm_needs_lead_and_target');
        const status = input.status ?? before.status;
        const [after] = await tx
          .update(roadmapItems)
          .set({
            title: input.title ?? before.title,
            leadAgencyId,
            leadUserId,
            supportingAgencyIds: supporting,
            targetMonth:
              input.targetMonth === undefined ? before.targetMonth : input.targetMonth ? `${input.targetMonth}-01` : null,
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
          .where(eq(roadmapItems.id, id))
          .returning()
          .then((r) => r as [typeof before]);
        const assignedChanged =
          confirming ||
          (after.confirmed && (after.leadAgencyId !== before.leadAgencyId || after.leadUserId !== before.leadUserId));
        if (assignedChanged) {
          await notify(
            tx,
            {
              userIds: [
                ...(after.leadUserId ? [after.leadUserId] : []),
                ...(await agencyUsers(tx, after.leadAgencyId ? [after.leadAgencyId] : [])),
              ],
              kind: 'roadmap.assigned',
              title: `Được giao chủ trì chỉ tiêu ${after.indicatorCode}`,
              body: `Nội dung: ${after.title}. Thời hạn: tháng ${after.targetMonth?.slice(5, 7)}/${after.targetMonth?.slice(0, 4)}.`,
              link: `/viec/${after.id}`,
              dedupeKey: `assigned:${after.id}:${after.leadAgencyId}:${after.leadUserId}`,
            },
            meta.now,
            deps.config.publicUrl,
          );
        }
        return {
          result: after,
          audit: {
            action: confirming ? 'roadmap_item.confirm' : 'roadmap_item.update',
            entityType: 'roadmap_item',
            entityId: id,
            unitId: after.unitId,
            before: auditSnapshot(before),
            after: auditSnapshot(after),
          },
        };
      },
    },
  );
}
