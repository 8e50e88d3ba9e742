import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, units } from '../../db/schema';
import { ancestorsAsOf, predecessors, successorsAsOf, unitsAsOf } from '../../domain/units/timeline';
import unitsJson from '../../seed/data/quang-ninh-units.json';
import { loadUnitsFile, UnitsFile } from '../../seed/load-units';
import { clientAs } from '../../testing/factories';
import { createTestEnv, type TestEnv, TestClient } from '../../testing/harness';
import { ancestorIdsAsOf, loadTimeline, predecessorIds, successorIdsAsOf } from './queries';

type UnitItem = {
  id: number;
  name: string;
  code: string;
  type: string;
  parentId: number | null;
  version: number;
  effectiveTo: string | null;
};
type ErrBody = {
  error: { code: string; message: string; details: { row: number; column: string | null; code: string; message: string }[] };
};

describe('administrative units: Quảng Ninh / Móng Cái before and after 1 July 2025', () => {
  let env: TestEnv;
  let ids: Map<string, number>;
  let office: TestClient;
  let officer: TestClient;

  beforeAll(async () => {
    env = await createTestEnv();
    ids = await env.deps.db.transaction((tx) => loadUnitsFile(tx, UnitsFile.parse(unitsJson), new Date(), true));
    office = (await clientAs(env, 'coordination_office', ids.get('QN')!)).client;
    officer = (await clientAs(env, 'commune_officer', ids.get('06724')!)).client;
  });
  afterAll(() => env.close());

  it('lists the 9 communes of Móng Cái as of May 2022 and the six new units as of 2026', async () => {
    const may2022 = await office.get<{ items: UnitItem[] }>(`/api/units?asOf=2022-05-18&parentId=${ids.get('MC')}`);
    const communes = may2022.body.items.filter((u) => u.type === 'commune').map((u) => u.name);
    expect(communes).toEqual([
      'xã Bắc Sơn',
      'xã Hải Đông',
      'xã Hải Sơn',
      'xã Hải Tiến',
      'xã Hải Xuân',
      'xã Quảng Nghĩa',
      'xã Vạn Ninh',
      'xã Vĩnh Thực',
      'xã Vĩnh Trung',
    ]);
    const now = await office.get<{ items: UnitItem[] }>(`/api/units?asOf=2026-11-28&parentId=${ids.get('QN')}`);
    expect(now.body.items.map((u) => u.name)).toEqual([
      'phường Móng Cái 1',
      'phường Móng Cái 2',
      'phường Móng Cái 3',
      'xã Hải Ninh',
      'xã Hải Sơn',
      'xã Vĩnh Thực',
    ]);
  });

  it('finds units without accents', async () => {
    const res = await office.get<{ items: UnitItem[] }>('/api/units?q=vinh%20thuc&asOf=2026-01-01');
    expect(res.body.items.map((u) => u.name)).toEqual(['xã Vĩnh Thực']);
  });

  it('answers predecessors and successors, and shows the merge on the unit page', async () => {
    const haiSon = ids.get('06724')!;
    const bacSon = ids.get('06727')!;
    expect(new Set(await predecessorIds(env.deps.db, haiSon))).toEqual(new Set([ids.get('06724-old'), bacSon]));
    expect(await successorIdsAsOf(env.deps.db, bacSon, '2026-01-01')).toEqual([haiSon]);
    expect(await successorIdsAsOf(env.deps.db, bacSon, '2025-06-30')).toEqual([bacSon]);
    expect(await ancestorIdsAsOf(env.deps.db, bacSon, '2022-05-18')).toEqual([ids.get('MC'), ids.get('QN'), ids.get('VN')]);
    const page = await officer.get<{
      events: { kind: string; legalBasis: string; from: { name: string }[] }[];
      predecessors: { name: string }[];
    }>(`/api/units/${haiSon}`);
    expect(page.status).toBe(200);
    expect(page.body.events[0]).toMatchObject({ kind: 'merge', legalBasis: 'Nghị quyết 1679/NQ-UBTVQH15' });
    expect(page.body.events[0]!.from.map((u) => u.name).sort()).toEqual(['xã Bắc Sơn', 'xã Hải Sơn']);
    expect(page.body.predecessors.map((u) => u.name).sort()).toEqual(['xã Bắc Sơn', 'xã Hải Sơn']);
  });

  it('SQL queries agree with the pure timeline functions for every unit on several dates', async () => {
    const tl = await loadTimeline(env.deps.db);
    for (const d of ['2010-01-01', '2022-05-18', '2025-06-30', '2025-07-01', '2026-11-28']) {
      for (const u of tl.units) {
        expect(await successorIdsAsOf(env.deps.db, u.id, d)).toEqual(successorsAsOf(tl, u.id, d));
        if (unitsAsOf(tl, d).some((x) => x.id === u.id)) {
          expect(await ancestorIdsAsOf(env.deps.db, u.id, d)).toEqual(ancestorsAsOf(tl, u.id, d));
        }
      }
    }
    for (const u of tl.units) expect(new Set(await predecessorIds(env.deps.db, u.id))).toEqual(new Set(predecessors(tl, u.id)));
  });

  it('a commune officer sees only their commune and its predecessors; another unit answers 404', async () => {
    const res = await officer.get<{ items: UnitItem[] }>('/api/units');
    expect(res.body.items.map((u) => u.name).sort()).toEqual(['xã Bắc Sơn', 'xã Hải Sơn', 'xã Hải Sơn']);
    const other = await officer.get<ErrBody>(`/api/units/${ids.get('06733')}`);
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('NOT_FOUND');
    expect((await officer.get(`/api/units/${ids.get('06733')}/predecessors`)).status).toBe(404);
    expect((await officer.get(`/api/units/${ids.get('06733')}/successors`)).status).toBe(404);
  });

  it('creates and corrects a unit; a stale version answers 409 and changes nothing', async () => {
    const admin = (await clientAs(env, 'system_admin', ids.get('VN')!)).client;
    const created = await admin.post<UnitItem>('/api/units', {
      code: 'T-0001',
      name: 'thôn Pò Hèn',
      type: 'village',
      parentId: ids.get('06724'),
      effectiveFrom: '2025-07-01',
    });
    expect(created.status).toBe(201);
    const v1 = created.body.version;
    const ok = await admin.patch<UnitItem>(`/api/units/${created.body.id}`, { version: v1, name: 'thôn Pò Hèn (sửa)' });
    expect(ok.status).toBe(200);
    const stale = await admin.patch<ErrBody>(`/api/units/${created.body.id}`, { version: v1, name: 'ghi đè' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    const [row] = await env.deps.db.select().from(units).where(eq(units.id, created.body.id));
    expect(row!.name).toBe('thôn Pò Hèn (sửa)');
    const dup = await admin.post<ErrBody>('/api/units', {
      code: 'T-0001',
      name: 'trùng mã',
      type: 'village',
      parentId: ids.get('06724'),
      effectiveFrom: '2025-08-01',
    });
    expect(dup.status).toBe(409);
    const bad = await admin.post<{ error: { details: { path: string }[] } }>('/api/units', {
      code: '',
      name: 'x',
      type: 'hamlet',
      parentId: 0,
      effectiveFrom: '2025-02-30',
    });
    expect(bad.status).toBe(400);
    expect([...new Set(bad.body.error.details.map((d) => d.path))].sort()).toEqual([
      'code',
      'effectiveFrom',
      'name',
      'parentId',
      'type',
    ]);
  });

  it('records a rename through the API; the old name stays with the old record', async () => {
    const admin = (await clientAs(env, 'system_admin', ids.get('VN')!)).client;
    const phuong = ids.get('06736')!;
    const res = await admin.post<{ eventId: number; newUnitIds: number[] }>('/api/units/successions', {
      command: {
        kind: 'rename',
        date: '2026-06-01',
        from: [phuong],
        newUnit: { key: 'x', code: '06736', name: 'phường Hải Yên', type: 'ward', parentId: ids.get('QN') },
      },
      legalBasis: 'Nghị quyết (demo) đổi tên',
    });
    expect(res.status).toBe(201);
    const [old] = await env.deps.db.select().from(units).where(eq(units.id, phuong));
    expect(old).toMatchObject({ name: 'phường Móng Cái 3', effectiveTo: '2026-06-01' });
    expect(await successorIdsAsOf(env.deps.db, ids.get('06730')!, '2026-11-28')).toEqual(res.body.newUnitIds);
    const invalid = await admin.post<ErrBody>('/api/units/successions', {
      command: {
        kind: 'merge',
        date: '2026-06-01',
        from: [phuong, ids.get('06733')!],
        newUnit: { key: 'y', code: 'Z1', name: 'xã Mới', type: 'commune', parentId: ids.get('QN') },
      },
      legalBasis: 'thử',
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.code).toBe('UNIT_READ_ONLY'); // the renamed ward has ended: it is history
  });

  it('imports a CSV of units all or nothing, with row-precise errors in Vietnamese', async () => {
    const admin = (await clientAs(env, 'system_admin', ids.get('VN')!)).client;
    const before = await env.deps.db.$count(units);
    const auditBefore = await env.deps.db.$count(auditEvents);
    const broken = [
      'ma;ten;loai;ma_cap_tren;hieu_luc_tu',
      'TH-01;thôn Tài Chi;thôn;06724;01/07/2025',
      'TH-02;thôn Lục Phủ;làng;06724;01/07/2025',
      'TH-03;thôn Xóm Giữa;thôn;KHONG-CO;31/02/2025',
      'TH-01;thôn Trùng;thôn;06724;01/07/2025',
    ].join('\n');
    const res = await admin.request<ErrBody>('POST', '/api/units/import', broken, { 'content-type': 'text/csv' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('IMPORT_FAILED');
    expect(res.body.error.details.map((d) => [d.row, d.code])).toEqual([
      [3, 'bad_type'],
      [4, 'bad_date'],
      [5, 'duplicate_in_file'],
    ]);
    expect(res.body.error.details[0]!.message).toContain('Loại đơn vị');
    expect(await env.deps.db.$count(units)).toBe(before);
    expect(await env.deps.db.$count(auditEvents)).toBe(auditBefore);

    const good =
      '\ufeffma,ten,loai,ma_cap_tren,hieu_luc_tu,ghi_chu\r\nTH-11,thôn Tài Chi,thôn,06724,01/07/2025,"Ghi chú, có dấu phẩy"\r\nTH-12,thôn Pò Hèn,thôn,06724,2025-07-01,\r\n';
    const form = new FormData();
    form.set('file', new Blob([good], { type: 'text/csv' }), 'thon.csv');
    const ok = await admin.post<{ created: number }>('/api/units/import', form);
    expect(ok.status).toBe(201);
    expect(ok.body.created).toBe(2);
    expect(await env.deps.db.$count(units)).toBe(before + 2);
    const again = await admin.post<ErrBody>(
      '/api/units/import',
      (() => {
        const f = new FormData();
        f.set('file', new Blob([good], { type: 'text/csv' }), 'thon.csv');
        return f;
      })(),
    );
    expect(again.body.error.details.map((d) => d.code)).toEqual(['code_exists', 'code_exists']);
  });

  it('an officer cannot import or create units (403 in scope, 404 outside)', async () => {
    expect(
      (
        await officer.post('/api/units', {
          code: 'X1',
          name: 'thôn X',
          type: 'village',
          parentId: ids.get('06724'),
          effectiveFrom: '2025-07-01',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await officer.post('/api/units', {
          code: 'X2',
          name: 'thôn Y',
          type: 'village',
          parentId: ids.get('06733'),
          effectiveFrom: '2025-07-01',
        })
      ).status,
    ).toBe(404);
    const csv = 'ma,ten,loai,ma_cap_tren,hieu_luc_tu\nX3,thôn Z,thôn,06724,01/07/2025\n';
    const res = await officer.request<ErrBody>('POST', '/api/units/import', csv, { 'content-type': 'text/csv' });
    expect(res.status).toBe(403);
    // An office that manages units elsewhere gets a row error for a parent outside its scope.
    const otherOffice = (await clientAs(env, 'system_admin', ids.get('06733')!)).client;
    const outside = await otherOffice.request<ErrBody>('POST', '/api/units/import', csv, { 'content-type': 'text/csv' });
    expect(outside.status).toBe(422);
    expect(outside.body.error.details[0]!.code).toBe('parent_not_found');
  });
});
