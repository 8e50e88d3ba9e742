import fs from 'node:fs';
import { unzipSync } from 'fflate';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, login, startServer } from './support';

const docxText = (bytes: Uint8Array) =>
  [...new TextDecoder().decode(unzipSync(bytes)['word/document.xml']).matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1])
    .join('');

describe('journey: the council opens the session, takes the pack, records a request; the city reports; the council accepts', () => {
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

  it('from the 18 May 2022 explanatory session to an accepted recommendation', async () => {
    const council = await login(browser, server.url, 'daibieu.mongcai');
    await council.getByRole('link', { name: 'Giám sát HĐND' }).click();
    await council.getByTestId('oversight-activities').waitFor();
    await council.getByRole('link', { name: /Phiên giải trình về kết quả thực hiện Chương trình/ }).click();
    await council.getByTestId('activity-title').waitFor();
    await expect
      .poll(() => council.getByTestId('snapshot-criteria').textContent())
      .toContain('9/9 xã bình quân đạt 13/19 tiêu chí, 42,33/57 chỉ tiêu');

    // The briefing pack, downloaded as the browser gets it.
    const [download] = await Promise.all([council.waitForEvent('download'), council.getByTestId('pack-docx').click()]);
    const text = docxText(new Uint8Array(fs.readFileSync(await download.path())));
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('9/9 xã bình quân đạt 13/19 tiêu chí, 42,33/57 chỉ tiêu');

    // A new request of the conclusion, addressed to the city.
    const form = council.getByTestId('new-recommendation');
    await form
      .getByLabel('Nội dung kiến nghị')
      .fill('Báo cáo kết quả giải ngân vốn NTM theo từng công trình trước kỳ họp cuối năm.');
    await form.getByLabel('Thời hạn').fill('30/06/2027');
    await council.getByTestId('save-recommendation').click();
    const row = council.getByTestId('recommendations').locator('tr', { hasText: 'theo từng công trình' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Chưa báo cáo');

    // The city's office finds it among the requests addressed to it and reports it done.
    const office = await login(browser, server.url, 'vpdp.mongcai');
    await office.goto(`${server.url}/giam-sat/kien-nghi?cua-toi=1`);
    await office.getByRole('link', { name: /theo từng công trình/ }).click();
    const report = office.getByTestId('report-form');
    await report.getByLabel('Kết quả thực hiện').fill('Đã lập biểu giải ngân theo 6 công trình, gửi Thường trực HĐND.');
    await report.getByLabel('Đã hoàn thành kiến nghị').check();
    await office.getByTestId('send-report').click();
    await expect.poll(() => office.getByTestId('reports').textContent()).toContain('Đã lập biểu giải ngân');

    // The council accepts it.
    await council.reload();
    await council.getByRole('link', { name: /theo từng công trình/ }).click();
    await expect.poll(() => council.getByTestId('reports').textContent()).toContain('Đã lập biểu giải ngân');
    await council.getByTestId('accept').click();
    await expect.poll(() => council.locator('.card').first().textContent()).toContain('Đã hoàn thành');
  });
});
