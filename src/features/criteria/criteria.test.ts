import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { criteriaSets } from '../../db/schema';
import type { CriteriaSetDoc } from '../../domain/criteria/schema';
import { makeAssessableProvince } from '../../testing/criteria-fixtures';
import { clientAs, makeProvince } from '../../testing/factories';
import { createTestEnv, type TestClient, type TestEnv } from '../../testing/harness';
import { applicableSets } from './queries';

type Meta = {
  id: number;
  code: string;
  version: number;
  status: string;
  rowVersion: number;
  unverifiedIndicators: number;
  indicatorCount: number;
};
type Err = {
  error: { code: string; details: { path: string }[] & { rule?: string; violations?: { indicator: string; problem: string }[] } };
};

describe('criteria sets as versioned data', () => {
  let env: TestEnv;
  let p: Awaited<ReturnType<typeof makeAssessableProvince>>;
  let admin: TestClient;
  let provinceOffice: TestClient;
  let base: CriteriaSetDoc;

  beforeAll(async () => {
    env = await createTestEnv();
    p = await makeAssessableProvince(env.deps);
    admin = (await clientAs(env, 'system_admin', p.country.id)).client;
    provinceOffice = (await clientAs(env, 'coordination_office', p.province.id)).client;
    const baseId = p.setIds.get('VN-NTM-XA-2021-2025')!;
    base = (await admin.get<{ document: CriteriaSetDoc }>(`/api/criteria-sets/${baseId}/export`))
      .body as unknown as CriteriaSetDoc;
  });
  afterAll(() => env.close());

  it('publishes its JSON Schema and lists the shipped sets with their unverified counts', async () => {
    const schema = await provinceOffice.get<{ $schema: string; properties: Record<string, unknown> }>(
      '/api/schemas/criteria-set.json',
    );
    expect(schema.body.$schema).toContain('2020-12');
    expect(Object.keys(schema.body.properties)).toEqual(
      expect.arrayContaining(['code', 'criteria', 'classification', 'legalBasis']),
    );
    const list = await provinceOffice.get<{ items: Meta[] }>('/api/criteria-sets');
    const byCode = Object.fromEntries(list.body.items.map((m) => [m.code, m]));
    expect(byCode['VN-NTM-XA-2021-2025']).toMatchObject({ status: 'published', indicatorCount: 57, unverifiedIndicators: 57 });
    expect(byCode['VN-NTM-XA-2026-2030']).toMatchObject({ indicatorCount: 47 });
  });

  it('import → export → import is the identity', async () => {
    const doc = { ...base, version: 7 };
    const imported = await admin.post<Meta>('/api/criteria-sets/import', { ownerUnitId: p.country.id, document: doc });
    expect(imported.status).toBe(201);
    expect(imported.body.status).toBe('draft');
    const exported = await admin.get<CriteriaSetDoc>(`/api/criteria-sets/${imported.body.id}/export`);
    expect(exported.body).toEqual(doc);
    const again = await admin.post<Meta>('/api/criteria-sets/import', {
      ownerUnitId: p.country.id,
      document: { ...exported.body, version: 8 },
    });
    expect((await admin.get<CriteriaSetDoc>(`/api/criteria-sets/${again.body.id}/export`)).body).toEqual({ ...doc, version: 8 });
    expect((await admin.post<Err>('/api/criteria-sets/import', { ownerUnitId: p.country.id, document: doc })).status).toBe(409);
  });

  it('refuses an invalid document with field paths and writes nothing', async () => {
    const before = await env.deps.db.$count(criteriaSets);
    const broken = structuredClone(base) as unknown as {
      version: number;
      criteria: { indicators: { type: string; thresholds: unknown[] }[] }[];
    };
    broken.version = 99;
    broken.criteria[0]!.indicators[0]!.type = 'maybe';
    broken.criteria[1]!.indicators[0]!.thresholds = [{ op: '>=', verified: false }];
    const res = await admin.post<Err>('/api/criteria-sets/import', { ownerUnitId: p.country.id, document: broken });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d) => d.path)).toEqual(
      expect.arrayContaining(['criteria.0.indicators.0.type', 'criteria.1.indicators.0.thresholds.0']),
    );
    expect(await env.deps.db.$count(criteriaSets)).toBe(before);
  });

  it('editing makes a draft; publishing freezes it', async () => {
    const baseId = p.setIds.get('VN-NTM-XA-2021-2025')!;
    const draft = await admin.post<Meta>(`/api/criteria-sets/${baseId}/drafts`);
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', version: 9 });
    const doc = (await admin.get<CriteriaSetDoc>(`/api/criteria-sets/${draft.body.id}/export`)).body;
    const income = doc.criteria.find((c) => c.number === '10')!.indicators[0]!;
    income.verified = true;
    income.thresholds = income.thresholds.map((t) => ({ ...t, verified: true, source: 'Phụ lục I QĐ 318/QĐ-TTg' }));
    const updated = await admin.request<Meta>('PUT', `/api/criteria-sets/${draft.body.id}`, {
      rowVersion: draft.body.rowVersion,
      document: doc,
    });
    expect(updated.status).toBe(200);
    expect(updated.body.unverifiedIndicators).toBe(56);
    expect(
      (await admin.request('PUT', `/api/criteria-sets/${draft.body.id}`, { rowVersion: draft.body.rowVersion, document: doc }))
        .status,
    ).toBe(409);
    const published = await admin.post<Meta>(`/api/criteria-sets/${draft.body.id}/publish`, {
      rowVersion: updated.body.rowVersion,
    });
    expect(published.body.status).toBe('published');
    const frozen = await admin.request<Err>('PUT', `/api/criteria-sets/${draft.body.id}`, {
      rowVersion: published.body.rowVersion,
      document: doc,
    });
    expect(frozen.status).toBe(422);
    expect(frozen.body.error.details).toMatchObject({ rule: 'published_set_is_frozen' });
  });

  it('a provincial overlay may tighten but not loosen the national set, and then governs the province', async () => {
    const overlay = structuredClone(base);
    overlay.code = 'QN-NTM-XA-2021-2025';
    overlay.version = 1;
    overlay.name_vi = 'Bộ tiêu chí xã NTM tỉnh (phân cấp)';
    overlay.legalBasis = { document: 'Quyết định 1246/QĐ-UBND (demo)', date: '2022-05-11', sources: [] };
    overlay.derivation = { kind: 'overlay', baseCode: base.code, baseVersion: base.version };
    const income = overlay.criteria.find((c) => c.number === '10')!.indicators[0]!;
    income.thresholds = income.thresholds.map((t) => ({ ...t, value: t.value! - 5 }));
    const loose = await provinceOffice.post<Meta>('/api/criteria-sets/import', { ownerUnitId: p.province.id, document: overlay });
    expect(loose.status).toBe(201);
    const refused = await provinceOffice.post<Err>(`/api/criteria-sets/${loose.body.id}/publish`, {
      rowVersion: loose.body.rowVersion,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.rule).toBe('overlay_loosens_base');
    expect(refused.body.error.details.violations![0]).toMatchObject({ indicator: '10', problem: 'loosened' });

    income.thresholds = income.thresholds.map((t) => ({ ...t, value: t.value! + 10 }));
    const tight = await provinceOffice.request<Meta>('PUT', `/api/criteria-sets/${loose.body.id}`, {
      rowVersion: loose.body.rowVersion,
      document: overlay,
    });
    const ok = await provinceOffice.post<Meta>(`/api/criteria-sets/${loose.body.id}/publish`, {
      rowVersion: tight.body.rowVersion,
    });
    expect(ok.body.status).toBe('published');
    const sets = await applicableSets(env.deps.db, p.communeA.id, '2022-06-01');
    expect(sets?.base.code).toBe('QN-NTM-XA-2021-2025');
    expect(sets?.advanced?.code).toBe('VN-NTM-XA-NANG-CAO-2021-2025');
    // The national set itself is unchanged.
    const national = await applicableSets(env.deps.db, p.country.id, '2022-06-01');
    expect(national).toBeNull();
  });

  it('which set applies is explicit: a provincial set says it replaces, a second national set for the same months is refused', async () => {
    const id2026 = p.setIds.get('VN-NTM-XA-2026-2030')!;
    const national = (await admin.get<CriteriaSetDoc>(`/api/criteria-sets/${id2026}/export`)).body;
    expect((await applicableSets(env.deps.db, p.communeA.id, '2026-06-01'))?.base.code).toBe('VN-NTM-XA-2026-2030');
    const own = structuredClone(national);
    own.code = 'P-NTM-XA-2026-2030';
    own.name_vi = 'Bộ tiêu chí xã NTM của tỉnh (thí điểm)';
    own.effectiveFrom = '2026-05-01';
    const imported = await provinceOffice.post<Meta>('/api/criteria-sets/import', { ownerUnitId: p.province.id, document: own });
    expect(imported.status).toBe(201);
    const unclear = await provinceOffice.post<Err>(`/api/criteria-sets/${imported.body.id}/publish`, {
      rowVersion: imported.body.rowVersion,
    });
    expect(unclear.body.error.details.rule).toBe('set_precedence_unclear');
    // Without the provision that allows it, a replacement is not a valid document.
    own.applicability = { precedence: 'replacement' };
    const noBasis = await provinceOffice.request<Err>('PUT', `/api/criteria-sets/${imported.body.id}`, {
      rowVersion: imported.body.rowVersion,
      document: own,
    });
    expect(noBasis.status).toBe(400);
    expect(noBasis.body.error.details.map((d) => d.path)).toContain('applicability.legalBasis');
    expect(
      (noBasis.body.error.details as unknown as { path: string; message: string }[]).find(
        (d) => d.path === 'applicability.legalBasis',
      )!.message,
    ).toBe('bộ thay thế của tỉnh phải ghi căn cứ pháp lý cho phép');
    own.applicability = { precedence: 'replacement', legalBasis: 'Nghị quyết HĐND tỉnh về thí điểm (kiểm thử)' };
    const saved = await provinceOffice.request<Meta>('PUT', `/api/criteria-sets/${imported.body.id}`, {
      rowVersion: imported.body.rowVersion,
      document: own,
    });
    const published = await provinceOffice.post<Meta>(`/api/criteria-sets/${imported.body.id}/publish`, {
      rowVersion: saved.body.rowVersion,
    });
    expect(published.body.status).toBe('published');
    expect((await applicableSets(env.deps.db, p.communeA.id, '2026-04-01'))?.base.code).toBe('VN-NTM-XA-2026-2030');
    expect((await applicableSets(env.deps.db, p.communeA.id, '2026-06-01'))?.base.code).toBe('P-NTM-XA-2026-2030');
    // Everyone it governs reads it; another province's officer does not.
    const officer = (await clientAs(env, 'commune_officer', p.communeA.id)).client;
    expect((await officer.get(`/api/criteria-sets/${imported.body.id}`)).status).toBe(200);
    expect((await officer.get<{ items: { code: string }[] }>('/api/criteria-sets')).body.items.map((x) => x.code)).toContain(
      'P-NTM-XA-2026-2030',
    );
    const elsewhere = (await clientAs(env, 'commune_officer', (await makeProvince(env.deps, 'tỉnh Xa')).communeA.id)).client;
    expect((await elsewhere.get(`/api/criteria-sets/${imported.body.id}`)).status).toBe(404);
    // Another national set for the same months, whatever its version number, would leave the choice to chance.
    const rival = { ...structuredClone(national), code: 'VN-NTM-XA-2026-2030-B', version: 2, effectiveFrom: '2026-07-01' };
    const draft = await admin.post<Meta>('/api/criteria-sets/import', { ownerUnitId: p.country.id, document: rival });
    // The preview says so before anyone tries.
    const preview = await admin.get<{ publishing: { precedenceUnclear: boolean; collisions: { code: string }[] } }>(
      `/api/criteria-sets/${draft.body.id}/what-if?month=2026-07&unitId=${p.province.id}`,
    );
    expect(preview.body.publishing).toEqual({
      precedenceUnclear: false,
      collisions: [expect.objectContaining({ code: 'VN-NTM-XA-2026-2030' })],
    });
    const refused = await admin.post<Err & { error: { details: { sets: { code: string }[] } } }>(
      `/api/criteria-sets/${draft.body.id}/publish`,
      { rowVersion: draft.body.rowVersion },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.rule).toBe('set_applicability_collides');
    expect(refused.body.error.details.sets.map((x) => x.code)).toEqual(['VN-NTM-XA-2026-2030']);
  });

  it('an office cannot import a national set; a commune officer cannot manage sets', async () => {
    expect(
      (await provinceOffice.post('/api/criteria-sets/import', { ownerUnitId: p.country.id, document: { ...base, version: 50 } }))
        .status,
    ).toBe(404);
    const officer = (await clientAs(env, 'commune_officer', p.communeA.id)).client;
    expect(
      (await officer.post('/api/criteria-sets/import', { ownerUnitId: p.communeA.id, document: { ...base, version: 51 } }))
        .status,
    ).toBe(403);
    expect((await officer.get('/api/criteria-sets')).status).toBe(200);
  });
});
