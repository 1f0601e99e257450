import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { ids } from '../support/fixture';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('deny by default', () => {
  it('every route declares a policy', () => {
    const api = t.routes.filter((r) => r.url.startsWith('/api') && r.method !== 'HEAD');
    expect(api.length).toBeGreaterThan(20);
    const missing = api.filter((r) => !r.policy);
    expect(missing).toEqual([]);
  });

  it('refuses to register a route without a policy', async () => {
    const { buildApp } = await import('../../src/http/app');
    const { app } = await buildApp({ config: t.config, database: t.database, logger: false });
    expect(() => app.get('/api/unguarded', async () => ({ ok: true }))).toThrow(/declares no policy/);
    await app.close();
  });

  it('answers 401 to anonymous calls of every non-public route', async () => {
    const guarded = t.routes.filter(
      (r) => r.url.startsWith('/api') && r.policy && r.policy !== 'public' && r.method !== 'HEAD',
    );
    for (const route of guarded) {
      const url = route.url.replace(':id', ids.expert);
      const res = await t.app.inject({ method: route.method as 'GET', url });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });
});

describe('organisation scope', () => {
  it('a county cadre sees only their county', async () => {
    const people = await t.request('GET', '/api/people?pageSize=100', { as: 'recipient' });
    const names = people
      .json()
      .items.map((p: { fullName: string }) => p.fullName)
      .sort();
    // Local staff of county A and the expert deployed to county A; not county B's staff.
    expect(names).toEqual(['扎西甲', '王援'].sort());
    const facilities = await t.request('GET', '/api/facilities?pageSize=100', { as: 'recipient' });
    expect(
      facilities
        .json()
        .items.map((f: { id: string }) => f.id)
        .sort(),
    ).toEqual([ids.facilityCountyA, ids.facilityTownshipA1].sort());
    const orgs = await t.request('GET', '/api/organisations', { as: 'recipient' });
    expect(orgs.json().items.every((o: { id: string }) => o.id !== ids.countyBHospital)).toBe(true);
  });

  it("a county cadre can neither read nor change another county's records", async () => {
    expect((await t.request('GET', `/api/people/${ids.localB}`, { as: 'recipient' })).statusCode).toBe(404);
    expect(
      (await t.request('GET', `/api/facilities/${ids.facilityCountyB}`, { as: 'recipient' })).statusCode,
    ).toBe(404);
    const edit = await t.request('PATCH', `/api/people/${ids.localB}`, {
      as: 'recipient',
      body: { fullName: '改名' },
    });
    expect(edit.statusCode).toBe(404);
    const del = await t.request('DELETE', `/api/people/${ids.localB}`, { as: 'recipient' });
    expect(del.statusCode).toBe(404);
    const editFacility = await t.request('PATCH', `/api/facilities/${ids.facilityCountyB}`, {
      as: 'recipient',
      body: { beds: 1 },
    });
    expect(editFacility.statusCode).toBe(404);
    const plant = await t.request('POST', '/api/people', {
      as: 'recipient',
      body: { organisationId: ids.countyBHospital, kind: 'local_staff', fullName: '越界' },
    });
    expect(plant.statusCode).toBe(400);
    const moveOut = await t.request('PATCH', `/api/people/${ids.localA}`, {
      as: 'recipient',
      body: { organisationId: ids.countyBHospital },
    });
    expect(moveOut.statusCode).toBe(400);
    const unchanged = await t.database.db
      .selectFrom('people')
      .select(['full_name', 'organisation_id'])
      .where('id', 'in', [ids.localA, ids.localB])
      .orderBy('full_name')
      .execute();
    expect(unchanged).toEqual([
      { full_name: '扎西甲', organisation_id: ids.countyAHospital },
      { full_name: '次仁乙', organisation_id: ids.countyBHospital },
    ]);
  });

  it('the supporter cadre sees their experts and deployments but not local staff', async () => {
    const people = await t.request('GET', '/api/people', { as: 'supporter' });
    expect(people.json().items.map((p: { id: string }) => p.id)).toEqual([ids.expert]);
    const deployments = await t.request('GET', '/api/deployments', { as: 'supporter' });
    expect(deployments.json().total).toBe(1);
    expect((await t.request('GET', '/api/deployments', { as: 'recipientb' })).json().total).toBe(0);
  });

  it('local staff cannot reach the people registry and viewers cannot write', async () => {
    expect((await t.request('GET', '/api/people', { as: 'local' })).statusCode).toBe(403);
    expect((await t.request('GET', '/api/deployments', { as: 'local' })).statusCode).toBe(403);
    const write = await t.request('POST', '/api/people', {
      as: 'viewer',
      body: { organisationId: ids.countyAHospital, kind: 'local_staff', fullName: '旁观' },
    });
    expect(write.statusCode).toBe(403);
    expect((await t.request('GET', '/api/audit', { as: 'commander' })).statusCode).toBe(403);
  });

  it('masks phone numbers for accounts that cannot edit people', async () => {
    const asViewer = await t.request('GET', `/api/people/${ids.localA}`, { as: 'viewer' });
    expect(asViewer.json().phone).toBe('138****8000');
    const asCadre = await t.request('GET', `/api/people/${ids.localA}`, { as: 'recipient' });
    expect(asCadre.json().phone).toBe('13800138000');
  });
});
