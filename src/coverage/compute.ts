import { type RoadGraph, shortestHours } from './shortest-paths';

/** Population shares are reported within these travel times (hours). */
export const COVERAGE_THRESHOLDS = [1, 2, 4] as const;

export type CoverageTownship = { id: string; population: number; node: number | undefined };
export type TownshipReach = { id: string; hours: number | null; providerNode: number | null };
export type CoverageShares = {
  population: number;
  within: { hours: number; population: number; share: number }[];
};

/**
 * For each township, the travel time from its seat (its health centre's road node) to the
 * nearest facility that provides the service, by one multi-source Dijkstra from all providers;
 * and the share of the population within each threshold. Townships off the network, or with no
 * provider reachable, count as beyond every threshold (hours null).
 */
export function townshipReach(
  graph: RoadGraph,
  townships: readonly CoverageTownship[],
  providerNodes: Iterable<number>,
): { townships: TownshipReach[]; shares: CoverageShares } {
  const origin = new Int32Array(graph.nodeIds.length);
  const dist = shortestHours(graph, providerNodes, Infinity, origin);
  const reach = townships.map((t): TownshipReach => {
    const h = t.node === undefined ? Infinity : (dist[t.node] as number);
    return Number.isFinite(h)
      ? { id: t.id, hours: Math.round(h * 100) / 100, providerNode: origin[t.node as number] as number }
      : { id: t.id, hours: null, providerNode: null };
  });
  const population = townships.reduce((s, t) => s + t.population, 0);
  const within = COVERAGE_THRESHOLDS.map((hours) => {
    let covered = 0;
    reach.forEach((r, i) => {
      if (r.hours !== null && r.hours <= hours) covered += (townships[i] as CoverageTownship).population;
    });
    return {
      hours,
      population: covered,
      share: population ? Math.round((covered / population) * 1000) / 1000 : 0,
    };
  });
  return { townships: reach, shares: { population, within } };
}
