import { sql } from 'kysely';
import type { Db } from '../db/database';
import { escapeLike } from '../registry/scope';
import {
  type DependenceFigures,
  dipAround,
  isSinglePointOfFailure,
  type Stage,
  type StageReason,
  stageOf,
} from './stage';

/**
 * Dependence and sustainability per facility and service, computed in the database from the
 * monthly service records (local vs aid) and confirmed assessments:
 * - the **local share** in the recent window (the three months up to the latest recorded month
 *   on or before `on`) and the monthly series over the last twelve;
 * - **local staff at level ≥ 4** of the facility (people of its organisation, latest confirmed
 *   level) in any competency of the service's specialty;
 * - the **dip between batches**: for each of the latest three rotations (a batch's start, after
 *   the first batch), local volume in the month of the change and the next vs the three months
 *   before.
 * Services without records in the last twelve months are left out (not delivered any more).
 */
export type ServiceDependence = DependenceFigures & {
  facilityId: string;
  facilityName: string;
  countyId: string | null;
  countyName: string | null;
  /** Population of the facility's area (its township, or its county for a county facility). */
  population: number;
  service: string;
  specialtyCode: string | null;
  localVolume: number;
  series: { month: string; local: number; aid: number }[];
  dips: { batch: number; dip: number | null }[];
  stage: Stage;
  reasons: StageReason[];
  singlePointOfFailure: boolean;
};

type Row = {
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
  staff: number;
  dips: { batch: number; before: number; around: number }[] | null;
};

export type DependenceOptions = {
  on?: string | undefined;
  scopePath?: string | undefined;
  /** Whether to build the monthly series (the dashboard shows it; indicators do not need it). */
  series?: boolean;
};

/** Every facility and service with records, with its figures and stage. */
export async function serviceDependence(
  db: Db,
  programmeId: string,
  options: DependenceOptions = {},
): Promise<ServiceDependence[]> {
  const on = options.on ?? new Date().toISOString().slice(0, 10);
  const scope = options.scopePath
    ? sql`and exists (select 1 from organisations so where so.programme_id = f.programme_id
        and so.id = f.organisation_id and so.path like ${`${escapeLike(options.scopePath)}%`})`
    : sql``;
  const { rows } = await sql<Row>`
    with bounds as (
      select max(month) as last from service_records where programme_id = ${programmeId} and month <= ${on}::date
    ), fs as (
      select sr.facility_id, sr.service, max(sr.specialty_code) as specialty_code,
        coalesce(sum(sr.local_count) filter (where sr.month > b.last - interval '3 months'), 0) as local3,
        coalesce(sum(sr.aid_count) filter (where sr.month > b.last - interval '3 months'), 0) as aid3,
        ${
          options.series === false
            ? sql`null::json`
            : sql`json_agg(json_build_object('month', to_char(sr.month, 'YYYY-MM'), 'local', sr.local_count,
          'aid', sr.aid_count) order by sr.month)`
        } as series
      from service_records sr cross join bounds b
      where sr.programme_id = ${programmeId} and sr.month <= b.last and sr.month > b.last - interval '12 months'
      group by sr.facility_id, sr.service
    ), latest as (
      select distinct on (s.apprentice_id, s.competency_id) s.apprentice_id, s.competency_id, s.level
      from assessments s
      where s.programme_id = ${programmeId} and s.status = 'confirmed' and s.assessed_on <= ${on}::date
      order by s.apprentice_id, s.competency_id, s.assessed_on desc, s.created_at desc
    ), level4 as (
      select lf.id as facility_id, c.specialty_code, count(distinct l.apprentice_id) as staff
      from latest l
      join competencies c on c.programme_id = ${programmeId} and c.id = l.competency_id
      join people pe on pe.programme_id = ${programmeId} and pe.id = l.apprentice_id and pe.kind = 'local_staff'
      join facilities lf on lf.programme_id = ${programmeId} and lf.organisation_id = pe.organisation_id
      where l.level >= 4
      group by lf.id, c.specialty_code
    ), changes as (
      select bt.number, date_trunc('month', bt.starts_on)::date as m
      from batches bt cross join bounds b
      where bt.programme_id = ${programmeId}
        and bt.number > (select min(number) from batches where programme_id = ${programmeId})
        and date_trunc('month', bt.starts_on) + interval '1 month' <= b.last
      order by bt.number desc
      limit 3
    ), dips as (
      select sr.facility_id, sr.service, c.number,
        coalesce(sum(sr.local_count) filter (where sr.month < c.m), 0) / 3.0 as before,
        coalesce(sum(sr.local_count) filter (where sr.month >= c.m), 0) / 2.0 as around
      from service_records sr
      join changes c on sr.month between c.m - interval '3 months' and c.m + interval '1 month'
      where sr.programme_id = ${programmeId}
      group by sr.facility_id, sr.service, c.number
    ), dip_lists as (
      select facility_id, service, json_agg(json_build_object('batch', number, 'before', before, 'around', around)
        order by number) as dips
      from dips group by facility_id, service
    )
    select fs.facility_id, f.name as facility_name, county.id as county_id, county.name as county_name,
      r.population, fs.service, fs.specialty_code, fs.local3, fs.aid3, fs.series,
      coalesce(l4.staff, 0) as staff, dl.dips
    from fs
    join facilities f on f.programme_id = ${programmeId} and f.id = fs.facility_id
    join regions r on r.programme_id = f.programme_id and r.id = f.region_id
    left join regions county on county.programme_id = r.programme_id
      and county.id = case when r.level = 'county' then r.id when r.level = 'township' then r.parent_id end
    left join level4 l4 on l4.facility_id = fs.facility_id and l4.specialty_code = fs.specialty_code
    left join dip_lists dl on dl.facility_id = fs.facility_id and dl.service = fs.service
    where true ${scope}
    order by county.name, f.name, fs.service`.execute(db);

  return rows.map((r) => {
    const localVolume = Number(r.local3);
    const aidVolume = Number(r.aid3);
    const total = localVolume + aidVolume;
    const dips = (r.dips ?? []).map((d) => ({
      batch: d.batch,
      dip: dipAround([Number(d.before)], [Number(d.around)]),
    }));
    const figures: DependenceFigures = {
      localShare: total ? Math.round((localVolume / total) * 1000) / 1000 : null,
      aidVolume,
      localLevel4Staff: Number(r.staff),
      latestDip: dips.length ? (dips[dips.length - 1]?.dip ?? null) : null,
    };
    return {
      facilityId: r.facility_id,
      facilityName: r.facility_name,
      countyId: r.county_id,
      countyName: r.county_name,
      population: Number(r.population ?? 0),
      service: r.service,
      specialtyCode: r.specialty_code,
      localVolume,
      series: r.series ?? [],
      dips,
      ...figures,
      ...stageOf(figures),
      singlePointOfFailure: isSinglePointOfFailure(figures),
    };
  });
}

export type DependenceRisk = ServiceDependence & {
  /** What the risk needs: competencies of the specialty no local staff member holds at level ≥ 4, and whether a mentorship must start. */
  needs: { competencies: { id: string; name: string }[]; startMentorship: boolean };
};

/**
 * The risk list: services that are single points of failure or dip above tolerance at the
 * latest rotation, sorted by population affected (then by aid volume), each with what it needs.
 */
export async function dependenceRisks(
  db: Db,
  programmeId: string,
  rows: ServiceDependence[],
  on = new Date().toISOString().slice(0, 10),
): Promise<DependenceRisk[]> {
  const risky = rows.filter(
    (r) => r.singlePointOfFailure || r.reasons.some((x) => x.code === 'dip_between_batches'),
  );
  if (risky.length === 0) return [];
  const facilities = [...new Set(risky.map((r) => r.facilityId))];
  const [competencies, held, mentorships] = await Promise.all([
    db
      .selectFrom('competencies')
      .select(['id', 'name', 'specialty_code'])
      .where('programme_id', '=', programmeId)
      .where('retired', '=', false)
      .orderBy('code')
      .execute(),
    sql<{ facility_id: string; competency_id: string }>`
      select distinct f.id as facility_id, l.competency_id
      from (select distinct on (s.apprentice_id, s.competency_id) s.apprentice_id, s.competency_id, s.level
        from assessments s where s.programme_id = ${programmeId} and s.status = 'confirmed' and s.assessed_on <= ${on}::date
        order by s.apprentice_id, s.competency_id, s.assessed_on desc, s.created_at desc) l
      join people pe on pe.programme_id = ${programmeId} and pe.id = l.apprentice_id and pe.kind = 'local_staff'
      join facilities f on f.programme_id = ${programmeId} and f.organisation_id = pe.organisation_id
      where l.level >= 4 and f.id = any(${facilities}::uuid[])`.execute(db),
    db
      .selectFrom('mentorships as m')
      .innerJoin('people as mp', (j) =>
        j.onRef('mp.programme_id', '=', 'm.programme_id').onRef('mp.id', '=', 'm.mentor_id'),
      )
      .select(['m.host_facility_id', 'mp.specialty_code'])
      .where('m.programme_id', '=', programmeId)
      .where('m.status', 'in', ['proposed', 'active', 'extended'])
      .where('m.host_facility_id', 'in', facilities)
      .execute(),
  ]);
  const heldSet = new Set(held.rows.map((h) => `${h.facility_id}|${h.competency_id}`));
  const mentored = new Set(mentorships.map((m) => `${m.host_facility_id}|${m.specialty_code}`));
  return risky
    .map((r) => ({
      ...r,
      needs: {
        competencies: competencies
          .filter((c) => c.specialty_code === r.specialtyCode && !heldSet.has(`${r.facilityId}|${c.id}`))
          .map((c) => ({ id: c.id, name: c.name })),
        startMentorship: !mentored.has(`${r.facilityId}|${r.specialtyCode}`),
      },
    }))
    .sort(
      (a, b) =>
        b.population - a.population ||
        b.aidVolume - a.aidVolume ||
        a.facilityName.localeCompare(b.facilityName),
    );
}
