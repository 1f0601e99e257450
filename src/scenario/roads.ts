import { distanceKm, round2 } from './geography';
import type { Position } from './geojson';
import type { Random } from './random';
import type { RoadEdge, RoadKind, RoadNetwork, RoadNode } from './types';

/** Average speed (km/h) and how much longer than the straight line each kind of road winds. */
const roadKinds: Record<RoadKind, { kmh: number; winding: [number, number] }> = {
  highway: { kmh: 70, winding: [1.15, 1.35] },
  county_road: { kmh: 45, winding: [1.25, 1.55] },
  township_road: { kmh: 30, winding: [1.35, 1.75] },
};

export type RoadPlace = { facilityId: string; at: Position };
export type RoadCounty = {
  seat: RoadPlace;
  townships: RoadPlace[];
  villages: { place: RoadPlace; township: number }[];
};

/**
 * Builds the road network: highways from the prefecture seat to the nearest county seats and
 * between neighbouring county seats, a tree of county roads from each county seat to its
 * townships, township-road shortcuts to each township's nearest neighbour, and a track to each
 * village. Travel time to the seat is then a shortest path, so it is consistent by construction.
 */
export function buildRoads(random: Random, seat: RoadPlace, counties: RoadCounty[]): RoadNetwork {
  const nodes: RoadNode[] = [];
  const edges: RoadEdge[] = [];
  const adjacent = new Set<string>();
  const node = (place: RoadPlace): RoadNode => {
    const n = { id: `n${nodes.length}`, lat: place.at[1], lon: place.at[0], facilityId: place.facilityId };
    nodes.push(n);
    return n;
  };
  const connect = (a: RoadNode, b: RoadNode, kind: RoadKind) => {
    if (a.id === b.id || adjacent.has(`${a.id}|${b.id}`)) return;
    adjacent.add(`${a.id}|${b.id}`).add(`${b.id}|${a.id}`);
    const { kmh, winding } = roadKinds[kind];
    const km = distanceKm([a.lon, a.lat], [b.lon, b.lat]) * random.float(winding[0], winding[1]);
    edges.push({ from: a.id, to: b.id, hours: Math.max(0.05, round2(km / kmh)), kind });
  };
  const flat = (a: RoadNode, b: RoadNode) => {
    const dx = (a.lon - b.lon) * Math.cos((a.lat * Math.PI) / 180);
    const dy = a.lat - b.lat;
    return dx * dx + dy * dy;
  };
  /** The k nodes nearest `from` (one linear pass keeping a short sorted list). */
  const nearest = (from: RoadNode, among: RoadNode[], k: number) => {
    const top: { n: RoadNode; d: number }[] = [];
    for (const n of among) {
      if (n.id === from.id) continue;
      const d = flat(from, n);
      if (top.length === k && d >= (top[k - 1] as { d: number }).d) continue;
      let at = top.length;
      while (at > 0 && (top[at - 1] as { d: number }).d > d) at--;
      top.splice(at, 0, { n, d });
      if (top.length > k) top.pop();
    }
    return top.map((x) => x.n);
  };

  const seatNode = node(seat);
  const countySeats = counties.map((c) => node(c.seat));
  const townships = counties.map((c) => c.townships.map(node));
  const allTownships = townships.flat();

  for (const n of nearest(seatNode, countySeats, 4)) connect(seatNode, n, 'highway');
  for (const cs of countySeats) for (const n of nearest(cs, countySeats, 3)) connect(cs, n, 'highway');

  counties.forEach((_, c) => {
    const countySeat = countySeats[c] as RoadNode;
    const connected = [countySeat];
    const waiting = [...(townships[c] as RoadNode[])];
    while (waiting.length > 0) {
      let best = { w: 0, to: countySeat, d: Number.POSITIVE_INFINITY };
      waiting.forEach((t, w) => {
        for (const n of connected) {
          const d = flat(t, n);
          if (d < best.d) best = { w, to: n, d };
        }
      });
      const [t] = waiting.splice(best.w, 1) as [RoadNode];
      connect(best.to, t, 'county_road');
      connected.push(t);
    }
  });
  for (const n of nearest(seatNode, allTownships, 3)) connect(seatNode, n, 'county_road');
  const withSeat = [seatNode, ...allTownships];
  for (const t of allTownships) for (const n of nearest(t, withSeat, 1)) connect(t, n, 'township_road');

  counties.forEach((county, c) => {
    for (const village of county.villages)
      connect(townships[c]?.[village.township] as RoadNode, node(village.place), 'township_road');
  });
  return { seatNodeId: seatNode.id, nodes, edges };
}

/** Shortest travel hours from one node to every node (Dijkstra with a binary heap). */
export function shortestHours(
  network: Pick<RoadNetwork, 'nodes' | 'edges'>,
  from: string,
): Map<string, number> {
  const links = new Map<string, { to: string; hours: number }[]>();
  for (const e of network.edges) {
    links.set(e.from, [...(links.get(e.from) ?? []), { to: e.to, hours: e.hours }]);
    links.set(e.to, [...(links.get(e.to) ?? []), { to: e.from, hours: e.hours }]);
  }
  const best = new Map<string, number>([[from, 0]]);
  const done = new Set<string>();
  const heap: [number, string][] = [[0, from]];
  while (heap.length > 0) {
    const [d, at] = popMin(heap);
    if (done.has(at)) continue;
    done.add(at);
    for (const { to, hours } of links.get(at) ?? []) {
      const via = d + hours;
      if (via < (best.get(to) ?? Number.POSITIVE_INFINITY)) {
        best.set(to, via);
        pushHeap(heap, [via, to]);
      }
    }
  }
  return best;
}

function pushHeap(heap: [number, string][], item: [number, string]) {
  heap.push(item);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if ((heap[parent] as [number, string])[0] <= item[0]) break;
    heap[i] = heap[parent] as [number, string];
    i = parent;
  }
  heap[i] = item;
}

function popMin(heap: [number, string][]): [number, string] {
  const top = heap[0] as [number, string];
  const last = heap.pop() as [number, string];
  if (heap.length > 0) {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      const value = (k: number) => (k === i ? last[0] : (heap[k] as [number, string])[0]);
      if (l < heap.length && value(l) < value(m)) m = l;
      if (r < heap.length && value(r) < value(m)) m = r;
      if (m === i) break;
      heap[i] = heap[m] as [number, string];
      i = m;
    }
    heap[i] = last;
  }
  return top;
}
