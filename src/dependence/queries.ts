import { sql } from 'kysely';
import type { Db } from '../db/database';
import { escapeLike } from '../registry/scope';

/**
 * The three independent parts of the dependence figures, each one query, so serviceDependence
 * runs them side by side on a server (each a third of the work; at scale 50 the single query
 * joining all three took ~200 ms of one core).
 */

export type ServiceRow = {
  facility_id: string;
  facility_name: string;
  county_id: string | null;
  county_name: string | null;
  population: number | null;
  service: string;
  specialty_code: string | null;
  local3: number;
  aid3: number;
  series: { month: string; local: number; aid: number }[] | null;
};

const bounds = (programmeId: string, on: string) => sql`bounds as (
  select max(month) as last from service_records where programme_id = ${programmeId} and month <= ${on}::date)`;

/** Each facility and service with records in the twelve months up to the latest on or before `on`. */
export async function serviceRows(
  db: Db,
  programmeId: string,
  options: { on: string; scopePath?: string | undefined; series: boolean },
): Promise<ServiceRow[]> {
  const scope = options.scopePath
    ? sql`and exists (select 1 from organisations so where so.programme_id = f.programme_id
        and so.id = f.organisation_id and so.path like ${`${escapeLike(options.scopePath)}%`})`
    : sql``;
  const { rows } = await sql<ServiceRow>`
    with ${bounds(programmeId, options.on)}, fs as (
      select sr.facility_id, sr.service, max(sr.specialty_code) as specialty_code,
        coalesce(sum(sr.local_count) filter (where sr.month > b.last - interval '3 months'), 0) as local3,
        coalesce(sum(sr.aid_count) filter (where sr.month > b.last - interval '3 months'), 0) as aid3,
        ${
          options.series
            ? sql`json_agg(json_build_object('month', to_char(sr.month, 'YYYY-MM'), 'local', sr.local_count,
          'aid', sr.aid_count) order by sr.month)`
            : sql`null::json`
        } as series
      from service_records sr cross join bounds b
      where sr.programme_id = ${programmeId} and sr.month <= b.last and sr.month > b.last - interval '12 months'
      group by sr.facility_id, sr.service
    )
    select fs.facility_id, f.name as facility_name, county.id as county_id, county.name as county_name,
      r.population, fs.service, fs.specialty_code, fs.local3, fs.aid3, fs.series
    from fs
    join facilities f on f.programme_id = ${programmeId} and f.id = fs.facility_id
    join regions r on r.programme_id = f.programme_id and r.id = f.region_id
    left join regions county on county.programme_id = r.programme_id
      and county.id = case when r.level = 'county' then r.id when r.level = 'township' then r.parent_id end
    where true ${scope}
    order by county.name, f.name, fs.service`.execute(db);
  return rows;
}

export const staffKey = (facilityId: string, specialtyCode: string) => `${facilityId}|${specialtyCode}`;

/**
 * Local staff whose latest confirmed level (on `on`) in some competency of a specialty is 4 or
 * more, per facility (of their organisation) and specialty; keyed by staffKey.
 */
export async function level4Staff(db: Db, programmeId: string, on: string): Promise<Map<string, number>> {
  const { rows } = await sql<{ facility_id: string; specialty_code: string; staff: number }>`
    with latest as (
      select distinct on (s.apprentice_id, s.competency_id) s.apprentice_id, s.competency_id, s.level
      from assessments s
      where s.programme_id = ${programmeId} and s.status = 'confirmed' and s.assessed_on <= ${on}::date
      order by s.apprentice_id, s.competency_id, s.assessed_on desc, s.created_at desc
    )
    select lf.id as facility_id, c.specialty_code, count(distinct l.apprentice_id) as staff
    from latest l
    join competencies c on c.programme_id = ${programmeId} and c.id = l.competency_id
    join people pe on pe.programme_id = ${programmeId} and pe.id = l.apprentice_id and pe.kind = 'local_staff'
    join facilities lf on lf.programme_id = ${programmeId} and lf.organisation_id = pe.organisation_id
    where l.level >= 4
    group by lf.id, c.specialty_code`.execute(db);
  return new Map(rows.map((r) => [staffKey(r.facility_id, r.specialty_code), Number(r.staff)]));
}

export type DipVolumes = { batch: number; before: number; around: number };
export const dipKey = (facilityId: string, service: string) => `${facilityId}|${service}`;

/**
 * For the latest three rotations (a batch's start, after the first batch, whose month and the
 * next are recorded by `on`): local volume per month in the three months before and in the
 * month of the change and the next, per facility and service (keyed by dipKey), oldest first.
 */
export async function dipVolumes(
  db: Db,
  programmeId: string,
  on: string,
): Promise<Map<string, DipVolumes[]>> {
  const { rows } = await sql<{
    facility_id: string;
    service: string;
    number: number;
    before: number;
    around: number;
  }>`
    with ${bounds(programmeId, on)}, changes as (
      select bt.number, date_trunc('month', bt.starts_on)::date as m
      from batches bt cross join bounds b
      where bt.programme_id = ${programmeId}
        and bt.number > (select min(number) from batches where programme_id = ${programmeId})
        and date_trunc('month', bt.starts_on) + interval '1 month' <= b.last
      order by bt.number desc
      limit 3
    )
    select sr.facility_id, sr.service, c.number,
      coalesce(sum(sr.local_count) filter (where sr.month < c.m), 0) / 3.0 as before,
      coalesce(sum(sr.local_count) filter (where sr.month >= c.m), 0) / 2.0 as around
    from service_records sr
    join changes c on sr.month between c.m - interval '3 months' and c.m + interval '1 month'
    where sr.programme_id = ${programmeId}
    group by sr.facility_id, sr.service, c.number
    order by c.number`.execute(db);
  const byService = new Map<string, DipVolumes[]>();
  for (const r of rows) {
    const key = dipKey(r.facility_id, r.service);
    const list = byService.get(key) ?? [];
    list.push({ batch: Number(r.number), before: Number(r.before), around: Number(r.around) });
    byService.set(key, list);
  }
  return byService;
}
