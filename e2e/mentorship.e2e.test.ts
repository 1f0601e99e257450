import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, launchBrowser, logIn, openPage, pageErrors, screenshot } from './support/browser';
import { type RunningServer, startServer } from './support/server';
import { workbook } from './support/xlsx';

// An expert signs a contract with a local apprentice, every party accepts it, the expert logs a
// teaching round (refused once for a phone number in the case summary) and assesses the
// apprentice; the recipient cadre confirms the assessment from the queue. All through the pages.
let server: RunningServer;
let browser: Browser;
let base = '';
let contractUrl = '';

const iso = (d: Date) => d.toISOString().slice(0, 10);
const today = new Date();
const startsOn = iso(today);
const endsOn = iso(new Date(today.getTime() + 360 * 86_400_000));
const targetOn = iso(new Date(today.getTime() + 300 * 86_400_000));
const apprentice = '格桑仁青'; // the `local` demo account's person (src/scenario/generate.ts)
const competency = '困难气道管理';
const host = '云峰县人民医院'; // the expert's current host, in the `recipient` cadre's county
const patient = '扎西平措'; // a fictional patient the hospital records

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

/**
 * Presses a dialog's submit button (the tall dialog may still be settling after an error shows).
 * After a save that failed, antd may leave the button's spinner in its leaving animation, at zero
 * width but still in the accessible name ("loading 登记"), so the name may carry that prefix.
 */
async function submit(dialog: Locator, name: string) {
  const button = dialog.getByRole('button', { name: new RegExp(`^(loading )?${name}$`) });
  await button.scrollIntoViewIfNeeded();
  await button.click({ force: true });
}

/** Types a date into an antd DatePicker. */
async function typeDate(scope: Locator, label: string, value: string) {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

const posted = (page: Page, path: string) =>
  page.waitForResponse((r) => r.url().includes(`/api/mentorship/${path}`) && r.request().method() === 'POST');

describe('a mentorship from contract to a witnessed level', () => {
  it('the expert signs a contract and accepts it as mentor', async () => {
    const page = await openPage(browser);
    await logIn(page, base, 'expert');
    await page.goto(`${base}/mentorship`);
    await page.getByRole('heading', { level: 1, name: '师徒结对' }).waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'mentorship-list-desktop');
    await page.getByRole('button', { name: '签订师徒协议' }).click();
    const dialog = page.getByRole('dialog');
    await page.waitForLoadState('networkidle'); // the form's choices come from several lists
    await choose(page, dialog, '带教医院', host);
    await typeDate(dialog, '开始日期', startsOn);
    await typeDate(dialog, '结束日期', endsOn);
    await choose(page, dialog, '徒弟 1', apprentice);
    await choose(page, dialog, '能力项', competency);
    await typeDate(dialog, '目标日期', targetOn);
    await screenshot(page, 'mentorship-sign-form');
    const created = posted(page, 'contracts');
    await dialog.getByRole('button', { name: '提交协议' }).click();
    expect((await created).status()).toBe(201);
    await page.waitForURL(/\/mentorship\/contracts\/[0-9a-f-]{36}$/);
    contractUrl = page.url();
    await page.getByText('待各方确认').first().waitFor();
    const accepted = posted(page, 'contracts');
    await page.getByRole('button', { name: '确认协议' }).click();
    expect((await accepted).status()).toBe(200);
    await page
      .getByText(/已确认$/)
      .first()
      .waitFor();
    await page.context().close();
  });

  it('the apprentice and the recipient hospital accept; the contract starts', async () => {
    const local = await openPage(browser, 360, 780);
    await logIn(local, base, 'local');
    await local.goto(contractUrl);
    const a = posted(local, 'contracts');
    await local.getByRole('button', { name: '确认协议' }).click();
    expect((await a).status()).toBe(200);
    await screenshot(local, 'mentorship-contract-apprentice-360');
    await local.context().close();

    const cadre = await openPage(browser);
    await logIn(cadre, base, 'recipient');
    await cadre.goto(`${base}/mentorship`);
    await cadre.getByText(/份协议等待您确认/).waitFor();
    await cadre.goto(contractUrl);
    const c = posted(cadre, 'contracts');
    await cadre.getByRole('button', { name: '代表受援医院确认' }).click();
    expect((await c).status()).toBe(200);
    await cadre.locator('.page-header').getByText('执行中').waitFor();
    await screenshot(cadre, 'mentorship-contract-active');

    // The hospital records its patients' names, so teaching notes cannot name them.
    await cadre.goto(`${base}/mentorship`);
    await cadre.getByTestId('patient-names-open').click();
    const names = cadre.getByRole('dialog');
    await submit(names, '登记');
    await names.getByText('请至少填写一个姓名').waitFor(); // refused before reaching the server
    await names.getByLabel('患者姓名（每行一个）').fill(`${patient}\n次仁\n${patient}`);
    const recorded = posted(cadre, 'patient-names');
    await submit(names, '登记');
    expect((await recorded).status()).toBe(201);
    await expect.poll(() => names.getByTestId('patient-names-result').textContent()).toContain('新登记 2 个');
    await screenshot(cadre, 'mentorship-patient-names');

    // A longer list comes from the hospital's spreadsheet.
    await names.getByRole('button', { name: '从 Excel 导入…' }).click();
    const sheet = cadre.getByRole('dialog', { name: '从 Excel 导入患者姓名' });
    await sheet.getByRole('link', { name: '下载空白模板' }).waitFor();
    await sheet.locator('input[type=file]').setInputFiles({
      name: 'patients.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await workbook(['姓名'], [['次仁'], ['达瓦']]),
    });
    await cadre.getByTestId('import-submit').click();
    await expect.poll(() => cadre.getByTestId('import-done').textContent()).toContain('已导入 2 条记录');
    await screenshot(cadre, 'mentorship-patient-names-import');
    await cadre.context().close();
  });

  it('the expert logs a teaching round; an identifying case summary is refused with the part marked', async () => {
    const page = await openPage(browser);
    await logIn(page, base, 'expert');
    await page.goto(contractUrl);
    await page.getByRole('button', { name: '登记带教活动' }).click();
    const dialog = page.getByRole('dialog');
    // The contract fills in where and who; the teacher writes the topic and the case.
    await dialog.getByText(apprentice).first().waitFor();
    await dialog.getByLabel('主题').fill('困难气道评估与处理教学查房');
    const summary = dialog.getByLabel('病例摘要（须去标识）');
    await summary.fill('患者，男，58岁，联系电话 138 1234 5678，颈短张口受限，术前评估为困难气道。');
    const refused = posted(page, 'activities');
    await submit(dialog, '登记');
    expect((await refused).status()).toBe(400);
    const spans = dialog.getByTestId('identifier-spans');
    await expect.poll(() => spans.locator('mark').textContent()).toBe('138 1234 5678');
    await screenshot(page, 'mentorship-activity-refused');
    await summary.fill(`${patient}，男，58岁，颈短张口受限，术前评估为困难气道。`);
    const named = posted(page, 'activities');
    await submit(dialog, '登记');
    expect((await named).status()).toBe(400);
    await expect.poll(() => spans.locator('mark').textContent()).toBe(patient);
    await summary.fill('患者，男，58岁，颈短张口受限，术前评估为困难气道。');
    const logged = posted(page, 'activities');
    await submit(dialog, '登记');
    expect((await logged).status()).toBe(201);
    await page.locator('.ant-table-row', { hasText: '困难气道评估与处理教学查房' }).waitFor();
    await page.context().close();
  });

  it('the expert assesses the apprentice', async () => {
    const page = await openPage(browser);
    await logIn(page, base, 'expert');
    await page.goto(contractUrl);
    await page
      .locator('.ant-card', { hasText: apprentice })
      .getByRole('button', { name: '记录考核' })
      .click();
    const dialog = page.getByRole('dialog');
    await page.waitForLoadState('networkidle');
    await choose(page, dialog, '能力项', competency);
    await choose(page, dialog, '评定等级', '3 级');
    await dialog.getByLabel('考核说明').fill('能在上级医师电话指导下完成困难气道评估和可视喉镜插管。');
    const recorded = posted(page, 'assessments');
    await submit(dialog, '提交考核');
    expect((await recorded).status()).toBe(201);
    await page.context().close();
  });

  it('the recipient cadre confirms it from the queue; it shows in the apprentice’s levels', async () => {
    for (const width of [1280, 360]) {
      const page = await openPage(browser, width, 860);
      await logIn(page, base, 'recipient');
      await page.goto(`${base}/mentorship/assessments`);
      await page.getByTestId('pending-assessment').first().waitFor();
      await screenshot(page, `mentorship-queue-${width}`);
      await page.context().close();
    }
    const page = await openPage(browser);
    await logIn(page, base, 'recipient');
    await page.goto(`${base}/mentorship/assessments`);
    const card = page.getByTestId('pending-assessment').filter({ hasText: `${apprentice} · ${competency}` });
    const confirmed = posted(page, 'assessments');
    await card.getByRole('button', { name: '确认属实' }).click();
    expect((await confirmed).status()).toBe(200);
    await card.waitFor({ state: 'detached' });
    await page.goto(contractUrl);
    await page
      .locator('.ant-card', { hasText: apprentice })
      .getByText('3 级 · 间接指导下操作')
      .first()
      .waitFor();
    await page.context().close();

    for (const width of [1280, 360]) {
      const local = await openPage(browser, width, 860);
      await logIn(local, base, 'local');
      await local.goto(`${base}/mentorship`);
      await local.getByRole('button', { name: '我的学习档案' }).click();
      await local.getByTestId('levels-chart').waitFor();
      await local.getByText(competency).first().waitFor();
      await screenshot(local, `mentorship-apprentice-${width}`);
      await local.context().close();
    }
  });

  it('the indicators draw and export (desktop and phone)', async () => {
    for (const width of [1280, 360]) {
      const page = await openPage(browser, width, 860);
      await logIn(page, base, 'commander');
      await page.goto(`${base}/mentorship/indicators`);
      await page.getByTestId('chart-local-share').waitFor();
      await screenshot(page, `mentorship-indicators-${width}`);
      if (width === 1280) {
        const href = await page.getByRole('link', { name: /导出“协议目标按期达成率”/ }).getAttribute('href');
        const file = await page.request.get(`${base}${href}`);
        expect(file.status()).toBe(200);
        expect(file.headers()['content-type']).toContain('spreadsheetml');
        await page.goto(`${base}/mentorship/mentors/${await expertId(page)}`);
        await page.getByText('徒弟目标进度').waitFor();
        await screenshot(page, 'mentorship-mentor-desktop');
      }
      await page.context().close();
    }
  });
});

/** The demo expert's person id, from a contract the commander sees. */
async function expertId(page: Page) {
  const r = await page.request.get(`${base}/api/mentorship/contracts/${contractUrl.split('/').at(-1)}`);
  return ((await r.json()) as { mentorId: string }).mentorId;
}
