import { sql } from 'kysely';
import type { Db } from '../db/database';
import { dipKey, dipVolumes, level4Staff, serviceRows, staffKey } from './queries';
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
  const [rows, staff, dipsByService] = await Promise.all([
    serviceRows(db, programmeId, { on, scopePath: options.scopePath, series: options.series !== false }),
    level4Staff(db, programmeId, on),
    dipVolumes(db, programmeId, on),
  ]);

  return rows.map((r) => {
    const localVolume = Number(r.local3);
    const aidVolume = Number(r.aid3);
    const total = localVolume + aidVolume;
    const dips = (dipsByService.get(dipKey(r.facility_id, r.service)) ?? []).map((d) => ({
      batch: d.batch,
      dip: dipAround([d.before], [d.around]),
    }));
    const figures: DependenceFigures = {
      localShare: total ? Math.round((localVolume / total) * 1000) / 1000 : null,
      aidVolume,
      localLevel4Staff: r.specialty_code ? (staff.get(staffKey(r.facility_id, r.specialty_code)) ?? 0) : 0,
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
