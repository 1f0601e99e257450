import type { Transaction } from 'kysely';
import type { DB, MapFeatureKind, RoadClass } from '../db/schema';

export type GeoFeature = {
  type: 'Feature';
  properties: Record<string, unknown> | null;
  geometry: { type: string; coordinates: unknown };
};
export type GeoCollection = { type: 'FeatureCollection'; features: GeoFeature[] };
export type RoadNetworkInput = {
  seatNodeId: string;
  nodes: { id: string; lat: number; lon: number; facilityId?: string | undefined }[];
  edges: { from: string; to: string; hours: number; kind?: RoadClass | undefined }[];
};

const kinds = new Set<MapFeatureKind>(['prefecture', 'county', 'township', 'region', 'facility', 'road']);

const roadClasses = new Set(['highway', 'county_road', 'township_road']);

/** The kind a feature is stored as: its `kind` (or region `level`) property when known, else by geometry. */
export function featureKind(f: GeoFeature): MapFeatureKind {
  for (const declared of [f.properties?.kind, f.properties?.level]) {
    if (typeof declared === 'string' && kinds.has(declared as MapFeatureKind))
      return declared as MapFeatureKind;
  }
  if (f.geometry.type === 'Point' || f.geometry.type === 'MultiPoint') return 'facility';
  if (f.geometry.type === 'LineString' || f.geometry.type === 'MultiLineString') return 'road';
  return 'region';
}

const CHUNK = 500;

/** Replaces a programme's map with a FeatureCollection. */
export async function saveMapFeatures(
  trx: Transaction<DB>,
  programmeId: string,
  collection: GeoCollection,
): Promise<number> {
  await trx.deleteFrom('map_features').where('programme_id', '=', programmeId).execute();
  for (let i = 0; i < collection.features.length; i += CHUNK) {
    const rows = collection.features.slice(i, i + CHUNK).map((f) => ({
      programme_id: programmeId,
      kind: featureKind(f),
      properties: JSON.stringify(normaliseProperties(f)),
      geometry: JSON.stringify(f.geometry),
    }));
    await trx.insertInto('map_features').values(rows).execute();
  }
  return collection.features.length;
}

/** Replaces a programme's road network and returns its new, higher version (cached travel times become stale). */
export async function saveRoadNetwork(
  trx: Transaction<DB>,
  programmeId: string,
  network: RoadNetworkInput,
): Promise<number> {
  // Read the version before the row goes: the new network's version must be higher.
  const previous = await trx
    .selectFrom('road_networks')
    .select('version')
    .where('programme_id', '=', programmeId)
    .executeTakeFirst();
  await trx.deleteFrom('road_networks').where('programme_id', '=', programmeId).execute();
  await trx.deleteFrom('road_edges').where('programme_id', '=', programmeId).execute();
  await trx.deleteFrom('road_nodes').where('programme_id', '=', programmeId).execute();
  for (let i = 0; i < network.nodes.length; i += CHUNK) {
    await trx
      .insertInto('road_nodes')
      .values(
        network.nodes.slice(i, i + CHUNK).map((n) => ({
          programme_id: programmeId,
          id: n.id,
          lat: n.lat,
          lon: n.lon,
          facility_id: n.facilityId ?? null,
        })),
      )
      .execute();
  }
  for (let i = 0; i < network.edges.length; i += CHUNK) {
    await trx
      .insertInto('road_edges')
      .values(
        network.edges.slice(i, i + CHUNK).map((e) => ({
          programme_id: programmeId,
          from_node: e.from,
          to_node: e.to,
          hours: e.hours,
          road_class: e.kind ?? 'township_road',
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return trx
    .insertInto('road_networks')
    .values({
      programme_id: programmeId,
      seat_node_id: network.seatNodeId,
      version: (previous?.version ?? 0) + 1,
    })
    .returning('version')
    .executeTakeFirstOrThrow()
    .then((r) => r.version);
}

/** Road features name their class `roadClass` (a generated map says `kind: 'highway'`, say). */
function normaliseProperties(f: GeoFeature): Record<string, unknown> {
  const properties = { ...(f.properties ?? {}) };
  if (typeof properties.kind === 'string' && roadClasses.has(properties.kind)) {
    properties.roadClass = properties.kind;
    delete properties.kind;
  }
  return properties;
}
