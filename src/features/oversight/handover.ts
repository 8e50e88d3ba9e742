/**
 * Councils after the 2025 reform. A council ends when its level is abolished or its unit dissolved
 * (the district-level councils, Móng Cái's among them, on 1/7/2025). What it left open — requests
 * after supervision, voters' petitions — does not escalate to nobody: one recorded handover (who,
 * when, on what legal basis) passes each open item to a successor council, or closes it with a reason.
 */
import { and, desc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { rowsOf, type Db } from '../../db/client';
import {
  councilHandovers,
  councils,
  oversightActivities,
  petitions,
  recommendations,
  unitParents,
  units,
  type HandoverItem,
} from '../../db/schema';
import { AppError, ruleViolation } from '../../lib/errors';
import type { Lang } from '../../lib/messages';
import { todayVn } from '../../shared/vi';
import { authorize, unitInScope } from '../access/authorize';
import { write } from '../access/write-path';
import { lockRow } from './access';

export type HandoverInput = {
  toCouncilId: number | null;
  handedOverOn: string;
  legalBasis: string;
  note?: string | null | undefined;
  /** Items treated otherwise than "handed over as they are": closed with a reason, re-addressed, re-dated. */
  items?: HandoverItem[] | undefined;
};

const MSG = {
  not_open: { vi: 'không phải việc còn mở của HĐND này', en: 'not an open item of this council' },
  reason_required: { vi: 'cần ghi lý do khi khép lại', en: 'closing an item needs a reason' },
  closed_not_readdressed: {
    vi: 'việc đã khép lại không đổi cơ quan thực hiện hay thời hạn',
    en: 'a closed item keeps its addressee and deadline',
  },
  deadline_before_handover: {
    vi: 'thời hạn mới không được trước ngày bàn giao',
    en: 'a new deadline cannot be before the day of the handover',
  },
};

/** Statuses of what is still open at a council's end. */
const OPEN_RECOMMENDATIONS = ['open', 'reported', 'not_accepted'] as const;
const DONE_PETITIONS = ['resolved', 'forwarded', 'closed'] as const;

const liveOn = (u: { effectiveFrom: string; effectiveTo: string | null }, day: string) =>
  u.effectiveFrom <= day && (u.effectiveTo === null || u.effectiveTo > day);

async function unitOf(db: Db, id: number) {
  const [u] = await db.select().from(units).where(eq(units.id, id));
  if (!u) throw new AppError('NOT_FOUND');
  return u;
}

async function loadHandover(db: Db, fromCouncilId: number, input: HandoverInput) {
  const [from] = await db.select().from(councils).where(eq(councils.id, fromCouncilId));
  if (!from) throw new AppError('NOT_FOUND');
  const unit = await unitOf(db, from.unitId);
  // The level above the ended unit, as it was on its last day.
  const [parent] = await db
    .select({ id: unitParents.parentId })
    .from(unitParents)
    .where(eq(unitParents.unitId, unit.id))
    .orderBy(desc(unitParents.effectiveFrom))
    .limit(1);
  const fromUnit = { ...unit, parentId: parent?.id ?? null };
  let to: typeof from | null = null;
  if (input.toCouncilId !== null) {
    const [row] = await db.select().from(councils).where(eq(councils.id, input.toCouncilId));
    if (!row) throw new AppError('NOT_FOUND');
    to = row;
  }
  const toUnit = to ? await unitOf(db, to.unitId) : null;
  return { from, fromUnit, to, toUnit };
}

type Loaded = Awaited<ReturnType<typeof loadHandover>>;

/** The open items of a council, as they are now (inside the transaction, after the council row is locked). */
/**
 * Does `unitId` cover the place `wasUnitId` stood for? Some unit that was ever under `wasUnitId` (or
 * it itself) is, over time, under `unitId` or a predecessor of a unit under it.
 */
async function coversPlace(tx: Db, unitId: number, wasUnitId: number): Promise<boolean> {
  const rows = rowsOf<{ ok: number }>(
    await tx.execute(sql`
      select 1 as ok from unit_scope a join unit_scope b on b.descendant_id = a.descendant_id
       where a.ancestor_id = ${wasUnitId} and b.ancestor_id = ${unitId} limit 1`),
  );
  return rows.length > 0;
}

async function openItemsOf(tx: Db, councilId: number) {
  const recs = await tx
    .select({ r: recommendations })
    .from(recommendations)
    .innerJoin(oversightActivities, eq(oversightActivities.id, recommendations.activityId))
    .where(and(eq(oversightActivities.councilId, councilId), inArray(recommendations.status, [...OPEN_RECOMMENDATIONS])))
    .for('update', { of: recommendations });
  const pets = await tx
    .select()
    .from(petitions)
    .where(and(eq(petitions.councilId, councilId), notInArray(petitions.status, [...DONE_PETITIONS])))
    .for('update');
  return { recs: recs.map((x) => x.r), pets };
}

/**
 * Records the handover of an ended council. Keepers whose area covers both the ended council and the
 * successor record it (or, when every item is closed, the keepers of the level above); the ended
 * council's own unit stays read-only.
 */
export async function recordHandover(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  fromCouncilId: number,
  input: HandoverInput,
  lang: Lang,
) {
  return write(
    { deps, actor, meta },
    {
      can: async (db: Db, a: Actor, _units: number[], x: Loaded) => {
        const where = x.to ? x.to.unitId : x.fromUnit.parentId;
        if (where === null) throw new AppError('FORBIDDEN');
        await authorize(db, a, 'oversight.manage', where);
        // …and over the ended council's own area: a commune's council cannot claim the items of a council above it.
        await authorize(db, a, 'oversight.manage', x.from.unitId);
      },
      load: (db) => loadHandover(db, fromCouncilId, input),
      units: (x) => (x.to ? x.to.unitId : (x.fromUnit.parentId ?? x.fromUnit.id)),
      lock: async (tx) => {
        await lockRow(tx, 'councils', fromCouncilId);
        return loadHandover(tx, fromCouncilId, input);
      },
      apply: async (tx, x) => {
        const day = input.handedOverOn;
        const today = todayVn(meta.now);
        if (x.fromUnit.effectiveTo === null || x.fromUnit.effectiveTo > day) throw ruleViolation('council_still_in_office');
        if (day > today) throw ruleViolation('handover_in_future');
        if (x.to && (x.to.id === x.from.id || !liveOn(x.toUnit!, day))) throw ruleViolation('handover_successor_not_in_office');
        const [earlier] = await tx
          .select({ id: councilHandovers.id })
          .from(councilHandovers)
          .where(eq(councilHandovers.fromCouncilId, fromCouncilId));
        if (earlier) throw ruleViolation('council_already_handed_over');

        const { recs, pets } = await openItemsOf(tx, fromCouncilId);
        const given = new Map((input.items ?? []).map((i) => [`${i.kind}:${i.id}`, i]));
        const open = new Set([...recs.map((r) => `recommendation:${r.id}`), ...pets.map((p) => `petition:${p.id}`)]);
        const problems = [...given.keys()]
          .filter((k) => !open.has(k))
          .map((k) => ({ path: k, code: 'not_open', message: MSG.not_open[lang] }));
        for (const [k, i] of given) {
          if (i.outcome === 'closed' && !i.reason?.trim())
            problems.push({ path: k, code: 'reason_required', message: MSG.reason_required[lang] });
          if (i.outcome === 'closed' && (i.addresseeUnitId || i.deadline))
            problems.push({ path: k, code: 'closed_not_readdressed', message: MSG.closed_not_readdressed[lang] });
          if (i.deadline && i.deadline < day)
            problems.push({ path: k, code: 'deadline_before_handover', message: MSG.deadline_before_handover[lang] });
        }
        if (problems.length) throw new AppError('VALIDATION_FAILED', problems);
        const items: HandoverItem[] = [...open].map((k) => {
          const [kind, id] = k.split(':') as [HandoverItem['kind'], string];
          return given.get(k) ?? { kind, id: Number(id), outcome: 'handed_over' };
        });
        if (!x.to && items.some((i) => i.outcome === 'handed_over')) throw ruleViolation('handover_needs_successor');
        // Each new addressee, read and checked once: in operation, and within the successor's own area.
        const addressees = new Map<number, string>();
        for (const unitId of new Set(items.flatMap((i) => (i.addresseeUnitId ? [i.addresseeUnitId] : [])))) {
          const u = await unitOf(tx, unitId);
          if (!liveOn(u, day) && !liveOn(u, today)) throw ruleViolation('handover_addressee_ended');
          if (!(await unitInScope(tx, [x.to!.unitId], u.id))) throw ruleViolation('handover_addressee_outside');
          addressees.set(unitId, u.name);
        }
        // …and about the same place: the new addressee covers the unit the item was about (a successor of
        // it, or a unit above it), never a neighbouring commune that happens to be in the same province.
        for (const i of items.filter((x) => x.addresseeUnitId)) {
          const was =
            i.kind === 'recommendation'
              ? recs.find((r) => r.id === i.id)!.addresseeUnitId
              : (pets.find((p) => p.id === i.id)!.assigneeUnitId ?? pets.find((p) => p.id === i.id)!.unitId);
          if (!(await coversPlace(tx, i.addresseeUnitId!, was)))
            throw ruleViolation('handover_addressee_elsewhere', { kind: i.kind, id: i.id, addresseeUnitId: i.addresseeUnitId });
        }

        const [handover] = await tx
          .insert(councilHandovers)
          .values({
            fromCouncilId,
            toCouncilId: x.to?.id ?? null,
            handedOverOn: day,
            legalBasis: input.legalBasis,
            note: input.note ?? null,
            items,
            createdAt: meta.now,
            createdBy: actor.userId,
          })
          .returning();
        const h = handover!;
        for (const i of items) {
          const closed = i.outcome === 'closed';
          if (i.kind === 'recommendation') {
            const r = recs.find((x) => x.id === i.id)!;
            await tx
              .update(recommendations)
              .set({
                handoverId: h.id,
                version: r.version + 1,
                ...(closed
                  ? { status: 'closed' as const, decidedOn: day, decidedBy: actor.userId, decisionNote: i.reason!.trim() }
                  : {
                      followUpCouncilId: x.to!.id,
                      ...(i.addresseeUnitId
                        ? { addresseeUnitId: i.addresseeUnitId, addresseeLabel: `UBND ${addressees.get(i.addresseeUnitId)}` }
                        : {}),
                      ...(i.deadline ? { deadline: i.deadline } : {}),
                    }),
              })
              .where(eq(recommendations.id, i.id));
          } else {
            const p = pets.find((x) => x.id === i.id)!;
            await tx
              .update(petitions)
              .set({
                handoverId: h.id,
                version: p.version + 1,
                ...(closed
                  ? { status: 'closed' as const, answer: p.answer ?? i.reason!.trim(), answeredOn: p.answeredOn ?? day }
                  : {
                      followUpCouncilId: x.to!.id,
                      ...(i.addresseeUnitId
                        ? { assigneeUnitId: i.addresseeUnitId, assigneeLabel: `UBND ${addressees.get(i.addresseeUnitId)}` }
                        : {}),
                      ...(i.deadline ? { deadline: i.deadline } : {}),
                    }),
              })
              .where(eq(petitions.id, i.id));
          }
        }
        const summary = {
          handedOver: items.filter((i) => i.outcome === 'handed_over').length,
          closed: items.filter((i) => i.outcome === 'closed').length,
        };
        return {
          result: { ...h, ...summary },
          audit: {
            action: 'council.handover',
            entityType: 'council',
            entityId: fromCouncilId,
            unitId: x.to?.unitId ?? x.fromUnit.parentId ?? x.from.unitId,
            after: { toCouncilId: h.toCouncilId, handedOverOn: day, legalBasis: h.legalBasis, ...summary, items },
          },
        };
      },
    },
  );
}

/** A council's handover as shown with its records: what ended, to whom, when and why. */
export async function handoverOf(db: Db, councilId: number) {
  const [h] = await db.select().from(councilHandovers).where(eq(councilHandovers.fromCouncilId, councilId));
  if (!h) return null;
  const [to] = h.toCouncilId ? await db.select().from(councils).where(eq(councils.id, h.toCouncilId)) : [];
  return {
    id: h.id,
    handedOverOn: h.handedOverOn,
    legalBasis: h.legalBasis,
    note: h.note,
    toCouncil: to ? { id: to.id, name: to.name } : null,
    handedOver: h.items.filter((i) => i.outcome === 'handed_over').length,
    closed: h.items.filter((i) => i.outcome === 'closed').length,
  };
}

/** A handed-over item's story for its follow-up history. */
export async function handoverNote(db: Db, handoverId: number | null, item?: { kind: HandoverItem['kind']; id: number }) {
  if (handoverId === null) return null;
  const [h] = await db.select().from(councilHandovers).where(eq(councilHandovers.id, handoverId));
  if (!h) return null;
  const [from] = await db.select({ name: councils.name }).from(councils).where(eq(councils.id, h.fromCouncilId));
  const [to] = h.toCouncilId
    ? await db.select({ id: councils.id, name: councils.name }).from(councils).where(eq(councils.id, h.toCouncilId))
    : [];
  return {
    handedOverOn: h.handedOverOn,
    legalBasis: h.legalBasis,
    fromCouncilName: from?.name ?? '',
    toCouncil: to ?? null,
    /** What the handover did with this item (handed over as it was, re-addressed, or closed with a reason). */
    outcome: item ? (h.items.find((i) => i.kind === item.kind && i.id === item.id)?.outcome ?? 'handed_over') : null,
    closedReason: item ? (h.items.find((i) => i.kind === item.kind && i.id === item.id)?.reason ?? null) : null,
  };
}
