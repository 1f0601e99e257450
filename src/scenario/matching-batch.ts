import { buildRoadGraph } from '../coverage/shortest-paths';
import type { MatchingFacility, MatchingInput } from '../matching/model';
import { roadTravel } from '../matching/travel';
import { priorityOf } from '../needs/priority';
import type { Random } from './random';
import type { Scenario } from './types';

export type MatchingBatchOptions = { experts: number; needs: number };

/**
 * A team-formation batch at any size on a core scenario, for the matching benchmark: `experts`
 * experts on deployment in the current batch (specialties in the proportions the scenario
 * deploys, based at county and prefecture hospitals and some township centres) and `needs`
 * triaged open needs at recipient facilities (specialties in the same proportions; effort as the
 * needs generator draws it). The needs generator makes ~60 needs a batch per 35 townships, far
 * from a national batch's 20 000 open needs, hence this one. Fork: `scenarioRandom(seed).fork('matching')`.
 */
export function generateMatchingBatch(
  core: Scenario,
  random: Random,
  options: MatchingBatchOptions,
): MatchingInput {
  const batch = core.batches.at(-1) as Scenario['batches'][number];
  const regions = new Map(core.regions.map((r) => [r.id, r]));
  const facilities = new Map<string, MatchingFacility>();
  for (const f of core.facilities) {
    const r = regions.get(f.region_id);
    const parent = r?.parent_id ? regions.get(r.parent_id) : undefined;
    const township = r?.level === 'township';
    facilities.set(f.id, {
      id: f.id,
      name: f.name,
      countyId: township ? (parent?.id ?? null) : r?.level === 'county' ? r.id : null,
      countyName: township ? (parent?.name ?? null) : r?.level === 'county' ? r.name : null,
      townshipName: township ? r.name : null,
      lat: f.lat,
      lon: f.lon,
    });
  }
  const specialtyCount = new Map<string, number>();
  for (const d of core.deployments)
    specialtyCount.set(d.specialty_code, (specialtyCount.get(d.specialty_code) ?? 0) + 1);
  const specialties = [...specialtyCount].sort(([a], [b]) => a.localeCompare(b));
  const recipient = core.facilities.filter((f) => f.level !== 'supporter_hospital');
  const hosts = recipient
    .filter((f) => f.level !== 'village_clinic')
    .map(
      (f) => [f, f.level === 'prefecture_hospital' ? 40 : f.level === 'county_hospital' ? 8 : 0.5] as const,
    );
  const needSites = recipient.map(
    (f) =>
      [
        f,
        f.level === 'township_health_centre'
          ? 6
          : f.level === 'county_hospital'
            ? 5
            : f.level === 'village_clinic'
              ? 0.4
              : 3,
      ] as const,
  );
  const titles = [
    ['chief_physician', 2],
    ['associate_chief_physician', 3],
    ['attending_physician', 4],
    ['nurse_in_charge', 1],
  ] as const;
  const experts = Array.from({ length: options.experts }, (_, i) => ({
    personId: random.uuid(),
    name: `专家${i + 1}`,
    title: random.weighted(titles) as string,
    specialtyCode: random.weighted(specialties),
    baseFacilityId: random.weighted(hosts).id,
    startsOn: batch.starts_on,
    endsOn: batch.ends_on,
  }));
  const planningDay = new Date(`${batch.starts_on}T00:00:00Z`);
  const needs = Array.from({ length: options.needs }, (_, j) => {
    const f = random.weighted(needSites);
    const urgency = random.weighted([
      [1, 2],
      [2, 4],
      [3, 3],
      [4, 1],
    ] as const);
    return {
      id: random.uuid(),
      title: `需求${j + 1}`,
      facilityId: f.id,
      specialtyCode: random.weighted(specialties),
      competencies: [],
      effortDays: random.chance(0.6) ? random.int(1, 24) * 5 : null,
      priority: priorityOf(
        {
          urgency,
          populationAffected: random.int(20, 20_000),
          remotenessHours: f.travel_hours_to_seat,
          reportedAt: new Date(planningDay.getTime() - random.int(0, 200) * 86_400_000),
        },
        planningDay,
      ).score,
    };
  });
  const graph = buildRoadGraph(core.roads.nodes, core.roads.edges);
  const nodeOfFacility = new Map<string, number>();
  for (const n of core.roads.nodes)
    if (n.facilityId) nodeOfFacility.set(n.facilityId, graph.indexOf.get(n.id) as number);
  return {
    planningDate: batch.starts_on,
    horizonEnd: batch.ends_on,
    prefectureHospitalId: core.landmarks.prefectureHospitalFacilityId,
    experts,
    needs,
    facilities,
    specialtyNames: new Map(),
    travel: roadTravel({ graph, nodeOfFacility }),
  };
}
