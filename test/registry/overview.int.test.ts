import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { ids } from '../support/fixture';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const square = (x: number, y: number) => [
  [
    [x, y],
    [x + 1, y],
    [x + 1, y + 1],
    [x, y + 1],
    [x, y],
  ],
];

describe('commander overview and map', () => {
  it('counts the programme at a glance on a given date', async () => {
    const res = await t.request('GET', '/api/dashboard/overview?date=2026-06-01', { as: 'commander' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      currentBatch: { id: ids.batch, number: 10 },
      counts: { expertsOnSite: 1, expertsAllTime: 1, localStaff: 2, facilities: 3, townships: 2, batches: 1 },
      expertsOnSiteByCounty: [{ countyId: ids.countyA, countyName: '甲县', experts: 1 }],
    });
    const after = await t.request('GET', '/api/dashboard/overview?date=2027-06-01', { as: 'commander' });
    expect(after.json()).toMatchObject({
      currentBatch: null,
      counts: { expertsOnSite: 0 },
      expertsOnSiteByCounty: [],
    });
    const countyB = await t.request('GET', '/api/dashboard/overview?date=2026-06-01', { as: 'recipientb' });
    expect(countyB.json().counts).toMatchObject({ expertsOnSite: 0, localStaff: 1, facilities: 1 });
  });

  it('replaces the map with a real GeoJSON and limits facility points to scope', async () => {
    const collection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { name: '甲县', adcode: 540101 },
          geometry: { type: 'Polygon', coordinates: square(91, 29) },
        },
        {
          type: 'Feature',
          properties: { kind: 'facility', facilityId: ids.facilityCountyA, name: '甲县人民医院' },
          geometry: { type: 'Point', coordinates: [91.5, 29.5] },
        },
        {
          type: 'Feature',
          properties: { kind: 'facility', facilityId: ids.facilityCountyB, name: '乙县人民医院' },
          geometry: { type: 'Point', coordinates: [92.5, 29.5] },
        },
        {
          type: 'Feature',
          properties: { travelHours: 1.2 },
          geometry: {
            type: 'LineString',
            coordinates: [
              [91.5, 29.5],
              [92.5, 29.5],
            ],
          },
        },
      ],
    };
    expect((await t.request('PUT', '/api/geo', { as: 'recipient', body: collection })).statusCode).toBe(403);
    const put = await t.request('PUT', '/api/geo', { as: 'admin', body: collection });
    expect(put.json()).toEqual({ features: 4 });
    const all = await t.request('GET', '/api/geo', { as: 'commander' });
    expect(all.json().features.map((f: { properties: { kind: string } }) => f.properties.kind)).toEqual([
      'region',
      'facility',
      'facility',
      'road',
    ]);
    const countyA = await t.request('GET', '/api/geo', { as: 'recipient' });
    const names = countyA.json().features.map((f: { properties: { name?: string } }) => f.properties.name);
    expect(names).toContain('甲县人民医院');
    expect(names).not.toContain('乙县人民医院');
    const bad = await t.request('PUT', '/api/geo', {
      as: 'admin',
      body: {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[500, 1]]] } },
        ],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect((await t.request('GET', '/api/geo', { as: 'commander' })).json().features).toHaveLength(4);
  });
});
