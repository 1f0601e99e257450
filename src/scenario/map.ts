import {
  closeRing,
  type Feature,
  type FeatureCollection,
  type Geometry,
  type Ring,
  signedArea2,
} from './geojson';
import type { FacilityRow, RegionRow, RoadNetwork } from './types';

/**
 * The scenario's map as one GeoJSON FeatureCollection: the prefecture outline, county and
 * township boundaries, facility points and roads (as straight segments between their ends).
 */
export function scenarioMap(
  regions: RegionRow[],
  outlines: Map<string, Ring[]>,
  facilities: FacilityRow[],
  roads: RoadNetwork,
): FeatureCollection {
  const features: Feature[] = [];
  for (const r of regions) {
    const rings = outlines.get(r.id);
    if (!rings) continue;
    features.push({
      type: 'Feature',
      geometry: polygon(rings),
      properties: { level: r.level, regionId: r.id, code: r.code, name: r.name, nameEn: r.name_en },
    });
  }
  for (const f of facilities) {
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [f.lon, f.lat] },
      properties: { facilityId: f.id, level: f.level, name: f.name },
    });
  }
  const at = new Map(roads.nodes.map((n) => [n.id, [n.lon, n.lat] as [number, number]]));
  for (const e of roads.edges) {
    const from = at.get(e.from);
    const to = at.get(e.to);
    if (!from || !to) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: [from, to] },
      properties: { kind: e.kind, travelHours: e.hours },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** Counter-clockwise rings are outer boundaries, clockwise ones holes of the first outer ring. */
function polygon(rings: Ring[]): Geometry {
  const outer = rings.filter((r) => signedArea2(r) > 0).map((r) => [closeRing(r)]);
  const holes = rings.filter((r) => signedArea2(r) <= 0).map(closeRing);
  outer[0]?.push(...holes);
  if (outer.length === 1) return { type: 'Polygon', coordinates: outer[0] as Ring[] };
  return { type: 'MultiPolygon', coordinates: outer };
}
