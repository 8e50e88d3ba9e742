import { and, eq, isNull } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '../src/db/schema';
import { dailyRoadmapCheck } from '../src/features/roadmaps/daily-check';
import { launchBrowser, startServer, login } from './support';

describe('journey: rõ người, rõ việc, rõ thời gian', () => {
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

  it('office creates items from a commune’s gaps and assigns an agency; the agency sees it in its inbox and checks in; an overdue item shows as escalated', async () => {
    const db = server.deps.db;
    const active = (name: string) =>
      db
        .select()
        .from(units)
        .where(and(eq(units.name, name), isNull(units.effectiveTo)));
    const [haiNinh] = await active('xã Hải Ninh');
    const [haiSon] = await active('xã Hải Sơn');

    const office = await login(browser, server.url, 'vpdp.quangninh');
    await office.goto(`${server.url}/viec?don-vi=${haiNinh!.id}`);
    await office.getByTestId('suggest-items').click();
    await office.getByText('Đã đề xuất 5 việc.').waitFor();
    await office.getByTestId('item-4.3').getByRole('link').click();
    await office.getByTestId('item-title').waitFor();
    await office.getByTestId('lead-agency').selectOption({ label: 'Sở Nông nghiệp và Môi trường' });
    await office.getByTestId('target-month').fill('03/2027');
    await office.getByTestId('confirm-item').click();
    await office.getByTestId('confirm-dialog').getByText('Sở Nông nghiệp và Môi trường').waitFor();
    await office.getByTestId('confirm-ok').click();
    await office.getByTestId('success-notice').getByText('Sở Nông nghiệp và Môi trường').waitFor();
    await expect.poll(() => office.getByTestId('confirm-item').count()).toBe(0);

    // The agency's officer finds it in the inbox.
    const agency = await login(browser, server.url, 'so.nnmt');
    await expect.poll(() => agency.getByTestId('unread-count').textContent()).toBe('1');
    await agency.getByTestId('inbox-bell').click();
    await agency.getByRole('link', { name: /Được giao chủ trì chỉ tiêu 4\.3/ }).click();
    await agency.getByTestId('item-title').waitFor();
    await agency.getByTestId('checkin-percent').fill('35');
    await agency.getByTestId('checkin-note').fill('Đã khảo sát nhu cầu đào tạo kỹ năng số tại 6 thôn');
    await agency.getByTestId('checkin-submit').click();
    await expect.poll(() => agency.getByTestId('checkins').textContent()).toContain('35%');
    await agency.goto(`${server.url}/viec?xem=mine`);
    await agency.getByTestId('item-4.3').waitFor();

    // The daily check runs (as the scheduler would): Hải Sơn's waste-sorting item is long overdue.
    await dailyRoadmapCheck(server.deps, 'journey');
    await office.goto(`${server.url}/viec?don-vi=${haiSon!.id}`);
    const row = office.getByTestId('item-8.3');
    await row.waitFor();
    expect(await row.getByText('Đã báo cáo cấp trên').count()).toBe(1);
    expect(await row.textContent()).toMatch(/Quá hạn \d+ ngày/);
  });

  it("office picks the remaining suggestions and confirms them in one step, the commune's People's Committee leading, with a task written on one", async () => {
    const [haiNinh] = await server.deps.db
      .select()
      .from(units)
      .where(and(eq(units.name, 'xã Hải Ninh'), isNull(units.effectiveTo)));
    const office = await login(browser, server.url, 'vpdp.quangninh');
    await office.goto(`${server.url}/viec?don-vi=${haiNinh!.id}`);
    await office.getByTestId('pick-all-suggestions').click();
    // Nobody at the commune has an account yet: the picker says so, and so does the confirmation.
    await office.getByTestId('bulk-lead').selectOption({ label: 'Ủy ban nhân dân xã Hải Ninh — chưa có tài khoản nào' });
    await office.getByTestId('bulk-month').fill('06/2027');
    await office.getByTestId('bulk-confirm').click();
    const dialog = office.getByTestId('confirm-dialog');
    await dialog.getByText('Ủy ban nhân dân xã Hải Ninh', { exact: false }).first().waitFor();
    expect(await dialog.getByTestId('lead-nobody').innerText()).toContain('sẽ không ai được thông báo');
    await office.getByTestId('confirm-ok').click();
    await office.getByTestId('success-notice').getByText('Ủy ban nhân dân xã Hải Ninh', { exact: false }).waitFor();
    await expect.poll(() => office.locator('[data-testid^="pick-"]').count()).toBe(0);

    // One of them gets its task text and a person in charge from the commune.
    const row = office.locator('[data-testid^="item-"]').filter({ hasText: 'Ủy ban nhân dân xã Hải Ninh' }).first();
    await row.getByRole('link').first().click();
    await office.getByTestId('item-task-input').fill('Mở 3 lớp hướng dẫn kỹ năng số cho hộ kinh doanh tại nhà văn hóa thôn');
    expect(await office.getByTestId('lead-person').locator('option').count()).toBeGreaterThan(1);
    await office.getByTestId('lead-person').selectOption({ index: 1 });
    await office.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => office.getByTestId('item-task').textContent()).toContain('Mở 3 lớp hướng dẫn kỹ năng số');
  });
});
