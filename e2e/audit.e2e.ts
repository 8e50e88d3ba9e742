import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { units } from '../src/db/schema';
import { ManualClock } from '../src/lib/clock';
import { TestClient } from '../src/testing/client';
import { DEMO_PASSWORD, launchBrowser, login, PHONE, startServer } from './support';

/** Stored names look like `unit.create` or `ocop_product`: none may reach the screen. */
const CODE = /\b[a-z]+(_[a-z]+)*\.[a-z_]+\b|\b[a-z]+_[a-z_]+\b/;

/** What the rows say about actions and objects (the person column holds sign-in names, which people know). */
async function rowsText(page: Page) {
  await page.getByTestId('audit-row').first().waitFor();
  const actions = await page.getByTestId('audit-action').allInnerTexts();
  const objects = await page.getByTestId('audit-object').allInnerTexts();
  const times = await page.getByTestId('audit-row').locator('td:first-child').allInnerTexts();
  return [...actions, ...objects, ...times].join('\n');
}

describe('journey: the audit trail in words', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ clock: new ManualClock('2026-12-02T03:00:00Z') });
    browser = await launchBrowser();
    // A day's work to read: the commune officer opens December, the administrator adds a hamlet.
    const [haiSon] = await server.deps.db
      .select()
      .from(units)
      .where(and(eq(units.name, 'xã Hải Sơn'), isNull(units.effectiveTo)));
    const officer = TestClient.overHttp(server.url);
    await officer.login('canbo.haison', DEMO_PASSWORD);
    expect((await officer.post('/api/assessments', { unitId: haiSon!.id, month: '2026-12' })).status).toBe(201);
    const office = TestClient.overHttp(server.url);
    await office.login('admin', DEMO_PASSWORD);
    const hamlet = { code: 'HS-THON-MOI', name: 'thôn Mới', type: 'village', parentId: haiSon!.id, effectiveFrom: '2026-11-01' };
    expect((await office.post('/api/units', hamlet)).status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the province office reads who did what to which record, filters by kind, unit and person, and opens the record', async () => {
    const page = await login(browser, server.url, 'vpdp.quangninh');
    await page.goto(`${server.url}/nhat-ky`);
    expect((await rowsText(page)).match(CODE)?.[0]).toBeUndefined();

    // By kind: every month event reads as one, with the commune and month named and linked.
    await page.getByTestId('audit-kind').selectOption({ label: 'Kỳ đánh giá: mọi thao tác' });
    await expect.poll(() => page.url()).toContain('loai=assessment');
    await expect
      .poll(async () => (await page.getByTestId('audit-object').allInnerTexts()).every((t) => t.startsWith('Kỳ đánh giá')))
      .toBe(true);
    const object = page.getByTestId('audit-object').first();
    expect(await object.innerText()).toMatch(/^Kỳ đánh giá xã .+ · \d{2}\/\d{4}$/);
    expect(await rowsText(page)).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);

    // By unit: Hải Sơn and what lies under it.
    await page.getByTestId('audit-unit').selectOption({ label: 'xã Hải Sơn' });
    await expect
      .poll(async () => (await page.getByTestId('audit-object').allInnerTexts()).every((t) => t.includes('xã Hải Sơn')))
      .toBe(true);

    // By person: the first person in the list; every row is theirs.
    const person = page.getByTestId('audit-person');
    const name = (await person.locator('option').nth(1).textContent())!;
    await person.selectOption({ index: 1 });
    await page.getByTestId('audit-unit').selectOption({ index: 0 });
    await page.getByTestId('audit-kind').selectOption({ index: 0 });
    await expect
      .poll(async () => {
        const cells = await page.getByTestId('audit-row').locator('td:nth-child(2)').allInnerTexts();
        return cells.length > 0 && cells.every((c) => c === name);
      })
      .toBe(true);

    // The details name the changed fields; the record opens from its name.
    await page.getByTestId('audit-person').selectOption({ index: 0 });
    await page.getByTestId('audit-kind').selectOption({ label: 'Kỳ đánh giá: mọi thao tác' });
    await page.getByTestId('audit-row').first().getByRole('button').click();
    expect(await page.locator('.detail-row').innerText()).not.toMatch(/"[a-zA-Z]+":/);
    await page.getByTestId('audit-object').first().getByRole('link').click();
    await page.waitForURL(/\/kiem-dem\/\d+$/);
  });

  it('fits a phone: the filters wrap and the table scrolls inside itself', async () => {
    const page = await login(browser, server.url, 'vpdp.quangninh', PHONE);
    await page.goto(`${server.url}/nhat-ky`);
    await rowsText(page);
    const w = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, screen: window.innerWidth }));
    expect(w.scroll).toBeLessThanOrEqual(w.screen);
  });
});
