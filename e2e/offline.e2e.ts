import fs from 'node:fs';
import { and, eq, isNull } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessments, assessmentValues, evidence, units } from '../src/db/schema';
import { DEMO_PASSWORD, launchBrowser, login, PHONE, startServer } from './support';

/** Another person working through the API at the same time (the coordination office). */
async function apiAs(url: string, username: string) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  // The last value of each cookie counts (the anti-forgery cookie is set twice on signing in).
  const jar = new Map(
    res.headers.getSetCookie().map((c) => {
      const pair = c.split(';')[0]!;
      return [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)] as const;
    }),
  );
  const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  return (path: string, method: string, body: unknown) =>
    fetch(url + path, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
}

const statusText = (page: Page) => page.getByTestId('net-status').innerText();

describe('journey: entering a month on a phone without a connection', () => {
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

  it('edits and a photo wait on the phone, arrive when the connection returns; a conflict is shown and settled', async () => {
    const db = server.deps.db;
    const [haiSon] = await db
      .select()
      .from(units)
      .where(and(eq(units.name, 'xã Hải Sơn'), isNull(units.effectiveTo)));
    const [november] = await db
      .select()
      .from(assessments)
      .where(and(eq(assessments.unitId, haiSon!.id), eq(assessments.period, '2026-11-01')));
    const id = november!.id;
    const cell = async (code: string) =>
      (
        await db
          .select()
          .from(assessmentValues)
          .where(and(eq(assessmentValues.assessmentId, id), eq(assessmentValues.indicatorCode, code)))
      )[0];
    const before11 = (await cell('1.1'))?.value;
    const mine11 = before11 !== true;

    // The in-page queue is what is under test: Playwright's offline switch does not reach a service
    // worker's own requests, so this phone runs without one (the worker is checked separately below).
    const officer = await login(browser, server.url, 'canbo.haison', { ...PHONE, serviceWorkers: 'block' });
    const context = officer.context();
    await officer.goto(`${server.url}/kiem-dem/${id}`);
    await officer.getByTestId('assessment-title').waitFor();
    await officer.waitForLoadState('networkidle');
    expect(await statusText(officer)).toContain('Trực tuyến');

    // The connection drops in the field.
    await context.setOffline(true);
    await expect.poll(() => statusText(officer)).toContain('Mất kết nối');
    expect(await officer.getByTestId('save-values').innerText()).toBe('Lưu trên máy');

    await officer.getByTestId('input-1.1').selectOption(mine11 ? 'yes' : 'no');
    await officer.getByTestId('note-3.1').fill('Số liệu của Chi cục Thống kê tháng 11/2026');
    await officer.getByTestId('input-3.2').selectOption('yes');
    await officer.getByTestId('input-3.3').selectOption('yes');
    await officer.getByTestId('save-values').click();
    await officer.getByTestId('attach-1.1').setInputFiles({
      name: 'anh-hien-truong.png',
      mimeType: 'image/png',
      buffer: fs.readFileSync('web/public/icons/icon-192.png'),
    });

    for (const code of ['1.1', '3.1', '3.2', '3.3']) {
      await expect.poll(() => officer.getByTestId(`queued-${code}`).textContent()).toBe('Chờ đồng bộ');
    }
    await expect.poll(() => officer.getByTestId('queued-file-1.1').textContent()).toContain('anh-hien-truong.png');
    await expect.poll(() => officer.getByTestId('net-queued').textContent()).toContain('5 thay đổi chờ đồng bộ');
    expect(await officer.getByTestId('saved-on-phone').innerText()).toContain('sẽ gửi khi có mạng');
    // Sending the month needs the network, and says so.
    expect(await officer.getByTestId('submit-assessment').isDisabled()).toBe(true);
    expect(await officer.getByTestId('submit-needs-network').innerText()).toContain('Cần có mạng');
    // Nothing reached the server.
    expect((await cell('1.1'))?.value ?? null).toEqual(before11 ?? null);
    const width = await officer.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, screen: window.innerWidth }));
    expect(width.scroll).toBeLessThanOrEqual(width.screen);

    // Meanwhile the office changes two of the same cells.
    const office = await apiAs(server.url, 'vpdp.quangninh');
    for (const code of ['3.2', '3.3']) {
      const res = await office(`/api/assessments/${id}/values`, 'PUT', {
        changes: [
          { code, value: false, note: `Văn phòng điều phối kiểm tra lại (${code})`, version: (await cell(code))?.version ?? 0 },
        ],
      });
      expect(res.status, await res.text()).toBe(200);
    }

    // The browser says it is online again, but the first attempts get no answer: the queue stays,
    // also across a reload of the page.
    await context.route('**/api/assessments/*/values', (route) => route.abort('internetdisconnected'));
    await context.setOffline(false);
    await expect.poll(() => statusText(officer)).toContain('Mất kết nối');
    await officer.reload();
    await officer.getByTestId('assessment-title').waitFor();
    await expect.poll(() => officer.getByTestId('queued-3.1').textContent()).toBe('Chờ đồng bộ');
    await expect.poll(() => officer.getByTestId('queued-file-1.1').count()).toBe(1);
    expect((await cell('3.1'))?.note ?? null).not.toBe('Số liệu của Chi cục Thống kê tháng 11/2026');

    // The connection is really back: "sync now" sends what does not conflict, with the photo.
    await context.unroute('**/api/assessments/*/values');
    await officer.getByTestId('sync-now').click();
    await expect.poll(async () => (await cell('1.1'))?.value).toBe(mine11);
    await expect.poll(async () => (await cell('3.1'))?.note).toBe('Số liệu của Chi cục Thống kê tháng 11/2026');
    await expect
      .poll(async () =>
        (
          await db
            .select()
            .from(evidence)
            .where(and(eq(evidence.assessmentId, id), eq(evidence.indicatorCode, '1.1')))
        ).map((e) => e.originalName),
      )
      .toContain('anh-hien-truong.png');

    // The two cells the office changed are shown to the officer: both values, who changed it.
    const conflict = officer.getByTestId('conflict-3.2');
    await conflict.waitFor();
    expect(await officer.getByTestId('conflict-mine-3.2').innerText()).toContain('Có');
    expect(await officer.getByTestId('conflict-stored-3.2').innerText()).toContain('Không');
    expect(await officer.getByTestId('conflict-stored-3.2').innerText()).toMatch(/do .+ sửa lúc/);
    expect(await officer.getByTestId('conflict-stored-3.2').innerText()).toContain('Văn phòng điều phối kiểm tra lại (3.2)');
    await officer.getByTestId('conflict-3.3').waitFor();
    expect(await officer.getByTestId('queued-3.2').textContent()).toBe('Có xung đột');
    await expect.poll(() => officer.getByTestId('net-queued').textContent()).toContain('2 thay đổi');
    expect(await officer.getByTestId('submit-assessment').isDisabled()).toBe(true);
    expect((await cell('3.2'))?.value).toBe(false);

    // Keep mine on one, take the stored value on the other.
    await officer.getByTestId('keep-mine-3.2').click();
    await expect.poll(async () => (await cell('3.2'))?.value).toBe(true);
    await officer.getByTestId('take-stored-3.3').click();
    await expect.poll(() => officer.getByTestId('offline-queue').count()).toBe(0);
    expect((await cell('3.3'))?.value).toBe(false);
    await expect.poll(() => officer.getByTestId('input-3.3').inputValue()).toBe('no');
    await expect.poll(() => officer.getByTestId('net-queued').count()).toBe(0);
    expect(await statusText(officer)).toContain('Trực tuyến');
    expect(await officer.getByTestId('submit-assessment').isDisabled()).toBe(false);
    expect(await officer.locator('main').innerText()).not.toMatch(/VERSION_CONFLICT|undefined|\[object Object\]/);
  });

  it('the installed app opens the month from the phone when the server cannot be reached, and signing out forgets it', async () => {
    const db = server.deps.db;
    const [haiSon] = await db
      .select()
      .from(units)
      .where(and(eq(units.name, 'xã Hải Sơn'), isNull(units.effectiveTo)));
    const [november] = await db
      .select()
      .from(assessments)
      .where(and(eq(assessments.unitId, haiSon!.id), eq(assessments.period, '2026-11-01')));
    const id = november!.id;

    // The app can be installed: a manifest with its Vietnamese name and icons.
    const manifest = (await (await fetch(`${server.url}/manifest.webmanifest`)).json()) as { name: string; icons: unknown[] };
    expect(manifest.name).toBe('Đồng Lòng');
    expect(manifest.icons.length).toBeGreaterThan(0);

    const page = await login(browser, server.url, 'canbo.haison', PHONE);
    await page.goto(`${server.url}/kiem-dem/${id}`);
    await page.getByTestId('assessment-title').waitFor();
    // The service worker takes over the page, and the grid read through it is kept.
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 }).toBe(true);
    await page.reload();
    await page.getByTestId('assessment-title').waitFor();
    const kept = (url: string) => page.evaluate(async (u) => Boolean(await (await caches.open('dl-api')).match(u)), url);
    await expect.poll(() => kept(`/api/assessments/${id}`)).toBe(true);

    // No answer from the server at all: the app still opens the month from the phone, says it is offline,
    // and a value saved now waits on the phone.
    await server.suspend();
    try {
      await page.reload();
      await page.getByTestId('assessment-title').waitFor();
      await expect.poll(() => statusText(page)).toContain('Mất kết nối');
      await page.getByTestId('input-10.1').selectOption('no');
      await page.getByTestId('note-10.1').fill('Chờ kết quả đánh giá của huyện');
      // Back to the top, where the summary with its button sits below the header (Playwright's own
      // scrolling of a sticky element can leave it under the header).
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.getByTestId('save-values').click();
      await expect.poll(() => page.getByTestId('queued-10.1').textContent()).toBe('Chờ đồng bộ');
    } finally {
      await server.resume();
    }
    await page.getByTestId('sync-now').click();
    await expect
      .poll(async () => {
        const [v] = await db
          .select()
          .from(assessmentValues)
          .where(and(eq(assessmentValues.assessmentId, id), eq(assessmentValues.indicatorCode, '10.1')));
        return v?.note;
      })
      .toBe('Chờ kết quả đánh giá của huyện');
    await expect.poll(() => statusText(page)).toContain('Trực tuyến');

    // Signing out forgets the API answers kept on the phone.
    await page.getByTestId('menu-button').click();
    await page.getByTestId('logout').click();
    await page.getByTestId('login-submit').waitFor();
    await expect.poll(() => kept(`/api/assessments/${id}`)).toBe(false);
  });

  it('signing out without a connection takes effect at once; the server session ends when the connection returns', async () => {
    const db = server.deps.db;
    const [haiSon] = await db
      .select()
      .from(units)
      .where(and(eq(units.name, 'xã Hải Sơn'), isNull(units.effectiveTo)));
    const [november] = await db
      .select()
      .from(assessments)
      .where(and(eq(assessments.unitId, haiSon!.id), eq(assessments.period, '2026-11-01')));
    const id = november!.id;
    const note = 'Ghi chú làm khi mất mạng, trước khi đăng xuất';

    const page = await login(browser, server.url, 'canbo.haison', { ...PHONE, serviceWorkers: 'block' });
    const context = page.context();
    await page.goto(`${server.url}/kiem-dem/${id}`);
    await page.getByTestId('assessment-title').waitFor();
    await page.waitForLoadState('networkidle');
    const cookie = (await context.cookies(server.url)).map((c) => `${c.name}=${c.value}`).join('; ');
    const withOldCookie = async () => (await fetch(`${server.url}/api/me/todo`, { headers: { cookie } })).status;
    expect(await withOldCookie()).toBe(200);

    await context.setOffline(true);
    await expect.poll(() => statusText(page)).toContain('Mất kết nối');
    await page.getByTestId('note-3.1').fill(note);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByTestId('save-values').click();
    await expect.poll(() => page.getByTestId('queued-3.1').textContent()).toBe('Chờ đồng bộ');

    // An edit still waits on the phone: signing out says so, and staying keeps the person signed in.
    await page.getByTestId('menu-button').click();
    await page.getByTestId('logout').click();
    expect(await page.getByTestId('logout-unsynced').innerText()).toContain('Bạn còn 1 thay đổi chưa đồng bộ');
    await page.getByTestId('confirm-cancel').click();
    await page.getByTestId('current-user').waitFor({ state: 'attached' });

    // Signing out anyway: the login page shows at once, without the network, and nothing of the
    // person's work is left on the page.
    await page.getByTestId('logout').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('login-submit').waitFor({ timeout: 3_000 });
    expect(await page.locator('body').innerText()).not.toContain(note);
    // The server has not heard yet: the old session still answers until the connection returns.
    expect(await withOldCookie()).toBe(200);

    // The connection returns: the sign-out reaches the server, and the old cookie no longer opens anything.
    await context.setOffline(false);
    await expect.poll(withOldCookie, { timeout: 10_000 }).toBe(401);
    await page.getByTestId('login-submit').waitFor();

    // Signing in again as the same person: the edit kept for them is sent.
    await page.getByLabel('Tên đăng nhập').fill('canbo.haison');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('current-user').waitFor({ state: 'attached' });
    await expect
      .poll(async () => {
        const [v] = await db
          .select()
          .from(assessmentValues)
          .where(and(eq(assessmentValues.assessmentId, id), eq(assessmentValues.indicatorCode, '3.1')));
        return v?.note;
      })
      .toBe(note);
  });
});
