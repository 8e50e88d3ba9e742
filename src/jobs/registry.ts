import { and, isNotNull, lt, or } from 'drizzle-orm';
import type { Deps } from '../context';
import { loginAttempts, sessions } from '../db/schema';
import { checkpointAudit } from '../features/audit/checkpoints';
import { writeAs } from '../features/access/write-path';
import { purgeThrottles } from '../features/auth/throttle';
import { flushOutbox } from '../features/notifications/mailer';
import { dailyOcopCheck } from '../features/ocop/certificates';
import { dailyOversightCheck } from '../features/oversight/recommendations';
import { dailyRoadmapCheck } from '../features/roadmaps/daily-check';
import type { JobRow } from './runner';

export type JobHandler = (deps: Deps, payload: Record<string, unknown>, job: JobRow) => Promise<void>;

/**
 * Removes sessions that ended more than a day ago, sign-in attempts older than 30 days and sign-in
 * throttles whose window and lock ended more than a day ago.
 */
async function purgeSessions(deps: Deps, _payload: Record<string, unknown>, job: JobRow) {
  const now = deps.clock.now();
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const meta = { requestId: `job-${job.id}`, ip: null, now };
  await writeAs(deps, { meta, systemName: 'Hệ thống (tác vụ định kỳ)' }, async (tx) => {
    const removed = await tx
      .delete(sessions)
      .where(or(lt(sessions.expiresAt, dayAgo), and(isNotNull(sessions.revokedAt), lt(sessions.revokedAt, dayAgo))))
      .returning({ id: sessions.idHash });
    const attempts = await tx
      .delete(loginAttempts)
      .where(lt(loginAttempts.at, new Date(now.getTime() - 30 * 86_400_000)))
      .returning({ id: loginAttempts.id });
    const throttles = await purgeThrottles(tx, now);
    return {
      result: undefined,
      audit:
        removed.length || attempts.length || throttles
          ? {
              action: 'system.purge_sessions',
              entityType: 'system',
              after: { sessions: removed.length, loginAttempts: attempts.length, throttles },
            }
          : [],
    };
  });
}

export const JOB_HANDLERS: Record<string, JobHandler> = {
  'sessions.purge': purgeSessions,
  'roadmap.daily': async (deps, _payload, job) => {
    await dailyRoadmapCheck(deps, job.id);
  },
  'ocop.daily': async (deps, _payload, job) => {
    await dailyOcopCheck(deps, job.id);
  },
  'oversight.daily': async (deps, _payload, job) => {
    await dailyOversightCheck(deps, job.id);
  },
  'outbox.flush': async (deps) => {
    await flushOutbox(deps);
  },
  // Anchors the audit head outside the database; writes nothing when the head has not moved.
  'audit.checkpoint': async (deps) => {
    await checkpointAudit(deps, 'schedule');
  },
};

export const SCHEDULES: { name: string; kind: string; everySeconds: number }[] = [
  { name: 'sessions.purge.daily', kind: 'sessions.purge', everySeconds: 86_400 },
  { name: 'roadmap.daily', kind: 'roadmap.daily', everySeconds: 86_400 },
  { name: 'ocop.daily', kind: 'ocop.daily', everySeconds: 86_400 },
  { name: 'oversight.daily', kind: 'oversight.daily', everySeconds: 86_400 },
  { name: 'outbox.flush', kind: 'outbox.flush', everySeconds: 60 },
  { name: 'audit.checkpoint.hourly', kind: 'audit.checkpoint', everySeconds: 3600 },
];
