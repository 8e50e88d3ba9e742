import { randomUUID } from 'node:crypto';
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Deps } from '../context';
import { rowsOf, type Db } from '../db/client';
import { jobs, schedules } from '../db/schema';
import { JOB_HANDLERS, SCHEDULES } from './registry';

export type JobRow = typeof jobs.$inferSelect;

/** Queue a job inside the caller's transaction (outbox); a repeated unique key is ignored. */
export async function enqueueJob(
  tx: Db,
  job: { kind: string; payload?: Record<string, unknown>; runAt: Date; uniqueKey?: string | null; maxAttempts?: number },
) {
  await tx
    .insert(jobs)
    .values({
      kind: job.kind,
      payload: job.payload ?? {},
      runAt: job.runAt,
      uniqueKey: job.uniqueKey ?? null,
      maxAttempts: job.maxAttempts ?? 5,
    })
    .onConflictDoNothing();
}

export async function ensureSchedules(deps: Deps) {
  const now = deps.clock.now();
  for (const s of SCHEDULES) {
    await deps.db
      .insert(schedules)
      .values({ name: s.name, kind: s.kind, everySeconds: s.everySeconds, nextRunAt: now })
      .onConflictDoNothing();
  }
}

/**
 * Turns due schedule ticks into jobs. The row lock (SKIP LOCKED) and the job's unique key
 * (schedule name + slot time) make each tick enqueue exactly one job across all instances.
 */
export async function tickSchedules(deps: Deps) {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const due = await tx.select().from(schedules).where(lte(schedules.nextRunAt, now)).for('update', { skipLocked: true });
    for (const s of due) {
      await enqueueJob(tx, { kind: s.kind, runAt: s.nextRunAt, uniqueKey: `${s.name}:${s.nextRunAt.toISOString()}` });
      let next = s.nextRunAt.getTime() + s.everySeconds * 1000;
      if (next <= now.getTime()) next = now.getTime() + s.everySeconds * 1000;
      await tx
        .update(schedules)
        .set({ nextRunAt: new Date(next) })
        .where(eq(schedules.name, s.name));
    }
  });
}

/** Claims up to `limit` due jobs; a job left 'running' by a crashed instance is reclaimed after 10 minutes. */
export async function claimJobs(deps: Deps, workerId: string, limit = 5): Promise<JobRow[]> {
  const now = deps.clock.now();
  const res = await deps.db.execute(sql`
    update jobs set status = 'running', locked_by = ${workerId}, locked_at = ${now}, attempts = attempts + 1
     where id in (
       select id from jobs
        where (status = 'queued' and run_at <= ${now})
           or (status = 'running' and locked_at < ${new Date(now.getTime() - 600_000)})
        order by run_at, id
        limit ${limit}
        for update skip locked)
    returning id`);
  const ids = rowsOf<{ id: number | string }>(res).map((r) => Number(r.id));
  if (!ids.length) return [];
  return deps.db.select().from(jobs).where(inArray(jobs.id, ids));
}

export async function runJob(deps: Deps, job: JobRow) {
  const handler = JOB_HANDLERS[job.kind];
  const now = () => deps.clock.now();
  try {
    if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
    await handler(deps, job.payload as Record<string, unknown>, job);
    await deps.db.update(jobs).set({ status: 'done', finishedAt: now(), lastError: null }).where(eq(jobs.id, job.id));
  } catch (err) {
    const failed = job.attempts >= job.maxAttempts;
    const backoffMs = Math.min(3600_000, 2 ** job.attempts * 30_000);
    await deps.db
      .update(jobs)
      .set({
        status: failed ? 'failed' : 'queued',
        runAt: new Date(now().getTime() + backoffMs),
        lastError: String(err instanceof Error ? err.message : err).slice(0, 2000),
        finishedAt: failed ? now() : null,
      })
      .where(and(eq(jobs.id, job.id), eq(jobs.status, 'running')));
    deps.logger.warn('job failed', { jobId: job.id, kind: job.kind, attempt: job.attempts, error: String(err) });
  }
}

/** One pass of the worker loop: schedules, then due jobs. Returns how many jobs ran. */
export async function runDueJobs(deps: Deps, workerId: string): Promise<number> {
  await tickSchedules(deps);
  let ran = 0;
  for (;;) {
    const batch = await claimJobs(deps, workerId);
    if (!batch.length) return ran;
    for (const job of batch) await runJob(deps, job);
    ran += batch.length;
  }
}

export function startWorker(deps: Deps, intervalMs = 15_000) {
  const workerId = `${process.pid}-${randomUUID().slice(0, 8)}`;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const loop = async () => {
    if (stopped) return;
    running = runDueJobs(deps, workerId).catch((err) => deps.logger.warn('job loop error', { error: String(err) }));
    await running;
    if (!stopped) timer = setTimeout(() => void loop(), intervalMs);
  };
  let timer: NodeJS.Timeout = setTimeout(() => void loop(), 1000);
  return {
    workerId,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
