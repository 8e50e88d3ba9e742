import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema';
import { createTestEnv, type TestEnv } from '../../testing/harness';
import { writeAudit, type AuditWho } from '../../lib/audit-chain';

describe('no personal data of citizens in the audit trail', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(() => env.close());

  const write = async (who: Omit<AuditWho, 'meta'>, action: string) => {
    const meta = { requestId: 'req-ip', ip: '203.0.113.5', now: env.deps.clock.now() };
    const seq = await env.deps.db.transaction((tx) =>
      writeAudit(tx, { ...who, meta, auditKey: env.deps.config.auditKey }, { action, entityType: 'system' }),
    );
    const [row] = await env.deps.db.select().from(auditEvents).where(eq(auditEvents.seq, seq));
    return row!.ip;
  };

  it('keeps no address for an event nobody signed in made, unless it is an attempt on an official account', async () => {
    // A citizen's feedback (and anything else without an actor): no address.
    expect(await write({ actor: null, systemName: 'Người dân (cổng công khai)' }, 'portal.feedback_received')).toBeNull();
    expect(await write({ actor: null, systemName: 'Hệ thống' }, 'system.purge_sessions')).toBeNull();
    // A failed sign-in is about an official account: its address is kept.
    expect(await write({ actor: null, systemName: 'Đăng nhập thất bại' }, 'auth.login_failed')).toBe('203.0.113.5');
    expect(await write({ actor: null, systemName: 'Đăng nhập thất bại' }, 'auth.login_locked')).toBe('203.0.113.5');
    // An official's own action keeps it.
    const actor = { userId: 1, fullName: 'Cán bộ', username: 'can.bo' };
    expect(await write({ actor }, 'unit.update')).toBe('203.0.113.5');
  });
});
