import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema';
import { clientAs, makeProvince } from '../../testing/factories';
import { createTestEnv, type TestEnv } from '../../testing/harness';

type AuditList = { items: { seq: number; action: string; unitId: number | null; actorName: string }[] };

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
});
