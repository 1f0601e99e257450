import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { ids } from '../support/fixture';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const count = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('people')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const send = (method: 'POST' | 'PATCH', url: string, payload: string, contentType = 'application/json') =>
  t.request(method, url, { as: 'admin', payload, headers: { 'content-type': contentType } });

describe('bad input gets a clear 4xx and changes nothing', () => {
  it('malformed JSON', async () => {
    const res = await send('POST', '/api/people', '{"fullName": ');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('MALFORMED_JSON');
  });

  it('wrong types name the field', async () => {
    const res = await t.request('POST', '/api/people', {
      as: 'admin',
      body: {
        organisationId: ids.countyAHospital,
        kind: 'local_staff',
        fullName: '张三',
        birthYear: 'nineteen',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details.issues[0].path).toContain('birthYear');
  });

  it('unknown fields', async () => {
    const res = await t.request('POST', '/api/people', {
      as: 'admin',
      body: { organisationId: ids.countyAHospital, kind: 'local_staff', fullName: '张三', salary: 1 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0].path).toContain('salary');
  });

  it('__proto__ keys', async () => {
    const res = await send('POST', '/api/people', `{"fullName":"x","__proto__":{"role":"admin"}}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('FORBIDDEN_KEY');
  });

  it('oversized bodies', async () => {
    const res = await send('POST', '/api/people', JSON.stringify({ fullName: 'x'.repeat(2 * 1024 * 1024) }));
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('BODY_TOO_LARGE');
  });

  it('unsupported content types', async () => {
    const res = await send('POST', '/api/people', 'fullName=x', 'application/x-www-form-urlencoded');
    expect(res.statusCode).toBe(415);
  });

  it('SQL and script payloads are stored as text, never executed', async () => {
    const before = await count();
    const res = await t.request('POST', '/api/people', {
      as: 'admin',
      body: {
        organisationId: ids.countyAHospital,
        kind: 'local_staff',
        fullName: "'); drop table people; --<script>",
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().fullName).toBe("'); drop table people; --<script>");
    expect(await count()).toBe(before + 1);
    const search = await t.request('GET', `/api/people?q=${encodeURIComponent("%' or 1=1 --")}`, {
      as: 'admin',
    });
    expect(search.statusCode).toBe(200);
    expect(search.json().total).toBe(0);
  });

  it('bad ids, unknown routes and internal errors', async () => {
    expect((await t.request('GET', '/api/people/not-a-uuid', { as: 'admin' })).statusCode).toBe(400);
    const missing = await t.request('GET', '/api/nothing-here', { as: 'admin' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('database constraint violations are 4xx', async () => {
    const dup = await t.request('POST', '/api/facilities', {
      as: 'admin',
      body: {
        organisationId: ids.countyAHospital,
        regionId: ids.countyA,
        code: 'FA',
        name: '重复编码',
        level: 'county_hospital',
        lat: 30,
        lon: 92,
        travelHoursToSeat: 1,
      },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('CONFLICT');
  });

  it('random bodies on every write route never cause a 5xx nor change data', {
    timeout: 120_000,
  }, async () => {
    const writes = t.routes.filter(
      (r) =>
        ['POST', 'PATCH', 'PUT', 'DELETE'].includes(r.method) &&
        r.url.startsWith('/api') &&
        !r.url.includes('/auth/'),
    );
    expect(writes.length).toBeGreaterThan(8);
    const before = await count();
    const auditBefore = await t.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...writes),
        fc.oneof(fc.jsonValue(), fc.object(), fc.string()),
        async (route, body) => {
          const url = route.url.replace(':id', ids.localA);
          const payload = typeof body === 'string' ? body : JSON.stringify(body);
          const res = await t.request(route.method as 'POST', url, {
            as: 'admin',
            payload,
            headers: {
              'content-type': route.url.endsWith('/import')
                ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
                : 'application/json',
            },
          });
          expect(
            res.statusCode,
            `${route.method} ${url} ${payload.slice(0, 80)} → ${res.body.slice(0, 200)}`,
          ).toBeLessThan(500);
          if (res.statusCode >= 400) expect(res.json().error.code).toMatch(/^[A-Z_]+$/);
        },
      ),
      { numRuns: 300, seed: 20261129 },
    );
    // Random bodies may accidentally be valid patches (e.g. {} is a no-op); none may create people.
    expect(await count()).toBeLessThanOrEqual(before);
    const auditAfter = await t.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(auditAfter.n)).toBeGreaterThanOrEqual(Number(auditBefore.n));
  });
});
