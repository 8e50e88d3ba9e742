import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessments, notifications, outboxEmails, roadmapItems } from '../../db/schema';
import { ManualClock } from '../../lib/clock';
import { makeAssessableProvince } from '../../testing/criteria-fixtures';
import { clientAs, makeAgency } from '../../testing/factories';
import { createTestEnv, type TestClient, type TestEnv } from '../../testing/harness';
import { runDueJobs } from '../../jobs/runner';
import { ensureSchedules } from '../../jobs/runner';
import { openDatabase } from '../../db/client';
import type { Deps } from '../../context';

type Item = {
  id: number;
  indicatorCode: string;
  status: string;
  confirmed: boolean;
  costClass: string;
  targetMonth: string | null;
  version: number;
  escalated: boolean;
  overdueDays: number;
  closedReason: string | null;
  reopenedCount: number;
};

describe('roadmaps: from the gap list to closed items, with reminders and escalation', () => {
  let env: TestEnv;
  const clock = new ManualClock('2026-03-02T03:00:00Z');
  let p: Awaited<ReturnType<typeof makeAssessableProvince>>;
  let office: TestClient;
  let officer: TestClient;
  let agencyClient: TestClient;
  let agencyUserId: number;
  let provinceOfficeId: number;
  let agencyId: number;

  /** A verified month for commune A with the given cells (everything else left empty = missing). */
  async function verifiedMonth(month: string, values: Record<string, unknown>) {
    const opened = await officer.post<{ id: number }>('/api/assessments', { unitId: p.communeA.id, month });
    const id = opened.body.id;
    const view = await officer.get<{ criteria: { indicators: { code: string; version: number }[] }[] }>(`/api/assessments/${id}`);
    const versions = Object.fromEntries(view.body.criteria.flatMap((c) => c.indicators).map((i) => [i.code, i.version]));
    const save = await officer.request('PUT', `/api/assessments/${id}/values`, {
      changes: Object.entries(values).map(([code, value]) => ({ code, value, version: versions[code] })),
    });
    expect(save.status).toBe(200);
    const [a] = await env.deps.db.select().from(assessments).where(eq(assessments.id, id));
    const sub = await officer.post<{ version: number }>(`/api/assessments/${id}/submit`, { version: a!.version });
    const res = await office.post(`/api/assessments/${id}/review`, { version: sub.body.version, outcome: 'verify' });
    expect(res.status).toBe(200);
    return id;
  }
  const items = async (c: TestClient, query = '') =>
    (await c.get<{ items: Item[] }>(`/api/roadmaps?unitId=${p.communeA.id}${query}`)).body.items;
  const inbox = (userId: number, kind: string) =>
    env.deps.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));

  beforeAll(async () => {
    env = await createTestEnv({
      clock,
      config: { reminderDays: 7, escalationDays: 14, sessionIdleMinutes: 10_000_000, sessionMaxHours: 9000 },
    });
    p = await makeAssessableProvince(env.deps);
    agencyId = (await makeAgency(env.deps, p.province.id)).id;
    const o = await clientAs(env, 'coordination_office', p.province.id, {}, { email: 'vpdp@quangninh.gov.vn' });
    office = o.client;
    provinceOfficeId = o.user.id;
    officer = (await clientAs(env, 'commune_officer', p.communeA.id)).client;
    const ag = await clientAs(env, 'agency', p.province.id, {}, { agencyId, email: 'so.nnmt@quangninh.gov.vn' });
    agencyClient = ag.client;
    agencyUserId = ag.user.id;
  });
  afterAll(() => env.close());

  it('suggests one item per gap, no-cost first, and never twice', async () => {
    await verifiedMonth('2026-03', { '1.1': true, '1.2': false, '1.3': true, '2.1': { num: 50, den: 100 } });
    const res = await office.post<{ created: number }>('/api/roadmaps/suggest', { unitId: p.communeA.id });
    expect(res.status).toBe(201);
    expect(res.body.created).toBe(47 - 2);
    const list = await items(office);
    expect(list.map((i) => i.indicatorCode)).toContain('1.2');
    expect(list.every((i) => !i.confirmed)).toBe(true);
    const firstBudget = list.findIndex((i) => i.costClass !== 'none');
    expect(list.slice(firstBudget).every((i) => i.costClass !== 'none')).toBe(true);
    expect((await office.post<{ created: number }>('/api/roadmaps/suggest', { unitId: p.communeA.id })).body.created).toBe(0);
    expect((await officer.post('/api/roadmaps/suggest', { unitId: p.communeA.id })).status).toBe(403);
  });

  it('confirming assigns the agency, which sees the item in its inbox and board and checks in', async () => {
    const item = (await items(office)).find((i) => i.indicatorCode === '1.2')!;
    const incomplete = await office.patch(`/api/roadmaps/${item.id}`, { version: item.version, confirm: true });
    expect(incomplete.status).toBe(422);
    const ok = await office.patch<Item>(`/api/roadmaps/${item.id}`, {
      version: item.version,
      confirm: true,
      leadAgencyId: agencyId,
      targetMonth: '2026-03',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.confirmed).toBe(true);
    expect(await inbox(agencyUserId, 'roadmap.assigned')).toHaveLength(1);
    const mine = await agencyClient.get<{ items: Item[] }>('/api/roadmaps?mine=1');
    expect(mine.body.items.map((i) => i.id)).toEqual([item.id]);
    const check = await agencyClient.post(`/api/roadmaps/${item.id}/checkins`, {
      version: ok.body.version,
      month: '2026-03',
      percent: 40,
      note: 'Đã trình dự thảo quy định quản lý quy hoạch',
    });
    expect(check.status).toBe(201);
    const detail = await agencyClient.get<{ progress: number; status: string; checkins: { percent: number; by: string }[] }>(
      `/api/roadmaps/${item.id}`,
    );
    expect(detail.body).toMatchObject({ progress: 40, status: 'in_progress' });
    expect(detail.body.checkins[0]!.percent).toBe(40);
    // Someone from another agency cannot check in.
    const other = (
      await clientAs(
        env,
        'agency',
        p.province.id,
        {},
        { agencyId: (await makeAgency(env.deps, p.province.id, 'Sở Xây dựng')).id },
      )
    ).client;
    expect(
      (
        await other.post(`/api/roadmaps/${item.id}/checkins`, {
          version: ok.body.version + 1,
          month: '2026-03',
          percent: 50,
          note: 'không phải việc của tôi',
        })
      ).status,
    ).toBe(403);
  });

  it('reminds before the deadline, warns when overdue, escalates after the configured days — each once', async () => {
    const item = (await items(office)).find((i) => i.indicatorCode === '1.2')!;
    await ensureSchedules(env.deps);
    const run = () => runDueJobs(env.deps, 'w1');
    clock.set('2026-03-25T02:00:00Z');
    await run();
    expect(await inbox(agencyUserId, 'roadmap.due')).toHaveLength(1);
    clock.set('2026-03-26T02:00:00Z');
    await run();
    expect(await inbox(agencyUserId, 'roadmap.due')).toHaveLength(1);
    clock.set('2026-04-02T02:00:00Z');
    await run();
    expect(await inbox(agencyUserId, 'roadmap.overdue')).toHaveLength(1);
    expect((await items(office)).find((i) => i.id === item.id)!.status).toBe('at_risk');
    clock.set('2026-04-13T02:00:00Z');
    await run();
    expect(await inbox(provinceOfficeId, 'roadmap.escalated')).toHaveLength(0);
    clock.set('2026-04-14T02:00:00Z');
    await run();
    expect(await inbox(provinceOfficeId, 'roadmap.escalated')).toHaveLength(1);
    const board = await items(office);
    expect(board.find((i) => i.id === item.id)).toMatchObject({ escalated: true, overdueDays: 14 });
    clock.set('2026-04-20T02:00:00Z');
    await run();
    expect(await inbox(provinceOfficeId, 'roadmap.escalated')).toHaveLength(1);
    // Without SMTP the e-mails wait in the outbox for an administrator.
    const mails = await env.deps.db.select().from(outboxEmails).where(eq(outboxEmails.toAddress, 'vpdp@quangninh.gov.vn'));
    expect(mails.map((m) => m.status)).toContain('held');
    expect(mails.find((m) => m.subject.includes('Chuyển cấp trên'))?.text).toContain('quá hạn');
  });

  it('two app instances running the scheduler send each reminder exactly once', async () => {
    const item = (await items(office)).find((i) => i.indicatorCode === '2.1')!;
    await office.patch(`/api/roadmaps/${item.id}`, {
      version: item.version,
      confirm: true,
      leadAgencyId: agencyId,
      targetMonth: '2026-05',
    });
    clock.set('2026-05-26T02:00:00Z');
    let second: Deps = env.deps;
    let close: () => Promise<void> = async () => undefined;
    if (env.databaseUrl) {
      const db2 = await openDatabase({ databaseUrl: env.databaseUrl, poolSize: 3 });
      second = { ...env.deps, db: db2.db };
      close = () => db2.close();
    }
    await Promise.all([
      runDueJobs(env.deps, 'instance-a'),
      runDueJobs(second, 'instance-b'),
      runDueJobs(env.deps, 'instance-a2'),
    ]);
    await close();
    const due = (await inbox(agencyUserId, 'roadmap.due')).filter((n) => n.link === `/viec/${item.id}`);
    expect(due).toHaveLength(1);
  });

  it('closes itself when the indicator is verified met, and reopens if it falls back', async () => {
    const item = (await items(office)).find((i) => i.indicatorCode === '1.2')!;
    clock.set('2026-06-30T02:00:00Z');
    await verifiedMonth('2026-06', { '1.2': true });
    let now = (await env.deps.db.select().from(roadmapItems).where(eq(roadmapItems.id, item.id)))[0]!;
    expect(now).toMatchObject({ status: 'done', closedReason: 'verified_met', progress: 100 });
    expect(await inbox(agencyUserId, 'roadmap.closed')).toHaveLength(1);
    clock.set('2026-07-31T02:00:00Z');
    await verifiedMonth('2026-07', { '1.2': false });
    now = (await env.deps.db.select().from(roadmapItems).where(eq(roadmapItems.id, item.id)))[0]!;
    expect(now).toMatchObject({ status: 'in_progress', closedReason: null, reopenedCount: 1 });
  });

  it('exports the items needing money as the budget proposal', async () => {
    const list = await items(office, '&cost=budget,investment');
    const item = list[0]!;
    await office.patch(`/api/roadmaps/${item.id}`, {
      version: item.version,
      costEstimate: 1_250_000_000,
      leadAgencyId: agencyId,
    });
    const budget = await office.get<{ items: Item[]; total: number }>(`/api/roadmaps/budget?unitId=${p.communeA.id}`);
    expect(budget.body.total).toBe(1_250_000_000);
    const res = await env.app.request(`/api/roadmaps/budget.xlsx?unitId=${p.communeA.id}&year=2027`, {
      headers: { cookie: [...office.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').text).toContain('NĂM 2027');
    const amounts = [];
    for (let r = 5; r <= ws.rowCount; r++)
      if (typeof ws.getRow(r).getCell(8).value === 'number') amounts.push(ws.getRow(r).getCell(8).value);
    expect(amounts).toContain(1250);
  });
});
