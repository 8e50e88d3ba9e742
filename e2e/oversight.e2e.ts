import fs from 'node:fs';
import { unzipSync } from 'fflate';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, login, startServer } from './support';

const docxText = (bytes: Uint8Array) =>
  [...new TextDecoder().decode(unzipSync(bytes)['word/document.xml']).matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1])
    .join('');

describe('journey: the 2022 session stays readable; the province’s council records a request, the commune reports, the council accepts', () => {
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

  it('from the 18 May 2022 explanatory session to an accepted recommendation in 2026', async () => {
    // A delegate of the former city council reads its 2022 session and takes the pack.
    const delegate = await login(browser, server.url, 'daibieu.mongcai');
    await delegate.getByTestId('main-menu').getByRole('link', { name: 'Giám sát HĐND' }).click();
    await delegate.getByTestId('oversight-activities').waitFor();
    await delegate.getByRole('link', { name: /Phiên giải trình về kết quả thực hiện Chương trình/ }).click();
    await delegate.getByTestId('activity-title').waitFor();
    await expect
      .poll(() => delegate.getByTestId('snapshot-criteria').textContent())
      .toContain('9/9 xã bình quân đạt 13/19 tiêu chí, 42,33/57 chỉ tiêu');
    const [download] = await Promise.all([delegate.waitForEvent('download'), delegate.getByTestId('pack-docx').click()]);
    const text = docxText(new Uint8Array(fs.readFileSync(await download.path())));
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('9/9 xã bình quân đạt 13/19 tiêu chí, 42,33/57 chỉ tiêu');
    // delegates read; the council's records are kept by its secretariat
    expect(await delegate.getByTestId('new-recommendation').count()).toBe(0);

    // The province's council secretariat records a request of its 2026 supervision, addressed to a merged commune.
    const council = await login(browser, server.url, 'vanphong.hdnd.quangninh');
    await council.getByTestId('main-menu').getByRole('link', { name: 'Giám sát HĐND' }).click();
    await council.getByTestId('oversight-activities').waitFor();
    await council.getByRole('link', { name: /các xã sau sắp xếp đơn vị hành chính/ }).click();
    await council.getByTestId('activity-title').waitFor();
    const form = council.getByTestId('new-recommendation');
    await form
      .getByLabel('Nội dung kiến nghị')
      .fill('Hoàn thiện hồ sơ kiểm đếm từng chỉ tiêu theo bộ tiêu chí 2026–2030, công khai trên cổng thông tin của xã.');
    await form.getByLabel('Địa bàn / đơn vị').selectOption({ label: 'xã Hải Sơn' });
    await form.getByLabel('Cơ quan thực hiện').fill('UBND xã Hải Sơn');
    await form.getByLabel('Thời hạn').fill('30/06/2027');
    await council.getByTestId('save-recommendation').click();
    const row = council.getByTestId('recommendations').locator('tr', { hasText: 'bộ tiêu chí 2026–2030' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Chưa báo cáo');

    // The commune's officer finds it among the requests addressed to it and reports it done.
    const officer = await login(browser, server.url, 'canbo.haison');
    await officer.goto(`${server.url}/giam-sat/kien-nghi?cua-toi=1`);
    await officer.getByRole('link', { name: /bộ tiêu chí 2026–2030/ }).click();
    const report = officer.getByTestId('report-form');
    await report.getByLabel('Kết quả thực hiện').fill('Đã lập hồ sơ kiểm đếm 47 chỉ tiêu và đăng trên cổng thông tin xã.');
    await report.getByLabel('Đã hoàn thành kiến nghị').check();
    await officer.getByTestId('send-report').click();
    await expect.poll(() => officer.getByTestId('reports').textContent()).toContain('Đã lập hồ sơ kiểm đếm');

    // The council accepts it.
    await council.reload();
    await council.getByRole('link', { name: /bộ tiêu chí 2026–2030/ }).click();
    await expect.poll(() => council.getByTestId('reports').textContent()).toContain('Đã lập hồ sơ kiểm đếm');
    await council.getByTestId('accept').click();
    await council.getByTestId('confirm-dialog').getByTestId('confirm-ok').click();
    await expect.poll(() => council.locator('.card').first().textContent()).toContain('Đã hoàn thành');
    expect(await council.getByTestId('success-notice').textContent()).toMatch(/Đã ghi nhận kiến nghị #\d+ hoàn thành/);
  });
  it('a voters’ petition: the council assigns it, the commune answers, the council closes it — each sees only their own step', async () => {
    const text = 'Đề nghị lắp đèn chiếu sáng tuyến đường liên thôn (hành trình kiểm thử).';
    const council = await login(browser, server.url, 'vanphong.hdnd.quangninh');
    await council.goto(`${server.url}/giam-sat/kien-nghi-cu-tri`);
    const form = council.getByTestId('new-petition');
    await form.getByLabel('Địa bàn').selectOption({ label: 'xã Hải Sơn' });
    await form.getByLabel('Ngày tiếp nhận').fill('05/01/2026');
    await form.getByLabel('Nội dung kiến nghị').fill(text);
    await form.getByRole('button', { name: 'Ghi kiến nghị cử tri' }).click();
    const row = council.getByTestId('petitions').locator('tr', { hasText: text });
    await row.waitFor();
    // Received: the council may assign it; nothing to resolve yet.
    expect(await row.getByRole('button', { name: 'Đã giải quyết xong', exact: true }).count()).toBe(0);
    await row.getByRole('button', { name: /Chuyển cơ quan trả lời/ }).click();
    await council.getByTestId('confirm-dialog').getByTestId('confirm-ok').click();
    await expect.poll(() => row.textContent()).toContain('Đã chuyển cơ quan trả lời');
    // The council does not answer for the commune.
    expect(await row.getByRole('button', { name: 'Trả lời', exact: true }).count()).toBe(0);

    const officer = await login(browser, server.url, 'canbo.haison');
    await officer.goto(`${server.url}/giam-sat/kien-nghi-cu-tri`);
    const mine = officer.getByTestId('petitions').locator('tr', { hasText: text });
    await mine.getByLabel('Nội dung trả lời').fill('Đã đưa vào kế hoạch năm 2027 của xã.');
    await mine.getByRole('button', { name: 'Trả lời', exact: true }).click();
    await officer.getByTestId('confirm-dialog').getByTestId('confirm-ok').click();
    await expect.poll(() => mine.textContent()).toContain('Đã trả lời');
    // The commune does not close the council's petition.
    expect(await mine.getByRole('button', { name: 'Đã giải quyết xong', exact: true }).count()).toBe(0);

    await council.reload();
    await row.getByRole('button', { name: 'Đã giải quyết xong', exact: true }).click();
    await council.getByTestId('confirm-dialog').getByTestId('confirm-ok').click();
    await expect.poll(() => row.textContent()).toContain('Đã giải quyết');
    expect(await row.getByRole('button').count()).toBe(0);
  });
});
