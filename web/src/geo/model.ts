/**
 * Turns a region's GeoJSON into what the map draws. It accepts the scenario's file (features
 * tagged `properties.kind`) and real boundary files imported later, which tag levels
 * differently (`level: 'city' | 'district'`, adcodes, no ids) or not at all.
 */
export type Position = [number, number];
type Geometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'MultiPoint'; coordinates: Position[] }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'MultiLineString'; coordinates: Position[][] }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };
export type GeoFeature = {
  type: 'Feature';
  geometry: Geometry | null;
  properties: Record<string, unknown> | null;
};
export type GeoCollection = { type: 'FeatureCollection'; features: GeoFeature[] };

export type AreaLevel = 'prefecture' | 'county' | 'township';
export type RoadClass = 'highway' | 'county_road' | 'township_road';
export const roadClasses: RoadClass[] = ['highway', 'county_road', 'township_road'];

export type Area = {
  /** Unique key: the region id when known, else its code or name. */
  key: string;
  regionId: string | null;
  level: AreaLevel;
  name: string;
  nameEn: string | null;
  population: number | null;
  /** Outer rings (holes left out: boundaries are drawn, not filled, at this level). */
  rings: Position[][];
  center: Position;
  bbox: [Position, Position];
  feature: GeoFeature;
};
export type MapFacility = { id: string; name: string; level: string; coord: Position };
export type MapRoad = { roadClass: RoadClass; coords: Position[]; travelHours: number | null };

export type MapModel = {
  /** Areas of the finest level present: the map's clickable regions. */
  areas: Area[];
  areaLevel: AreaLevel | null;
  /** Areas of coarser levels, drawn as boundary lines over the finest ones. */
  outlines: Area[];
  counties: Area[];
  facilities: MapFacility[];
  roads: MapRoad[];
  bbox: [Position, Position] | null;
};

const areaLevels: AreaLevel[] = ['prefecture', 'county', 'township'];
const levelAliases: Record<string, AreaLevel> = {
  prefecture: 'prefecture',
  city: 'prefecture',
  county: 'county',
  district: 'county',
  township: 'township',
  town: 'township',
  street: 'township',
};

const str = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() ? v : typeof v === 'number' ? String(v) : null;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function kindOf(f: GeoFeature): 'area' | 'facility' | 'road' | null {
  const p = f.properties ?? {};
  const kind = str(p.kind);
  const type = f.geometry?.type;
  if (kind === 'facility' || (!kind && (type === 'Point' || type === 'MultiPoint'))) return 'facility';
  if (
    kind === 'road' ||
    (kind && roadClasses.includes(kind as RoadClass)) ||
    type === 'LineString' ||
    type === 'MultiLineString'
  )
    return 'road';
  if (type === 'Polygon' || type === 'MultiPolygon') return 'area';
  if (type === 'Point') return 'facility';
  return null;
}

function areaLevelOf(p: Record<string, unknown>): AreaLevel {
  for (const key of ['kind', 'level']) {
    const alias = levelAliases[str(p[key]) ?? ''];
    if (alias) return alias;
  }
  return 'county';
}

function outerRings(g: Geometry): Position[][] {
  if (g.type === 'Polygon') return g.coordinates.slice(0, 1);
  if (g.type === 'MultiPolygon')
    return g.coordinates.map((poly) => poly[0]).filter((r): r is Position[] => !!r);
  return [];
}

function bboxOf(points: Position[]): [Position, Position] {
  let [minX, minY, maxX, maxY] = [
    Number.POSITIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ];
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return [
    [minX, minY],
    [maxX, maxY],
  ];
}

/** Area-weighted centroid of the largest ring (shoelace formula), where a label reads well. */
function labelPoint(rings: Position[][]): Position {
  let best: Position[] = rings[0] ?? [];
  let bestArea = 0;
  for (const ring of rings) {
    const a = Math.abs(signedArea(ring));
    if (a > bestArea) {
      best = ring;
      bestArea = a;
    }
  }
  const a = signedArea(best);
  if (a === 0) {
    const [[x0, y0], [x1, y1]] = bboxOf(best.length ? best : [[0, 0]]);
    return [(x0 + x1) / 2, (y0 + y1) / 2];
  }
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = best.length - 1; i < best.length; j = i++) {
    const [xi, yi] = best[i] as Position;
    const [xj, yj] = best[j] as Position;
    const cross = xj * yi - xi * yj;
    cx += (xj + xi) * cross;
    cy += (yj + yi) * cross;
  }
  return [cx / (6 * a), cy / (6 * a)];
}

function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Position;
    const [xj, yj] = ring[j] as Position;
    sum += xj * yi - xi * yj;
  }
  return sum / 2;
}

/** Builds the map model; features it cannot place are skipped, never fatal. */
export function buildMapModel(collection: GeoCollection): MapModel {
  const areasByLevel = new Map<AreaLevel, Area[]>();
  const facilities: MapFacility[] = [];
  const roads: MapRoad[] = [];
  const keys = new Set<string>();
  const all: Position[] = [];
  for (const [index, f] of (collection.features ?? []).entries()) {
    if (!f?.geometry) continue;
    const p = f.properties ?? {};
    const kind = kindOf(f);
    if (kind === 'facility') {
      const g = f.geometry;
      const coord =
        g.type === 'Point' ? g.coordinates : g.type === 'MultiPoint' ? g.coordinates[0] : undefined;
      if (!coord) continue;
      facilities.push({
        id: str(p.facilityId) ?? str(p.id) ?? `facility-${index}`,
        name: str(p.name) ?? '',
        level: str(p.level) ?? 'other',
        coord: [coord[0], coord[1]],
      });
    } else if (kind === 'road') {
      const g = f.geometry;
      const lines =
        g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : [];
      const cls = [str(p.roadClass), str(p.kind), str(p.class), str(p.highway)].find((c) =>
        roadClasses.includes(c as RoadClass),
      ) as RoadClass | undefined;
      for (const coords of lines)
        roads.push({ roadClass: cls ?? 'township_road', coords, travelHours: num(p.travelHours) });
    } else if (kind === 'area') {
      const rings = outerRings(f.geometry);
      if (rings.length === 0) continue;
      const level = areaLevelOf(p);
      const name = str(p.name) ?? str(p.NAME) ?? `#${index + 1}`;
      let key = str(p.regionId) ?? str(p.code) ?? str(p.adcode) ?? name;
      if (keys.has(key)) key = `${key}#${index}`;
      keys.add(key);
      const points = rings.flat();
      all.push(...points);
      const area: Area = {
        key,
        regionId: str(p.regionId),
        level,
        name,
        nameEn: str(p.nameEn),
        population: num(p.population),
        rings,
        center: labelPoint(rings),
        bbox: bboxOf(points),
        feature: f,
      };
      areasByLevel.set(level, [...(areasByLevel.get(level) ?? []), area]);
    }
  }
  const present = areaLevels.filter((l) => areasByLevel.has(l));
  const finest = present.at(-1) ?? null;
  return {
    areas: finest ? (areasByLevel.get(finest) ?? []) : [],
    areaLevel: finest,
    outlines: present.filter((l) => l !== finest).flatMap((l) => areasByLevel.get(l) ?? []),
    counties: areasByLevel.get('county') ?? [],
    facilities,
    roads,
    bbox: all.length ? bboxOf(all) : facilities.length ? bboxOf(facilities.map((f) => f.coord)) : null,
  };
}

/** The GeoJSON to register with ECharts: the finest areas, named by their unique key. */
export function registrableMap(model: MapModel) {
  return {
    type: 'FeatureCollection' as const,
    features: model.areas.map((a) => ({
      type: 'Feature' as const,
      properties: { name: a.key },
      geometry: a.feature.geometry,
    })),
  };
}
