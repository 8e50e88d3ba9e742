import { eq, sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ocopProducts, projects, recommendations, units } from '../src/db/schema';
import { launchBrowser, login, startServer } from './support';

/**
 * Markup typed into any text field is shown as text on every screen and public page: with hostile
 * names stored for units, projects, products and recommendations, nothing runs in the browser
 * (no script, no event handler, no dialog) and the words appear literally.
 */
const PAYLOAD = `<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>`;

describe('journey: hostile text stays text on every screen', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const db = server.deps.db;
    await db.update(projects).set({ name: sql`name || ${' ' + PAYLOAD}` });
    await db.update(ocopProducts).set({ name: sql`name || ${' ' + PAYLOAD}` });
    await db.update(recommendations).set({ text: sql`text || ${' ' + PAYLOAD}` });
    await db
      .update(units)
      .set({ name: sql`name || ${' ' + PAYLOAD}` })
      .where(eq(units.code, '06727'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function visit(page: Page, path: string) {
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.goto(`${server.url}${path}`);
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), path).toBeUndefined();
    expect(dialogs, path).toBe(0);
    return (await page.locator('body').textContent()) ?? '';
  }

  it('office screens, council screens and public pages show the markup as words', async () => {
    const [mc] = await server.deps.db.select().from(units).where(eq(units.name, 'thành phố Móng Cái'));
    const office = await login(browser, server.url, 'vpdp.mongcai');
    let shown = 0;
    for (const path of [
      `/von?don-vi=${mc!.id}&nam=2022`,
      `/tong-quan?don-vi=${mc!.id}&thang=2022-05`,
      '/ocop/san-pham',
      '/don-vi',
    ]) {
      if ((await visit(office, path)).includes('<img src=x')) shown++;
    }
    const council = await login(browser, server.url, 'daibieu.mongcai');
    if ((await visit(council, '/giam-sat/kien-nghi')).includes('<img src=x')) shown++;
    const citizen = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    for (const path of ['/cong-khai/du-an', '/cong-khai/san-pham']) {
      if ((await visit(citizen, path)).includes('<img src=x')) shown++;
    }
    expect(shown).toBeGreaterThanOrEqual(3);
  });
});
