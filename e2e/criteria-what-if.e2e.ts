import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { criteriaSets } from '../src/db/schema';
import { launchBrowser, login, PHONE, startServer } from './support';

const names = (page: Page) => page.getByTestId('what-if-changes').locator('tbody tr td:first-child').allInnerTexts();

describe('journey: previewing what a criteria draft would change before publishing it', () => {
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

  it('the national keeper raises a threshold and sees which communes would lose the criterion', async () => {
    const [national] = await server.deps.db.select().from(criteriaSets).where(eq(criteriaSets.code, 'VN-NTM-XA-2021-2025'));
    const page = await login(browser, server.url, 'admin');
    await page.goto(`${server.url}/bo-tieu-chi/${national!.id}`);
    await page.getByRole('button', { name: 'Tạo bản nháp phiên bản mới' }).click();
    const month = page.getByTestId('what-if-month');
    await month.waitFor();
    await month.fill('05/2022');
    // The draft is still the published set: nothing would change.
    await page.getByTestId('what-if-none').waitFor();
    expect(await page.getByTestId('what-if-scope').innerText()).toContain('05/2022');

    // Móng Cái's communes (region TDMNPB) met the 2022 income threshold; raise it far above them.
    await page.getByLabel('10 Ngưỡng 1', { exact: true }).fill('100');
    await page.getByText('Bản nháp có thay đổi chưa lưu').waitFor();
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByTestId('what-if-changes').waitFor();
    const shown = await names(page);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).toEqual([...shown].sort(new Intl.Collator('vi').compare));
    expect(await page.getByTestId('what-if-changes').innerText()).toContain('Thu nhập');
    expect(await page.getByTestId('what-if-cards').innerText()).toMatch(/→/);
    await page.getByTestId('what-if-changes').getByRole('button', { name: /Xã/ }).click();
    expect(await names(page)).toEqual([...shown].reverse());
    expect(await page.getByTestId('what-if-xlsx').getAttribute('href')).toMatch(/\/what-if\.xlsx\?month=2022-05&unitId=\d+$/);
    expect(await page.locator('main').innerText()).not.toMatch(/\b[A-Z]{3,}(?:_[A-Z]+)+\b|\bundefined\b|\bNaN\b/);

    // On a phone the panel fits the screen; its table scrolls inside itself.
    const phone = await login(browser, server.url, 'admin', PHONE);
    await phone.goto(page.url());
    await phone.getByTestId('what-if-month').fill('05/2022');
    await phone.getByTestId('what-if-changes').waitFor();
    const width = await phone.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, screen: window.innerWidth }));
    expect(width.scroll).toBeLessThanOrEqual(width.screen);
  });
});
