import type { Db } from '../db/database';
import { notFound } from '../errors';
import { priorityOf } from '../needs/priority';
import type { MatchingFacility, MatchingInput } from './model';
import type { MatchingRules } from './rules';
import { travelHoursFor } from './travel';

/** The planning window of a proposal: the rules' dates, else from today (or the batch start) to the batch end. */
export function planningWindow(
  batch: { starts_on: string; ends_on: string },
  rules: Pick<MatchingRules, 'planningDate' | 'horizonEnd'>,
  today: string,
) {
  const planningDate = rules.planningDate ?? (today > batch.starts_on ? today : batch.starts_on);
  return { planningDate, horizonEnd: rules.horizonEnd ?? batch.ends_on };
}

/**
 * Reads what team formation needs for a batch: experts on deployment in the planning window
 * (base = host facility), every triaged need of the programme with its priority on the planning
 * date, the facilities with their county and township, and road travel times.
 */
export async function loadMatchingInput(
  db: Db,
  programmeId: string,
  batchId: string,
  rules: MatchingRules,
  now: Date,
): Promise<MatchingInput> {
  const batch = await db
    .selectFrom('batches')
    .select(['starts_on', 'ends_on'])
    .where('programme_id', '=', programmeId)
    .where('id', '=', batchId)
    .executeTakeFirst();
  if (!batch) throw notFound('Batch');
  const { planningDate, horizonEnd } = planningWindow(batch, rules, now.toISOString().slice(0, 10));
  const [experts, needs, facilities, specialties] = await Promise.all([
    db
      .selectFrom('deployments as d')
      .innerJoin('people as p', (j) =>
        j.onRef('p.programme_id', '=', 'd.programme_id').onRef('p.id', '=', 'd.person_id'),
      )
      .select([
        'p.id as personId',
        'p.full_name as name',
        'p.title',
        'd.specialty_code as specialtyCode',
        'd.host_facility_id as baseFacilityId',
        'd.starts_on as startsOn',
        'd.ends_on as endsOn',
      ])
      .where('d.programme_id', '=', programmeId)
      .where('d.batch_id', '=', batchId)
      .where('d.starts_on', '<=', horizonEnd)
      .where('d.ends_on', '>=', planningDate)
      .orderBy('p.id')
      .execute(),
    db
      .selectFrom('needs')
      .select([
        'id',
        'title',
        'facility_id',
        'specialty_code',
        'competencies',
        'effort_expert_days',
        'urgency',
        'population_affected',
        'remoteness_hours',
        'reported_at',
      ])
      .where('programme_id', '=', programmeId)
      .where('status', '=', 'triaged')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('facilities as f')
      .innerJoin('regions as r', (j) =>
        j.onRef('r.programme_id', '=', 'f.programme_id').onRef('r.id', '=', 'f.region_id'),
      )
      .leftJoin('regions as parent', (j) =>
        j.onRef('parent.programme_id', '=', 'r.programme_id').onRef('parent.id', '=', 'r.parent_id'),
      )
      .select([
        'f.id',
        'f.name',
        'f.level',
        'f.lat',
        'f.lon',
        'r.level as regionLevel',
        'r.id as regionId',
        'r.name as regionName',
        'parent.id as parentId',
        'parent.name as parentName',
      ])
      .where('f.programme_id', '=', programmeId)
      .execute(),
    db.selectFrom('specialties').select(['code', 'name_zh', 'name_en']).execute(),
  ]);
  const facilityMap = new Map<string, MatchingFacility>();
  for (const f of facilities) {
    const inTownship = f.regionLevel === 'township';
    facilityMap.set(f.id, {
      id: f.id,
      name: f.name,
      countyId: inTownship ? f.parentId : f.regionLevel === 'county' ? f.regionId : null,
      countyName: inTownship ? f.parentName : f.regionLevel === 'county' ? f.regionName : null,
      townshipName: inTownship ? f.regionName : null,
      lat: Number(f.lat),
      lon: Number(f.lon),
    });
  }
  const planningDay = new Date(`${planningDate}T00:00:00Z`);
  return {
    planningDate,
    horizonEnd,
    prefectureHospitalId: facilities.find((f) => f.level === 'prefecture_hospital')?.id ?? null,
    // An expert with two deployments in the batch counts once (the first by id order).
    experts: [
      ...new Map(experts.map((e) => [e.personId, { ...e, title: e.title ?? null }] as const)).values(),
    ],
    needs: needs.map((n) => ({
      id: n.id,
      title: n.title,
      facilityId: n.facility_id,
      specialtyCode: n.specialty_code,
      competencies: n.competencies,
      effortDays: n.effort_expert_days === null ? null : Number(n.effort_expert_days),
      priority: priorityOf(
        {
          urgency: n.urgency,
          populationAffected: n.population_affected,
          remotenessHours: Number(n.remoteness_hours),
          reportedAt: new Date(n.reported_at),
        },
        planningDay,
      ).score,
    })),
    facilities: facilityMap,
    specialtyNames: new Map(specialties.map((s) => [s.code, { zh: s.name_zh, en: s.name_en }])),
    travel: await travelHoursFor(db, programmeId, facilityMap),
  };
}
