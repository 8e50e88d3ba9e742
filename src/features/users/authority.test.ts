import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleGrants, units } from '../../db/schema';
import { COUNCIL_ROLES, EXECUTIVE_ROLES, type Role } from '../../shared/roles';
import { changedTables, dbDigest } from '../../testing/digest';
import { clientAs, makeProvince, makeUser, TEST_PASSWORD } from '../../testing/factories';
import { createTestEnv, TestClient, type TestEnv } from '../../testing/harness';

type Err = { error: { code: string; message: string; details?: { reason?: string; rule?: string } } };

describe('authority over people: a target who holds more than the actor is out of reach', () => {
  let env: TestEnv;
  let p: Awaited<ReturnType<typeof makeProvince>>;
  let other: Awaited<ReturnType<typeof makeProvince>>;
  let country: number;
  let sysadmin: TestClient;
  let office: { user: { id: number }; client: TestClient };
  let secretariat: TestClient;

  beforeAll(async () => {
    env = await createTestEnv();
    p = await makeProvince(env.deps, 'tỉnh Nhà');
    other = await makeProvince(env.deps, 'tỉnh Khác');
    country = (await env.deps.db.select().from(units).where(eq(units.type, 'country')))[0]!.id;
    sysadmin = (await clientAs(env, 'system_admin', country)).client;
    office = await clientAs(env, 'coordination_office', p.province.id);
    secretariat = (await clientAs(env, 'council_secretariat', p.province.id)).client;
  });
  afterAll(() => env.close());

  /** A person whose home unit lies in the province but who holds `role` on `unitId`. */
  const personHolding = async (role: Role, unitId: number) => {
    const u = await makeUser(env.deps, 'viewer', p.communeA.id);
    await env.deps.db.insert(roleGrants).values({ userId: u.id, role, unitId, grantedAt: new Date() });
    return u;
  };

  it('an office cannot reset, lock, unlock, edit, grant to or revoke from an administrator of its province', async () => {
    const admin = await personHolding('system_admin', country);
    const [adminGrant] = await env.deps.db
      .select()
      .from(roleGrants)
      .where(and(eq(roleGrants.userId, admin.id), eq(roleGrants.role, 'system_admin')));
    const before = await dbDigest(env.deps.db);
    const attempts = [
      await office.client.post<Err>(`/api/users/${admin.id}/password`, { password: 'Mat-khau-chiem-quyen-2026' }),
      await office.client.post<Err>(`/api/users/${admin.id}/unlock`),
      await office.client.patch<Err>(`/api/users/${admin.id}`, { version: 1, active: false }),
      await office.client.patch<Err>(`/api/users/${admin.id}`, { version: 1, email: 'ke-gian@example.vn' }),
      await office.client.post<Err>(`/api/users/${admin.id}/grants`, { role: 'viewer', unitId: p.communeA.id }),
      await office.client.request<Err>('DELETE', `/api/users/${admin.id}/grants/${adminGrant!.id}`),
    ];
    expect(attempts.map((r) => [r.status, r.body.error.details?.reason])).toEqual(attempts.map(() => [403, 'target_holds_more']));
    expect(attempts[0]!.body.error.message).toContain('vượt quá thẩm quyền');
    expect(changedTables(before, await dbDigest(env.deps.db))).toEqual([]);
    // the administrator still signs in with their own password
    await new TestClient(env.app).login(admin.username, TEST_PASSWORD);
  });

  it('nor a person who holds a role in another province, though their home unit is in its own', async () => {
    const twoHats = await personHolding('agency', other.province.id);
    const res = await office.client.post<Err>(`/api/users/${twoHats.id}/password`, { password: 'Mat-khau-moi-2026-x' });
    expect([res.status, res.body.error.details?.reason]).toEqual([403, 'target_holds_more']);
    // a colleague who holds nothing beyond the office's scope is within reach
    const colleague = await makeUser(env.deps, 'commune_officer', p.communeA.id);
    expect((await office.client.post(`/api/users/${colleague.id}/password`, { password: 'Mat-khau-moi-2026-x' })).status).toBe(
      200,
    );
  });

  it('nobody administers their own account, nor grants to themselves', async () => {
    const me = office.user.id;
    const attempts = [
      await office.client.post<Err>(`/api/users/${me}/password`, { password: 'Mat-khau-moi-2026-x' }),
      await office.client.post<Err>(`/api/users/${me}/grants`, { role: 'council_member', unitId: p.province.id }),
      await office.client.post<Err>(`/api/users/${me}/grants`, { role: 'viewer', unitId: p.communeA.id }),
      await office.client.post<Err>(`/api/users/${me}/unlock`),
    ];
    expect(attempts.map((r) => [r.status, r.body.error.details?.reason])).toEqual(attempts.map(() => [403, 'not_on_oneself']));
    expect((await office.client.patch<Err>(`/api/users/${me}`, { version: 1, active: false })).body.error.details?.rule).toBe(
      'cannot_deactivate_self',
    );
    // editing one's own contact details is fine
    expect((await office.client.patch(`/api/users/${me}`, { version: 1, phone: '0912 345 678' })).status).toBe(200);
  });

  it('council roles come only from a system administrator or that council’s own secretariat', async () => {
    const person = await makeUser(env.deps, 'viewer', p.province.id);
    const byOffice = await office.client.post<Err>(`/api/users/${person.id}/grants`, {
      role: 'council_member',
      unitId: p.province.id,
    });
    expect([byOffice.status, byOffice.body.error.details?.reason]).toEqual([403, 'council_roles_by_secretariat']);
    // the secretariat grants its own council's roles, not another council's, and nothing else
    const delegate = await makeUser(env.deps, 'viewer', p.province.id);
    await env.deps.db.update(roleGrants).set({ revokedAt: new Date() }).where(eq(roleGrants.userId, delegate.id));
    expect(
      (await secretariat.post(`/api/users/${delegate.id}/grants`, { role: 'council_member', unitId: p.province.id })).status,
    ).toBe(201);
    const elsewhere = await secretariat.post<Err>(`/api/users/${delegate.id}/grants`, {
      role: 'council_member',
      unitId: p.communeA.id,
    });
    expect([elsewhere.status, elsewhere.body.error.details?.reason]).toEqual([403, 'council_roles_by_secretariat']);
    expect((await secretariat.post(`/api/users/${delegate.id}/grants`, { role: 'viewer', unitId: p.province.id })).status).toBe(
      403,
    );
    expect(
      (await sysadmin.post(`/api/users/${person.id}/grants`, { role: 'council_secretariat', unitId: p.communeA.id })).status,
    ).toBe(201);
  });

  it('the executive never holds the powers of the council that oversees it', async () => {
    const officer = await makeUser(env.deps, 'commune_officer', p.communeA.id);
    const res = await sysadmin.post<Err>(`/api/users/${officer.id}/grants`, { role: 'council_member', unitId: p.province.id });
    expect([res.status, res.body.error.details?.rule]).toEqual([422, 'executive_council_separation']);
    const delegate = await makeUser(env.deps, 'council_member', p.province.id);
    const back = await sysadmin.post<Err>(`/api/users/${delegate.id}/grants`, { role: 'agency', unitId: p.province.id });
    expect([back.status, back.body.error.details?.rule]).toEqual([422, 'executive_council_separation']);
  });

  it('nobody grants a role beyond their own at that unit; system administrator only from a system administrator', async () => {
    const person = await makeUser(env.deps, 'viewer', p.communeA.id);
    for (const [role, reason] of [
      ['system_admin', 'system_admin_only_by_admin'],
      ['coordination_office', 'role_only_by_admin'],
    ] as const) {
      const res = await office.client.post<Err>(`/api/users/${person.id}/grants`, { role, unitId: p.communeA.id });
      expect([res.status, res.body.error.details?.reason]).toEqual([403, reason]);
    }
    const officer = (await clientAs(env, 'commune_officer', p.communeA.id)).client;
    expect((await officer.post(`/api/users/${person.id}/grants`, { role: 'viewer', unitId: p.communeA.id })).status).toBe(403);
    expect((await office.client.post(`/api/users/${person.id}/grants`, { role: 'agency', unitId: p.communeA.id })).status).toBe(
      201,
    );
  });

  it('under 20 parallel grants of executive and council roles to one person, only one side ever lands', async () => {
    const person = await makeUser(env.deps, 'viewer', p.province.id);
    const roles: Role[] = ['council_member', 'agency', 'council_secretariat', 'commune_officer'];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        sysadmin.post(`/api/users/${person.id}/grants`, { role: roles[i % roles.length], unitId: p.province.id }),
      ),
    );
    expect(results.every((r) => [201, 409, 422].includes(r.status))).toBe(true);
    const held = await env.deps.db
      .select({ role: roleGrants.role })
      .from(roleGrants)
      .where(and(eq(roleGrants.userId, person.id), isNull(roleGrants.revokedAt)));
    const executive = held.some((g) => EXECUTIVE_ROLES.includes(g.role));
    const council = held.some((g) => COUNCIL_ROLES.includes(g.role));
    expect(executive && council).toBe(false);
    expect(results.filter((r) => r.status === 201).length).toBe(held.length - 1);
  });
});
