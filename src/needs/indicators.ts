import { type SqlBool, sql } from 'kysely';
import type { Db } from '../db/database';
import { escapeLike } from '../registry/scope';
import type { NeedStatus } from './workflow';

/**
 * Indicators about needs, computed in the database. Each is a named function
 * (db, programmeId, filters) → rows, so the later indicator catalogue can list them as they are.
 * The median and share indicators add a total row whose countyId is null.
 */
export type NeedIndicatorFilters = {
  /** Limit to facilities of this organisation subtree (the account's scope). */
  scopePath?: string | undefined;
  specialtyCode?: string | undefined;
  batchId?: string | undefined;
};

function needsIn(db: Db, programmeId: string, filters: NeedIndicatorFilters) {
  let q = db
    .selectFrom('needs as n')
    .innerJoin('facilities as f', (j) =>
      j.onRef('f.programme_id', '=', 'n.programme_id').onRef('f.id', '=', 'n.facility_id'),
    )
    .innerJoin('regions as r', (j) =>
      j.onRef('r.programme_id', '=', 'f.programme_id').onRef('r.id', '=', 'f.region_id'),
    )
    .leftJoin('regions as county', (j) =>
      j
        .onRef('county.programme_id', '=', 'r.programme_id')
        .on(
          sql<SqlBool>`county.id = case when r.level = 'county' then r.id when r.level = 'township' then r.parent_id end`,
        ),
    )
    .innerJoin('organisations as o', (j) =>
      j.onRef('o.programme_id', '=', 'f.programme_id').onRef('o.id', '=', 'f.organisation_id'),
    )
    .where('n.programme_id', '=', programmeId);
  if (filters.scopePath) q = q.where('o.path', 'like', `${escapeLike(filters.scopePath)}%`);
  if (filters.specialtyCode) q = q.where('n.specialty_code', '=', filters.specialtyCode);
  if (filters.batchId) q = q.where('n.batch_id', '=', filters.batchId);
  return q;
}

export type NeedsByStatusRow = {
  countyId: string | null;
  countyName: string | null;
  status: NeedStatus;
  needs: number;
};

/** How many needs are in each status, per county. */
export async function needsByStatusAndCounty(
  db: Db,
  programmeId: string,
  filters: NeedIndicatorFilters = {},
): Promise<NeedsByStatusRow[]> {
  const rows = await needsIn(db, programmeId, filters)
    .select([
      'county.id as countyId',
      'county.name as countyName',
      'n.status',
      sql<number>`count(*)`.as('needs'),
    ])
    .groupBy(['county.id', 'county.name', 'n.status'])
    .orderBy('county.name')
    .orderBy('n.status')
    .execute();
  return rows.map((r) => ({ ...r, needs: Number(r.needs) }));
}

export type MedianDaysRow = {
  countyId: string | null;
  countyName: string | null;
  medianDays: number | null;
  resolved: number;
};

/** The median number of days from report to resolution of resolved (or verified) needs, per county and overall. */
export async function medianDaysToResolution(
  db: Db,
  programmeId: string,
  filters: NeedIndicatorFilters = {},
): Promise<MedianDaysRow[]> {
  const rows = await needsIn(db, programmeId, filters)
    .where('n.resolved_at', 'is not', null)
    .select([
      'county.id as countyId',
      'county.name as countyName',
      sql<
        number | null
      >`percentile_cont(0.5) within group (order by extract(epoch from (n.resolved_at - n.reported_at)) / 86400)`.as(
        'medianDays',
      ),
      sql<number>`count(*)`.as('resolved'),
      sql<number>`grouping(county.id)`.as('isTotal'),
    ])
    .groupBy(sql`grouping sets ((county.id, county.name), ())`)
    .orderBy(sql`grouping(county.id)`)
    .orderBy('county.name')
    .execute();
  return rows.map(({ isTotal: _t, ...r }) => ({
    ...r,
    medianDays: r.medianDays === null ? null : Math.round(Number(r.medianDays) * 10) / 10,
    resolved: Number(r.resolved),
  }));
}

export type RemoteResolvedRow = {
  countyId: string | null;
  countyName: string | null;
  remoteNeeds: number;
  resolved: number;
  share: number | null;
};

/**
 * Of the needs from townships more than `hours` (default 2) from the prefecture seat, the share
 * that were resolved (status resolved or verified). A township's distance is its health centre's
 * travel time to the seat (the facility's own when the township has no centre). Merged and
 * rejected needs are left out: they were never needs of their own to resolve.
 */
export async function remoteNeedsResolvedShare(
  db: Db,
  programmeId: string,
  filters: NeedIndicatorFilters & { hours?: number } = {},
): Promise<RemoteResolvedRow[]> {
  const hours = filters.hours ?? 2;
  // Townships by their health centre's travel time (a facility's own where a township has none),
  // as uncorrelated sets the planner hashes once rather than a lookup per need.
  const centres = (p: string) =>
    sql`(select c.region_id from facilities c where c.programme_id = ${p} and c.level = 'township_health_centre')`;
  const remoteCentres = sql`(select c.region_id from facilities c where c.programme_id = ${programmeId}
    and c.level = 'township_health_centre' group by c.region_id having min(c.travel_hours_to_seat) > ${hours})`;
  const rows = await needsIn(db, programmeId, filters)
    .where('r.level', '=', 'township')
    .where('n.status', 'not in', ['merged', 'rejected'])
    .where(
      sql<SqlBool>`(f.region_id in ${remoteCentres}
        or (f.travel_hours_to_seat > ${hours} and f.region_id not in ${centres(programmeId)}))`,
    )
    .select([
      'county.id as countyId',
      'county.name as countyName',
      sql<number>`count(*)`.as('remoteNeeds'),
      sql<number>`count(*) filter (where n.status in ('resolved', 'verified'))`.as('resolved'),
    ])
    .groupBy(sql`grouping sets ((county.id, county.name), ())`)
    .orderBy(sql`grouping(county.id)`)
    .orderBy('county.name')
    .execute();
  return rows.map((r) => {
    const remoteNeeds = Number(r.remoteNeeds);
    const resolved = Number(r.resolved);
    return {
      ...r,
      remoteNeeds,
      resolved,
      share: remoteNeeds ? Math.round((resolved / remoteNeeds) * 1000) / 1000 : null,
    };
  });
}
