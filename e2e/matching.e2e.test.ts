import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, openPage, pageErrors, screenshot } from './support/browser';
import { apiAs, type RunningServer, startServer } from './support/server';

// The commander forms the current batch's micro-teams: starts a proposal, follows its progress,
// reads why each need went where, pins one choice and forbids another, re-optimises, compares
// the two proposals and accepts the second.
let server: RunningServer;
let browser: Browser;
let page: Page;
let base = '';

type Proposal = {
  id: string;
  parentId: string | null;
  status: string;
  rules: { pins: { needId: string; personId: string }[]; forbids: { needId: string; personId: string }[] };
  assignments: { needId: string; needTitle: string; expert: { id: string; name: string } }[];
  unserved: { needId: string; reason: string }[];
};

beforeAll(async () => {
  server = await startServer();
  base = server.url;
  browser = await launchBrowser();
  page = await openPage(browser);
  await logIn(page, base, 'commander');
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  expect(pageErrors).toEqual([]);
});

const proposalId = () => new URL(page.url()).pathname.split('/').pop() as string;

/** Waits on the review page until the job has finished (the page polls the proposal). */
async function waitUntilReviewable() {
  await page.getByTestId('proposal-status').filter({ hasText: '待审阅' }).waitFor({ timeout: 110_000 });
  await page.getByTestId('score-explained').waitFor();
}

describe('a commander forms micro-teams from a proposal', () => {
  let first = '';
  let second = '';
  let pinned = { needId: '', personId: '' };
  let forbidden = { needId: '', personId: '' };

  it('starts a proposal for the current batch and sees its progress', async () => {
    await page.goto(`${base}/proposals`);
    await page.getByRole('heading', { name: '组团方案' }).waitFor();
    await page.getByTestId('proposal-new').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('第十批').waitFor(); // the current batch is chosen for the commander
    await dialog.getByLabel('每队最多人数').fill('4');
    await dialog.getByLabel('计算时限（秒）').fill('5');
    await screenshot(page, 'matching-start');
    const posted = page.waitForResponse(
      (r) => r.url().endsWith('/api/matching/proposals') && r.request().method() === 'POST',
    );
    await dialog.getByRole('button', { name: '开始计算' }).click();
    expect((await posted).status()).toBe(202);
    await page.waitForURL(/\/proposals\/[0-9a-f-]{36}$/);
    first = proposalId();
    // Queued or running: the progress bar shows until the job is done.
    const progressOrDone = page.getByTestId('proposal-progress').or(page.getByTestId('score-explained'));
    await progressOrDone.first().waitFor();
    if (await page.getByTestId('proposal-progress').count()) await screenshot(page, 'matching-progress');
    await waitUntilReviewable();
  });

  it('explains the score, the teams, every assignment and every unserved need in plain words', async () => {
    const explained = await page.getByTestId('score-explained').textContent();
    expect(explained).toContain('方案得分');
    expect(explained).toContain('理论上限');
    expect(await page.getByTestId('team-card').count()).toBeGreaterThan(0);
    const team = (await page.getByTestId('team-card').first().textContent()) ?? '';
    expect(team).toContain('队长');
    expect(team).toMatch(/负责.*需求/); // the written responsibility statement
    expect(team).toMatch(/到达.*停留/); // the visit plan
    const reason = (await page.getByTestId('assignment-reason').first().textContent()) ?? '';
    expect(reason).toMatch(/专科对口（.+）/);
    expect(reason).toMatch(/小时|无需路程/);
    expect(reason).toContain('优先级');
    const whyNot = await page.getByTestId('unserved-reason').allTextContents();
    expect(whyNot.length).toBeGreaterThan(0);
    for (const text of whyNot) expect(text).toMatch(/专家/);
    await screenshot(page, 'matching-review');
  });

  it('pins one assignment, forbids another and re-optimises around them', async () => {
    const commander = await apiAs(base, 'commander');
    const before = (await commander<Proposal>('GET', `/api/matching/proposals/${first}`)).json;
    expect(before.assignments.length).toBeGreaterThan(1);
    const rows = page.locator('[data-testid="assignments"] .ant-table-row');
    await rows.nth(0).getByTestId('pin').click();
    await rows.nth(1).getByTestId('forbid').click();
    const pinnedTitle = (await rows.nth(0).locator('strong').textContent()) ?? '';
    const forbiddenTitle = (await rows.nth(1).locator('strong').textContent()) ?? '';
    const byTitle = (title: string) => before.assignments.find((a) => a.needTitle === title)!;
    pinned = { needId: byTitle(pinnedTitle).needId, personId: byTitle(pinnedTitle).expert.id };
    forbidden = { needId: byTitle(forbiddenTitle).needId, personId: byTitle(forbiddenTitle).expert.id };
    const bar = page.getByTestId('choices');
    expect(await bar.textContent()).toContain('已锁定 1 项安排');
    expect(await bar.textContent()).toContain('已排除 1 项安排');
    await screenshot(page, 'matching-choices');
    await page.getByTestId('reoptimise').click();
    await page.waitForURL((url) => url.pathname.startsWith('/proposals/') && !url.pathname.endsWith(first));
    second = proposalId();
    // Right after the navigation the page may still show the first proposal (React Router
    // renders the new route in a transition), whose status is already 待审阅: wait for the new
    // proposal itself to finish before reading the page.
    await expect
      .poll(async () => (await commander<Proposal>('GET', `/api/matching/proposals/${second}`)).json.status, {
        timeout: 110_000,
        interval: 500,
      })
      .toBe('done');
    await waitUntilReviewable();

    const after = (await commander<Proposal>('GET', `/api/matching/proposals/${second}`)).json;
    expect(after.parentId).toBe(first);
    expect(after.rules.pins).toContainEqual(pinned);
    expect(after.rules.forbids).toContainEqual(forbidden);
    const pinnedNow = after.assignments.find((a) => a.needId === pinned.needId);
    expect(pinnedNow?.expert.id).toBe(pinned.personId);
    const forbiddenNow = after.assignments.find((a) => a.needId === forbidden.needId);
    expect(forbiddenNow?.expert.id).not.toBe(forbidden.personId);
    // The pinned choice is marked as such on the new proposal.
    await page
      .locator('[data-testid="assignments"] .ant-table-row', { hasText: pinnedTitle })
      .getByText('已锁定')
      .waitFor();
  });

  it('compares the two proposals side by side', async () => {
    await page.getByRole('button', { name: '与上一方案对比' }).click();
    await page.waitForURL(/\/proposals\/compare\?/);
    await page.getByTestId('compare-方案甲').waitFor();
    const left = (await page.getByTestId('compare-方案甲').textContent()) ?? '';
    expect(left).toContain('方案得分');
    expect(left).toContain('距最优差距');
    expect(left).toContain('已安排需求');
    const differences = (await page.getByTestId('differences').textContent()) ?? '';
    const commander = await apiAs(base, 'commander');
    const cmp = (
      await commander<{ differences: { needId: string; needTitle: string }[] }>(
        'GET',
        `/api/matching/compare?a=${first}&b=${second}`,
      )
    ).json;
    // The forbidden choice changed, so its need is among the differences.
    const changed = cmp.differences.find((d) => d.needId === forbidden.needId);
    expect(changed).toBeDefined();
    expect(differences).toContain(changed!.needTitle);
    await screenshot(page, 'matching-compare');
  });

  it('accepts the re-optimised proposal after confirming: micro-teams exist, the needs are matched', async () => {
    await page.goto(`${base}/proposals/${second}`);
    await page.getByTestId('accept').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('采纳这个组团方案？').waitFor();
    expect(await dialog.textContent()).toMatch(/将建立 \d+ 个微团队/);
    await screenshot(page, 'matching-accept-confirm');
    const accepted = page.waitForResponse((r) =>
      r.url().endsWith(`/api/matching/proposals/${second}/accept`),
    );
    await dialog.getByRole('button', { name: '确认采纳' }).click();
    expect((await accepted).status()).toBe(200);
    await page.getByTestId('accepted').waitFor();
    expect(await page.getByTestId('proposal-status').first().textContent()).toBe('已采纳');

    const commander = await apiAs(base, 'commander');
    const proposal = (await commander<Proposal>('GET', `/api/matching/proposals/${second}`)).json;
    const teams = (
      await commander<{ items: { proposalId: string; needs: { id: string; status: string }[] }[] }>(
        'GET',
        '/api/matching/teams',
      )
    ).json.items;
    expect(teams.length).toBeGreaterThan(0);
    expect(teams.every((t) => t.proposalId === second)).toBe(true);
    const teamNeeds = teams.flatMap((t) => t.needs);
    expect(teamNeeds.map((n) => n.id).sort()).toEqual(proposal.assignments.map((a) => a.needId).sort());
    expect(teamNeeds.every((n) => n.status === 'matched')).toBe(true);
    const firstNow = (await commander<Proposal>('GET', `/api/matching/proposals/${first}`)).json;
    expect(firstNow.status).toBe('superseded');

    await page.goto(`${base}/micro-teams`);
    await page.getByTestId('micro-team').first().waitFor();
    expect(await page.getByTestId('micro-team').count()).toBe(teams.length);
    const card = (await page.getByTestId('micro-team').first().textContent()) ?? '';
    expect(card).toContain('队长');
    expect(card).toContain('已匹配');
    await screenshot(page, 'matching-micro-teams');

    await page.goto(`${base}/proposals`);
    await page.locator('.ant-table-row', { hasText: '已采纳' }).waitFor();
    await screenshot(page, 'matching-proposals');
  });
});
