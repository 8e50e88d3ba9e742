import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, roadmapCheckins, roadmapItems } from '../../db/schema';
import { ManualClock } from '../../lib/clock';
import { clientAs, makeAgency, makeProvince } from '../../testing/factories';
import { refusedByRule } from '../../testing/refusal';
import { createTestEnv, type TestClient, type TestEnv } from '../../testing/harness';

type Err = { error: { code: string; message: string; details: { rule?: string } } };
type Item = {
  id: number;
  version: number;
  status: string;
  progress: number;
  actions: string[];
  lastCheckin: { month: string; percent: number } | null;
};

describe('roadmap items: check-in months that make sense, no step to the status an item already has', () => {
  let env: TestEnv;
  const clock = new ManualClock('2026-06-10T03:00:00Z');
  let p: Awaited<ReturnType<typeof makeProvince>>;
  let office: TestClient;
  let agency: number;

  /** A confirmed item of commune A, created in March 2026, not started. */
  async function confirmedItem() {
    const created = new Date('2026-03-05T03:00:00Z');
    const [row] = await env.deps.db
      .insert(roadmapItems)
      .values({
        unitId: p.communeA.id,
        setCode: 'NTM_XA_2026',
        indicatorCode: `9.${Math.floor(Math.random() * 1e6)}`,
        criterionNumber: '9',
        title: 'Việc thử',
        leadAgencyId: agency,
        targetMonth: '2026-12-01',
        confirmed: true,
        confirmedAt: created,
        createdAt: created,
        updatedAt: created,
      })
      .returning();
    return row!;
  }
  const read = async (id: number) => (await office.get<Item>(`/api/roadmaps/${id}`)).body;
  const rows = async (id: number) => ({
    item: (await env.deps.db.select().from(roadmapItems).where(eq(roadmapItems.id, id)))[0],
    checkins: await env.deps.db.select().from(roadmapCheckins).where(eq(roadmapCheckins.itemId, id)),
    audit: (await env.deps.db.select({ seq: auditEvents.seq }).from(auditEvents)).length,
  });
  const refused = (_id: number, send: () => Promise<{ status: number; body: Err }>, rule: string) =>
    refusedByRule(env.deps.db, send, rule);

  beforeAll(async () => {
    env = await createTestEnv({ clock, config: { sessionIdleMinutes: 10_000_000, sessionMaxHours: 9000 } });
    p = await makeProvince(env.deps);
    agency = (await makeAgency(env.deps, p.province.id)).id;
    office = (await clientAs(env, 'coordination_office', p.province.id)).client;
  });
  afterAll(() => env.close());

  it('refuses a month to come or before the item existed; an earlier month joins the history without replacing progress', async () => {
    const item = await confirmedItem();
    const checkIn = (month: string, percent: number, version: number) =>
      office.post<Err>(`/api/roadmaps/${item.id}/checkins`, { version, month, percent, note: `Báo cáo tháng ${month}` });
    await refused(item.id, () => checkIn('9999-12', 10, item.version), 'checkin_month_in_future');
    await refused(item.id, () => checkIn('2026-07', 10, item.version), 'checkin_month_in_future');
    await refused(item.id, () => checkIn('1900-01', 10, item.version), 'checkin_month_before_item');
    await refused(item.id, () => checkIn('2026-02', 10, item.version), 'checkin_month_before_item');
    expect((await checkIn('2026-05', 60, item.version)).status).toBe(201);
    const may = await read(item.id);
    expect(may).toMatchObject({ progress: 60, status: 'in_progress', lastCheckin: { month: '2026-05', percent: 60 } });
    // April's report, sent late, is history: May's progress stays.
    expect((await checkIn('2026-04', 30, may.version)).status).toBe(201);
    const after = await read(item.id);
    expect(after).toMatchObject({ progress: 60, status: 'in_progress', lastCheckin: { month: '2026-05', percent: 60 } });
    expect((await env.deps.db.select().from(roadmapCheckins).where(eq(roadmapCheckins.itemId, item.id))).length).toBe(2);
    // June's report is the new current progress.
    expect((await checkIn('2026-06', 80, after.version)).status).toBe(201);
    expect(await read(item.id)).toMatchObject({ progress: 80, lastCheckin: { month: '2026-06', percent: 80 } });
  });

  it('a check-in with a photo and a blank percent is refused in words, not read as 0 %', async () => {
    const item = await confirmedItem();
    const form = (percent: string, lang = 'vi') => {
      const f = new FormData();
      f.set('version', String(item.version));
      f.set('month', '2026-06');
      f.set('percent', percent);
      f.set('note', 'Chỉ gửi ảnh hiện trường');
      f.set('file', new Blob([Buffer.from('%PDF-1.4\n% Ảnh hiện trường\n%%EOF\n')]), 'anh.pdf');
      return office.request<{ error: { code: string; message: string; details: { path: string; message: string }[] } }>(
        'POST',
        `/api/roadmaps/${item.id}/checkins/upload`,
        f,
        { 'accept-language': lang },
      );
    };
    for (const [blank, lang] of [
      ['', 'vi'],
      ['  ', 'en'],
      ['null', 'vi'],
    ] as const) {
      const before = await rows(item.id);
      const res = await form(blank, lang);
      expect(res.status, blank).toBe(400);
      expect(res.body.error.details.map((d) => d.path)).toEqual(['percent']);
      expect(res.body.error.details[0]!.message).not.toMatch(/NaN|expected|received/);
      expect(await rows(item.id)).toEqual(before);
    }
    expect((await form('40')).status).toBe(201);
    expect(await read(item.id)).toMatchObject({ progress: 40, lastCheckin: { month: '2026-06', percent: 40 } });
  });

  it('sending the status an item already has is refused, as its actions never offer it', async () => {
    const item = await confirmedItem();
    const atRisk = await office.patch<Item>(`/api/roadmaps/${item.id}`, { version: item.version, status: 'at_risk' });
    expect(atRisk.status).toBe(200);
    expect(atRisk.body.status).toBe('at_risk');
    expect(atRisk.body.actions).not.toContain('mark_at_risk');
    await refused(
      item.id,
      () => office.patch<Err>(`/api/roadmaps/${item.id}`, { version: atRisk.body.version, status: 'at_risk' }),
      'roadmap_status_unchanged',
    );
    await refused(
      item.id,
      () =>
        office.patch<Err>(`/api/roadmaps/${item.id}`, {
          version: atRisk.body.version,
          status: 'at_risk',
          priority: 1,
        }),
      'roadmap_status_unchanged',
    );
    // Without a status it is an edit.
    const edited = await office.patch<Item>(`/api/roadmaps/${item.id}`, { version: atRisk.body.version, priority: 1 });
    expect(edited.status).toBe(200);
  });
});
