import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { type App, buildApp } from '../../src/http/app';
import { startTestApp, type TestApp } from '../support/app';

/**
 * Two application instances over one database stand for two processes: each caches sessions,
 * and a change made behind their backs (plain SQL, as another process or an operator would)
 * reaches both through the database's announcements, not through their own code.
 */
let t: TestApp;
let other: App;

beforeAll(async () => {
  t = await startTestApp();
  ({ app: other } = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'silent', ZUTUAN_DATA_DIR: '/tmp/zutuan-test' }),
    database: t.database,
    logger: false,
  }));
  await other.ready();
});
afterAll(async () => {
  await other.close();
  await t.close();
});

const me = (app: App, cookie: string) =>
  app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } }).then((r) => r.statusCode);

/** Polls until the status is reached or two seconds pass; returns the last status. */
async function eventually(read: () => Promise<number>, want: number): Promise<number> {
  const deadline = Date.now() + 2000;
  let status = await read();
  while (status !== want && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
    status = await read();
  }
  return status;
}

describe('session cache across processes', () => {
  it('stops accepting a session another process ended', async () => {
    const cookie = await t.login('viewer');
    expect(await me(other, cookie)).toBe(200); // now cached by the other instance
    expect(await me(other, cookie)).toBe(200);
    await t.database.db.deleteFrom('sessions').execute();
    expect(await eventually(() => me(other, cookie), 401)).toBe(401);
  });

  it('stops accepting the sessions of an account disabled behind its back', async () => {
    const cookie = await t.login('viewer');
    expect(await me(other, cookie)).toBe(200);
    await t.database.db
      .updateTable('users')
      .set({ disabled: true })
      .where('username', '=', 'viewer')
      .execute();
    expect(await eventually(() => me(other, cookie), 401)).toBe(401);
    await t.database.db
      .updateTable('users')
      .set({ disabled: false })
      .where('username', '=', 'viewer')
      .execute();
  });

  it('answers with the new role once an account changes', async () => {
    const cookie = await t.login('viewer');
    const role = async () =>
      (await other.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json().role as string;
    expect(await role()).toBe('viewer');
    await t.database.db
      .updateTable('users')
      .set({ role: 'expert' })
      .where('username', '=', 'viewer')
      .execute();
    expect(await eventually(async () => ((await role()) === 'expert' ? 1 : 0), 1)).toBe(1);
    await t.database.db
      .updateTable('users')
      .set({ role: 'viewer' })
      .where('username', '=', 'viewer')
      .execute();
  });

  it('can be turned off', () => {
    expect(loadConfig({ ZUTUAN_SESSION_CACHE_SECONDS: '0' }).sessionCacheSeconds).toBe(0);
    expect(() => loadConfig({ ZUTUAN_SESSION_CACHE_SECONDS: 'soon' })).toThrow(
      /ZUTUAN_SESSION_CACHE_SECONDS/,
    );
  });
});
