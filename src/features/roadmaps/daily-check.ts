import { and, eq, inArray, isNotNull, isNull, ne } from 'drizzle-orm';
import type { Deps } from '../../context';
import { notificationPrefs, roadmapItems, users } from '../../db/schema';
import { todayVn } from '../../shared/vi';
import { writeAs } from '../access/write-path';
import { agencyUsers, notify, supervisingOffice } from '../notifications/notify';
import { deadline } from './dates';

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
    // One digest a day for each person with open work who wants it.
    const byUser = new Map<number, typeof open>();
    for (const item of open) {
      for (const u of [
        ...(item.leadUserId ? [item.leadUserId] : []),
        ...(await agencyUsers(tx, item.leadAgencyId ? [item.leadAgencyId] : [])),
      ]) {
        byUser.set(u, [...(byUser.get(u) ?? []), item]);
      }
    }
    const wants = new Map(
      byUser.size
        ? (
            await tx
              .select({ id: users.id, digest: notificationPrefs.digest })
              .from(users)
              .leftJoin(notificationPrefs, eq(notificationPrefs.userId, users.id))
              .where(inArray(users.id, [...byUser.keys()]))
          ).map((r) => [r.id, r.digest ?? true])
        : [],
    );
    for (const [userId, items] of byUser) {
      if (!wants.get(userId)) continue;
      const late = items.filter((i) => deadline(i.targetMonth!, today).overdueDays > 0).length;
      await notify(
        tx,
        {
          userIds: [userId],
          kind: 'roadmap.digest',
          params: { date: { date: today }, open: items.length, late },
          link: '/viec?cua-toi=1',
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
