import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, openPage, pageErrors, screenshot } from './support/browser';
import { apiAs, type RunningServer, startServer } from './support/server';

// The demo's needs are witnessed at start (src/witness/demo.ts): a cadre attests one from the
// queue, and anyone verifies a witnessed achievement's inclusion proof on the public page.
let server: RunningServer;
let browser: Browser;
let base = '';

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

describe('witnessing', () => {
  it('the recipient cadre attests a record from 待我见证', async () => {
    const recipient = await apiAs(base, 'recipient');
    type Queue = { total: number; items: { id: string; recordId: string }[] };
    const before = await recipient<Queue>('GET', '/api/witness/queue');
    expect(before.status).toBe(200);
    expect(before.json.total, 'the demo leaves records waiting for the recipient cadre').toBeGreaterThan(0);
    const first = before.json.items[0]!;

    const page = await openPage(browser);
    await logIn(page, base, 'recipient');
    await page.getByRole('link', { name: '待我见证' }).click();
    await page.waitForURL(/\/witness$/);
    await page.getByTestId(`witness-open-${first.recordId}`).click();
    await page.waitForURL(new RegExp(`/witness/${first.id}$`));
    await screenshot(page, 'witness-record');
    await page.getByTestId('witness-attest').click();
    await page.getByTestId('witness-attest').waitFor({ state: 'detached' });
    const row = page.locator('tr', { hasText: '受援方 (C)' });
    await expect.poll(() => row.textContent()).toContain('已见证');

    const after = await recipient<Queue>('GET', '/api/witness/queue');
    expect(after.json.total).toBe(before.json.total - 1);
    const detail = await recipient<{ parties: { party: string; statement: { verdict: string } | null }[] }>(
      'GET',
      `/api/witness/${first.id}`,
    );
    expect(detail.json.parties.find((p) => p.party === 'recipient')?.statement?.verdict).toBe('attested');
    await page.context().close();
  });
});

describe('the public transparency page', () => {
  it('shows figures and recent achievements without login, and verifies an inclusion proof in the browser', async () => {
    const page = await openPage(browser);
    await page.goto(`${base}/transparency`);
    await page.getByRole('heading', { level: 1, name: '透明账本' }).waitFor();
    expect(page.url()).toMatch(/\/transparency$/);
    await page.getByTestId('batch-figures').waitFor();
    const verify = page.locator('[data-testid^="verify-"]').first();
    await verify.click();
    const result = page.getByTestId('verify-result');
    await result.waitFor();
    expect(await result.textContent()).toMatch(/^已验证：第 \d+ 条在 \d+ 条的账本中/);
    // The checkpoint's Ed25519 signature is checked in the browser against the published key.
    expect(await page.getByTestId('verify-signature').textContent()).toMatch(
      /^检查点的签名已用公布的验证密钥 \S+（密钥 ID [0-9a-f]{8}）核验$/,
    );
    await screenshot(page, 'transparency');
    await page.context().close();
  });
});
