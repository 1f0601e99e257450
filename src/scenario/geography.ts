import type { Position, Ring } from './geojson';
import type { Random } from './random';

/**
 * The recipient's invented geography on a high plateau. Counties are the cells of a jittered
 * grid centred on the prefecture seat (neighbouring cells share their jittered corners, so the
 * counties tile the prefecture with no gaps); townships subdivide each county quad along its
 * bilinear iso-lines, which are straight, so they tile the county exactly.
 */

/** The prefecture seat, [lon, lat]. */
export const PREFECTURE_SEAT: Position = [93.05, 29.85];
const CELL_LON = 1.2;
const CELL_LAT = 1.0;
const JITTER = 0.18;

/** Corners counter-clockwise: south-west, south-east, north-east, north-west. */
export type Quad = [Position, Position, Position, Position];

export type TownshipLayout = { quad: Quad; centre: Position };
export type CountyLayout = { quad: Quad; seat: Position; townships: TownshipLayout[] };
export type PrefectureLayout = { counties: CountyLayout[]; outline: Ring[] };

export function bilinear(q: Quad, u: number, v: number): Position {
  const [sw, se, ne, nw] = q;
  const a = (1 - u) * (1 - v);
  const b = u * (1 - v);
  const c = u * v;
  const d = (1 - u) * v;
  return [
    round6(a * sw[0] + b * se[0] + c * ne[0] + d * nw[0]),
    round6(a * sw[1] + b * se[1] + c * ne[1] + d * nw[1]),
  ];
}

/** The sub-quad of `q` between parameters [u0, u1] × [v0, v1]. */
const subQuad = (q: Quad, u0: number, u1: number, v0: number, v1: number): Quad => [
  bilinear(q, u0, v0),
  bilinear(q, u1, v0),
  bilinear(q, u1, v1),
  bilinear(q, u0, v1),
];

/** A point well inside a quad: parameters drawn from the middle part of the unit square. */
export const pointInQuad = (random: Random, q: Quad, margin = 0.25): Position =>
  bilinear(q, random.float(margin, 1 - margin), random.float(margin, 1 - margin));

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(a: Position, b: Position): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Lays out `countyCount` counties around the seat, each with 8–10 townships. */
export function layoutPrefecture(random: Random, countyCount: number): PrefectureLayout {
  const nx = Math.ceil(Math.sqrt(countyCount));
  const ny = Math.ceil(countyCount / nx);
  const lon0 = PREFECTURE_SEAT[0] - (nx * CELL_LON) / 2;
  const lat0 = PREFECTURE_SEAT[1] - (ny * CELL_LAT) / 2;
  const vertices: Position[][] = [];
  for (let i = 0; i <= nx; i++) {
    const column: Position[] = [];
    for (let j = 0; j <= ny; j++) {
      const atSeat = 2 * i === nx && 2 * j === ny;
      const jx = atSeat ? 0 : random.float(-JITTER, JITTER) * CELL_LON;
      const jy = atSeat ? 0 : random.float(-JITTER, JITTER) * CELL_LAT;
      column.push([round6(lon0 + i * CELL_LON + jx), round6(lat0 + j * CELL_LAT + jy)]);
    }
    vertices.push(column);
  }
  const vertex = (i: number, j: number) => vertices[i]?.[j] as Position;

  // The cells nearest the seat become counties (ties broken at random so quadrants vary by seed).
  const cells: { i: number; j: number; d: number; r: number }[] = [];
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny; j++) {
      const dx = (i + 0.5 - nx / 2) * CELL_LON * Math.cos((PREFECTURE_SEAT[1] * Math.PI) / 180);
      const dy = (j + 0.5 - ny / 2) * CELL_LAT;
      cells.push({ i, j, d: Math.round((dx * dx + dy * dy) * 1e6), r: random.next() });
    }
  }
  cells.sort((a, b) => a.d - b.d || a.r - b.r);
  const chosen = cells.slice(0, countyCount);

  const counties = chosen.map(({ i, j }): CountyLayout => {
    const quad: Quad = [vertex(i, j), vertex(i + 1, j), vertex(i + 1, j + 1), vertex(i, j + 1)];
    return {
      quad,
      seat: bilinear(quad, random.float(0.4, 0.6), random.float(0.4, 0.6)),
      townships: townships(random, quad),
    };
  });
  const outline = boundaryRings(
    chosen.map(({ i, j }) => [
      [i, j],
      [i + 1, j],
      [i + 1, j + 1],
      [i, j + 1],
    ]),
    vertex,
  );
  return { counties, outline };
}

/** Splits a county into three strips across, each cut into rows: 8–10 townships in all. */
function townships(random: Random, quad: Quad): TownshipLayout[] {
  const count = random.int(8, 10);
  const rows = [Math.floor(count / 3), Math.floor(count / 3), Math.floor(count / 3)];
  for (let extra = count - 3 * Math.floor(count / 3); extra > 0; extra--) {
    const k = random.int(0, 2);
    rows[k] = (rows[k] ?? 0) + 1;
  }
  const cuts = (n: number) => {
    const at = [0];
    for (let k = 1; k < n; k++) at.push((k + random.float(-0.15, 0.15)) / n);
    at.push(1);
    return at;
  };
  const us = cuts(3);
  const result: TownshipLayout[] = [];
  rows.forEach((n, strip) => {
    const vs = cuts(n);
    const u0 = us[strip] as number;
    const u1 = us[strip + 1] as number;
    for (let k = 0; k < n; k++) {
      const v0 = vs[k] as number;
      const v1 = vs[k + 1] as number;
      const sub = subQuad(quad, u0, u1, v0, v1);
      result.push({ quad: sub, centre: pointInQuad(random, sub, 0.3) });
    }
  });
  return result;
}

type Cell = [number, number][];

/** The outline of a union of grid cells: boundary edges (those not shared) chained into rings. */
function boundaryRings(cells: Cell[], vertex: (i: number, j: number) => Position): Ring[] {
  const key = (p: [number, number]) => `${p[0]},${p[1]}`;
  const edges = new Set<string>();
  for (const cell of cells) {
    for (let k = 0; k < 4; k++)
      edges.add(`${key(cell[k] as [number, number])}>${key(cell[(k + 1) % 4] as [number, number])}`);
  }
  const next = new Map<string, string[]>();
  for (const edge of edges) {
    const [from, to] = edge.split('>') as [string, string];
    if (edges.has(`${to}>${from}`)) continue;
    const list = next.get(from) ?? [];
    list.push(to);
    next.set(from, list);
  }
  const rings: Ring[] = [];
  for (const start of [...next.keys()].sort()) {
    while ((next.get(start)?.length ?? 0) > 0) {
      const ring: Ring = [];
      let at = start;
      do {
        const [i, j] = at.split(',').map(Number) as [number, number];
        ring.push(vertex(i, j));
        const list = next.get(at) as string[];
        at = list.shift() as string;
      } while (at !== start);
      rings.push(ring);
    }
  }
  return rings;
}

export const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
export const round2 = (x: number) => Math.round(x * 100) / 100;
