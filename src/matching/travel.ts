import { shortestHours } from '../coverage/shortest-paths';
import { loadRoadGraph, type RoadNetworkGraph } from '../coverage/travel-times';
import type { Db } from '../db/database';
import type { MatchingFacility, TravelHours } from './model';

/** Without a road network: straight-line distance at this speed, times a detour factor. */
const FALLBACK_KMH = 40;
const DETOUR = 1.3;

/**
 * Travel hours over the programme's road network (the coverage capability's graph, cached per
 * network version): one Dijkstra search per origin facility, done on first use and kept for the
 * proposal. Without a network, straight-line distance at 40 km/h with a 1.3 detour factor.
 */
export async function travelHoursFor(
  db: Db,
  programmeId: string,
  facilities: Map<string, MatchingFacility>,
): Promise<TravelHours> {
  const network = await loadRoadGraph(db, programmeId);
  return network ? roadTravel(network) : straightLineTravel(facilities);
}

export function roadTravel(network: Pick<RoadNetworkGraph, 'graph' | 'nodeOfFacility'>): TravelHours {
  const fromNode = new Map<number, Float64Array>();
  return (from, to) => {
    if (from === to) return 0;
    const a = network.nodeOfFacility.get(from);
    const b = network.nodeOfFacility.get(to);
    if (a === undefined || b === undefined) return null;
    let dist = fromNode.get(a);
    if (!dist) {
      dist = shortestHours(network.graph, [a]);
      fromNode.set(a, dist);
    }
    const h = dist[b] as number;
    return Number.isFinite(h) ? h : null;
  };
}

export function straightLineTravel(facilities: Map<string, MatchingFacility>): TravelHours {
  return (from, to) => {
    const a = facilities.get(from);
    const b = facilities.get(to);
    if (!a || !b) return null;
    const rad = Math.PI / 180;
    const h =
      Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
      Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
    const km = 2 * 6371 * Math.asin(Math.sqrt(h));
    return Math.round(((km * DETOUR) / FALLBACK_KMH) * 100) / 100;
  };
}
