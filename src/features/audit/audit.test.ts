import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema';
import { clientAs, makeProvince } from '../../testing/factories';
import { writeAudit } from '../../lib/audit-chain';
import { createTestEnv, type TestEnv } from '../../testing/harness';

type AuditList = {
  items: {
    seq: number;
    action: string;
    entityType: string;
    unitId: number | null;
    actorName: string;
    actorUserId: number | null;
    objectName: string | null;
    objectLink: string | null;
  }[];
};

describe('audit trail: chain links and browsing', () => {
  let env: TestEnv;
  let p1: Awaited<ReturnType<typeof makeProvince>>;
  let p2: Awaited<ReturnType<typeof makeProvince>>;

  beforeAll(async () => {
    env = await createTestEnv();
    p1 = await makeProvince(env.deps);
    p2 = await makeProvince(env.deps, 'tỉnh Bên Cạnh');
    const admin = (await clientAs(env, 'system_admin', p1.province.id)).client;
    for (const [i, parent] of [p1.communeA.id, p1.communeB.id, p2.communeA.id].entries()) {
      const res = await admin.post('/api/units', {
        code: `AU-${p1.tag}-${i}`,
        name: `thôn Số ${i}`,
        type: 'village',
        parentId: parent,
        effectiveFrom: '2024-01-01',
      });
      expect([201, 404]).toContain(res.status);
    }
  });
  afterAll(() => env.close());

  it('numbers events without gaps and links every event to the previous one', async () => {
    const rows = await env.deps.db.select().from(auditEvents).orderBy(auditEvents.seq);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
  });

  it('shows each person only the events of their units; officers cannot browse it', async () => {
    const council = (await clientAs(env, 'council_secretariat', p1.province.id)).client;
    const list = await council.get<AuditList>('/api/audit?action=unit.create');
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBe(2);
    expect(list.body.items.every((e) => e.unitId !== null)).toBe(true);
    const officer = (await clientAs(env, 'commune_officer', p1.communeA.id)).client;
    expect((await officer.get('/api/audit')).status).toBe(403);
    expect((await council.get('/api/audit/verify')).status).toBe(403);
    const otherCouncil = (await clientAs(env, 'council_secretariat', p2.province.id)).client;
    const other = await otherCouncil.get<AuditList>('/api/audit?action=unit.create');
    expect(other.body.items.length).toBe(0);
  });

  it('names each object as it is called now with its page, and filters by kind, person and unit with the units under it', async () => {
    const office = (await clientAs(env, 'coordination_office', p1.province.id)).client;
    const created = await office.get<AuditList>('/api/audit?kind=unit');
    expect(created.status).toBe(200);
    const village = created.body.items.find((e) => e.action === 'unit.create' && e.objectName === 'thôn Số 0')!;
    expect(village.objectLink).toMatch(/^\/don-vi\/\d+$/);
    expect(created.body.items.every((e) => e.action.startsWith('unit.'))).toBe(true);

    // A unit filter takes the units under it: the district's village events, not the other commune's.
    const underA = await office.get<AuditList>(`/api/audit?unitId=${p1.communeA.id}&kind=unit`);
    expect(underA.body.items.map((e) => e.objectName)).toEqual(['thôn Số 0']);
    const underDistrict = await office.get<AuditList>(`/api/audit?unitId=${p1.district.id}&action=unit.create`);
    expect(underDistrict.body.items.map((e) => e.objectName).sort()).toEqual(['thôn Số 0', 'thôn Số 1']);

    // The people in the trail, and the filter by one of them.
    const actors = await office.get<{ items: { id: number; name: string }[] }>('/api/audit/actors');
    expect(actors.status).toBe(200);
    const who = actors.body.items.find((a) => a.id === village.actorUserId)!;
    expect(who).toBeDefined();
    const theirs = await office.get<AuditList>(`/api/audit?actorUserId=${who.id}`);
    expect(theirs.body.items.length).toBeGreaterThan(0);
    expect(theirs.body.items.every((e) => e.actorUserId === who.id)).toBe(true);

    // An unknown kind matches nothing rather than everything.
    expect((await office.get<AuditList>('/api/audit?kind=nothing_like_this')).body.items).toEqual([]);

    // Another province's office sees none of these people or events.
    const otherOffice = (await clientAs(env, 'coordination_office', p2.province.id)).client;
    const otherActors = await otherOffice.get<{ items: { id: number }[] }>('/api/audit/actors');
    expect(otherActors.body.items.some((a) => a.id === who.id)).toBe(false);
    expect((await otherOffice.get<AuditList>(`/api/audit?unitId=${p1.communeA.id}`)).body.items).toEqual([]);
  });

  it('reads events written under an earlier name with the name they have now', async () => {
    const office = (await clientAs(env, 'coordination_office', p1.province.id)).client;
    await env.deps.db.transaction((tx) =>
      writeAudit(
        tx,
        { actor: null, meta: { requestId: 'legacy', ip: null, now: new Date() }, systemName: 'Hệ thống' },
        { action: 'plan.create', entityType: 'capital_plan', entityId: 999999, unitId: p1.communeA.id },
      ),
    );
    const list = await office.get<AuditList>('/api/audit?action=capital_plan.create');
    expect(list.body.items.map((e) => e.action)).toContain('plan.create');
    const byKind = await office.get<AuditList>('/api/audit?kind=capital_plan');
    expect(byKind.body.items.map((e) => e.action)).toContain('plan.create');
    // A record that no longer exists has no name and no link, never a raw key.
    const gone = byKind.body.items.find((e) => e.action === 'plan.create')!;
    expect([gone.objectName, gone.objectLink]).toEqual([null, null]);
  });

  it('a date range that ends before it starts is refused in words, in both languages', async () => {
    const office = (await clientAs(env, 'coordination_office', p1.province.id)).client;
    const vi = await office.get<{ error: { code: string; details: { message: string }[] } }>(
      '/api/audit?from=2026-05-02&to=2026-05-01',
    );
    expect(vi.status).toBe(400);
    expect(vi.body.error.details[0]!.message).toBe('ngày bắt đầu sau ngày kết thúc');
    const en = await office.get<{ error: { details: { message: string }[] } }>('/api/audit?from=2026-02-30', {
      'accept-language': 'en',
    });
    expect(en.status).toBe(400);
    expect(en.body.error.details[0]!.message).toBe('not a calendar date');
  });
});
