import { randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import type { Deps } from '../context';
import { eq } from 'drizzle-orm';
import { agencies, roleGrants, units, users } from '../db/schema';
import { rebuildUnitScope } from '../features/units/scope';
import { insertUnit } from '../features/units/write';
import type { Role, UnitType } from '../shared/roles';
import { searchKey } from '../shared/vi';
import { TestClient, type TestEnv } from './harness';

export const TEST_PASSWORD = 'Kiem-thu-2026';
let cachedHash: Promise<string> | null = null;
const passwordHash = () => (cachedHash ??= hash(TEST_PASSWORD));

export const uniq = (prefix = '') => `${prefix}${randomBytes(4).toString('hex')}`;

/**
 * A small province for a test: province → district → two communes (A, B) → a village in A,
 * with codes unique to this call so tests never collide.
 */
export async function makeProvince(deps: Deps, name = 'tỉnh Kiểm Thử') {
  const tag = uniq();
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const mk = (code: string, n: string, type: UnitType, parentId: number | null, from = '2000-01-01') =>
      insertUnit(tx, { code: `${code}-${tag}`, name: n, type, effectiveFrom: from, parentId }, now);
    const [country] = await tx.select().from(units).where(eq(units.type, 'country')).limit(1);
    const root =
      country ??
      (await insertUnit(tx, { code: 'VN', name: 'Việt Nam', type: 'country', effectiveFrom: '1945-09-02', parentId: null }, now));
    const province = await mk('P', name, 'province', root.id);
    const district = await mk('D', 'huyện Thử Nghiệm', 'district', province.id);
    const communeA = await mk('CA', 'xã Hải Đông', 'commune', district.id);
    const communeB = await mk('CB', 'xã Đồng Tâm', 'commune', district.id);
    const village = await mk('V', 'thôn Bắc', 'village', communeA.id);
    await rebuildUnitScope(tx);
    return { tag, country: root, province, district, communeA, communeB, village };
  });
}

export async function makeUser(
  deps: Deps,
  role: Role,
  unitId: number,
  extra: { username?: string; fullName?: string; email?: string; agencyId?: number } = {},
) {
  const username = extra.username ?? uniq(`${role.replace('_', '')}.`);
  const now = deps.clock.now();
  const [user] = await deps.db
    .insert(users)
    .values({
      username,
      fullName: extra.fullName ?? `Người dùng ${username}`,
      homeUnitId: unitId,
      email: extra.email ?? null,
      agencyId: extra.agencyId ?? null,
      passwordHash: await passwordHash(),
      searchKey: searchKey(username),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await deps.db.insert(roleGrants).values({ userId: user!.id, role, unitId, grantedAt: now });
  return user!;
}

export async function makeAgency(deps: Deps, unitId: number, name = 'Sở Nông nghiệp và Môi trường') {
  const [row] = await deps.db.insert(agencies).values({ unitId, name }).returning();
  return row!;
}

/** A signed-in client for a new user with `role` on `unitId`. */
export async function clientAs(
  env: TestEnv,
  role: Role,
  unitId: number,
  headers: Record<string, string> = {},
  extra: { email?: string; agencyId?: number } = {},
) {
  const user = await makeUser(env.deps, role, unitId, extra);
  const client = new TestClient(env.app, headers);
  await client.login(user.username, TEST_PASSWORD);
  return { user, client };
}

/** A commune under `parentId` that ended on 1/7/2025 (merged): its records are read-only history. */
export async function makeEndedCommune(deps: Deps, parentId: number, name = 'xã Đã Sáp Nhập') {
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const u = await insertUnit(tx, { code: uniq('E-'), name, type: 'commune', effectiveFrom: '2000-01-01', parentId }, now);
    const [ended] = await tx.update(units).set({ effectiveTo: '2025-07-01' }).where(eq(units.id, u.id)).returning();
    await rebuildUnitScope(tx);
    return ended!;
  });
}
