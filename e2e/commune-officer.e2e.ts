import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { units } from '../src/db/schema';
import { DEMO_PASSWORD, launchBrowser, startServer } from './support';

describe('journey: a commune officer sees only their commune', () => {
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

  it('logs in, sees only xã Hải Sơn and its predecessors, is refused another commune by URL, logs out', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.getByLabel('Tên đăng nhập').fill('canbo.haison');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('current-user').textContent()).toContain('Phạm Thị Lan');
    // Home is the to-do list; the units stay one click away in the menu.
    await page.getByTestId('todo-groups').waitFor();
    await page.getByTestId('main-menu').getByRole('link', { name: 'Đơn vị hành chính' }).click();

    const tree = page.getByTestId('unit-tree');
    await tree.getByText('xã Hải Sơn').first().waitFor();
    const names = await tree.getByRole('link').allTextContents();
    expect(names).toEqual(['xã Hải Sơn']);

    // As of May 2022 the officer sees the two communes that became xã Hải Sơn, nothing else.
    await page.goto(`${server.url}/don-vi?ngay=2022-05-18`);
    await tree.getByText('xã Bắc Sơn').waitFor();
    expect((await tree.getByRole('link').allTextContents()).sort()).toEqual(['xã Bắc Sơn', 'xã Hải Sơn']);

    // The unit page shows the merge history.
    const [haiSon] = await server.deps.db
      .select()
      .from(units)
      .where(and(eq(units.name, 'xã Hải Sơn'), isNull(units.effectiveTo)));
    await page.goto(`${server.url}/don-vi/${haiSon!.id}`);
    await page.getByTestId('predecessors').waitFor();
    expect(await page.getByTestId('predecessors').textContent()).toContain('xã Bắc Sơn');

    // Another commune, typed into the address bar, answers "not found".
    const [haiNinh] = await server.deps.db.select().from(units).where(eq(units.name, 'xã Hải Ninh'));
    await page.goto(`${server.url}/don-vi/${haiNinh!.id}`);
    await page.getByTestId('unit-not-found').waitFor();
    expect(await page.getByText('xã Hải Ninh').count()).toBe(0);
    const api = await page.evaluate(async (id) => (await fetch(`/api/units/${id}`)).status, haiNinh!.id);
    expect(api).toBe(404);

    await page.getByTestId('logout').click();
    await page.getByTestId('login-submit').waitFor();
    const after = await page.evaluate(async () => (await fetch('/api/units')).status);
    expect(after).toBe(401);
  });
});
