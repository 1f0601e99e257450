import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { ids, PASSWORD } from '../support/fixture';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ ZUTUAN_LOGIN_MAX_FAILURES: '5', ZUTUAN_LOGIN_LOCK_MINUTES: '15' });
});
afterAll(() => t.close());

const auditActions = async (userId?: string) =>
  (
    await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .$if(userId !== undefined, (q) => q.where('entity_id', '=', userId!))
      .orderBy('id')
      .execute()
  ).map((r) => r.action);

describe('login and sessions', () => {
  it('logs in with a HttpOnly SameSite cookie and a new session id each time', async () => {
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'commander', password: PASSWORD },
    });
    expect(first.statusCode).toBe(200);
    const cookie = first.cookies.find((c) => c.name === 'zutuan_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'commander', password: PASSWORD },
      headers: { cookie: `zutuan_session=${cookie.value}` },
    });
    const next = second.cookies.find((c) => c.name === 'zutuan_session')!;
    expect(next.value).not.toBe(cookie.value);
    // Logging in again ended the previous session.
    const old = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `zutuan_session=${cookie.value}` },
    });
    expect(old.statusCode).toBe(401);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `zutuan_session=${next.value}` },
    });
    expect(me.json()).toMatchObject({
      username: 'commander',
      role: 'commander',
      organisation: { id: ids.hq },
    });
  });

  it('stores only a hash of the session token', async () => {
    const cookie = await t.login('viewer');
    const token = cookie.split('=')[1]!;
    const rows = await t.database.db.selectFrom('sessions').select('token_hash').execute();
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });

  it('rejects a wrong password and an unknown user alike', async () => {
    const wrong = await t.request('POST', '/api/auth/login', {
      body: { username: 'viewer', password: 'not-the-password' },
    });
    const unknown = await t.request('POST', '/api/auth/login', {
      body: { username: 'nobody', password: 'not-the-password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('ends the session at logout', async () => {
    const cookie = await t.login('viewer');
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode,
    ).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(
      401,
    );
  });

  it('ends sessions that were idle too long', async () => {
    const cookie = await t.login('viewer');
    await t.database.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 2 * 3600_000) })
      .execute();
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(
      401,
    );
  });

  it('throttles, then locks an account after repeated failures, and audits both', async () => {
    const user = await t.database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'expert')
      .executeTakeFirstOrThrow();
    const attempt = () =>
      t.request('POST', '/api/auth/login', { body: { username: 'expert', password: 'wrong-password-1' } });
    for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
    const throttled = await attempt();
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json().error.code).toBe('TOO_MANY_REQUESTS');
    // Let the throttle window pass (pretend the last failure was long ago), fail twice more: locked.
    const fail = async () => {
      await t.database.db
        .updateTable('users')
        .set({ last_failed_login_at: new Date(Date.now() - 3600_000) })
        .where('id', '=', user.id)
        .execute();
      return attempt();
    };
    expect((await fail()).statusCode).toBe(401);
    expect((await fail()).statusCode).toBe(401);
    const locked = await t.request('POST', '/api/auth/login', {
      body: { username: 'expert', password: PASSWORD },
    });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');
    const actions = await auditActions(user.id);
    expect(actions).toContain('login.throttled');
    expect(actions).toContain('account.locked');
    expect(actions).toContain('login.refused_locked');
  });

  it('ends the sessions of a disabled account', async () => {
    const cookie = await t.login('recipientb');
    const user = await t.database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'recipientb')
      .executeTakeFirstOrThrow();
    const res = await t.request('PATCH', `/api/users/${user.id}`, { as: 'admin', body: { disabled: true } });
    expect(res.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(
      401,
    );
    const again = await t.request('POST', '/api/auth/login', {
      body: { username: 'recipientb', password: PASSWORD },
    });
    expect(again.json().error.code).toBe('ACCOUNT_DISABLED');
    expect(await auditActions(user.id)).toContain('user.disabled');
  });

  it('enforces the password rules when an admin creates an account', async () => {
    const base = {
      username: 'newcadre',
      displayName: '新干部',
      role: 'recipient_cadre',
      organisationId: ids.countyACommission,
    };
    const short = await t.request('POST', '/api/users', {
      as: 'admin',
      body: { ...base, password: 'short' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.code).toBe('WEAK_PASSWORD');
    const common = await t.request('POST', '/api/users', {
      as: 'admin',
      body: { ...base, password: '1qaz2wsx3edc' },
    });
    expect(common.json().error.code).toBe('WEAK_PASSWORD');
    const ok = await t.request('POST', '/api/users', {
      as: 'admin',
      body: { ...base, password: 'plateau-clinic-2026' },
    });
    expect(ok.statusCode).toBe(201);
    const stored = await t.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('username', '=', 'newcadre')
      .executeTakeFirstOrThrow();
    expect(stored.password_hash.startsWith('$argon2id$')).toBe(true);
    expect((await t.login('newcadre', 'plateau-clinic-2026')).startsWith('zutuan_session=')).toBe(true);
  });

  it('lets nobody set their own role or organisation', async () => {
    const me = await t.request('PATCH', '/api/auth/me', { as: 'local', body: { role: 'admin' } });
    expect(me.statusCode).toBe(400);
    const org = await t.request('PATCH', '/api/auth/me', { as: 'local', body: { organisationId: ids.hq } });
    expect(org.statusCode).toBe(400);
    const admin = await t.database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    const self = await t.request('PATCH', `/api/users/${admin.id}`, {
      as: 'admin',
      body: { organisationId: ids.countyACommission },
    });
    expect(self.statusCode).toBe(403);
    const viaUsers = await t.request('PATCH', `/api/users/${admin.id}`, {
      as: 'local',
      body: { role: 'admin' },
    });
    expect(viaUsers.statusCode).toBe(403);
    const who = await t.request('GET', '/api/auth/me', { as: 'local' });
    expect(who.json()).toMatchObject({ role: 'local_staff', organisation: { id: ids.countyACommission } });
  });

  it('saves the language choice per user', async () => {
    expect(
      (await t.request('PATCH', '/api/auth/me', { as: 'viewer', body: { locale: 'en' } })).statusCode,
    ).toBe(200);
    expect((await t.request('GET', '/api/auth/me', { as: 'viewer' })).json().locale).toBe('en');
  });
});
