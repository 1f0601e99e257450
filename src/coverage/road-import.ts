import type { RoadClass } from '../db/schema';
import type { RoadNetworkInput } from '../geo/store';

export type RoadLine = {
  coordinates: number[][];
  /** Travel hours along the whole line; when absent, from its length at the road class's speed. */
  hours?: number | undefined;
  roadClass?: RoadClass | undefined;
};
export type SnapFacility = { id: string; lat: number; lon: number; isSeat: boolean };

/** Average speeds used when a line gives no travel hours (km/h), as in the generated network. */
const speedKmh: Record<RoadClass, number> = { highway: 70, county_road: 45, township_road: 30 };
/** Line ends closer than this are one junction. */
export const SNAP_KM = 0.05;
/** A facility reaches its nearest road node at this speed (a track or a walk to the road). */
const ACCESS_KMH = 20;

/** Great-circle distance in km (haversine, mean Earth radius 6371 km). */
export function distanceKm(a: readonly number[], b: readonly number[]): number {
  const rad = Math.PI / 180;
  const [lon1, lat1] = [(a[0] as number) * rad, (a[1] as number) * rad];
  const [lon2, lat2] = [(b[0] as number) * rad, (b[1] as number) * rad];
  const h =
    Math.sin((lat2 - lat1) / 2) ** 2 + Math.cos(lat1) * Math.cos(lat2) * Math.sin((lon2 - lon1) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Turns road lines (GeoJSON LineStrings) into a road network: line ends within SNAP_KM of each
 * other become one junction node, each line one edge between its ends; every facility gets its
 * own node joined to the nearest junction by an access edge. The seat is the seat facility's
 * node. Lines whose ends snap together are dropped; parallel lines keep the fastest.
 */
export function roadNetworkFromLines(
  lines: readonly RoadLine[],
  facilities: readonly SnapFacility[],
): RoadNetworkInput {
  const nodes: RoadNetworkInput['nodes'] = [];
  const cell = (lon: number, lat: number) => `${Math.floor(lon / 0.001)}:${Math.floor(lat / 0.001)}`;
  const grid = new Map<string, number[]>();
  const junction = (p: number[]): string => {
    const [lon, lat] = [p[0] as number, p[1] as number];
    const cx = Math.floor(lon / 0.001);
    const cy = Math.floor(lat / 0.001);
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (const i of grid.get(`${cx + dx}:${cy + dy}`) ?? []) {
          const n = nodes[i] as { lon: number; lat: number; id: string };
          if (distanceKm([n.lon, n.lat], p) <= SNAP_KM) return n.id;
        }
    const id = `j${nodes.length}`;
    const key = cell(lon, lat);
    grid.set(key, [...(grid.get(key) ?? []), nodes.length]);
    nodes.push({ id, lat, lon });
    return id;
  };
  const best = new Map<string, RoadNetworkInput['edges'][number]>();
  for (const line of lines) {
    const first = line.coordinates[0];
    const last = line.coordinates.at(-1);
    if (!first || !last) continue;
    const from = junction(first);
    const to = junction(last);
    if (from === to) continue;
    let km = 0;
    for (let i = 1; i < line.coordinates.length; i++) {
      km += distanceKm(line.coordinates[i - 1] as number[], line.coordinates[i] as number[]);
    }
    const kind = line.roadClass ?? 'township_road';
    const hours = Math.max(0.01, Math.round((line.hours ?? km / speedKmh[kind]) * 1000) / 1000);
    const key = from < to ? `${from}|${to}` : `${to}|${from}`;
    const existing = best.get(key);
    if (!existing || existing.hours > hours) best.set(key, { from, to, hours, kind });
  }
  const edges = [...best.values()];
  const junctions = nodes.length;
  let seatNodeId = nodes[0]?.id ?? '';
  for (const f of facilities) {
    const id = `f:${f.id}`;
    let nearest = -1;
    let nearestKm = Infinity;
    for (let i = 0; i < junctions; i++) {
      const n = nodes[i] as { lon: number; lat: number };
      const km = distanceKm([n.lon, n.lat], [f.lon, f.lat]);
      if (km < nearestKm) {
        nearestKm = km;
        nearest = i;
      }
    }
    nodes.push({ id, lat: f.lat, lon: f.lon, facilityId: f.id });
    if (nearest >= 0) {
      edges.push({
        from: id,
        to: (nodes[nearest] as { id: string }).id,
        hours: Math.max(0.01, Math.round((nearestKm / ACCESS_KMH) * 1000) / 1000),
        kind: 'township_road',
      });
    }
    if (f.isSeat) seatNodeId = id;
  }
  return { seatNodeId, nodes, edges };
}
