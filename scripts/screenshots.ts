// Takes the README screenshots from a running instance (default http://localhost:3000) with demo data.
import { chromium } from 'playwright-core';

const base = process.env.BASE_URL ?? 'http://localhost:3000';
const out = process.env.OUT_DIR ?? 'docs/screenshots';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
await page.goto(base);
await page.screenshot({ path: `${out}/login.png` });
await page.getByLabel('Tên đăng nhập').fill(process.env.DEMO_USER ?? 'vpdp.quangninh');
await page.getByLabel('Mật khẩu').fill('DongLong@2026');
await page.getByTestId('login-submit').click();
await page.getByTestId('todo-groups').waitFor();
await page.screenshot({ path: `${out}/home-office.png` });
await page.goto(`${base}/don-vi?ngay=2022-05-18`);
await page.getByText('xã Bắc Sơn').first().waitFor();
await page.screenshot({ path: `${out}/units-2022.png`, fullPage: true });
for (const [name, path] of (process.env.EXTRA_PAGES ?? '')
  .split(',')
  .filter(Boolean)
  .map((p) => p.split('='))) {
  await page.goto(`${base}${path}`);
  await page.waitForTimeout(800);
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
}
// The commune officer's phone: what waits, then the month's entry as one card per indicator.
const phone = await browser.newPage({
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
});
await phone.goto(base);
await phone.getByLabel('Tên đăng nhập').fill('canbo.haison');
await phone.getByLabel('Mật khẩu').fill('DongLong@2026');
await phone.getByTestId('login-submit').click();
await phone.getByTestId('todo-groups').waitFor();
await phone.screenshot({ path: `${out}/phone-home.png` });
const month = phone.locator('[data-testid="todo-item"][data-kind^="assessment_"]');
await ((await month.count()) ? month.first() : phone.getByTestId('todo-item').first()).click();
await phone.waitForLoadState('networkidle');
await phone.waitForTimeout(800);
await phone.screenshot({ path: `${out}/phone-entry.png` });
await browser.close();
