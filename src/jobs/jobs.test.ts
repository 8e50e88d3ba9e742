import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, jobs, schedules, sessions } from '../db/schema';
import { ManualClock } from '../lib/clock';
import { makeProvince, makeUser, TEST_PASSWORD } from '../testing/factories';
import { createTestEnv, TestClient, type TestEnv } from '../testing/harness';
import { claimJobs, enqueueJob, ensureSchedules, runDueJobs } from './runner';

describe('background jobs on the database', () => {
  let env: TestEnv;
  const clock = new ManualClock('2026-01-10T00:00:00Z');

  beforeAll(async () => {
    env = await createTestEnv({ clock });
  });
  afterAll(() => env.close());

  it('a repeated unique key enqueues once; concurrent claimers never take the same job', async () => {
    for (let i = 0; i < 20; i++)
      await enqueueJob(env.deps.db, { kind: 'noop.test', runAt: clock.now(), uniqueKey: `k-${i % 10}` });
    expect(await env.deps.db.$count(jobs)).toBe(10);
    const [a, b, c] = await Promise.all([
      claimJobs(env.deps, 'w1', 4),
      claimJobs(env.deps, 'w2', 4),
      claimJobs(env.deps, 'w3', 4),
    ]);
    const ids = [...a, ...b, ...c].map((j) => j.id);
    expect(ids.length).toBe(10);
    expect(new Set(ids).size).toBe(10);
    await env.deps.db.delete(jobs);
  });

  it('the daily schedule purges ended sessions once per tick and audits it', async () => {
    const unit = (await makeProvince(env.deps)).communeA.id;
    const user = await makeUser(env.deps, 'viewer', unit);
    const client = new TestClient(env.app);
    await client.login(user.username, TEST_PASSWORD);
    await client.post('/api/auth/logout');
    await ensureSchedules(env.deps);
    clock.advance(2 * 86_400_000);
    await Promise.all([runDueJobs(env.deps, 'w1'), runDueJobs(env.deps, 'w2')]);
    const purgeJobs = await env.deps.db.select().from(jobs).where(eq(jobs.kind, 'sessions.purge'));
    expect(purgeJobs.map((j) => j.status)).toEqual(['done']);
    expect(await env.deps.db.$count(sessions, eq(sessions.userId, user.id))).toBe(0);
    const purged = await env.deps.db.select().from(auditEvents).where(eq(auditEvents.action, 'system.purge_sessions'));
    expect(purged).toHaveLength(1);
    const [schedule] = await env.deps.db.select().from(schedules).where(eq(schedules.name, 'sessions.purge.daily'));
    expect(schedule!.nextRunAt.getTime()).toBeGreaterThan(clock.now().getTime());
  });

  it('a failing job is retried later and finally marked failed', async () => {
    await enqueueJob(env.deps.db, { kind: 'does.not.exist', runAt: clock.now(), maxAttempts: 2 });
    await runDueJobs(env.deps, 'w1');
    let [job] = await env.deps.db.select().from(jobs).where(eq(jobs.kind, 'does.not.exist'));
    expect(job).toMatchObject({ status: 'queued', attempts: 1 });
    clock.advance(3600_000);
    await runDueJobs(env.deps, 'w1');
    [job] = await env.deps.db.select().from(jobs).where(eq(jobs.kind, 'does.not.exist'));
    expect(job).toMatchObject({ status: 'failed', attempts: 2 });
    expect(job!.lastError).toContain('no handler');
  });
});
