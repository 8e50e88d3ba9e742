import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessments, disbursements, evidence, files } from '../db/schema';
import { unpacksWithin } from '../lib/sniff';
import { DEMO_PASSWORD, loadDemoIfEmpty } from '../seed/demo';
import { createTestEnv, TestClient, type TestEnv } from '../testing/harness';

/**
 * Upload abuse: the type comes from the bytes, never the name; scripts and SVG are refused; a
 * hostile name never reaches the disk; oversized bodies are refused before they are read; a zip
 * bomb dressed as a spreadsheet is refused before it is opened. Nothing is stored on refusal.
 */
const PDF = new TextEncoder().encode('%PDF-1.4\n% Biên bản nghiệm thu\n%%EOF\n');

/** A valid-looking .xlsx (or .docx) whose one part inflates to `mb` megabytes of spaces. */
function zipBomb(mb: number, kind: 'xlsx' | 'docx' = 'xlsx'): Uint8Array {
  const huge = new Uint8Array(mb * 1024 * 1024).fill(0x20);
  const parts: Record<string, Uint8Array> =
    kind === 'xlsx'
      ? { 'xl/workbook.xml': new TextEncoder().encode('<workbook/>'), 'xl/worksheets/sheet1.xml': huge }
      : { 'word/document.xml': huge };
  return zipSync({ '[Content_Types].xml': new TextEncoder().encode('<?xml version="1.0"?><Types/>'), ...parts }, { level: 9 });
}

describe('upload abuse', () => {
  let env: TestEnv;
  let officer: TestClient;
  let office: TestClient;
  let draftId: number;

  beforeAll(async () => {
    env = await createTestEnv({ config: { maxUploadBytes: 2 * 1024 * 1024 } });
    await loadDemoIfEmpty(env.deps);
    officer = new TestClient(env.app);
    await officer.login('canbo.haison', DEMO_PASSWORD);
    office = new TestClient(env.app);
    await office.login('vpdp.mongcai', DEMO_PASSWORD);
    draftId = (await env.deps.db.select().from(assessments).where(eq(assessments.status, 'draft')))[0]!.id;
  });
  afterAll(() => env.close());

  const attach = (name: string, bytes: Uint8Array, type = '') => {
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(bytes)], type ? { type } : {}), name);
    form.set('indicatorCode', '1.1');
    return officer.post<{ name: string; mime: string; error?: { code: string; message: string } }>(
      `/api/assessments/${draftId}/evidence`,
      form,
    );
  };
  const storedFiles = () => {
    const out: string[] = [];
    const walk = (d: string) => {
      if (!fs.existsSync(d)) return;
      for (const e of fs.readdirSync(d, { withFileTypes: true }))
        if (e.isDirectory()) walk(path.join(d, e.name));
        else out.push(path.join(d, e.name));
    };
    walk(env.deps.files.root);
    return out;
  };

  it('refuses scripts, SVG, HTML and executables whatever they are called, and stores nothing', async () => {
    const before = { rows: await env.deps.db.$count(files), disk: storedFiles().length };
    const cases: [string, string][] = [
      ['bien-ban.pdf', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
      ['anh.svg', '<?xml version="1.0"?><svg onload="alert(1)"/>'],
      ['trang.pdf', '<!doctype html><html><script>fetch("/api/users")</script></html>'],
      ['setup.jpg', 'MZ\u0090\u0000\u0003\u0000\u0000\u0000\u0004\u0000'],
      ['script.xlsx', '#!/bin/sh\nrm -rf /\n'],
    ];
    for (const [name, text] of cases) {
      const res = await attach(name, new TextEncoder().encode(text), 'application/pdf');
      expect(res.status, name).toBe(415);
      expect(res.body.error?.message).toMatch(/[à-ỹ]/);
    }
    expect(await env.deps.db.$count(files)).toBe(before.rows);
    expect(storedFiles()).toHaveLength(before.disk);
  });

  it('keeps a hostile name as a label only: the bytes are stored under their hash inside the store', async () => {
    const names = [
      '../../../../etc/passwd.pdf',
      '..\\..\\boot.ini.pdf',
      'a\u0000b.pdf',
      '<img src=x onerror=alert(1)>.pdf',
      'C:/Windows/x.pdf',
    ];
    for (const [i, name] of names.entries()) {
      // Bytes of their own: the same file is attached to an indicator once.
      const res = await attach(name, new TextEncoder().encode(`%PDF-1.4\n% Biên bản số ${i + 1}\n%%EOF\n`));
      expect(res.status, name).toBe(201);
      expect(res.body.name).not.toMatch(/[\\/<>]/);
      expect(res.body.name).not.toContain('\u0000');
      expect(res.body.mime).toBe('application/pdf');
    }
    const root = path.resolve(env.deps.files.root);
    for (const f of storedFiles()) {
      expect(path.resolve(f).startsWith(root + path.sep)).toBe(true);
      expect(path.basename(f)).toMatch(/^[0-9a-f]{64}(\.thumb\.jpg)?$/);
    }
    const labels = (await env.deps.db.select().from(evidence).where(eq(evidence.assessmentId, draftId))).map(
      (e) => e.originalName,
    );
    for (const l of labels) expect(l.includes('\u0000') || /[\\/]/.test(l)).toBe(false);
  });

  it('accepts a real workbook of a megabyte as evidence (its type read from the zip directory)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Số liệu');
    for (let i = 0; i < 40_000; i++) ws.addRow([`Hộ gia đình số ${i}`, i * 1.5, `Thôn ${i % 40}`, Math.random()]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(bytes.byteLength).toBeGreaterThan(500_000);
    const res = await attach('so-lieu-ho.xlsx', bytes);
    expect(res.status).toBe(201);
    expect(res.body.mime).toContain('spreadsheetml');
  });

  it('refuses a body over the limit before reading it', async () => {
    const before = await env.deps.db.$count(files);
    const big = new Uint8Array(3 * 1024 * 1024);
    big.set(PDF);
    const res = await attach('lon.pdf', big);
    expect(res.status).toBe(413);
    expect(res.body.error?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await env.deps.db.$count(files)).toBe(before);
  });

  it('refuses a zip bomb dressed as a Word document or a workbook as evidence, and keeps nothing', async () => {
    const before = { rows: await env.deps.db.$count(files), disk: storedFiles().length };
    for (const [name, bomb] of [
      ['bien-ban.docx', zipBomb(120, 'docx')],
      ['so-lieu.xlsx', zipBomb(120)],
    ] as const) {
      const res = await attach(name, bomb);
      expect(res.status, name).toBe(415);
    }
    expect(await env.deps.db.$count(files)).toBe(before.rows);
    expect(storedFiles()).toHaveLength(before.disk);
  });

  it('refuses a zip bomb dressed as a spreadsheet, in the entry import and the Treasury import', async () => {
    const bomb = zipBomb(200);
    expect(bomb.byteLength).toBeLessThan(2 * 1024 * 1024);
    expect(unpacksWithin(bomb)).toBe(false);

    const form = (name: string) => {
      const f = new FormData();
      f.set('file', new Blob([new Uint8Array(bomb)]), name);
      return f;
    };
    const entry = await officer.post<{ error: { code: string; details: { code: string }[] } }>(
      `/api/assessments/${draftId}/import`,
      form('mau-nhap-lieu.xlsx'),
    );
    expect(entry.status).toBe(422);
    expect(entry.body.error.details[0]!.code).toBe('too_large_unpacked');
    const ledgerBefore = await env.deps.db.$count(disbursements);
    const ledger = await office.post<{ error: { code: string } }>('/api/capital/disbursements/import', form('kho-bac.xlsx'));
    expect(ledger.status).toBe(422);
    expect(ledger.body.error.code).toBe('IMPORT_FAILED');
    expect(await env.deps.db.$count(disbursements)).toBe(ledgerBefore);
  });
});
