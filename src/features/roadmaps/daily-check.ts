import { and, asc, eq, inArray, isNotNull, isNull, ne, or } from 'drizzle-orm';
import type { Deps } from '../../context';
import type { Db } from '../../db/client';
import { agencies, notificationPrefs, roadmapItems, roleGrants, users } from '../../db/schema';
import { todayVn } from '../../shared/vi';
import { writeAs } from '../access/write-path';
import { agencyUsers, notify, supervisingOffice } from '../notifications/notify';
import { deadline } from './dates';
import { mineCondition, type MineOf } from './queries';

/**
 * The daily pass over open items: a reminder when the target month ends within REMINDER_DAYS, a
 * warning once it has passed, an escalation to the supervising office after ESCALATION_DAYS, and
 * each person's digest. Every notice carries a dedupe key, so running twice (or on two instances)
 * sends nothing twice.
 */
export async function dailyRoadmapCheck(deps: Deps, jobId: number | string) {
  const now = deps.clock.now();
  const today = todayVn(now);
  const { reminderDays, escalationDays, publicUrl } = deps.config;
  const open = await deps.db
    .select()
    .from(roadmapItems)
    .where(and(ne(roadmapItems.status, 'done'), eq(roadmapItems.confirmed, true), isNotNull(roadmapItems.targetMonth)));
  let reminders = 0;
  let overdue = 0;
  let escalated = 0;
  const meta = { requestId: `job-${jobId}`, ip: null, now };
  await writeAs(deps, { meta, systemName: 'Hệ thống (kiểm tra lộ trình hằng ngày)' }, async (tx) => {
    for (const item of open) {
      const d = deadline(item.targetMonth!, today);
      const people = [
        ...(item.leadUserId ? [item.leadUserId] : []),
        ...(await agencyUsers(tx, item.leadAgencyId ? [item.leadAgencyId] : [])),
      ];
      const month = { month: item.targetMonth! };
      if (d.dueInDays >= 0 && d.dueInDays <= reminderDays) {
        reminders += await notify(
          tx,
          {
            userIds: people,
            kind: 'roadmap.due',
            params: { code: item.indicatorCode, title: item.title, month, days: d.dueInDays, progress: item.progress },
            link: `/viec/${item.id}`,
            dedupeKey: `due:${item.id}:${item.targetMonth}`,
          },
          now,
          publicUrl,
        );
      }
      if (d.overdueDays > 0) {
        overdue += await notify(
          tx,
          {
            userIds: people,
            kind: 'roadmap.overdue',
            params: { code: item.indicatorCode, title: item.title, month },
            link: `/viec/${item.id}`,
            dedupeKey: `overdue:${item.id}:${item.targetMonth}`,
          },
          now,
          publicUrl,
        );
        if (item.status === 'not_started' || item.status === 'in_progress') {
          await tx.update(roadmapItems).set({ status: 'at_risk', updatedAt: now }).where(eq(roadmapItems.id, item.id));
        }
      }
      if (d.overdueDays >= escalationDays && !item.escalatedAt) {
        await tx
          .update(roadmapItems)
          .set({ escalatedAt: now, updatedAt: now })
          .where(and(eq(roadmapItems.id, item.id), isNull(roadmapItems.escalatedAt)));
        escalated += await notify(
          tx,
          {
            userIds: await supervisingOffice(tx, item.unitId),
            kind: 'roadmap.escalated',
            params: { code: item.indicatorCode, title: item.title, month, days: d.overdueDays, progress: item.progress },
            link: `/viec/${item.id}`,
            dedupeKey: `escalated:${item.id}:${item.targetMonth}`,
          },
          now,
          publicUrl,
        );
      }
    }
    // One digest a day for each person with open work who wants it: what their "việc của tôi" shows open.
    for (const who of await digestReaders(tx)) {
      const items = await tx
        .select({ targetMonth: roadmapItems.targetMonth })
        .from(roadmapItems)
        .where(and(await mineCondition(tx, who), ne(roadmapItems.status, 'done')));
      if (!items.length) continue;
      const late = items.filter((i) => i.targetMonth && deadline(i.targetMonth, today).overdueDays > 0).length;
      await notify(
        tx,
        {
          userIds: [who.userId],
          kind: 'roadmap.digest',
          params: { date: { date: today }, open: items.length, late },
          link: `/viec?cua-toi=1&trang-thai=${OPEN_STATUSES}`,
          dedupeKey: `digest:${today}`,
        },
        now,
        publicUrl,
      );
    }
    return {
      result: undefined,
      audit:
        reminders || overdue || escalated
          ? { action: 'system.run_roadmap_daily', entityType: 'system', after: { reminders, overdue, escalated, date: today } }
          : [],
    };
  });
  return { reminders, overdue, escalated };
}

/** The statuses of open work, as the board's filter writes them. */
const OPEN_STATUSES = 'not_started,in_progress,at_risk';

/**
 * Active people who want the digest and may have open work of their own: in charge of an open item, on
 * the staff of an agency leading or supporting one, or an official of a unit whose People's Committee
 * leads one — each with the roles they hold now, for `mineCondition` to decide.
 */
async function digestReaders(tx: Db): Promise<MineOf[]> {
  const open = await tx
    .select({
      leadUserId: roadmapItems.leadUserId,
      leadAgencyId: roadmapItems.leadAgencyId,
      supporting: roadmapItems.supportingAgencyIds,
    })
    .from(roadmapItems)
    .where(and(ne(roadmapItems.status, 'done'), eq(roadmapItems.confirmed, true)));
  const leaders = [...new Set(open.map((i) => i.leadUserId).filter((x): x is number => x !== null))];
  const agencyIds = [...new Set(open.flatMap((i) => [...(i.leadAgencyId ? [i.leadAgencyId] : []), ...i.supporting]))];
  const committeeUnits = agencyIds.length
    ? (
        await tx
          .select({ unitId: agencies.unitId })
          .from(agencies)
          .where(and(inArray(agencies.id, agencyIds), eq(agencies.kind, 'people_committee')))
      ).map((a) => a.unitId)
    : [];
  const officials = committeeUnits.length
    ? (
        await tx
          .selectDistinct({ id: roleGrants.userId })
          .from(roleGrants)
          .where(
            and(
              inArray(roleGrants.unitId, committeeUnits),
              inArray(roleGrants.role, ['commune_officer', 'coordination_office']),
              isNull(roleGrants.revokedAt),
            ),
          )
      ).map((r) => r.id)
    : [];
  const who = [
    leaders.length ? inArray(users.id, leaders) : undefined,
    agencyIds.length ? inArray(users.agencyId, agencyIds) : undefined,
    officials.length ? inArray(users.id, officials) : undefined,
  ].filter((c) => c !== undefined);
  if (!who.length) return [];
  const people = await tx
    .select({ id: users.id, digest: notificationPrefs.digest })
    .from(users)
    .leftJoin(notificationPrefs, eq(notificationPrefs.userId, users.id))
    .where(and(eq(users.active, true), or(...who)))
    .orderBy(asc(users.id));
  const readers = people.filter((p) => p.digest ?? true).map((p) => p.id);
  if (!readers.length) return [];
  const grants = await tx
    .select({ id: roleGrants.id, role: roleGrants.role, unitId: roleGrants.unitId, userId: roleGrants.userId })
    .from(roleGrants)
    .where(and(inArray(roleGrants.userId, readers), isNull(roleGrants.revokedAt)));
  return readers.map((userId) => ({
    userId,
    grants: grants.filter((g) => g.userId === userId).map(({ id, role, unitId }) => ({ id, role, unitId })),
  }));
}
