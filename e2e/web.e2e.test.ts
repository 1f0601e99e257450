import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateScenario } from '../src/scenario/generate';
import {
  choose,
  goTo,
  launchBrowser,
  logIn,
  navLinks,
  openPage,
  pageErrors,
  screenshot,
  screenshotDir,
} from './support/browser';
import { apiAs, DEMO_PASSWORD, type RunningServer, startServer } from './support/server';
import { workbook } from './support/xlsx';

// One server and one browser for the whole suite: starting them is most of its time.
let server: RunningServer;
let browser: Browser;
let base = '';
let hospitalName = '';
/** The registry's menu entries (later capabilities add more; these must be there). */
const registryNav = ['指挥总览', '区域地图', '对口支援关系', '机构', '医疗机构', '人员', '批次', '派驻'];

beforeAll(async () => {
  server = await startServer();
  base = server.url;
  const admin = await apiAs(base, 'admin');
  // The map is the region's GeoJSON; when the demo load has not stored it, import it as an admin would.
  const geo = await admin<{ features: unknown[] }>('GET', '/api/geo');
  if (geo.status === 200 && geo.json.features.length === 0) {
    const put = await admin('PUT', '/api/geo', generateScenario({ seed: 1, scale: 1 }).geo);
    expect(put.status).toBe(200);
  }
  const orgs = await admin<{ items: { name: string; type: string }[] }>(
    'GET',
    '/api/organisations?type=recipient_hospital',
  );
  hospitalName = orgs.json.items[0]!.name;
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  expect(pageErrors).toEqual([]);
});

describe('login', () => {
  it('is in Chinese by default, refuses a wrong password with the server message, and works by keyboard', async () => {
    const page = await openPage(browser);
    await page.goto(`${base}/`);
    await page.waitForURL(/\/login$/);
    await expect(page.locator('html')).toBeDefined();
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('组团式对口支援平台');
    await screenshot(page, 'login');

    await page.getByLabel('用户名').fill('commander');
    await page.getByLabel('密码').fill('wrong-password-123');
    await page.getByRole('button', { name: '登录' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('用户名或密码错误');
    expect(await page.getByTestId('server-message').textContent()).toBe('The username or password is wrong.');

    // Keyboard only: the username field has focus; Tab to the password, Enter submits.
    await page.getByLabel('用户名').fill('');
    await page.getByLabel('用户名').focus();
    await page.keyboard.type('commander');
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/home$/);
    await page.context().close();
  });
});

describe('commander', () => {
  let page: Page;
  beforeAll(async () => {
    page = await openPage(browser);
    await logIn(page, base, 'commander');
  });
  afterAll(() => page.context().close());

  it('sees every registry capability, their name, role and scope', async () => {
    expect(await navLinks(page)).toEqual(expect.arrayContaining(registryNav));
    const identity = await page.getByTestId('identity').textContent();
    expect(identity).toContain('指挥干部');
    expect(identity).toContain('前方指挥部');
  });

  it('opens on the programme at a glance', async () => {
    await page.waitForURL(/\/home$/);
    await page.getByTestId('current-batch').waitFor();
    expect(await page.getByTestId('current-batch').textContent()).toMatch(/第.+批/);
    expect(await page.getByText('在岗援派专家').count()).toBe(1);
    await page.getByTestId('experts-by-county').waitFor();
    await page.getByTestId('map-chart').waitFor();
    await screenshot(page, 'home');
  });

  it('browses the registry pages', async () => {
    await goTo(page, '对口支援关系');
    await page.getByText('支援方').first().waitFor();
    await screenshot(page, 'programmes');

    await goTo(page, '机构');
    await page.locator('.ant-tree-title').first().waitFor();
    await page.getByLabel('搜索机构名称').fill('卫生院');
    await page.getByLabel('搜索机构名称').press('Enter');
    await expect.poll(() => page.getByText(/找到 \d+ 个匹配的机构/).count()).toBe(1);
    await screenshot(page, 'organisations');

    await goTo(page, '医疗机构');
    await page.locator('.ant-table-row').first().waitFor();
    // Sorting is done by the server: the request carries sort and order.
    const sorted = page.waitForRequest(
      (r) => r.url().includes('/api/facilities?') && r.url().includes('sort=travelHoursToSeat'),
    );
    await page.getByRole('columnheader', { name: /到地区所在地/ }).click();
    await sorted;
    await screenshot(page, 'facilities');
    await page.getByRole('tab', { name: '地图' }).click();
    await page.getByTestId('map-chart').waitFor();
    await screenshot(page, 'facilities-map');

    await goTo(page, '派驻');
    await page.locator('.ant-table-row').first().waitFor();
    const paged = page.waitForRequest(
      (r) => r.url().includes('/api/deployments?') && r.url().includes('page=2'),
    );
    await page.locator('.ant-pagination-item-2').click();
    await paged;
    await screenshot(page, 'deployments');
    await page.locator('.ant-table-row a').first().click();
    await page.waitForURL(/\/deployments\/[0-9a-f-]{36}$/);
    await page.getByText('派出医院').first().waitFor();
    await screenshot(page, 'deployment');
  });

  it('walks the map: picks a county, hides roads, reads the details', async () => {
    await goTo(page, '区域地图');
    await page.getByTestId('map-chart').waitFor();
    const details = page.getByTestId('map-details');
    expect(await details.textContent()).toContain('全区');
    const counties = await apiAs(base, 'commander').then((api) =>
      api<{ items: { name: string }[] }>('GET', '/api/regions?level=county'),
    );
    const county = counties.json.items[0]!.name;
    await choose(page, page, '县(市)', county);
    await expect.poll(() => details.textContent()).toContain(county);
    expect(await details.textContent()).toMatch(/乡镇数\s*\d+/);
    await page.getByRole('checkbox', { name: '道路' }).uncheck();
    await screenshot(page, 'map');
  });

  it('walks the batch timelines', async () => {
    await goTo(page, '批次');
    await page.getByTestId('batches-timeline').waitFor();
    await page.getByTestId('batch-hospital-timeline').waitFor();
    expect(await page.getByText(/第十批（/).count()).toBe(1);
    await choose(page, page, '选择批次', /^第一批$/);
    await expect.poll(() => page.getByText(/第一批（/).count()).toBe(1);
    await page.getByTestId('batch-hospital-timeline').waitFor();
    await screenshot(page, 'batches');
  });

  it('creates a person through the form, after the form rejects invalid fields', async () => {
    await goTo(page, '人员');
    await page.locator('.ant-table-row').first().waitFor();
    await page.getByTestId('person-create').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('手机号码').fill('12345');
    await dialog.getByLabel('出生年份').fill('1899');
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/people')) posts.push(r.url());
    });
    await page.getByTestId('person-save').click();
    await dialog.getByText('请填写姓名').waitFor();
    await dialog.getByText('请选择人员类别').waitFor();
    await dialog.getByText('请填写以 1 开头的 11 位手机号码').waitFor();
    await dialog.getByText('出生年份应在 1930 至 2010 之间').waitFor();
    expect(posts).toEqual([]); // refused before reaching the server
    await screenshot(page, 'person-form-invalid');

    await dialog.getByLabel('姓名').fill('测试新人甲');
    await choose(page, dialog, '人员类别', '本地医务人员');
    await dialog.getByLabel('所属机构').click({ force: true });
    await page.keyboard.type(hospitalName);
    await page
      .locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper', {
        hasText: hospitalName,
      })
      .first()
      .click();
    await dialog.getByLabel('出生年份').fill('1990');
    await dialog.getByLabel('手机号码').fill('139 0000 1234');
    await page.getByTestId('person-save').click();
    await page.getByText('已保存').waitFor();
    expect(posts).toHaveLength(1);
    await page.getByLabel('搜索姓名').fill('测试新人甲');
    await page.getByLabel('搜索姓名').press('Enter');
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1);
    expect(await page.locator('.ant-table-row').textContent()).toContain('13900001234');
    await screenshot(page, 'people');
  });

  it('imports a good Excel file, and nothing from a bad one, showing the errors per row', async () => {
    await page.goto(`${base}/people`);
    await page.locator('.ant-table-row').first().waitFor();
    const header = ['姓名', '人员类别', '所属机构', '性别', '出生年份', '专科', '手机号码'];
    const good = await workbook(header, [
      ['导入测试乙', '本地医务人员', hospitalName, '女', 1988, null, '13800001111'],
      ['导入测试丙', '本地医务人员', hospitalName, '男', 1992, null, null],
    ]);
    const bad = await workbook(header, [
      ['导入测试丁', '本地医务人员', hospitalName, '女', 1990, null, null],
      ['导入测试戊', '医生', '不存在的医院', '男', 1990, null, '123'],
    ]);

    await page.getByTestId('person-import').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[type=file]').setInputFiles({
      name: 'bad.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: bad,
    });
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-error').waitFor();
    expect(await page.getByTestId('import-error').textContent()).toContain('文件有错误，未导入任何记录');
    const errors = await page.getByTestId('import-errors').textContent();
    expect(errors).toContain('人员类别应为');
    expect(errors).toContain('您的权限范围内没有这个机构');
    expect(errors).toContain('应为以 1 开头的 11 位手机号码');
    expect(errors).toMatch(/\b3\b/); // the bad row is sheet row 3
    await screenshot(page, 'import-bad');

    await dialog.locator('input[type=file]').setInputFiles({
      name: 'good.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: good,
    });
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-done').waitFor();
    expect(await page.getByTestId('import-done').textContent()).toContain('已导入 2 条记录');
    await screenshot(page, 'import-good');
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();

    const api = await apiAs(base, 'commander');
    const names = async (q: string) =>
      (await api<{ total: number }>('GET', `/api/people?q=${encodeURIComponent(q)}`)).json.total;
    expect(await names('导入测试乙')).toBe(1);
    expect(await names('导入测试丙')).toBe(1);
    expect(await names('导入测试丁')).toBe(0); // the good row of the bad file was not imported either
  });

  it('switches to English, keeps it for the account, and switches back', async () => {
    await page.goto(`${base}/people`);
    await page.getByTestId('language-switch').click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    expect(await navLinks(page)).toContain('People');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'people-en');
    await goTo(page, 'Command overview');
    await page.getByTestId('current-batch').waitFor();
    expect(await page.getByText('Experts on site', { exact: true }).count()).toBeGreaterThan(0);
    await screenshot(page, 'home-en');

    // Saved per user: a new session elsewhere opens in English.
    const other = await openPage(browser);
    await logIn(other, base, 'commander');
    await other.getByRole('button', { name: 'Log out' }).waitFor();
    await other.context().close();

    await page.getByTestId('language-switch').click();
    await page.getByRole('button', { name: '退出登录' }).waitFor();
  });
});

describe('recipient cadre (one county)', () => {
  it('sees the registry of its county only', async () => {
    const page = await openPage(browser);
    await logIn(page, base, 'recipient');
    expect(await page.getByTestId('identity').textContent()).toContain('受援方干部');
    expect(await navLinks(page)).toEqual(expect.arrayContaining(registryNav));
    await goTo(page, '医疗机构');
    await page.locator('.ant-table-row').first().waitFor();
    const total = Number(
      ((await page.locator('.ant-pagination-total-text').textContent()) ?? '').replace(/\D/g, ''),
    );
    const all = (await (await apiAs(base, 'commander'))<{ total: number }>('GET', '/api/facilities')).json
      .total;
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(all);
    await screenshot(page, 'recipient-facilities');
    await page.context().close();
  });
});

describe('local staff', () => {
  it('sees only the map and reference pages, and cannot reach the others', async () => {
    const page = await openPage(browser);
    await logIn(page, base, 'local');
    await page.waitForURL(/\/map$/);
    expect(await page.getByTestId('identity').textContent()).toContain('本地医务人员');
    const links = await navLinks(page);
    expect(links).toEqual(expect.arrayContaining(['区域地图', '对口支援关系', '机构', '医疗机构']));
    for (const hidden of ['指挥总览', '人员', '批次', '派驻']) expect(links).not.toContain(hidden);
    for (const path of ['/home', '/people', '/batches', '/deployments']) {
      await page.goto(`${base}${path}`);
      await page.getByText('无权访问').waitFor();
    }
    await screenshot(page, 'local-forbidden');
    // The server refuses too, whatever the interface shows.
    const status = await page.evaluate(async () => (await fetch('/api/people')).status);
    expect(status).toBe(403);
    await page.context().close();
  });
});

describe('phone (360 px)', () => {
  it('is usable at 360 px: menu in a drawer, no sideways scrolling', async () => {
    const page = await openPage(browser, 360, 740);
    await logIn(page, base, 'recipient');
    await page.getByTestId('current-batch').waitFor();
    await screenshot(page, 'mobile-home');
    await page.getByTestId('menu-button').click();
    await goTo(page, '人员');
    await page.locator('.ant-table-row').first().waitFor();
    const overflow = (await page.evaluate(
      'document.documentElement.scrollWidth - window.innerWidth',
    )) as number;
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(page, 'mobile-people');
    await page.getByTestId('menu-button').click();
    await goTo(page, '区域地图');
    await page.getByTestId('map-chart').waitFor();
    await screenshot(page, 'mobile-map');
    await page.context().close();
  });
});

it('saved a screenshot of each main page', () => {
  for (const name of [
    'login',
    'home',
    'map',
    'programmes',
    'organisations',
    'facilities',
    'people',
    'batches',
    'deployments',
  ]) {
    expect(readFileSync(join(screenshotDir, `${name}.png`)).length).toBeGreaterThan(10_000);
  }
});
