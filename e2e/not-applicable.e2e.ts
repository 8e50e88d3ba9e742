import { and, eq, isNull } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessments, assessmentValues, units } from '../src/db/schema';
import { launchBrowser, login, PHONE, startServer } from './support';

describe('journey: "Không áp dụng" in the entry grid on a phone', () => {
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

  it('the officer marks an indicator not applicable with a reason; it is saved apart from an empty cell', async () => {
    const db = server.deps.db;
    const [haiSon] = await db
      .select()
      .from(units)
      .where(and(eq(units.name, 'xã Hải Sơn'), isNull(units.effectiveTo)));
    const [november] = await db
      .select()
      .from(assessments)
      .where(and(eq(assessments.unitId, haiSon!.id), eq(assessments.period, '2026-11-01')));

    const officer = await login(browser, server.url, 'canbo.haison', PHONE);
    await officer.goto(`${server.url}/kiem-dem/${november!.id}`);
    await officer.getByTestId('assessment-title').waitFor();
    // Only indicators whose set allows it offer the choice (8.4: production and business facilities).
    expect(await officer.getByTestId('na-8.4').count()).toBe(1);
    expect(await officer.getByTestId('na-8.3').count()).toBe(0);

    await officer.getByTestId('na-8.4').check();
    await expect.poll(() => officer.getByTestId('status-8.4').textContent()).toBe('Không áp dụng');
    expect(await officer.getByTestId('input-8.4-num').count()).toBe(0);
    // Saved without a reason: refused, in words.
    await officer.getByTestId('save-values').click();
    await expect.poll(() => officer.locator('.alert-error').first().textContent()).toContain('phải ghi lý do');

    await officer.getByTestId('na-reason-8.4').fill('Trên địa bàn xã không có cơ sở sản xuất, kinh doanh');
    await officer.getByTestId('save-values').click();
    await expect.poll(() => officer.getByText('Đã lưu tất cả').count()).toBe(1);
    const width = await officer.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, screen: window.innerWidth }));
    expect(width.scroll).toBeLessThanOrEqual(width.screen);

    const [stored] = await db
      .select()
      .from(assessmentValues)
      .where(and(eq(assessmentValues.assessmentId, november!.id), eq(assessmentValues.indicatorCode, '8.4')));
    expect(stored!.value).toEqual({ notApplicable: true, reason: 'Trên địa bàn xã không có cơ sở sản xuất, kinh doanh' });

    // After a reload the grid shows the choice, the reason and the status; no internal code on screen.
    await officer.reload();
    await officer.getByTestId('assessment-title').waitFor();
    expect(await officer.getByTestId('na-8.4').isChecked()).toBe(true);
    expect(await officer.getByTestId('na-reason-8.4').inputValue()).toContain('không có cơ sở sản xuất');
    expect(await officer.getByTestId('status-8.4').textContent()).toBe('Không áp dụng');
    expect(await officer.locator('main').innerText()).not.toMatch(/not_applicable|notApplicable/);

    // Clearing the choice empties the cell again.
    await officer.getByTestId('na-8.4').uncheck();
    await expect.poll(() => officer.getByTestId('status-8.4').textContent()).toBe('Thiếu số liệu');

    // The scorecard shows it apart from missing.
    await officer.goto(`${server.url}/bang-theo-doi/${haiSon!.id}?nam=2026`);
    await officer.locator('td[data-status="not_applicable"]').first().waitFor();
    expect(await officer.locator('td[data-status="not_applicable"]').first().getAttribute('title')).toBe('Không áp dụng');
  });
});
