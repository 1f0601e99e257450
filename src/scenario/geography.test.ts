import { describe, expect, it } from 'vitest';
import { generateScenario, scenarioGeo } from './generate';
import { type Feature, type Geometry, type Position, pointInRing, type RegionProperties } from './geojson';
import { Random } from './random';
import { shortestHours } from './roads';

const scenario = generateScenario({ seed: 1, scale: 1 });
const geo = scenarioGeo(scenario);

const regionFeature = (regionId: string) =>
  geo.features.find((f) => 'regionId' in f.properties && f.properties.regionId === regionId) as
    | Feature<RegionProperties>
    | undefined;
const inside = (point: Position, geometry: Geometry | undefined): boolean => {
  if (geometry?.type === 'Polygon') return pointInRing(point, geometry.coordinates[0] ?? []);
  if (geometry?.type === 'MultiPolygon')
    return geometry.coordinates.some((p) => pointInRing(point, p[0] ?? []));
  return false;
};

describe('scenario geography', () => {
  it('places the prefecture on the high plateau', () => {
    for (const r of scenario.regions.filter((x) => x.level !== 'prefecture')) {
      expect(r.lat).toBeGreaterThan(27.5);
      expect(r.lat).toBeLessThan(32.5);
      expect(r.lon).toBeGreaterThan(89.5);
      expect(r.lon).toBeLessThan(96.5);
    }
  });

  it('puts every township inside its county, its own outline and the prefecture', () => {
    const prefecture = regionFeature(scenario.landmarks.prefectureRegionId);
    const townships = scenario.regions.filter((r) => r.level === 'township');
    expect(townships.length).toBeGreaterThan(0);
    for (const t of townships) {
      const point: Position = [t.lon ?? 0, t.lat ?? 0];
      expect(inside(point, regionFeature(t.parent_id ?? '')?.geometry)).toBe(true);
      expect(inside(point, regionFeature(t.id)?.geometry)).toBe(true);
      expect(inside(point, prefecture?.geometry)).toBe(true);
    }
    // ... and in no other county.
    const counties = scenario.regions.filter((r) => r.level === 'county');
    for (const t of townships) {
      const holders = counties.filter((c) => inside([t.lon ?? 0, t.lat ?? 0], regionFeature(c.id)?.geometry));
      expect(holders.map((c) => c.id)).toEqual([t.parent_id]);
    }
  });

  it('has closed polygon rings, facility points and roads in the map', () => {
    const kinds = new Map<string, number>();
    for (const f of geo.features) {
      kinds.set(f.geometry.type, (kinds.get(f.geometry.type) ?? 0) + 1);
      if (f.geometry.type === 'Polygon') {
        const ring = f.geometry.coordinates[0] ?? [];
        expect(ring[0]).toEqual(ring.at(-1));
      }
    }
    expect(kinds.get('Point')).toBe(scenario.facilities.length);
    expect(kinds.get('LineString')).toBe(scenario.roads.edges.length);
    expect((kinds.get('Polygon') ?? 0) + (kinds.get('MultiPolygon') ?? 0)).toBe(scenario.regions.length);
    const roadKinds = new Set(scenario.roads.edges.map((e) => e.kind));
    expect(roadKinds).toEqual(new Set(['highway', 'county_road', 'township_road']));
  });

  it('gives travel hours equal to the shortest road path to the seat', () => {
    const hours = shortestHours(scenario.roads, scenario.roads.seatNodeId);
    const byFacility = new Map(scenario.roads.nodes.map((n) => [n.facilityId, hours.get(n.id)]));
    const recipient = scenario.facilities.filter((f) => f.level !== 'supporter_hospital');
    for (const f of recipient) {
      const path = byFacility.get(f.id);
      expect(path).toBeDefined();
      expect(Math.abs(f.travel_hours_to_seat - (path ?? -1))).toBeLessThanOrEqual(0.005 + 1e-9);
    }
    expect(byFacility.get(scenario.landmarks.prefectureHospitalFacilityId)).toBe(0);
    for (const f of scenario.facilities.filter((x) => x.level === 'supporter_hospital')) {
      expect(f.travel_hours_to_seat).toBeGreaterThanOrEqual(30);
    }
  });

  it('has near townships (under an hour) and remote ones (3–6 h) whatever the seed', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const hours = generateScenario({ seed, scale: 1 })
        .facilities.filter((f) => f.level === 'township_health_centre')
        .map((f) => f.travel_hours_to_seat);
      expect(hours.some((h) => h < 1)).toBe(true);
      expect(hours.filter((h) => h >= 3).length).toBeGreaterThanOrEqual(3);
      expect(Math.max(...hours)).toBeLessThanOrEqual(6.5);
    }
  });
});

describe('Random', () => {
  it('repeats per seed and label, and forks independent streams', () => {
    const a = new Random(42, 'x');
    const b = new Random(42, 'x');
    const draws = Array.from({ length: 5 }, () => a.uint32());
    expect(Array.from({ length: 5 }, () => b.uint32())).toEqual(draws);
    expect(new Random(42, 'y').uint32()).not.toBe(draws[0]);
    expect(new Random(43, 'x').uint32()).not.toBe(draws[0]);
    expect(new Random(42).fork('needs').uint32()).toBe(new Random(42).fork('needs').uint32());
  });

  it('makes valid version-4 UUIDs and integers in range', () => {
    const r = new Random(7);
    for (let k = 0; k < 200; k++) {
      expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const n = r.int(3, 6);
      expect(n >= 3 && n <= 6 && Number.isInteger(n)).toBe(true);
    }
  });
});
