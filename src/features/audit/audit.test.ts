import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, auditHead } from '../../db/schema';
import { clientAs, makeProvince } from '../../testing/factories';
import { createTestEnv, type TestEnv } from '../../testing/harness';
import { verifyAuditChain } from './verify-chain';

type AuditList = { items: { seq: number; action: string; unitId: number | null; actorName: string }[] };

describe('audit trail: hash chain and browsing', () => {
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

  it('is intact after normal work, and the chain links every event to the previous one', async () => {
    const report = await verifyAuditChain(env.deps.db);
    expect(report).toMatchObject({ ok: true });
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

  it('reports the first edited event', async () => {
    const [target] = await env.deps.db.select().from(auditEvents).where(eq(auditEvents.seq, 2));
    await env.deps.db
      .update(auditEvents)
      .set({ after: { name: 'sửa trộm' } })
      .where(eq(auditEvents.seq, 2));
    expect(await verifyAuditChain(env.deps.db)).toMatchObject({ ok: false, seq: 2, problem: 'edited' });
    await env.deps.db.update(auditEvents).set({ after: target!.after }).where(eq(auditEvents.seq, 2));
    expect(await verifyAuditChain(env.deps.db)).toMatchObject({ ok: true });
  });

  it('reports a deleted event in the middle and at the end', async () => {
    const [middle] = await env.deps.db.select().from(auditEvents).where(eq(auditEvents.seq, 1));
    await env.deps.db.delete(auditEvents).where(eq(auditEvents.seq, 1));
    expect(await verifyAuditChain(env.deps.db)).toMatchObject({ ok: false, seq: 1, problem: 'deleted' });
    await env.deps.db.insert(auditEvents).values(middle!);
    const [head] = await env.deps.db.select().from(auditHead);
    const [last] = await env.deps.db.select().from(auditEvents).where(eq(auditEvents.seq, head!.seq));
    await env.deps.db.delete(auditEvents).where(eq(auditEvents.seq, head!.seq));
    expect(await verifyAuditChain(env.deps.db)).toMatchObject({ ok: false, seq: head!.seq, problem: 'deleted' });
    await env.deps.db.insert(auditEvents).values(last!);
    expect(await verifyAuditChain(env.deps.db)).toMatchObject({ ok: true });
  });

  it('reports an inserted (forged) event', async () => {
    const rows = await env.deps.db.select().from(auditEvents).orderBy(auditEvents.seq);
    // Shift everything after seq 1 up by one and slip a forged event in at 2.
    await env.deps.db.execute(sql`update audit_events set seq = -seq where seq >= 2`);
    await env.deps.db.execute(sql`update audit_events set seq = -seq + 1 where seq < 0`);
    await env.deps.db
      .insert(auditEvents)
      .values({ ...rows[1]!, seq: 2, action: 'unit.delete', prevHash: 'f'.repeat(64), hash: 'e'.repeat(64) });
    const report = await verifyAuditChain(env.deps.db);
    expect(report).toMatchObject({ ok: false, seq: 2, problem: 'inserted' });
  });
});
