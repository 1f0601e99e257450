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

/** Picks an option of an antd Select (opened by its label). */
export async function choose(page: Page, label: string | RegExp, option: string | RegExp, within?: Locator) {
  await (within ?? page).getByLabel(label).first().click({ force: true });
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
    .first()
    .click();
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
