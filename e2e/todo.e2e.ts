import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/lib/clock';
import { launchBrowser, login, PHONE, startServer } from './support';

/** The page may be as wide as the screen and no wider. */
async function noSidewaysScroll(page: Page) {
  const w = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, screen: window.innerWidth }));
  expect(w.scroll).toBeLessThanOrEqual(w.screen);
}

describe('journey: the home page says what waits for each role', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;

  beforeAll(async () => {
    // The last day of November 2026 in the demo: Hải Sơn's November count is open, the waste-sorting
    // item (September) is overdue, a business plan and an idea wait for the province office.
    server = await startServer({ clock: new ManualClock('2026-11-30T03:00:00Z') });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("the commune officer lands on the home, opens November's count from it", async () => {
    const page = await login(browser, server.url, 'canbo.haison');
    const months = page.getByTestId('todo-assessments');
    await months.waitFor();
    expect(await page.locator('h1').textContent()).toBe('Việc cần làm');
    const november = months.locator('[data-kind="assessment_draft"]');
    expect(await november.textContent()).toBe('Nhập và gửi số liệu tháng 11/2026 — xã Hải Sơn');

    // The overdue roadmap item is marked in red with its deadline.
    const late = page.getByTestId('todo-roadmap_due').locator('li.todo-overdue');
    expect(await late.count()).toBe(1);
    expect(await late.textContent()).toContain('Quá hạn 30/09/2026');
    expect(await late.locator('.badge-danger').count()).toBe(1);

    await november.click();
    await page.getByTestId('assessment-title').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/kiem-dem\/\d+$/);
    expect(await page.getByTestId('assessment-title').textContent()).toContain('11/2026');

    // The units list is still in the menu.
    await page.getByTestId('main-menu').getByRole('link', { name: 'Đơn vị hành chính' }).click();
    await page.getByTestId('unit-tree').waitFor();
  });

  it('the province office opens the business plan waiting for its approval', async () => {
    const page = await login(browser, server.url, 'vpdp.quangninh');
    const ocop = page.getByTestId('todo-ocop_office');
    await ocop.waitFor();
    const plan = ocop.locator('[data-kind="ocop_plan_review"]');
    expect(await plan.textContent()).toBe('Duyệt phương án sản xuất kinh doanh “Cao dược liệu Bắc Sơn” — xã Hải Sơn');
    expect(await page.getByTestId('todo-ocop_scoring').textContent()).toContain('Chấm điểm 1 sản phẩm');
    await plan.click();
    await page.getByTestId('ocop-product-name').waitFor();
    expect(await page.getByTestId('ocop-product-name').textContent()).toBe('Cao dược liệu Bắc Sơn');
    expect(new URL(page.url()).pathname).toMatch(/^\/ocop\/san-pham\/\d+$/);
  });

  it('a viewer is told nothing waits, with the overview pages at hand', async () => {
    const page = await login(browser, server.url, 'xem.quangninh');
    const empty = page.getByTestId('todo-empty');
    await empty.waitFor();
    expect(await empty.textContent()).toContain('Hiện không có việc nào chờ bạn.');
    await empty.getByRole('link', { name: 'Tổng quan nông thôn mới' }).click();
    await page.getByTestId('summary-cards').waitFor();
    // The dashboard opens on the latest verified month, not on an empty current month.
    expect(await page.getByTestId('dashboard-month').inputValue()).toBe('10/2026');
  });

  for (const username of ['canbo.haison', 'vpdp.quangninh']) {
    it(`${username} at 390×844: the home fits the screen and its items open from a tap`, async () => {
      const page = await login(browser, server.url, username, PHONE);
      await page.getByTestId('todo-groups').locator('[data-testid="todo-item"]').first().waitFor();
      await noSidewaysScroll(page);
      const item = page.getByTestId('todo-item').first();
      const box = (await item.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      expect(box.height).toBeGreaterThanOrEqual(44);
      const href = await item.getAttribute('href');
      await item.tap();
      await page.waitForURL((u) => u.pathname === href);
      await noSidewaysScroll(page);
    });
  }
});
