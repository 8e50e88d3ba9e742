import fs from 'node:fs';
import path from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessments, auditEvents, criteriaSets, projects, unitClassifications } from '../../db/schema';
import { ensureReferenceData } from '../../seed/reference';
import { changedTables, dbDigest } from '../../testing/digest';
import { clientAs, makeProvince } from '../../testing/factories';
import { createTestEnv, type TestClient, type TestEnv } from '../../testing/harness';
import { refreshResults } from '../assessments/results';

const SRC = path.resolve(import.meta.dirname, '../..');

/** Every source file of the server, without tests. */
function sources(dir = SRC): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.endsWith('.suite.ts') ? [p] : [];
  });
}

/**
 * Where a transaction may be opened other than the write path, and why: none of these is a change
 * a person or the system makes to the records (reference data at start-up, claiming jobs and mail,
 * reading or restoring a whole archive, building test data).
 */
const OWN_TRANSACTIONS: Record<string, string> = {
  'features/access/write-path.ts': 'the write path itself',
  'seed/reference.ts': 'reference data loaded at start-up, before anyone signs in',
  'jobs/runner.ts': 'claiming jobs (FOR UPDATE SKIP LOCKED)',
  'features/notifications/mailer.ts': 'claiming outbox mail',
  'ops/backup.ts': 'reading an archive in one snapshot; restoring it all or nothing',
  'features/audit/checkpoints.ts': 'anchoring the trail outside the database (reads the head under the audit lock)',
  'testing/factories.ts': 'test data',
};

describe('the one write path', () => {
  it('no file writes an audit event or opens a transaction of its own', () => {
    const offenders: string[] = [];
    for (const file of sources()) {
      const rel = path.relative(SRC, file).split(path.sep).join('/');
      const text = fs.readFileSync(file, 'utf8');
      if (/\bwriteAudit\(/.test(text) && !['features/access/write-path.ts', 'lib/audit-chain.ts'].includes(rel))
        offenders.push(`${rel}: writeAudit`);
      if (/\.transaction\(/.test(text) && !(rel in OWN_TRANSACTIONS)) offenders.push(`${rel}: transaction`);
    }
    expect(offenders).toEqual([]);
  });

  describe('a dissolved or predecessor unit is read-only', () => {
    let env: TestEnv;
    let officer: TestClient;
    let admin: TestClient;
    let p: Awaited<ReturnType<typeof makeProvince>>;
    let projectId: number;
    let assessmentId: number;

    beforeAll(async () => {
      env = await createTestEnv();
      await ensureReferenceData(env.deps);
      p = await makeProvince(env.deps);
      admin = (await clientAs(env, 'system_admin', p.province.id)).client;
      const [prj] = await env.deps.db
        .insert(projects)
        .values({
          code: `P-${p.tag}`,
          name: 'Đường thôn Bắc',
          unitId: p.communeA.id,
          unitIds: [p.communeA.id],
          owner: 'UBND xã',
          totalInvestment: 1_000_000_000,
          searchKey: 'duong thon bac',
          createdAt: new Date(),
          updatedAt: new Date(),
        })
        .returning();
      projectId = prj!.id;
      const [set] = await env.deps.db.select().from(criteriaSets).where(eq(criteriaSets.code, 'VN-NTM-XA-2021-2025'));
      await env.deps.db
        .insert(unitClassifications)
        .values({ unitId: p.communeA.id, dimension: 'region7', value: 'TDMNPB', effectiveFrom: '2021-01-01' });
      const [a] = await env.deps.db
        .insert(assessments)
        .values({
          unitId: p.communeA.id,
          setId: set!.id,
          period: '2025-05-01',
          classCode: 'TDMNPB',
          status: 'draft',
          createdAt: new Date(),
          updatedAt: new Date(),
        })
        .returning();
      assessmentId = a!.id;
      await env.deps.db.transaction((tx) => refreshResults(tx, a!.id, new Date()));
      // 1 July 2025: communes A and B are merged into a new commune; A and B end.
      const merged = await admin.post<{ newUnitIds: number[] }>('/api/units/successions', {
        command: {
          kind: 'merge',
          date: '2025-07-01',
          from: [p.communeA.id, p.communeB.id],
          newUnit: { key: 'm', code: `M-${p.tag}`, name: 'xã Hợp Nhất', type: 'commune', parentId: p.province.id },
        },
        legalBasis: 'Nghị quyết sắp xếp đơn vị hành chính (kiểm thử)',
      });
      expect(merged.status).toBe(201);
      officer = (await clientAs(env, 'commune_officer', merged.body.newUnitIds[0]!)).client;
    });
    afterAll(() => env.close());

    it('the merged commune’s officer reads the predecessor’s records but writes nothing onto them', async () => {
      expect((await officer.get(`/api/assessments/${assessmentId}`)).status).toBe(200);
      const before = await dbDigest(env.deps.db);
      const attempts = [
        await officer.put(`/api/assessments/${assessmentId}/values`, { changes: [{ code: '1.1', value: true, version: 0 }] }),
        await officer.post(`/api/assessments/${assessmentId}/submit`, { version: 1 }),
        await officer.post(`/api/capital/projects/${projectId}/contributions`, {
          sourceCode: 'XHH_TIEN',
          date: '2026-01-05',
          quantity: 1,
          valueVnd: 5_000_000,
        }),
        await officer.post('/api/ocop/producers', { unitId: p.communeA.id, name: 'HTX Cũ', kind: 'cooperative' }),
      ];
      expect(attempts.map((r) => [r.status, (r.body as { error?: { code: string } }).error?.code])).toEqual(
        attempts.map(() => [422, 'UNIT_READ_ONLY']),
      );
      expect((attempts[0]!.body as { error: { message: string } }).error.message).toContain('01/07/2025');
      expect(changedTables(before, await dbDigest(env.deps.db))).toEqual([]);
    });

    it('a system administrator corrects them only with a reason, and the trail keeps it', async () => {
      const body = { sourceCode: 'XHH_TIEN', date: '2025-06-20', quantity: 1, valueVnd: 2_000_000 };
      const bare = await admin.post<{ error: { code: string } }>(`/api/capital/projects/${projectId}/contributions`, body);
      expect(bare.body.error.code).toBe('UNIT_READ_ONLY');
      const reason = 'Bổ sung khoản đóng góp tháng 6/2025 bị sót khi nhập';
      const ok = await admin.post(`/api/capital/projects/${projectId}/contributions`, body, {
        'x-correction-reason': encodeURIComponent(reason),
      });
      expect(ok.status).toBe(201);
      const [event] = await env.deps.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'contribution.record'), eq(auditEvents.entityId, String(projectId))))
        .orderBy(desc(auditEvents.seq))
        .limit(1);
      expect((event!.after as { correctionReason: string }).correctionReason).toBe(reason);
      // the officer's reason counts for nothing: only a system administrator corrects history
      const officerTry = await officer.post<{ error: { code: string } }>(
        `/api/capital/projects/${projectId}/contributions`,
        body,
        {
          'x-correction-reason': encodeURIComponent(reason),
        },
      );
      expect(officerTry.body.error.code).toBe('UNIT_READ_ONLY');
    });
  });
});
