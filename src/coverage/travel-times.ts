import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema';
import { buildRoadGraph, pairsWithin, type RoadGraph } from './shortest-paths';

/** Facility pairs at most this far apart are cached (duplicates look within 1 h; teams travel less than 3). */
export const TRAVEL_CACHE_MAX_HOURS = 3;
// Two-key advisory lock (int4, int4): this class of lock, then the programme.
const TRAVEL_LOCK_CLASS = 7305;
const CHUNK = 20_000;

export type RoadNetworkGraph = {
  version: number;
  graph: RoadGraph;
  seatNode: number | undefined;
  /** The road node of each facility on the network. */
  nodeOfFacility: Map<string, number>;
  facilityOfNode: Map<number, string>;
};

// The network changes rarely and is read on every coverage request: keep the last graph per
// programme in memory, keyed by its version so an import is seen at once.
const graphs = new Map<string, RoadNetworkGraph>();

/** The programme's road network as a graph, or null when it has none. */
export async function loadRoadGraph(db: Kysely<DB>, programmeId: string): Promise<RoadNetworkGraph | null> {
  const network = await db
    .selectFrom('road_networks')
    .select(['version', 'seat_node_id'])
    .where('programme_id', '=', programmeId)
    .executeTakeFirst();
  if (!network) return null;
  const cached = graphs.get(programmeId);
  if (cached?.version === network.version) return cached;
  const [nodes, edges] = await Promise.all([
    db
      .selectFrom('road_nodes')
      .select(['id', 'facility_id'])
      .where('programme_id', '=', programmeId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('road_edges')
      .select(['from_node as from', 'to_node as to', 'hours'])
      .where('programme_id', '=', programmeId)
      .execute(),
  ]);
  const graph = buildRoadGraph(nodes, edges);
  const nodeOfFacility = new Map<string, number>();
  const facilityOfNode = new Map<number, string>();
  for (const n of nodes) {
    if (!n.facility_id) continue;
    const i = graph.indexOf.get(n.id) as number;
    nodeOfFacility.set(n.facility_id, i);
    facilityOfNode.set(i, n.facility_id);
  }
  const loaded = {
    version: network.version,
    graph,
    seatNode: graph.indexOf.get(network.seat_node_id),
    nodeOfFacility,
    facilityOfNode,
  };
  graphs.set(programmeId, loaded);
  return loaded;
}

export type TravelTimeCache = { version: number; pairs: number; computedNow: boolean; millis: number };

/**
 * Makes sure the cached facility-to-facility travel times belong to the current network
 * version, computing them (once, under a lock) when the network is new or has changed.
 * Returns null when the programme has no road network.
 */
export async function ensureTravelTimes(
  db: Kysely<DB>,
  programmeId: string,
): Promise<TravelTimeCache | null> {
  const started = performance.now();
  const current = await db
    .selectFrom('road_networks as rn')
    .leftJoin('travel_time_caches as c', 'c.programme_id', 'rn.programme_id')
    .select(['rn.version', 'c.network_version', 'c.pairs'])
    .where('rn.programme_id', '=', programmeId)
    .executeTakeFirst();
  if (!current) return null;
  if (current.network_version === current.version) {
    return { version: current.version, pairs: current.pairs ?? 0, computedNow: false, millis: 0 };
  }
  const network = await loadRoadGraph(db, programmeId);
  if (!network) return null;
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${TRAVEL_LOCK_CLASS}::int, hashtext(${programmeId}))`.execute(trx);
    const again = await trx
      .selectFrom('travel_time_caches')
      .select(['network_version', 'pairs'])
      .where('programme_id', '=', programmeId)
      .executeTakeFirst();
    if (again?.network_version === network.version) {
      return { version: network.version, pairs: again.pairs, computedNow: false, millis: 0 };
    }
    const pairs = pairsWithin(network.graph, [...network.nodeOfFacility.values()], TRAVEL_CACHE_MAX_HOURS);
    await trx.deleteFrom('travel_times').where('programme_id', '=', programmeId).execute();
    // Three arrays per statement instead of five parameters a row: far fewer round trips.
    for (let i = 0; i < pairs.length; i += CHUNK) {
      const chunk = pairs.slice(i, i + CHUNK);
      await sql`insert into travel_times (programme_id, network_version, from_facility_id, to_facility_id, hours)
        select ${programmeId}::uuid, ${network.version}::int, u.f, u.t, u.h
        from unnest(${chunk.map((p) => network.facilityOfNode.get(p.from))}::uuid[],
          ${chunk.map((p) => network.facilityOfNode.get(p.to))}::uuid[],
          ${chunk.map((p) => Math.round(p.hours * 1000) / 1000)}::real[]) as u(f, t, h)`.execute(trx);
    }
    await trx
      .insertInto('travel_time_caches')
      .values({
        programme_id: programmeId,
        network_version: network.version,
        max_hours: TRAVEL_CACHE_MAX_HOURS,
        pairs: pairs.length,
      })
      .onConflict((oc) =>
        oc.column('programme_id').doUpdateSet({
          network_version: network.version,
          max_hours: TRAVEL_CACHE_MAX_HOURS,
          pairs: pairs.length,
          computed_at: new Date(),
        }),
      )
      .execute();
    return {
      version: network.version,
      pairs: pairs.length,
      computedNow: true,
      millis: Math.round(performance.now() - started),
    };
  });
}

/** Cached travel hours from one facility to every facility within TRAVEL_CACHE_MAX_HOURS. */
export async function travelHoursFrom(
  db: Kysely<DB>,
  programmeId: string,
  facilityId: string,
): Promise<Map<string, number>> {
  const cache = await ensureTravelTimes(db, programmeId);
  if (!cache) return new Map();
  const rows = await db
    .selectFrom('travel_times')
    .select(['to_facility_id', 'hours'])
    .where('programme_id', '=', programmeId)
    .where('network_version', '=', cache.version)
    .where('from_facility_id', '=', facilityId)
    .execute();
  return new Map(rows.map((r) => [r.to_facility_id, Number(r.hours)]));
}
