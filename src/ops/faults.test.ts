import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rowsOf, type Database } from '../db/client';
import { TestClient } from '../testing/harness';
import { ProcessServer } from '../testing/process-server';

/**
 * kill -9 of the real server process in the middle of an Excel import, a verification and a
 * Treasury import: after the crash the database holds either all of a request or none of it,
 * everything answered before the crash is still there, and the restarted server carries on.
 * Runs on PGlite under `npm test` and on PostgreSQL under `npm run test:pg`.
 */
const PASSWORD = 'DongLong@2026';
const pgBase = process.env.TEST_DATABASE_URL;

/** Resolves after a random moment within the first `ms` of the request, then kills the server. */
async function killDuring(server: ProcessServer, request: Promise<unknown>, ms: number) {
  const settled = request.then(
    (r) => ({ answered: true, r }),
    () => ({ answered: false, r: null }),
  );
  await new Promise((r) => setTimeout(r, Math.max(1, Math.round(ms))));
  await server.kill9();
  return settled;
}

describe('crash safety (kill -9 during writes, then restart)', { timeout: 240_000 }, () => {
  let server: ProcessServer;

  /** Opens the crashed server's database directly (PGlite recovers its WAL here, as at restart). */
  async function inspect<T>(fn: (db: Database) => Promise<T>): Promise<T> {
    const db = await openDatabase({ databaseUrl: server.databaseUrl, dataDir: server.dataDir, poolSize: 1 });
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  }
  const query = <T>(db: Database, text: string) => db.db.execute(text as never).then((r) => rowsOf<T>(r));

  const signedIn = async (username: string) => {
    const client = TestClient.overHttp(server.url);
    await client.login(username, PASSWORD);
    return client;
  };

  beforeAll(async () => {
    server = await ProcessServer.create(pgBase);
    await server.start();
  }, 180_000);
  afterAll(() => server?.dispose());

  it('Treasury import: all lines or none, and an earlier import survives', async () => {
    const office = await signedIn('vpdp.quangninh');
    const file = (tag: string, n: number) => {
      const lines = ['ma_du_an;ngay;so_tien;nguon_von;nam_ke_hoach;loai;so_chung_tu'];
      for (let i = 1; i <= n; i++) lines.push(`QN-2026-02;05/11/2026;20000;NSDP_TINH;2026;thanh toán KLHT;KB-${tag}-${i}`);
      const form = new FormData();
      form.set('file', new Blob([lines.join('\n')], { type: 'text/csv' }), 'kho-bac.csv');
      return form;
    };
    const t0 = performance.now();
    const first = await office.request<{ added: number }>('POST', '/api/capital/disbursements/import', file('FA', 1500));
    const took = performance.now() - t0;
    expect(first.status).toBe(201);
    expect(first.body.added).toBe(1500);

    const outcome = await killDuring(
      server,
      office.request('POST', '/api/capital/disbursements/import', file('FB', 1500)),
      took * (0.3 + Math.random() * 0.5),
    );
    const state = await inspect(async (db) => ({
      a: (await query<{ n: number }>(db, "select count(*)::int as n from disbursements where voucher_ref like 'KB-FA-%'"))[0]!.n,
      b: (await query<{ n: number }>(db, "select count(*)::int as n from disbursements where voucher_ref like 'KB-FB-%'"))[0]!.n,
      audits: (
        await query<{ n: number }>(db, "select count(*)::int as n from audit_events where action = 'disbursement.import'")
      )[0]!.n,
    }));
    expect(state.a).toBe(1500);
    expect([0, 1500]).toContain(state.b);
    expect(state.audits).toBe(state.b ? 2 : 1);
    if (outcome.answered) expect(state.b).toBe(1500);

    await server.start();
    const again = await signedIn('vpdp.quangninh');
    const redo = await again.request<{ added: number; skipped: number }>(
      'POST',
      '/api/capital/disbursements/import',
      file('FB', 1500),
    );
    expect(redo.status).toBe(201);
    expect(redo.body.added + redo.body.skipped).toBe(1500);
    expect(redo.body.added).toBe(state.b ? 0 : 1500);
  });

  it('Excel entry import and verification: the month is saved whole or not at all', async () => {
    const officer = await signedIn('canbo.haison');
    const session = await officer.request<{ user: { homeUnitId: number } }>('GET', '/api/auth/session');
    const unitId = session.body.user.homeUnitId;
    const list = await officer.request<{ items: { id: number; month: string; status: string }[] }>(
      'GET',
      `/api/assessments?unitId=${unitId}`,
    );
    const open = list.body.items.find((a) => a.status === 'draft')!;
    expect(open).toBeTruthy();

    const filled = async (answer: 'Có' | 'Không') => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await officer.bytes(`/api/assessments/${open.id}/template.xlsx`)).body as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('Nhập liệu')!;
      const codes: string[] = [];
      ws.eachRow((row) => {
        const v = row.getCell(7).dataValidation as { type?: string; formulae?: string[] } | undefined;
        if (v?.type === 'list' && String(v.formulae?.[0] ?? '').includes('Có')) {
          row.getCell(7).value = answer;
          codes.push(row.getCell(1).text);
        }
      });
      const form = new FormData();
      form.set('file', new Blob([new Uint8Array(await wb.xlsx.writeBuffer())]), 'mau-nhap-lieu.xlsx');
      return { form, codes };
    };
    const yes = await filled('Có');
    const t0 = performance.now();
    const first = await officer.request<{ saved: number }>('POST', `/api/assessments/${open.id}/import`, yes.form);
    const took = performance.now() - t0;
    expect(first.status).toBe(200);
    expect(yes.codes.length).toBeGreaterThan(3);

    const no = await filled('Không');
    const outcome = await killDuring(
      server,
      officer.request('POST', `/api/assessments/${open.id}/import`, no.form),
      took * (0.3 + Math.random() * 0.6),
    );
    const values = await inspect((db) =>
      query<{ code: string; value: unknown }>(
        db,
        `select indicator_code as code, value from assessment_values where assessment_id = ${open.id}`,
      ),
    );
    const stored = new Map(values.map((v) => [v.code, v.value]));
    const flipped = no.codes.filter((c) => stored.get(c) === false).length;
    expect([0, no.codes.length]).toContain(flipped);
    if (outcome.answered) expect(flipped).toBe(no.codes.length);

    // Verification: submitted by the commune, verified by the province office, killed midway.
    await server.start();
    const officer2 = await signedIn('canbo.haison');
    const view = await officer2.request<{ assessment: { version: number } }>('GET', `/api/assessments/${open.id}`);
    const submitted = await officer2.request<{ version: number }>('POST', `/api/assessments/${open.id}/submit`, {
      version: view.body.assessment.version,
    });
    expect(submitted.status).toBe(200);
    const office = await signedIn('vpdp.quangninh');
    const verify = await killDuring(
      server,
      office.request('POST', `/api/assessments/${open.id}/review`, { version: submitted.body.version, outcome: 'verify' }),
      5 + Math.random() * 60,
    );
    const after = await inspect(async (db) => ({
      status: (await query<{ status: string }>(db, `select status from assessments where id = ${open.id}`))[0]!.status,
      audits: (
        await query<{ n: number }>(
          db,
          `select count(*)::int as n from audit_events where action = 'assessment.verify' and entity_id = '${open.id}'`,
        )
      )[0]!.n,
      submitAudits: (
        await query<{ n: number }>(
          db,
          `select count(*)::int as n from audit_events where action = 'assessment.submit' and entity_id = '${open.id}'`,
        )
      )[0]!.n,
    }));
    expect(after.submitAudits).toBe(1);
    expect(['submitted', 'verified']).toContain(after.status);
    expect(after.audits).toBe(after.status === 'verified' ? 1 : 0);
    if (verify.answered) expect(after.status).toBe('verified');

    await server.start();
    const office2 = await signedIn('vpdp.quangninh');
    const final = await office2.request<{ assessment: { status: string; version: number } }>(
      'GET',
      `/api/assessments/${open.id}`,
    );
    expect(final.status).toBe(200);
    expect(final.body.assessment.status).toBe(after.status);
    if (after.status === 'submitted') {
      const redo = await office2.request('POST', `/api/assessments/${open.id}/review`, {
        version: final.body.assessment.version,
        outcome: 'verify',
      });
      expect(redo.status).toBe(200);
    }
  });
});
