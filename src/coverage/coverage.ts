import { type SqlBool, sql } from 'kysely';
import type { Actor } from '../auth/actor';
import type { Db } from '../db/database';
import { prioritySql } from '../needs/priority-sql';
import { openStatuses } from '../needs/workflow';
import { escapeLike, orgInScope } from '../registry/scope';
import { type CoverageShares, townshipReach } from './compute';
import { loadRoadGraph } from './travel-times';

export type TownshipCoverage = {
  townshipId: string;
  townshipName: string;
  countyId: string | null;
  countyName: string | null;
  population: number;
  /** Travel hours to the nearest facility providing the specialty (null: none reachable, or no specialty chosen). */
  hours: number | null;
  nearestProviderId: string | null;
  nearestProviderName: string | null;
  openNeeds: number;
  /** Sum of the priority scores of the township's open needs: the map's shading. */
  unmetPriority: number;
  /** Sum of the population affected by the township's open needs. */
  unmetPopulation: number;
};

export type Coverage = {
  specialtyCode: string | null;
  on: string;
  networkVersion: number | null;
  millis: number;
  shares: CoverageShares | null;
  townships: TownshipCoverage[];
};

/**
 * Coverage of one specialty (or, without one, only the unmet need) on a day: for each township
 * in scope, the travel time to the nearest facility where local staff of that specialty work or
 * an expert of it is deployed; the population shares within 1, 2 and 4 hours; and the open,
 * priority-weighted need. Least-served first (most unmet priority, then farthest).
 */
export async function specialtyCoverage(
  db: Db,
  actor: Actor,
  options: { specialtyCode?: string | undefined; on: string; now?: Date },
): Promise<Coverage> {
  const started = performance.now();
  const p = actor.programmeId;
  const now = options.now ?? new Date();
  const scopeLike = `${escapeLike(actor.scopePath)}%`;
  // Plain joins on the organisation path, not a correlated scope test per row: without
  // statistics (fresh PGlite) the planner would run that test townships × facilities times.
  const [network, allTownships, seats, needs] = await Promise.all([
    loadRoadGraph(db, p),
    db
      .selectFrom('regions as t')
      .leftJoin('regions as c', (j) =>
        j.onRef('c.programme_id', '=', 't.programme_id').onRef('c.id', '=', 't.parent_id'),
      )
      .select(['t.id', 't.name', 't.population', 'c.id as countyId', 'c.name as countyName'])
      .where('t.programme_id', '=', p)
      .where('t.level', '=', 'township')
      .orderBy('t.code')
      .execute(),
    // A township's seat: its health centre, else any of its facilities.
    db
      .selectFrom('facilities as f')
      .innerJoin('organisations as o', (j) =>
        j.onRef('o.programme_id', '=', 'f.programme_id').onRef('o.id', '=', 'f.organisation_id'),
      )
      .select(['f.region_id', 'f.id', sql<boolean>`o.path like ${scopeLike}`.as('inScope')])
      .where('f.programme_id', '=', p)
      .orderBy(sql`case when f.level = 'township_health_centre' then 0 else 1 end`)
      .orderBy('f.code')
      .execute(),
    db
      .selectFrom('needs as n')
      .innerJoin('facilities as f', (j) =>
        j.onRef('f.programme_id', '=', 'n.programme_id').onRef('f.id', '=', 'n.facility_id'),
      )
      .select([
        'f.region_id',
        sql<number>`count(*)`.as('openNeeds'),
        sql<number>`sum(${prioritySql('n', now)})`.as('unmetPriority'),
        sql<number>`sum(n.population_affected)`.as('unmetPopulation'),
      ])
      .innerJoin('organisations as o', (j) =>
        j.onRef('o.programme_id', '=', 'f.programme_id').onRef('o.id', '=', 'f.organisation_id'),
      )
      .where('n.programme_id', '=', p)
      .where('n.status', 'in', [...openStatuses])
      .where('o.path', 'like', scopeLike)
      .$if(Boolean(options.specialtyCode), (q) =>
        q.where('n.specialty_code', '=', options.specialtyCode as string),
      )
      .groupBy('f.region_id')
      .execute(),
  ]);
  const seatOf = new Map<string, string>();
  for (const f of seats) if (!seatOf.has(f.region_id)) seatOf.set(f.region_id, f.id);
  // Townships in scope: those with a facility of the account's organisation subtree.
  const scoped = new Set(seats.filter((f) => f.inScope).map((f) => f.region_id));
  const townships = allTownships.filter((t) => scoped.has(t.id));
  const needsOf = new Map(needs.map((n) => [n.region_id, n]));

  let reach: ReturnType<typeof townshipReach> | null = null;
  const providerNames = new Map<string, string>();
  if (network && options.specialtyCode) {
    const providers = await providersOf(db, p, options.specialtyCode, options.on);
    for (const f of providers) providerNames.set(f.id, f.name);
    reach = townshipReach(
      network.graph,
      townships.map((t) => {
        const seat = seatOf.get(t.id);
        return {
          id: t.id,
          population: t.population ?? 0,
          node: seat ? network.nodeOfFacility.get(seat) : undefined,
        };
      }),
      providers.map((f) => network.nodeOfFacility.get(f.id)).filter((n): n is number => n !== undefined),
    );
  }
  const rows = townships.map((t, i): TownshipCoverage => {
    const r = reach?.townships[i];
    const providerId = r?.providerNode != null ? (network?.facilityOfNode.get(r.providerNode) ?? null) : null;
    const n = needsOf.get(t.id);
    return {
      townshipId: t.id,
      townshipName: t.name,
      countyId: t.countyId,
      countyName: t.countyName,
      population: t.population ?? 0,
      hours: r?.hours ?? null,
      nearestProviderId: providerId,
      nearestProviderName: providerId ? (providerNames.get(providerId) ?? null) : null,
      openNeeds: Number(n?.openNeeds ?? 0),
      unmetPriority: Math.round(Number(n?.unmetPriority ?? 0) * 10) / 10,
      unmetPopulation: Number(n?.unmetPopulation ?? 0),
    };
  });
  rows.sort(
    (a, b) =>
      b.unmetPriority - a.unmetPriority ||
      (b.hours ?? Number.POSITIVE_INFINITY) - (a.hours ?? Number.POSITIVE_INFINITY) ||
      a.townshipName.localeCompare(b.townshipName),
  );
  return {
    specialtyCode: options.specialtyCode ?? null,
    on: options.on,
    networkVersion: network?.version ?? null,
    millis: Math.round(performance.now() - started),
    shares: reach?.shares ?? null,
    townships: rows,
  };
}

/** Recipient facilities that provide a specialty on a day: local staff of it, or an expert of it deployed there. */
export function providersOf(db: Db, programmeId: string, specialtyCode: string, on: string) {
  return db
    .selectFrom('facilities as f')
    .select(['f.id', 'f.name'])
    .where('f.programme_id', '=', programmeId)
    .where('f.level', '<>', 'supporter_hospital')
    .where(
      sql<SqlBool>`(exists (select 1 from people lp where lp.programme_id = f.programme_id
          and lp.organisation_id = f.organisation_id and lp.kind = 'local_staff' and lp.specialty_code = ${specialtyCode})
        or exists (select 1 from deployments d where d.programme_id = f.programme_id and d.host_facility_id = f.id
          and d.specialty_code = ${specialtyCode} and d.starts_on <= ${on} and d.ends_on >= ${on}))`,
    )
    .execute();
}

/** Experts on site on a day, with where they are (for the map), limited like deployments to the scope. */
export async function deployedExperts(
  db: Db,
  actor: Actor,
  options: { specialtyCode?: string | undefined; on: string },
) {
  return db
    .selectFrom('deployments as d')
    .innerJoin('facilities as f', (j) =>
      j.onRef('f.programme_id', '=', 'd.programme_id').onRef('f.id', '=', 'd.host_facility_id'),
    )
    .innerJoin('people as p', (j) =>
      j.onRef('p.programme_id', '=', 'd.programme_id').onRef('p.id', '=', 'd.person_id'),
    )
    .select([
      'd.id as deploymentId',
      'p.full_name as personName',
      'd.specialty_code as specialtyCode',
      'd.term',
      'f.id as facilityId',
      'f.name as facilityName',
      'f.lat',
      'f.lon',
    ])
    .where('d.programme_id', '=', actor.programmeId)
    .where('d.starts_on', '<=', options.on)
    .where('d.ends_on', '>=', options.on)
    .where((eb) =>
      eb.or([orgInScope('d.home_organisation_id', actor), orgInScope('f.organisation_id', actor)]),
    )
    .$if(Boolean(options.specialtyCode), (q) =>
      q.where('d.specialty_code', '=', options.specialtyCode as string),
    )
    .orderBy('f.name')
    .orderBy('p.full_name')
    .limit(5000)
    .execute();
}
