import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startServer } from './support';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

type AxeResult = { violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[] };

/** Runs axe-core in the page and returns the serious and critical violations. */
async function seriousViolations(page: Page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<AxeResult> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
}

describe('journey: a citizen on the public portal, with and without JavaScript', () => {
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

  it('without JavaScript: reads the commune page, sends feedback through the plain form', async () => {
    const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await page.goto(`${server.url}/cong-khai`);
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await page.getByRole('link', { name: 'tỉnh Quảng Ninh' }).click();
    await page.locator('section', { hasText: 'Các xã, phường' }).getByRole('link', { name: 'xã Hải Sơn' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('xã Hải Sơn');
    expect(await page.getByRole('table').first().textContent()).toContain('Nghĩa là gì');
    await page.getByLabel('Loại ý kiến').selectOption('complaint');
    await page.getByLabel(/Nội dung về/).fill('Đèn đường ở thôn Pò Hèn bị hỏng đã hai tuần.');
    // a person reads before writing: the form refuses what is sent within seconds of loading
    await page.waitForTimeout(3200);
    await page.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Cảm ơn bạn');
    expect(page.url()).toContain('da-gui=1');
  });

  it('with JavaScript: the OCOP catalogue searches without accents; the main pages pass an accessibility check', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/cong-khai/san-pham`);
    await page.getByLabel(/Tìm sản phẩm/).fill('tom he tra co');
    await page.getByRole('button', { name: 'Tìm' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('1 sản phẩm');
    expect(await page.getByRole('table').textContent()).toContain('Tôm he Trà Cổ');
    for (const path of ['/cong-khai', '/cong-khai/san-pham', '/cong-khai/du-an/MC-2022-01', '/cong-khai/du-lieu']) {
      await page.goto(`${server.url}${path}`);
      expect(await seriousViolations(page), path).toEqual([]);
    }
    await page.goto(`${server.url}/cong-khai`);
    await page.getByRole('link', { name: 'tỉnh Quảng Ninh' }).click();
    await page.locator('section', { hasText: 'Các xã, phường' }).getByRole('link', { name: 'xã Hải Sơn' }).click();
    await page.locator('h1').waitFor();
    expect(await seriousViolations(page), 'commune page').toEqual([]);
  });
});
