import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '../src/db/schema';
import { launchBrowser, login, PHONE, startServer } from './support';

describe('journey: the project map, with a base map and without one', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let tiles: http.Server;
  let tileUrl: string;
  const served: string[] = [];
  let cockpit: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    // A tile server of our own: a plain green square for every tile asked for.
    const png = await sharp({ create: { width: 256, height: 256, channels: 3, background: '#cfe8d5' } })
      .png()
      .toBuffer();
    tiles = http.createServer((req, res) => {
      served.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(png);
    });
    await new Promise<void>((resolve) => tiles.listen(0, '127.0.0.1', () => resolve()));
    tileUrl = `http://127.0.0.1:${(tiles.address() as AddressInfo).port}/{z}/{x}/{y}.png`;
    const [qn] = await server.deps.db.select().from(units).where(eq(units.name, 'tỉnh Quảng Ninh'));
    cockpit = `${server.url}/von?don-vi=${qn!.id}&nam=2026`;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((resolve) => tiles?.close(resolve));
  });

  async function openMap(page: Page) {
    await page.goto(cockpit);
    const map = page.getByTestId('project-map');
    await map.waitFor();
    return map;
  }

  it('without a configured base map: an outline with a coordinate grid and the points, each opening its project', async () => {
    server.deps.config.mapTiles = null;
    const page = await login(browser, server.url, 'vpdp.quangninh');
    const map = await openMap(page);
    expect(await map.getAttribute('data-mode')).toBe('outline');
    expect(await page.getByTestId('map-outline').locator('line').count()).toBeGreaterThan(2);
    expect(await page.getByTestId('map-point').count()).toBeGreaterThanOrEqual(4);
    expect(await page.getByTestId('map-caption').textContent()).toContain('Khung tọa độ');
    await page.getByTestId('map-point').first().click();
    await page.waitForURL(/\/von\/du-an\/\d+$/);
  });

  it('with a tile server: the tiles under the points, with its attribution; the page allows that server’s images only', async () => {
    server.deps.config.mapTiles = { url: tileUrl, attribution: '© Bản đồ nền thử nghiệm' };
    const page = await login(browser, server.url, 'vpdp.quangninh');
    const map = await openMap(page);
    expect(await map.getAttribute('data-mode')).toBe('tiles');
    await expect.poll(() => served.length).toBeGreaterThan(0);
    expect(served.every((u) => /^\/\d+\/\d+\/\d+\.png$/.test(u))).toBe(true);
    expect(await page.getByTestId('map-caption').textContent()).toBe('© Bản đồ nền thử nghiệm');
    expect(await map.getAttribute('data-mode')).toBe('tiles');
  });

  it('when the tiles cannot be reached (no network): back to the outline with the points, on a phone too', async () => {
    server.deps.config.mapTiles = { url: 'http://127.0.0.1:9/{z}/{x}/{y}.png', attribution: '© Không tới được' };
    const page = await login(browser, server.url, 'vpdp.quangninh', PHONE);
    const map = await openMap(page);
    await expect.poll(() => map.getAttribute('data-mode')).toBe('outline');
    expect(await page.getByTestId('map-point').count()).toBeGreaterThanOrEqual(4);
    expect(await page.getByTestId('map-caption').textContent()).toContain('Không tải được bản đồ nền');
    const w = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, screen: window.innerWidth }));
    expect(w.scroll).toBeLessThanOrEqual(w.screen);
  });
});
