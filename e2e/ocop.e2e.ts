import jsQR from 'jsqr';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startServer, login } from './support';

/** Takes one step from the product page: tick every document of the step, then press it. */
async function step(page: Page, action: string) {
  const box = page.getByTestId(`ocop-action-${action}`);
  await box.waitFor();
  for (const cb of await box.locator('input[type=checkbox]').all()) await cb.check();
  const before = await page.getByTestId('ocop-history').locator('li').count();
  await box.getByRole('button').click();
  await page.getByTestId('confirm-ok').click();
  await expect.poll(() => page.getByTestId('ocop-history').locator('li').count()).toBe(before + 1);
}

/** A member fills the sheet: best option everywhere, then lower non-mandatory criteria until the total is at most `max`. */
async function score(page: Page, productId: number, max: number) {
  const form = page.getByTestId(`score-form-${productId}`);
  await form.waitFor();
  const sets = await form.locator('fieldset').all();
  for (const fs of sets) await fs.locator('input[type=radio]').last().check();
  const total = async () => Number(await page.getByTestId(`score-total-${productId}`).textContent());
  for (const fs of sets) {
    if ((await total()) <= max) break;
    if ((await fs.locator('legend').textContent())?.includes('bắt buộc')) continue;
    await fs.locator('input[type=radio]').first().check();
  }
  const t = await total();
  await page.getByTestId(`submit-score-${productId}`).click();
  await expect.poll(() => page.getByTestId(`round-progress-${productId}`).textContent()).toContain(`: ${t}`);
  return t;
}

describe('journey: a honey product from idea to stars, certificate and public page', () => {
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

  it('producer registers an idea → office advances it → council scores → star and certificate → public page with a working QR', async () => {
    // The producer registers a new product and its idea, then submits the business plan.
    const producer = await login(browser, server.url, 'ocop.haison');
    await producer.goto(`${server.url}/ocop/san-pham`);
    const form = producer.getByTestId('ocop-new-product');
    await form.getByLabel('Tên', { exact: true }).fill('Mật ong hoa rừng Hải Sơn');
    // Honey is set 4: it has its own scoring sheet, so the form does not warn.
    await form.getByLabel('Bộ sản phẩm').selectOption('4');
    expect(await form.getByTestId('ocop-no-sheet-warning').count()).toBe(0);
    await form.getByRole('button').click();
    await producer.getByTestId('ocop-product-name').getByText('Mật ong hoa rừng Hải Sơn').waitFor();
    const productId = Number(new URL(producer.url()).pathname.split('/').at(-1));
    // without the form the step is refused with a clear message
    await producer.getByTestId('ocop-action-register_idea').getByRole('button').click();
    await producer.getByTestId('confirm-ok').click();
    await producer.getByText('thiếu hồ sơ kèm theo bước chuyển').waitFor();
    await step(producer, 'register_idea');
    await step(producer, 'submit_plan');
    expect(await producer.getByTestId('ocop-action-approve_plan').count()).toBe(0);

    // The office approves the plan and files the evaluation dossier, then puts it before the open council.
    const office = await login(browser, server.url, 'vpdp.quangninh');
    await office.goto(`${server.url}/ocop/san-pham/${productId}`);
    await step(office, 'approve_plan');
    await step(office, 'submit_for_evaluation');
    await office.goto(`${server.url}/ocop/hoi-dong`);
    await office
      .getByTestId('ocop-rounds')
      .getByRole('link', { name: /đợt 2\/2026/ })
      .click();
    await office.getByText('Mật ong hoa rừng Hải Sơn — Hợp tác xã Dược liệu Bắc Sơn').click();
    await office.getByTestId('round-add-products').click();
    await office.getByTestId(`round-progress-${productId}`).waitFor();
    const roundUrl = office.url();

    // Two members score; the chair closes the scoring.
    const member = await login(browser, server.url, 'hoidong.ocop');
    await member.goto(roundUrl);
    // The sheet is the honey set's, and every criterion not checked against the official annex says so.
    await member
      .getByText(/OCOP-BO04-MAT-ONG/)
      .first()
      .waitFor();
    const form0 = member.getByTestId(`score-form-${productId}`);
    expect(await form0.getByText('chưa xác minh').count()).toBe(await form0.locator('fieldset').count());
    const t1 = await score(member, productId, 80);
    const chair = await login(browser, server.url, 'so.nnmt');
    await chair.goto(roundUrl);
    const t2 = await score(chair, productId, 80);
    expect(Math.abs(t1 - t2)).toBeLessThanOrEqual(10);
    await chair.getByTestId(`decide-${productId}`).click();
    await chair.getByTestId('confirm-ok').click();
    const result = chair.getByTestId(`round-result-${productId}`);
    await result.getByText('Đề nghị công nhận ở cấp này').waitFor();
    expect(await result.locator('[data-star]').getAttribute('data-star')).toBe('4');

    // The office records the decision; the product shows its star and certificate.
    await office.reload();
    const cert = office.getByTestId(`cert-form-${productId}`);
    await cert.getByLabel('Số giấy chứng nhận', { exact: true }).fill('GCN-OCOP-QN-2026-101');
    await cert.getByLabel('Quyết định', { exact: true }).fill('Quyết định số 4321/QĐ-UBND');
    await cert.getByLabel('Cơ quan ban hành', { exact: true }).fill('UBND tỉnh Quảng Ninh');
    await cert.getByRole('button').click();
    await office.getByTestId('confirm-ok').click();
    await office.getByTestId('success-notice').waitFor();
    await office.getByText('GCN-OCOP-QN-2026-101', { exact: true }).waitFor();
    await office.goto(`${server.url}/ocop/san-pham/${productId}`);
    await expect.poll(() => office.getByTestId('ocop-star').getAttribute('data-star')).toBe('4');
    expect(await office.getByTestId('ocop-cert-no').textContent()).toBe('GCN-OCOP-QN-2026-101');
    await office.getByTestId('ocop-publish').click();
    await office.getByTestId('confirm-ok').click();
    await expect.poll(() => office.getByTestId('ocop-published').textContent()).toBe('✓');

    // The public page shows it, with a QR image that decodes to the page itself.
    const publicUrl = await office.getByTestId('ocop-public-link').textContent();
    const anon = await (await browser.newContext()).newPage();
    await anon.goto(`${server.url}${publicUrl}`);
    await anon.getByText('Mật ong hoa rừng Hải Sơn').first().waitFor();
    expect(await anon.locator('[data-star]').first().getAttribute('data-star')).toBe('4');
    await anon.getByText('GCN-OCOP-QN-2026-101').waitFor();
    const qr = anon.getByTestId('public-qr');
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(512);
    const png = await anon.request.get(`${server.url}${await qr.getAttribute('src')}`);
    const { data, info } = await sharp(await png.body())
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const decoded = jsQR(new Uint8ClampedArray(data), info.width, info.height);
    expect(decoded?.data).toMatch(new RegExp(`${publicUrl!.replace(/\//g, '\\/')}$`));
  });

  it('the national keeper of the sheets makes the tourism set a new sheet from a template: draft, save, publish', async () => {
    const office = await login(browser, server.url, 'admin');
    await office.goto(`${server.url}/ocop/phieu-cham`);
    const row = office.getByRole('row', { name: /26\. Dịch vụ du lịch/ });
    await row.getByRole('button', { name: /v2/ }).click();
    const manage = office.getByTestId('ocop-sheet-manage');
    await manage.getByTestId('ocop-sheet-new-draft').click();
    const draft = row.getByRole('button', { name: /v3 .*Bản nháp/ });
    await draft.click();
    const json = office.getByTestId('ocop-sheet-json');
    const doc = JSON.parse(await json.inputValue()) as { parts: { groups: { criteria: { name: string }[] }[] }[] };
    doc.parts[2]!.groups[0]!.criteria[0]!.name = 'Tài nguyên, cảnh quan và sức chứa của điểm đến';
    await json.fill(JSON.stringify(doc));
    await office.getByTestId('ocop-sheet-save').click();
    await expect.poll(() => office.getByTestId('ocop-sheet-publish').isEnabled()).toBe(true);
    await office.getByTestId('ocop-sheet-publish').click();
    await row.getByRole('button', { name: /^v3 · QĐ 148\/QĐ-TTg, quy trình QĐ 1489\/QĐ-TTg \(từ 01\/7\/2025\)$/ }).waitFor();
    await office.getByText('Tài nguyên, cảnh quan và sức chứa của điểm đến', { exact: false }).first().waitFor();
  });
});
