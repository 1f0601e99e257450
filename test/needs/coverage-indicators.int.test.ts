import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { ids } from '../support/fixture';
import { readXlsx } from '../support/xlsx';

/**
 * The fixture plus a township centre in B1 and a road network laid out by hand:
 *
 *   FA (county A) —1.5 h— FA1 (township A1)        FA —2 h— FB (county B) —1 h— FB1 (township B1)
 *
 * Facilities sit exactly on their junctions, so each reaches the road by a 0.01 h access edge.
 */
let t: TestApp;
const FB1 = '00000000-0000-4000-8000-000000000304';
const FB1_ORG = '00000000-0000-4000-8000-000000000210';
const at = {
  [ids.facilityCountyA]: [92.0, 30.0],
  [ids.facilityTownshipA1]: [92.2, 30.0],
  [ids.facilityCountyB]: [92.0, 30.3],
  [FB1]: [92.0, 30.5],
} as Record<string, [number, number]>;
const line = (a: string, b: string, hours: number) => ({
  type: 'Feature',
  properties: { hours, roadClass: 'county_road' },
  geometry: { type: 'LineString', coordinates: [at[a], at[b]] },
});

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.db;
  await db
    .insertInto('organisations')
    .values({
      programme_id: ids.programme,
      id: FB1_ORG,
      parent_id: ids.countyBCommission,
      path: `/${ids.hq}/${ids.recipientCommission}/${ids.countyBCommission}/${FB1_ORG}/`,
      type: 'township_health_centre',
      side: 'recipient',
      name: '乙一乡卫生院',
      name_en: null,
      region_id: ids.townshipB1,
    })
    .execute();
  await db
    .insertInto('facilities')
    .values({
      programme_id: ids.programme,
      id: FB1,
      organisation_id: FB1_ORG,
      region_id: ids.townshipB1,
      code: 'FB1',
      name: '乙一乡卫生院',
      name_en: null,
      level: 'township_health_centre',
      lat: 30.5,
      lon: 92,
      travel_hours_to_seat: 3,
      beds: 10,
    })
    .execute();
  for (const [id, [lon, lat]] of Object.entries(at)) {
    await db.updateTable('facilities').set({ lat, lon }).where('id', '=', id).execute();
  }
});
afterAll(() => t.close());

const putRoads = (features: unknown[], as = 'admin') =>
  t.request('PUT', '/api/coverage/road-network', { as, body: { type: 'FeatureCollection', features } });

describe('road network and travel times', () => {
  it('imports GeoJSON roads, snapping facilities, and caches travel times per network version', async () => {
    expect(
      (await putRoads([line(ids.facilityCountyA, ids.facilityTownshipA1, 1.5)], 'recipient')).statusCode,
    ).toBe(403);
    const first = await putRoads([
      line(ids.facilityCountyA, ids.facilityTownshipA1, 1.5),
      line(ids.facilityCountyA, ids.facilityCountyB, 2),
    ]);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ nodes: 3 + 4, edges: 2 + 4 });
    const v1 = first.json().version;
    const second = await putRoads([
      line(ids.facilityCountyA, ids.facilityTownshipA1, 1.5),
      line(ids.facilityCountyA, ids.facilityCountyB, 2),
      line(ids.facilityCountyB, FB1, 1),
    ]);
    expect(second.json().version).toBe(v1 + 1);
    const near = await t.request('GET', `/api/coverage/travel-times?facilityId=${ids.facilityCountyA}`, {
      as: 'commander',
    });
    // Within the 3 h cache: FA1 0.01+1.5+0.01, FB 0.01+2+0.01; FB1 (3.02 h) is beyond it.
    expect(near.json().items).toEqual([
      { facilityId: ids.facilityTownshipA1, hours: 1.52 },
      { facilityId: ids.facilityCountyB, hours: 2.02 },
    ]);
    const versions = await t.database.db
      .selectFrom('travel_times')
      .select('network_version')
      .distinct()
      .where('programme_id', '=', ids.programme)
      .execute();
    expect(versions.map((v) => v.network_version)).toEqual([v1 + 1]);
  });
});

describe('coverage', () => {
  it('works out travel time to the nearest provider and population shares by hand', async () => {
    // Anaesthesiology: local staff 扎西甲 at 甲县人民医院 (FA), and the expert deployed there.
    const res = await t.request('GET', '/api/coverage?specialtyCode=anaesthesiology&on=2026-06-01', {
      as: 'commander',
    });
    const body = res.json();
    const byName = Object.fromEntries(
      body.townships.map((r: { townshipName: string }) => [r.townshipName, r]),
    );
    expect(byName['甲一乡']).toMatchObject({
      hours: 1.52,
      nearestProviderId: ids.facilityCountyA,
      population: 8000,
    });
    expect(byName['乙一乡']).toMatchObject({
      hours: 3.02,
      nearestProviderName: '甲县人民医院',
      population: 6000,
    });
    // 14 000 people: none within 1 h; 甲一乡's 8000 within 2 h; everyone within 4 h.
    expect(body.shares).toEqual({
      population: 14_000,
      within: [
        { hours: 1, population: 0, share: 0 },
        { hours: 2, population: 8000, share: 0.571 },
        { hours: 4, population: 14_000, share: 1 },
      ],
    });
    // General surgery: only 次仁乙 at 乙县人民医院 (FB).
    const surgery = (
      await t.request('GET', '/api/coverage?specialtyCode=general_surgery', { as: 'commander' })
    ).json();
    const hours = Object.fromEntries(
      surgery.townships.map((r: { townshipName: string; hours: number }) => [r.townshipName, r.hours]),
    );
    expect(hours).toEqual({ 甲一乡: 3.52, 乙一乡: 1.02 });
  });

  it('shades by open, priority-weighted need and lists the least-served first; a county sees its own', async () => {
    await t.request('POST', '/api/needs', {
      as: 'local',
      body: {
        facilityId: ids.facilityTownshipA1,
        specialtyCode: 'anaesthesiology',
        kind: 'skill_gap',
        title: '无麻醉医师',
        populationAffected: 99,
        urgency: 3,
      },
    });
    const body = (
      await t.request('GET', '/api/coverage?specialtyCode=anaesthesiology', { as: 'commander' })
    ).json();
    expect(body.townships[0]).toMatchObject({ townshipName: '甲一乡', openNeeds: 1, unmetPopulation: 99 });
    // 30 (urgency) + 12.5 (population) + 13.3 (4 h of 6) + waiting ≈ 0.
    expect(body.townships[0].unmetPriority).toBeCloseTo(55.8, 0);
    const county = (
      await t.request('GET', '/api/coverage?specialtyCode=anaesthesiology', { as: 'recipient' })
    ).json();
    expect(county.townships.map((r: { townshipName: string }) => r.townshipName)).toEqual(['甲一乡']);
    const rows = await readXlsx(
      (await t.request('GET', '/api/coverage/export.xlsx?specialtyCode=anaesthesiology', { as: 'commander' }))
        .rawPayload,
    );
    expect(rows.map((r) => r[1])).toEqual(['乡镇', '甲一乡', '乙一乡']);
    const experts = (
      await t.request('GET', '/api/coverage/experts?on=2026-06-01', { as: 'commander' })
    ).json();
    expect(experts.items).toMatchObject([
      { personName: '王援', facilityId: ids.facilityCountyA, lat: 30, lon: 92 },
    ]);
  });
});

describe('indicators', () => {
  it('match values worked out by hand', async () => {
    const db = t.database.db;
    await db.deleteFrom('needs').execute();
    const need = (
      n: number,
      facility: string,
      status: string,
      reported: string,
      resolved: string | null,
    ) => ({
      programme_id: ids.programme,
      id: `00000000-0000-4000-8000-0000000009${String(n).padStart(2, '0')}`,
      facility_id: facility,
      specialty_code: 'anaesthesiology',
      kind: 'skill_gap' as const,
      title: `need ${n}`,
      population_affected: 10,
      urgency: 2,
      remoteness_hours: 1,
      effort_expert_days: null,
      status: status as 'reported',
      status_reason: null,
      merged_into: status === 'merged' ? '00000000-0000-4000-8000-000000000905' : null,
      micro_team_id: null,
      matched_by: null,
      batch_id: null,
      reported_by: null,
      reported_at: new Date(`${reported}T00:00:00Z`),
      triaged_at: null,
      matched_at: null,
      started_at: null,
      resolved_at: resolved ? new Date(`${resolved}T00:00:00Z`) : null,
      verified_at: null,
      closed_at: null,
    });
    await db
      .insertInto('needs')
      .values([
        need(1, ids.facilityTownshipA1, 'resolved', '2026-01-01', '2026-01-11'), // 10 days
        need(2, ids.facilityTownshipA1, 'verified', '2026-01-01', '2026-01-21'), // 20 days
        need(3, ids.facilityTownshipA1, 'reported', '2026-01-05', null),
        need(4, ids.facilityCountyA, 'resolved', '2026-02-01', '2026-02-05'), // 4 days
        need(5, FB1, 'resolved', '2026-03-01', '2026-03-31'), // 30 days
        need(6, FB1, 'rejected', '2026-03-02', null),
        need(7, FB1, 'merged', '2026-03-03', null),
        need(8, ids.facilityCountyB, 'triaged', '2026-03-04', null),
      ])
      .execute();
    const all = (await t.request('GET', '/api/needs/indicators', { as: 'commander' })).json();
    const statusKey = (r: { countyName: string; status: string; needs: number }) =>
      `${r.countyName}:${r.status}:${r.needs}`;
    expect(all.needsByStatusAndCounty.map(statusKey)).toEqual([
      '乙县:merged:1',
      '乙县:rejected:1',
      '乙县:resolved:1',
      '乙县:triaged:1',
      '甲县:reported:1',
      '甲县:resolved:2',
      '甲县:verified:1',
    ]);
    // Medians: 甲县 of {10, 20, 4} = 10; 乙县 of {30} = 30; all of {4, 10, 20, 30} = 15.
    expect(all.medianDaysToResolution).toEqual([
      { countyId: ids.countyB, countyName: '乙县', medianDays: 30, resolved: 1 },
      { countyId: ids.countyA, countyName: '甲县', medianDays: 10, resolved: 3 },
      { countyId: null, countyName: null, medianDays: 15, resolved: 4 },
    ]);
    // Remote townships (centre > 2 h from the seat): 甲一乡 (4 h) and 乙一乡 (3 h); county-seat needs
    // 4 and 8 are not from townships; rejected 6 and merged 7 are left out.
    expect(all.remoteNeedsResolvedShare).toEqual([
      { countyId: ids.countyB, countyName: '乙县', remoteNeeds: 1, resolved: 1, share: 1 },
      { countyId: ids.countyA, countyName: '甲县', remoteNeeds: 3, resolved: 2, share: 0.667 },
      { countyId: null, countyName: null, remoteNeeds: 4, resolved: 3, share: 0.75 },
    ]);
    const countyA = (await t.request('GET', '/api/needs/indicators', { as: 'recipient' })).json();
    expect(countyA.medianDaysToResolution.at(-1)).toMatchObject({ medianDays: 10, resolved: 3 });
    expect(countyA.remoteNeedsResolvedShare.at(-1)).toMatchObject({ remoteNeeds: 3, resolved: 2 });
  });
});
