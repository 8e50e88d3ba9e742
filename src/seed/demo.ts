import { count, ne } from 'drizzle-orm';
import type { Deps } from '../context';
import { criteriaSets, roleGrants, units, users } from '../db/schema';
import { writeAs } from '../features/access/write-path';
import { hashPassword } from '../features/auth/passwords';
import type { Role } from '../shared/roles';
import { searchKey } from '../shared/vi';
import unitsJson from './data/quang-ninh-units.json';
import { loadAssessmentDemo } from './demo-criteria';
import { ensureReferenceData } from './reference';
import { loadCapitalDemo } from './demo-capital';
import { loadOcopDemo } from './demo-ocop';
import { loadOversightDemo } from './demo-oversight';
import { loadPortalDemo } from './demo-portal';
import { loadRoadmapDemo } from './demo-roadmaps';
import { loadUnitsFile, UnitsFile } from './load-units';

export const DEMO_PASSWORD = 'DongLong@2026';

/** One demo person per role; names are invented and labelled as demo data. */
export const DEMO_USERS: { username: string; fullName: string; title: string; unit: string; role: Role }[] = [
  { username: 'admin', fullName: 'Quản trị hệ thống (demo)', title: 'Quản trị hệ thống', unit: 'VN', role: 'system_admin' },
  {
    username: 'vpdp.quangninh',
    fullName: 'Nguyễn Thu Hà (demo)',
    title: 'Chuyên viên Văn phòng điều phối NTM tỉnh',
    unit: 'QN',
    role: 'coordination_office',
  },
  {
    username: 'vpdp.mongcai',
    fullName: 'Trần Văn Long (demo)',
    title: 'Văn phòng điều phối NTM thành phố Móng Cái (2022)',
    unit: 'MC',
    role: 'coordination_office',
  },
  { username: 'so.nnmt', fullName: 'Lê Minh Tuấn (demo)', title: 'Sở Nông nghiệp và Môi trường', unit: 'QN', role: 'agency' },
  {
    username: 'hoidong.ocop',
    fullName: 'Bùi Thị Ngọc (demo)',
    title: 'Thành viên Hội đồng OCOP tỉnh (Sở Công Thương)',
    unit: 'QN',
    role: 'agency',
  },
  {
    username: 'canbo.haison',
    fullName: 'Phạm Thị Lan (demo)',
    title: 'Công chức xã Hải Sơn',
    unit: '06724',
    role: 'commune_officer',
  },
  {
    username: 'daibieu.mongcai',
    fullName: 'Vũ Đức Thắng (demo)',
    title: 'Đại biểu HĐND thành phố Móng Cái (2022)',
    unit: 'MC',
    role: 'council_member',
  },
  {
    username: 'vanphong.hdnd.mongcai',
    fullName: 'Ngô Thị Hằng (demo)',
    title: 'Văn phòng HĐND thành phố Móng Cái (2022)',
    unit: 'MC',
    role: 'council_secretariat',
  },
  {
    username: 'vanphong.hdnd.quangninh',
    fullName: 'Đinh Thị Thanh (demo)',
    title: 'Văn phòng Đoàn ĐBQH và HĐND tỉnh Quảng Ninh',
    unit: 'QN',
    role: 'council_secretariat',
  },
  {
    username: 'ocop.haison',
    fullName: 'Hoàng Văn Sáng (demo)',
    title: 'Giám đốc HTX dược liệu Bắc Sơn',
    unit: '06724',
    role: 'ocop_producer',
  },
  { username: 'xem.quangninh', fullName: 'Đỗ Thị Mai (demo)', title: 'Lãnh đạo UBND tỉnh (xem)', unit: 'QN', role: 'viewer' },
];

/**
 * Loads the demo scenarios into an empty database, in one transaction: the units of Quảng Ninh /
 * Móng Cái before and after 1 July 2025 and one demo user per role. Does nothing when units exist.
 * `referenceDataReady` skips ensuring the reference data when the caller (the start-up) just did.
 */
export async function loadDemoIfEmpty(deps: Deps, opts: { referenceDataReady?: boolean } = {}): Promise<boolean> {
  const [row] = await deps.db.select({ n: count() }).from(units).where(ne(units.type, 'country'));
  if ((row?.n ?? 0) > 0) return false;
  if (!opts.referenceDataReady) await ensureReferenceData(deps);
  const file = UnitsFile.parse(unitsJson);
  // argon2 runs on a worker thread: hash while the units load instead of before.
  const hashing = hashPassword(DEMO_PASSWORD);
  hashing.catch(() => undefined);
  const now = deps.clock.now();
  const meta = { requestId: 'demo-load', ip: null, now };
  await writeAs(deps, { meta, systemName: 'Hệ thống (dữ liệu demo)' }, async (tx) => {
    const ids = await loadUnitsFile(tx, file, now, true);
    const passwordHash = await hashing;
    const inserted = await tx
      .insert(users)
      .values(
        DEMO_USERS.map((u) => ({
          username: u.username,
          fullName: u.fullName,
          title: u.title,
          homeUnitId: ids.get(u.unit)!,
          passwordHash,
          email: `${u.username}@demo.donglong.local`,
          searchKey: searchKey(`${u.fullName} ${u.username}`),
          isDemo: true,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning({ id: users.id, username: users.username });
    const userIds = new Map(inserted.map((r) => [r.username, r.id]));
    await tx
      .insert(roleGrants)
      .values(
        DEMO_USERS.map((u) => ({ userId: userIds.get(u.username)!, role: u.role, unitId: ids.get(u.unit)!, grantedAt: now })),
      );
    const setIds = new Map(
      (await tx.select({ id: criteriaSets.id, code: criteriaSets.code }).from(criteriaSets)).map((r) => [r.code, r.id]),
    );
    await loadAssessmentDemo(
      tx,
      ids,
      setIds,
      {
        office2022: userIds.get('vpdp.mongcai')!,
        office2026: userIds.get('vpdp.quangninh')!,
        officerHaiSon: userIds.get('canbo.haison')!,
      },
      now,
    );
    await loadRoadmapDemo(tx, ids, userIds, now);
    await loadCapitalDemo(tx, ids, userIds.get('vpdp.mongcai')!, now);
    await loadOcopDemo(tx, ids, userIds, now);
    await loadOversightDemo(deps, tx, ids, userIds);
    await loadPortalDemo(tx, ids, userIds, now);
    return {
      result: undefined,
      audit: {
        action: 'system.load_demo',
        entityType: 'system',
        after: { units: ids.size, users: DEMO_USERS.length, criteriaSets: setIds.size },
      },
    };
  });
  return true;
}

export async function demoLoginsPresent(deps: Deps): Promise<boolean> {
  const [row] = await deps.db.select({ n: count() }).from(users);
  return (row?.n ?? 0) > 0 && (await deps.db.select({ u: users.username }).from(users).limit(50)).some((u) => u.u === 'admin');
}
