import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, migrationFiles } from '../../src/db/migrate';
import { startTestApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('database', () => {
  it('applies each migration once, even when processes migrate at the same time', async () => {
    const results = await Promise.all([migrate(t.database), migrate(t.database)]);
    expect(results).toEqual([[], []]);
    const applied = await t.database.query<{ name: string }>(
      'select name from schema_migrations order by name',
    );
    expect(applied.map((r) => r.name)).toEqual(migrationFiles().map((m) => m.name));
  });

  it('keeps the audit trail append-only for the application', async () => {
    await t.request('PATCH', '/api/auth/me', { as: 'viewer', body: { locale: 'en' } });
    const before = await t.database.query<{ n: number }>('select count(*)::int as n from audit_log');
    await expect(sql`update audit_log set action = 'forged'`.execute(t.database.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_log`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(t.database.db)).rejects.toThrow(/append-only/);
    const after = await t.database.query<{ n: number }>('select count(*)::int as n from audit_log');
    expect(after).toEqual(before);
  });

  it('returns the same JS types on PGlite and PostgreSQL', async () => {
    const row = await sql<{ n: unknown; d: unknown; at: unknown; x: unknown }>`
      select count(*) as n, date '2026-11-29' as d, now() as at, 1.5::numeric as x`.execute(t.database.db);
    const r = row.rows[0]!;
    expect(typeof r.n).toBe('number');
    expect(r.d).toBe('2026-11-29');
    expect(r.at).toBeInstanceOf(Date);
    expect(r.x).toBe(1.5);
  });

  it('reports its reachability at /api/health', async () => {
    const res = await t.request('GET', '/api/health');
    expect(res.json()).toMatchObject({ status: 'ok', database: { reachable: true } });
  });

  it('sends the security headers on every answer, errors included', async () => {
    for (const res of [
      await t.request('GET', '/api/health'),
      await t.request('GET', '/api/no-such-route'),
      await t.request('GET', '/api/people', { as: 'viewer' }),
    ]) {
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    }
  });

  it('publishes an OpenAPI 3.1 document with every route', async () => {
    const doc = (await t.request('GET', '/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/people', '/api/people/{id}', '/api/auth/login', '/api/deployments']),
    );
    expect((await t.request('GET', '/api/docs/')).statusCode).toBe(200);
  });
});
