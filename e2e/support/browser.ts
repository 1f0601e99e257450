import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from './server';

export const screenshotDir = resolve(import.meta.dirname, '../../test-results');

/** Debian's Chromium, headless (playwright's own browsers cannot be downloaded here). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Uncaught errors in any page; the suite asserts there were none. */
export const pageErrors: string[] = [];

/** A fresh browser session (own cookies) at a viewport size. */
export async function openPage(browser: Browser, width = 1280, height = 860): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(25_000);
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  return page;
}

/** Logs in through the login form as a demo account. */
export async function logIn(page: Page, baseUrl: string, username: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /^(登录|Log in)$/ }).click();
  await page.locator('#main').waitFor();
}

/** Saves a screenshot under test-results/ once the page has settled. */
export async function screenshot(page: Page, name: string) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Waits until an element stops moving (a dialog's opening animation, a drawer sliding in). */
export async function settled(target: Locator) {
  let last = '';
  for (let i = 0; i < 60; i++) {
    const box = JSON.stringify(await target.boundingBox());
    if (box === last && box !== 'null') return;
    last = box;
    await target.page().waitForTimeout(50);
  }
}

/**
 * Picks an option of an antd Select, found by its label within `scope`. The click that opens the
 * select is forced (antd covers its input with the selection text), so the helper first waits for
 * the field to stop moving, and reopens the select if no matching option appeared (options that
 * were still loading, or a click that landed while the dialog was still opening).
 */
export async function choose(
  page: Page,
  scope: Page | Locator,
  label: string | RegExp,
  option: string | RegExp,
) {
  const field = scope.getByLabel(label, { exact: typeof label === 'string' }).first();
  const item = page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
    .first();
  await settled(field);
  for (let attempt = 1; ; attempt++) {
    if ((await field.getAttribute('aria-expanded')) !== 'true') await field.click({ force: true });
    try {
      await item.waitFor({ timeout: 6_000 });
      break;
    } catch (error) {
      if (attempt === 4) throw error;
      // Close it, so that the next round opens it afresh.
      if ((await field.getAttribute('aria-expanded')) === 'true') await field.click({ force: true });
    }
  }
  await item.click();
}

/** The left navigation's link texts. */
export async function navLinks(page: Page): Promise<string[]> {
  return page.locator('nav .ant-menu-item a').allInnerTexts();
}

/** Follows a link of the navigation menu (in the drawer on phones). */
export async function goTo(page: Page, name: string) {
  await page.locator('nav').getByRole('link', { name, exact: true }).click();
  // Pages are titled by their menu label (the overview by the programme's name).
  if (name !== '指挥总览' && name !== 'Command overview')
    await page.getByRole('heading', { level: 1, name, exact: true }).waitFor({ timeout: 30_000 });
}
