import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, ocopSheets } from '../../db/schema';
import type { ScoringSheetDoc } from '../../domain/ocop/schema';
import { ManualClock } from '../../lib/clock';
import { ensureReferenceData } from '../../seed/reference';
import { clientAs, makeProvince } from '../../testing/factories';
import { createTestEnv, TestClient, type TestEnv } from '../../testing/harness';
import { sheetFor } from './sheets';

type Meta = { id: number; code: string; version: number; setNo: number; status: string; verified: boolean; rowVersion: number };
type Err = { error: { code: string; message: string; details: unknown } };

describe('OCOP scoring sheets made by the office: template → draft → publish, versioned, audited, JSON in and out', () => {
  let env: TestEnv;
  const clock = new ManualClock('2026-03-10T02:00:00Z');
  let office: TestClient;
  let officer: TestClient;
  let provinceOffice: TestClient;
  let honeyV2: { id: number; document: ScoringSheetDoc };
  let draft: Meta;

  beforeAll(async () => {
    env = await createTestEnv({ clock, config: { sessionIdleMinutes: 10_000_000, sessionMaxHours: 90_000 } });
    await ensureReferenceData(env.deps);
    const P = await makeProvince(env.deps);
    // Sheets are national: the office that keeps them works at the country level.
    office = (await clientAs(env, 'coordination_office', P.country.id)).client;
    provinceOffice = (await clientAs(env, 'coordination_office', P.province.id)).client;
    officer = (await clientAs(env, 'commune_officer', P.communeA.id)).client;
    honeyV2 = (await sheetFor(env.deps.db, 4, 'QD1489_2025'))!;
  });
  afterAll(() => env.close());

  it('the import / export format is published as a JSON Schema', async () => {
    const res = await new TestClient(env.app).get<{ $schema: string; properties: Record<string, unknown> }>(
      '/api/schemas/ocop-sheet.json',
    );
    expect(res.status).toBe(200);
    expect(res.body.$schema).toContain('2020-12');
    expect(Object.keys(res.body.properties)).toEqual(expect.arrayContaining(['parts', 'starBands', 'recognition', 'setNo']));
  });

  it('the office starts a draft from a template: the next version of the set, not used by councils', async () => {
    expect((await officer.post(`/api/ocop/sheets/${honeyV2.id}/drafts`, { setNo: 4 })).status).toBe(403);
    // A province's office reads the sheets every province uses, but does not change them.
    expect((await provinceOffice.post(`/api/ocop/sheets/${honeyV2.id}/drafts`, { setNo: 4 })).status).toBe(403);
    const res = await office.post<Meta>(`/api/ocop/sheets/${honeyV2.id}/drafts`, { setNo: 4 });
    expect(res.status).toBe(201);
    draft = res.body;
    expect(draft).toMatchObject({ code: 'OCOP-BO04-MAT-ONG-NONG-SAN-KHAC', version: 3, status: 'draft', rowVersion: 1 });
    expect((await sheetFor(env.deps.db, 4, 'QD1489_2025'))!.version).toBe(2);
  });

  it('a draft is saved only when it is a valid sheet; a stale edit is refused', async () => {
    const doc = structuredClone(honeyV2.document);
    doc.parts[2]!.groups[0]!.criteria[0]!.options.at(-1)!.points += 1; // part C now adds up to 36
    const bad = await office.put<Err>(`/api/ocop/sheets/${draft.id}`, { rowVersion: 1, document: doc });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('parts.2.max');
    const good = structuredClone(honeyV2.document);
    good.parts[2]!.groups[0]!.criteria[0]!.name = 'Màu sắc, độ trong, trạng thái của mật';
    const saved = await office.put<Meta>(`/api/ocop/sheets/${draft.id}`, { rowVersion: 1, document: good });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ rowVersion: 2, version: 3, verified: false });
    const stale = await office.put<Err>(`/api/ocop/sheets/${draft.id}`, { rowVersion: 1, document: good });
    expect(stale.status).toBe(409);
    // what identifies the sheet stays the row's, whatever the document says
    const [row] = await env.deps.db.select().from(ocopSheets).where(eq(ocopSheets.id, draft.id));
    expect([row!.document.code, row!.document.version, row!.document.setNo]).toEqual([draft.code, 3, 4]);
  });

  it('publishing freezes it and councils use it from then on; the export reads back into a new draft', async () => {
    const pub = await office.post<Meta>(`/api/ocop/sheets/${draft.id}/publish`, { rowVersion: 2 });
    expect(pub.status).toBe(200);
    expect(pub.body.status).toBe('published');
    const current = (await sheetFor(env.deps.db, 4, 'QD1489_2025'))!;
    expect([current.id, current.document.parts[2]!.groups[0]!.criteria[0]!.name]).toEqual([
      draft.id,
      'Màu sắc, độ trong, trạng thái của mật',
    ]);
    const frozen = await office.put<Err>(`/api/ocop/sheets/${draft.id}`, { rowVersion: 3, document: current.document });
    expect(frozen.status).toBe(422);
    expect(frozen.body.error.message).toContain('tạo bản nháp');
    const exported = await office.get<ScoringSheetDoc>(`/api/ocop/sheets/${draft.id}/export`);
    expect(exported.headers.get('content-disposition')).toContain('OCOP-BO04-MAT-ONG-NONG-SAN-KHAC-v3.json');
    const next = await office.post<Meta>(`/api/ocop/sheets/${draft.id}/drafts`, { setNo: 4 });
    const reimported = await office.put<Meta>(`/api/ocop/sheets/${next.body.id}`, { rowVersion: 1, document: exported.body });
    expect(reimported.body).toMatchObject({ version: 4, status: 'draft', rowVersion: 2 });
  });

  it('one draft per set: drafts started at once make one, the others are told which draft is open', async () => {
    const results = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(() => office.post<Meta & Err>(`/api/ocop/sheets/${honeyV2.id}/drafts`, { setNo: 25 })),
    );
    for (const r of results) expect([201, 409, 422]).toContain(r.status);
    const made = results.filter((r) => r.status === 201);
    expect(made.map((r) => r.body.version)).toEqual([3]);
    const again = await office.post<Err & { error: { details: { rule: string; draftId: number } } }>(
      `/api/ocop/sheets/${honeyV2.id}/drafts`,
      { setNo: 25 },
    );
    expect(again.status).toBe(422);
    expect(again.body.error.details).toMatchObject({ rule: 'ocop_sheet_draft_exists', draftId: made[0]!.body.id });
    expect(again.body.error.message).toContain('đang soạn');
    // Once published, the next draft may start.
    expect((await office.post(`/api/ocop/sheets/${made[0]!.body.id}/publish`, { rowVersion: 1 })).status).toBe(200);
    expect((await office.post<Meta>(`/api/ocop/sheets/${honeyV2.id}/drafts`, { setNo: 25 })).body.version).toBe(4);
  });

  it('every step is in the audit trail', async () => {
    const events = await env.deps.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'ocop_sheet'), eq(auditEvents.entityId, String(draft.id))));
    expect(events.map((e) => e.action)).toEqual(['ocop_sheet.draft', 'ocop_sheet.update', 'ocop_sheet.publish']);
  });
});
