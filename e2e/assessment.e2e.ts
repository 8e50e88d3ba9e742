import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessments, units } from '../src/db/schema';
import { launchBrowser, startServer, login } from './support';

describe('journey: the monthly count-and-check from commune to heat map', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('officer enters a value with a file and submits; the office verifies; the heat map changes', async () => {
    const db = server.deps.db;
    const [haiSon] = await db
      .select()
      .from(units)
      .where(and(eq(units.name, 'xã Hải Sơn'), isNull(units.effectiveTo)));
    const [province] = await db.select().from(units).where(eq(units.name, 'tỉnh Quảng Ninh'));
    const [november] = await db
      .select()
      .from(assessments)
      .where(and(eq(assessments.unitId, haiSon!.id), eq(assessments.period, '2026-11-01')));

    const office = await login(browser, server.url, 'vpdp.quangninh');
    const dashboard = `${server.url}/tong-quan?don-vi=${province!.id}&thang=2026-11`;
    const cell = (p: Page) =>
      p.getByTestId('heatmap-table').locator('tr', { hasText: 'xã Hải Sơn' }).locator('td[data-status]').nth(7);
    await office.goto(dashboard);
    await office.getByTestId('heatmap-table').waitFor();
    expect(await cell(office).getAttribute('data-status')).toBe('unmet');
    expect(await office.getByTestId('heatmap-table').locator('tr', { hasText: 'xã Hải Sơn' }).textContent()).toContain('10/2026');

    // The commune officer works on November from the unit page.
    const officer = await login(browser, server.url, 'canbo.haison');
    await officer.goto(`${server.url}/don-vi/${haiSon!.id}`);
    await officer.getByTestId('unit-assessments').getByRole('link', { name: '11/2026' }).click();
    await officer.getByTestId('assessment-title').waitFor();
    await expect.poll(() => officer.getByTestId('status-8.3').textContent()).toBe('Chưa đạt');
    await officer.getByTestId('input-8.3-num').fill('930');
    await officer.getByTestId('input-8.3-den').fill('1.000');
    await expect.poll(() => officer.getByTestId('status-8.3').textContent()).toBe('Đạt');
    // A jump from the last verified month beyond the set's percentage is saved with a note saying why.
    await officer.getByTestId('note-8.3').fill('Rà soát lại toàn bộ hộ sau sáp nhập, theo biên bản kiểm tra');
    const pdf = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dl-ev-')), 'bien-ban-kiem-tra-nha-tieu.pdf');
    fs.writeFileSync(pdf, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    await officer.getByTestId('attach-8.3').setInputFiles(pdf);
    await officer.getByRole('link', { name: 'bien-ban-kiem-tra-nha-tieu.pdf' }).waitFor();
    await officer.getByTestId('save-values').click();
    await expect.poll(() => officer.getByText('Đã lưu tất cả').count()).toBe(1);
    await officer.getByTestId('submit-assessment').click();
    await officer.getByTestId('confirm-dialog').getByTestId('confirm-ok').click();
    await expect.poll(() => officer.getByTestId('assessment-status').textContent()).toBe('Chờ xác minh');

    // The office verifies; the month locks.
    await office.goto(`${server.url}/kiem-dem/${november!.id}`);
    await office.getByTestId('verify-assessment').click();
    expect(await office.getByTestId('confirm-dialog').innerText()).toContain('xã Hải Sơn');
    await office.getByTestId('confirm-dialog').getByTestId('confirm-ok').click();
    await expect.poll(() => office.getByTestId('assessment-status').textContent()).toBe('Đã xác minh · khóa');
    expect(await office.getByTestId('success-notice').textContent()).toContain(
      'Đã xác minh và khóa tháng 11/2026 của xã Hải Sơn',
    );

    await office.goto(dashboard);
    await office.getByTestId('heatmap-table').waitFor();
    await expect.poll(() => cell(office).getAttribute('data-status')).toBe('met');
    expect(await office.getByTestId('heatmap-table').locator('tr', { hasText: 'xã Hải Sơn' }).textContent()).toContain('11/2026');

    // The office reopens the month with a reason: the commune reads "reopened" (not "returned"),
    // the reason once, and the person by name.
    const reason = 'Cục Thống kê điều chỉnh số hộ, cần nhập lại chỉ tiêu 8.3';
    await office.goto(`${server.url}/kiem-dem/${november!.id}`);
    await office.getByRole('textbox', { name: 'Lý do' }).fill(reason);
    await office.getByTestId('reopen-assessment').click();
    await office.getByTestId('confirm-dialog').getByTestId('confirm-ok').click();
    await expect.poll(() => office.getByTestId('assessment-status').textContent()).toBe('Đã mở lại');
    await officer.reload();
    await expect.poll(() => officer.getByTestId('assessment-status').textContent()).toBe('Đã mở lại');
    const page = await officer.locator('main').innerText();
    expect(page.split(reason).length - 1).toBe(1);
    expect(await officer.getByTestId('returns-summary').innerText()).toMatch(/^Mở lại bởi .+ lúc \d{2}\/\d{2}\/\d{4}/);
    expect(page).not.toContain('vpdp.quangninh');
  });
});
