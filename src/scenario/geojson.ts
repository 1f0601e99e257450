/** The small part of GeoJSON (RFC 7946) the scenario's map uses; positions are [lon, lat]. */
export type Position = [lon: number, lat: number];
export type Ring = Position[];

export type Geometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'Polygon'; coordinates: Ring[] }
  | { type: 'MultiPolygon'; coordinates: Ring[][] };

export type RegionProperties = {
  level: 'prefecture' | 'county' | 'township';
  regionId: string;
  code: string;
  name: string;
  nameEn: string | null;
};
export type FacilityProperties = { facilityId: string; level: string; name: string };
export type RoadProperties = { kind: 'highway' | 'county_road' | 'township_road'; travelHours: number };

export type Feature<P = RegionProperties | FacilityProperties | RoadProperties> = {
  type: 'Feature';
  geometry: Geometry;
  properties: P;
};
export type FeatureCollection = { type: 'FeatureCollection'; features: Feature[] };

/** Closes a ring (RFC 7946 §3.1.6: the first and last positions are equal). */
export const closeRing = (ring: Ring): Ring => [...ring, ring[0] as Position];

/** Even–odd ray casting: is the point inside the ring (closed or not)? */
export function pointInRing(point: Position, ring: Ring): boolean {
  const [x, y] = point;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Position;
    const [xj, yj] = ring[j] as Position;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Twice the signed area (positive when counter-clockwise). */
export function signedArea2(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Position;
    const [xj, yj] = ring[j] as Position;
    sum += (xj - xi) * (yj + yi);
  }
  return sum;
}
