import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { capitalPlans, projects, units } from '../src/db/schema';
import { TestClient } from '../src/testing/client';
import { DEMO_PASSWORD, launchBrowser, login, startServer } from './support';

/**
 * What a code looks like when it leaks: an upper-case constant (`RULE_VIOLATION`, `NOT_FOUND`,
 * `FORBIDDEN`) or a snake_case name (`not_submitted`, `no_assessment_for_unit`, `assessment.read`).
 */
const CODE = /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|\b[A-Z]{6,}\b|\b[a-z]+(?:_[a-z0-9]+)+\b|\b[a-z]+\.[a-z]+_[a-z_]+\b/;

/** Every page with a record in its address. */
const RECORD_PAGES = [
  'don-vi',
  'kiem-dem',
  'bang-theo-doi',
  'bo-tieu-chi',
  'von/du-an',
  'von/ke-hoach',
  'ocop/san-pham',
  'ocop/hoi-dong',
  'giam-sat/hoat-dong',
  'giam-sat/kien-nghi',
  'viec',
];

/** The visible text once the page has settled on what it says (an error, or its content). */
async function settledText(page: Page): Promise<string> {
  await page.waitForLoadState('networkidle');
  await page
    .locator('[role="alert"], h1, h2')
    .first()
    .waitFor({ timeout: 15_000 })
    .catch(() => undefined);
  return page.locator('main, body').first().innerText();
}

async function expectWords(page: Page, where: string) {
  const text = await settledText(page);
  const leak = CODE.exec(text)?.[0];
  expect(leak, `${where} shows "${leak}" in: ${text.slice(0, 400)}`).toBeUndefined();
  return text;
}

describe('journey: every error state reads as words, never as a code', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let haiSonId = 0;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const [haiSon] = await server.deps.db
      .select()
      .from(units)
      .where(and(eq(units.name, 'xã Hải Sơn'), isNull(units.effectiveTo)));
    haiSonId = haiSon!.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a wrong password, in Vietnamese and in English', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(server.url);
    await page.getByLabel('Tên đăng nhập').fill('canbo.haison');
    await page.getByLabel('Mật khẩu').fill('not the password');
    await page.getByTestId('login-submit').click();
    await page.getByRole('alert').waitFor();
    await expectWords(page, 'wrong password (vi)');
    await page.context().addCookies([{ name: 'dl_lang', value: 'en', url: server.url }]);
    await page.reload();
    await page.getByLabel(/user ?name/i).fill('canbo.haison');
    await page.getByLabel(/password/i).fill('not the password');
    await page.getByTestId('login-submit').click();
    await page.getByRole('alert').waitFor();
    await expectWords(page, 'wrong password (en)');
    await page.context().close();
  });

  it('records that do not exist, and addresses that are not records', async () => {
    const page = await login(browser, server.url, 'admin');
    for (const base of RECORD_PAGES) {
      for (const id of ['999999', 'abc']) {
        await page.goto(`${server.url}/${base}/${id}`);
        await expectWords(page, `/${base}/${id}`);
      }
    }
    for (const query of ['', '?first=abc&second=-1', '?first=999999&second=999998']) {
      await page.goto(`${server.url}/giam-sat/so-sanh${query}`);
      await expectWords(page, `the comparison${query}`);
    }
    await page.goto(`${server.url}/khong-co-trang-nay`);
    await expectWords(page, 'an unknown page');
    await page.context().close();
  });

  it("a commune officer on the office's pages and on records outside the commune", async () => {
    const page = await login(browser, server.url, 'canbo.haison');
    for (const path of ['nguoi-dung', 'nhat-ky', 'bo-tieu-chi', 'von', 'ocop/hoi-dong', 'giam-sat', 'cong-khai-quan-ly']) {
      await page.goto(`${server.url}/${path}`);
      await expectWords(page, `/${path} as a commune officer`);
    }
    for (const base of RECORD_PAGES) {
      for (const id of ['1', '2']) {
        await page.goto(`${server.url}/${base}/${id}`);
        await expectWords(page, `/${base}/${id} as a commune officer`);
      }
    }
    await page.context().close();
  });

  it('a stale edit and a refused rule, in both languages', async () => {
    for (const lang of ['vi', 'en'] as const) {
      const page = await login(browser, server.url, 'admin');
      await page.context().addCookies([{ name: 'dl_lang', value: lang, url: server.url }]);
      await page.goto(`${server.url}/don-vi/${haiSonId}`);
      await page
        .getByRole('heading', { name: /xã Hải Sơn/ })
        .first()
        .waitFor();
      // Someone else corrects the unit meanwhile; saving the form read before is refused in words.
      const other = TestClient.overHttp(server.url);
      await other.login('admin', DEMO_PASSWORD);
      const current = await other.get<{ unit: { version: number; sourceNote: string | null } }>(`/api/units/${haiSonId}`);
      expect(
        (
          await other.patch(`/api/units/${haiSonId}`, {
            version: current.body.unit.version,
            sourceNote: `${lang} — ghi chú của người khác`,
          })
        ).status,
      ).toBe(200);
      const form = page
        .locator('form')
        .filter({ has: page.getByRole('checkbox') })
        .first();
      await form.getByRole('button').last().click();
      await page.getByRole('alert').first().waitFor();
      const text = await expectWords(page, `stale unit edit (${lang})`);
      expect(text.length).toBeGreaterThan(0);

      // A month that has not begun cannot be opened: the refusal names the rule in words.
      await page.goto(`${server.url}/don-vi/${haiSonId}`);
      await page.getByTestId('open-month').fill('01/2099');
      await page.getByTestId('open-month-button').click();
      await page.getByRole('alert').first().waitFor();
      await expectWords(page, `a month that has not begun (${lang})`);
      await page.context().close();
    }
  });

  it("in English, amounts read in English and a project's change log in words, by full name", async () => {
    const [plan] = await server.deps.db.select({ id: capitalPlans.id }).from(capitalPlans).limit(1);
    // A project of a commune that still exists (an ended commune's records are read-only history).
    const [project] = await server.deps.db
      .select({ id: projects.id })
      .from(projects)
      .innerJoin(units, eq(units.id, projects.unitId))
      .where(isNull(units.effectiveTo))
      .limit(1);
    // The office edits the project, so its change log has a step to show.
    const office = TestClient.overHttp(server.url);
    await office.login('vpdp.quangninh', DEMO_PASSWORD);
    const current = await office.get<{ project: { version: number; owner: string } }>(`/api/capital/projects/${project!.id}`);
    const edited = await office.patch(`/api/capital/projects/${project!.id}`, {
      version: current.body.project.version,
      owner: `${current.body.project.owner} `.trim(),
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const page = await login(browser, server.url, 'vpdp.quangninh');
    await page.context().addCookies([{ name: 'dl_lang', value: 'en', url: server.url }]);
    for (const path of ['de-xuat-ngan-sach', 'von', `von/ke-hoach/${plan!.id}`, `von/du-an/${project!.id}`]) {
      await page.goto(`${server.url}/${path}`);
      await page.getByText('VND ').first().waitFor();
      const text = await expectWords(page, `/${path} in English`);
      // Names of projects and places are Vietnamese data; amounts are not.
      const vi = /.{0,40}\d\s(?:tỷ|triệu|đồng).{0,40}/.exec(text)?.[0];
      expect(vi, `/${path} in English`).toBeUndefined();
      expect(text, `/${path} in English`).toMatch(/VND \d+(?:\.\d+)? (?:billion|million)/);
    }
    // The change log: the step in words, the person by name (no audit code, no sign-in name).
    const text = await page.locator('main').innerText();
    expect(text).toContain('Edited a project');
    expect(text).not.toMatch(/\bproject\.[a-z_]+\b/);
    expect(text).not.toMatch(/\((?:vpdp|admin|canbo)[a-z.]*\)/);
    await page.context().close();
  });

  it('a careless unit import: the wrong rows are named in words, nothing is written; the corrected file goes in', async () => {
    const page = await login(browser, server.url, 'admin');
    await page.goto(`${server.url}/don-vi`);
    const input = page.locator('input[type="file"][aria-label="Chọn tệp CSV"]');
    const csv = (rows: string) => ({
      name: 'don-vi.csv',
      mimeType: 'application/vnd.ms-excel',
      buffer: Buffer.from(`ma,ten,loai,ma_cap_tren,hieu_luc_tu\n${rows}`),
    });
    const [haiSon] = await server.deps.db.select().from(units).where(eq(units.id, haiSonId));
    await input.setInputFiles(
      csv(`HS-X1,thôn Một,thôn,${haiSon!.code},01/01/2026\nHS-X2,thôn Hai,huyện lỵ,KHONG-CO,31/02/2026\n`),
    );
    await page.getByRole('button', { name: 'Nhập', exact: true }).click();
    await page.getByRole('alert').first().waitFor();
    await expectWords(page, 'a unit import with wrong rows');
    expect(await server.deps.db.$count(units, eq(units.code, 'HS-X1'))).toBe(0);
    await input.setInputFiles(csv(`HS-X1,thôn Một,thôn,${haiSon!.code},01/01/2026\n`));
    await page.getByRole('button', { name: 'Nhập', exact: true }).click();
    await page.getByText('Đã nhập 1 đơn vị.').waitFor();
    expect(await server.deps.db.$count(units, eq(units.code, 'HS-X1'))).toBe(1);
    await page.context().close();
  });
});
