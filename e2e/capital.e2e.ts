import { and, eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capitalPlans, projects, units } from '../src/db/schema';
import { todayVn } from '../src/shared/vi';
import { launchBrowser, startServer, login } from './support';

describe('journey: every đồng from the resolution to the Treasury', () => {
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

  it('office records an allocation and a disbursement; the cockpit and S-curve update; a red flag appears and clears', async () => {
    const db = server.deps.db;
    const [qn] = await db.select().from(units).where(eq(units.name, 'tỉnh Quảng Ninh'));
    const [plan] = await db
      .select()
      .from(capitalPlans)
      .where(and(eq(capitalPlans.year, 2026), eq(capitalPlans.unitId, qn!.id)));
    const [q4] = await db.select().from(projects).where(eq(projects.code, 'QN-2026-04'));
    const year = todayVn().slice(0, 4);
    const cockpitUrl = `${server.url}/von?don-vi=${qn!.id}&nam=${year}`;
    const office = await login(browser, server.url, 'vpdp.quangninh');
    await office.goto(cockpitUrl);
    await office.getByTestId('total-allocated').waitFor();
    const allocatedBefore = await office.getByTestId('total-allocated').textContent();
    expect(await office.getByTestId('flag-QN-2026-04-allocated_not_ready').count()).toBe(0);

    // An adjustment of the 2026 plan allocates 1.500 triệu to the Xóm Giữa cultural house.
    await office.goto(`${server.url}/von/ke-hoach/${plan!.id}`);
    await office.getByTestId('adjust-plan').click();
    await office.getByTestId('confirm-ok').click();
    await office.getByTestId('success-notice').waitFor();
    await expect.poll(() => office.getByTestId('plan-status').textContent()).toBe('Bản nháp');
    await office.getByTestId('alloc-project').selectOption({ label: 'Nhà văn hóa thôn Xóm Giữa, xã Vĩnh Thực (demo)' });
    await office.getByTestId('alloc-source').selectOption('NSDP_TINH');
    await office.getByTestId('alloc-amount').fill('1.500');
    await office.getByTestId('alloc-add').click();
    await office.getByTestId('plan-allocations').getByText('Nhà văn hóa thôn Xóm Giữa').waitFor();
    await office.getByTestId('resolution-no').fill('NQ 61/NQ-HĐND (demo)');
    await office.getByTestId('resolution-body').fill('HĐND tỉnh Quảng Ninh');
    await office.getByTestId('approve-plan').click();
    await expect.poll(() => office.getByTestId('plan-status').textContent()).toContain('NQ 61/NQ-HĐND');

    await office.goto(cockpitUrl);
    await office.getByTestId('flag-QN-2026-04-allocated_not_ready').waitFor();
    expect(await office.getByTestId('total-allocated').textContent()).not.toBe(allocatedBefore);
    const curveBefore = await office.getByTestId('scurve-values').textContent();
    const disbursedBefore = await office.getByTestId('total-disbursed').textContent();

    // A payment is recorded on the project page.
    await office.goto(`${server.url}/von/du-an/${q4!.id}?nam=${year}`);
    await office.getByTestId('payment-amount').fill('300');
    await office.getByTestId('payment-voucher').fill('KB-2026-XG-01');
    await office.getByTestId('payment-save').click();
    await office.getByTestId('ledger').getByText('KB-2026-XG-01').waitFor();
    await office.goto(cockpitUrl);
    await office.getByTestId('total-disbursed').waitFor();
    await expect.poll(() => office.getByTestId('total-disbursed').textContent()).not.toBe(disbursedBefore);
    expect(await office.getByTestId('scurve-values').textContent()).not.toBe(curveBefore);

    // Completing the dossier clears the flag.
    await office.goto(`${server.url}/von/du-an/${q4!.id}?nam=${year}`);
    for (const code of ['thiet_ke', 'dat_dai', 'nguon_von', 'lay_y_kien']) {
      const box = office.getByTestId(`dossier-${code}`);
      await box.click();
      await expect.poll(() => box.isChecked()).toBe(true);
    }
    await office.goto(cockpitUrl);
    await office.getByTestId('capital-projects').waitFor();
    await expect.poll(() => office.getByTestId('flag-QN-2026-04-allocated_not_ready').count()).toBe(0);
  });
});
