import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, launchBrowser, logIn, openPage, pageErrors, screenshot } from './support/browser';
import { apiAs, type RunningServer, startServer } from './support/server';

// Local staff report a need, the recipient cadre triages it, the commander finds it on the map.
let server: RunningServer;
let browser: Browser;
let base = '';
const title = `乡卫生院彩超闲置无人会用（端到端 ${Date.now() % 100_000}）`;

beforeAll(async () => {
  server = await startServer();
  base = server.url;
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  expect(pageErrors).toEqual([]);
});

describe('a need from report to the map', () => {
  let townshipId = '';

  it('local staff report a need on the short form', async () => {
    const page = await openPage(browser);
    await logIn(page, base, 'local');
    await page.setViewportSize({ width: 414, height: 860 }); // the form is used on a phone
    await page.goto(`${base}/needs`);
    await page.getByRole('button', { name: '上报需求' }).click();
    const dialog = page.getByRole('dialog');
    await choose(page, dialog, '医疗机构', /卫生院/);
    await choose(page, dialog, '专科', '医学影像科');
    await dialog.getByLabel('问题', { exact: true }).fill(title);
    await dialog.getByLabel('描述').fill('捐赠的彩超长期闲置，本院无人会操作，孕妇需到县医院检查。');
    await dialog.getByText('设备', { exact: true }).click();
    await dialog.getByText('4 危急').click();
    await dialog.getByLabel('涉及人口').fill('1200');
    await screenshot(page, 'needs-report-form');
    const posted = page.waitForResponse(
      (r) => r.url().endsWith('/api/needs') && r.request().method() === 'POST',
    );
    await dialog.getByRole('button', { name: '提交' }).click();
    expect((await posted).status()).toBe(201);
    if (await page.getByText('发现可能重复的需求').count())
      await page.getByRole('button', { name: '关闭' }).click();
    await page.getByLabel('搜索问题或描述').fill(title);
    await page.getByLabel('搜索问题或描述').press('Enter');
    await page.locator('.ant-table-row', { hasText: title }).waitFor();
    await page.context().close();

    const commander = await apiAs(base, 'commander');
    const found = await commander<{ items: { townshipId: string; status: string }[] }>(
      'GET',
      `/api/needs?q=${encodeURIComponent(title)}`,
    );
    expect(found.json.items).toHaveLength(1);
    expect(found.json.items[0]?.status).toBe('reported');
    townshipId = found.json.items[0]?.townshipId as string;
    expect(townshipId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('the recipient cadre sees why it ranks where it does and triages it', async () => {
    const page = await openPage(browser);
    await logIn(page, base, 'recipient');
    await page.goto(`${base}/needs?q=${encodeURIComponent(title)}`);
    await page.locator('.ant-table-row', { hasText: title }).click();
    const breakdown = page.getByTestId('priority-breakdown');
    await breakdown.waitFor();
    expect(await breakdown.textContent()).toContain('紧急程度');
    expect(await breakdown.textContent()).toContain('40 / 40'); // urgency 4 of 4
    await page.getByRole('button', { name: '分诊' }).click();
    await expect.poll(() => page.getByTestId('need-status').textContent()).toBe('已分诊');
    await screenshot(page, 'needs-triaged');
    await page.context().close();
  });

  it('the commander sees it on the coverage map, in its township', async () => {
    const page = await openPage(browser);
    await logIn(page, base, 'commander');
    await page.goto(`${base}/coverage?specialty=medical_imaging&township=${townshipId}`);
    await page.getByTestId('coverage-map').waitFor();
    const panel = page.getByTestId('township-needs');
    await panel.getByText(title).waitFor();
    expect(await panel.textContent()).toContain('已分诊');
    await page
      .getByText(/小时内人口占比/)
      .first()
      .waitFor();
    await page.locator('[data-testid="least-served"] .ant-table-row').first().waitFor();
    await screenshot(page, 'coverage-map');
    await page.context().close();
  });
});
