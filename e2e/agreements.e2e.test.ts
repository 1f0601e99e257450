import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, launchBrowser, logIn, openPage, pageErrors, screenshot } from './support/browser';
import { apiAs, type RunningServer, startServer } from './support/server';

// A recipient cadre records an agreement whose target is "no more open needs than today"; the
// target shows met, then a new need is reported and the same page shows it at risk.
let server: RunningServer;
let browser: Browser;
let base = '';
const title = `乡镇需求清零协议（端到端 ${Date.now() % 100_000}）`;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

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

describe('an agreement with a target tracked by its indicator', () => {
  it('a cadre records it and sees the status follow the records', async () => {
    // The programme-wide figure (a cadre's own view of indicators is limited to its scope).
    const commander = await apiAs(base, 'commander');
    const open = await commander<{ values: { value: number }[] }>('GET', '/api/indicators/needs.open');
    const openNow = open.json.values[0]?.value ?? 0;

    const page = await openPage(browser);
    await logIn(page, base, 'recipient');
    await page.goto(`${base}/agreements`);
    await page.getByTestId('agreement-new').click();
    const dialog = page.getByRole('dialog');
    await choose(page, dialog, '类型', '备忘录');
    await dialog.getByLabel('名称', { exact: true }).fill(title);
    await dialog.getByLabel('生效日期', { exact: true }).fill(day(-300));
    await choose(page, dialog, '协议各方', /医院/);
    await page.keyboard.press('Escape');
    await dialog.getByLabel('条款内容').fill('受援方按月清理未解决的基层需求。');
    await choose(page, dialog, '指标', '未解决需求数');
    await dialog.getByLabel('基线值').fill(String(openNow + 1));
    await dialog.getByLabel('目标值').fill(String(openNow));
    await dialog.getByLabel('基线日期').fill(day(-300));
    await dialog.getByLabel('完成期限').fill(day(60));
    await choose(page, dialog, '责任方', /./);
    await screenshot(page, 'agreements-record');
    const posted = page.waitForResponse(
      (r) => r.url().endsWith('/api/agreements') && r.request().method() === 'POST',
    );
    await page.getByTestId('agreement-save').click();
    const response = await posted;
    expect(response.status(), await response.text()).toBe(201);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const status = page.locator('[data-testid^="target-status-"]').first();
    await expect.poll(() => status.getAttribute('data-status')).toBe('met');
    await screenshot(page, 'agreements-met');

    // A local staff member reports a new need: one more open need than the target allows.
    const local = await apiAs(base, 'local');
    const facilities = await local<{ items: { id: string }[] }>('GET', '/api/facilities?pageSize=1');
    const reported = await local('POST', '/api/needs', {
      facilityId: facilities.json.items[0]?.id,
      specialtyCode: 'general_surgery',
      kind: 'clinical_service',
      title: `新增需求（端到端 ${Date.now() % 100_000}）`,
      populationAffected: 300,
      urgency: 2,
    });
    expect(reported.status).toBe(201);
    await page.reload();
    await expect.poll(() => status.getAttribute('data-status')).toBe('at_risk');
    await screenshot(page, 'agreements-at-risk');

    // It is listed with its computed status on the agreements page.
    await page.goto(`${base}/agreements`);
    await page.getByTestId(`agreement-${title}`).waitFor();
    await page.context().close();
  });

  it('the commander sees the dependence dashboard with its risk list', async () => {
    const page = await openPage(browser);
    await logIn(page, base, 'commander');
    await page.goto(`${base}/dependence`);
    await page.getByRole('heading', { level: 1, name: '依赖与可持续' }).waitFor();
    await page.getByTestId('dependence-risks').waitFor();
    await screenshot(page, 'dependence-dashboard');
    await page.context().close();
  });
});
