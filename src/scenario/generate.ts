import type { Role } from '../db/schema';
import type { FeatureCollection } from './geojson';
import { scenarioMap } from './map';
import { generatePlaces, type Places } from './places';
import { Random } from './random';
import { generateStaffing, type Staffing } from './staffing';
import type { DemoUserRow, PersonRow, ProgrammeRow, Scenario } from './types';

export { DEMO_TODAY } from './staffing';
export type { Scenario } from './types';

export type ScenarioOptions = {
  /** Any integer; the same seed and scale always give the same scenario. */
  seed: number;
  /** 1 is the demo (4 counties, ~35 townships, ~94 experts); larger grows toward national size. */
  scale: number;
};

/** The seed and scale of the demo the platform ships with (`zutuan scenario load` defaults). */
export const DEMO_SEED = 1;
export const DEMO_SCALE = 1;

/** The demo accounts' usernames, by role. */
export const DEMO_USERNAMES = {
  admin: 'admin',
  commander: 'commander',
  supporter: 'supporter',
  recipient: 'recipient',
  expert: 'expert',
  local: 'local',
  viewer: 'viewer',
} as const;

/**
 * Generates the core demo scenario: the programme J省 → K地区, its regions, organisations,
 * facilities, people, ten batches with their deployments, demo accounts, map and roads.
 *
 * Every part draws from its own stream `scenarioRandom(seed).fork(part)`. Later generators
 * (needs, mentorships, service records, …) take the core `Scenario` and their own fork, e.g.
 * `generateNeeds(core, scenarioRandom(seed).fork('needs'))`, so adding them never changes the core.
 */
export function generateScenario({ seed, scale }: ScenarioOptions): Scenario {
  if (!Number.isSafeInteger(seed)) throw new Error('the scenario seed must be an integer');
  if (!(scale >= 1) || !Number.isFinite(scale)) throw new Error('the scenario scale must be a number ≥ 1');
  const random = scenarioRandom(seed);
  const ids = random.fork('programme');
  const programme: ProgrammeRow = {
    id: ids.uuid(),
    code: 'J-K',
    name: 'J省对口支援K地区',
    name_en: 'J Province – K Prefecture paired assistance',
    supporter_region: 'J省',
    recipient_region: 'K地区',
    started_on: '2016-06-01',
  };
  const places = generatePlaces(random.fork('places'), programme.id, scale);
  const staffing = generateStaffing(random.fork('staffing'), programme.id, scale, places);
  const users = demoUsers(random.fork('users'), programme.id, places, staffing);
  return {
    seed,
    scale,
    programme,
    regions: places.regions,
    organisations: places.organisations,
    facilities: places.facilities,
    people: staffing.people,
    batches: staffing.batches,
    deployments: staffing.deployments,
    users,
    landmarks: {
      programmeId: programme.id,
      prefectureRegionId: places.prefectureRegionId,
      rootOrganisationId: places.rootOrganisationId,
      prefectureHealthCommissionId: places.prefectureHealthCommissionId,
      prefectureHospitalFacilityId: places.prefectureHospital.facilityId,
      supporterHealthCommissionId: places.supporterHealthCommissionId,
      firstCountyId: firstCounty(places).regionId,
      firstCountyHealthCommissionId: firstCounty(places).healthCommissionId,
      currentBatchId: (staffing.batches.at(-1) as { id: string }).id,
      cadreZId: staffing.cadreZId,
      cadreCId: staffing.cadreCId,
      cadreDId: staffing.cadreDId,
      demoExpertId: staffing.demoExpertId,
      demoLocalStaffId: staffing.demoLocalStaffId,
    },
    geo: scenarioMap(places.regions, places.outlines, places.facilities, places.roads),
    roads: places.roads,
  };
}

/** The root of the scenario's random streams. */
export const scenarioRandom = (seed: number): Random => new Random(seed, 'zutuan-scenario');

/** The map of a scenario (GeoJSON); kept outside the database until the roads/geo tables exist. */
export const scenarioGeo = (scenario: Pick<Scenario, 'geo'>): FeatureCollection => scenario.geo;

const firstCounty = (places: Places) => {
  const county = places.counties[0];
  if (!county) throw new Error('scenario: no county');
  return county;
};

function demoUsers(random: Random, programmeId: string, places: Places, staffing: Staffing): DemoUserRow[] {
  const people = new Map<string, PersonRow>(staffing.people.map((p) => [p.id, p]));
  const personOf = (id: string) => people.get(id) as PersonRow;
  const county = firstCounty(places);
  const account = (
    username: string,
    role: Role,
    organisationId: string,
    personId: string | null,
    displayName?: string,
  ) => ({
    programme_id: programmeId,
    id: random.uuid(),
    username,
    display_name: displayName ?? (personId ? personOf(personId).full_name : username),
    role,
    organisation_id: organisationId,
    person_id: personId,
  });
  return [
    account(DEMO_USERNAMES.admin, 'admin', places.rootOrganisationId, null, '系统管理员'),
    account(DEMO_USERNAMES.commander, 'commander', places.rootOrganisationId, staffing.cadreZId),
    account(
      DEMO_USERNAMES.supporter,
      'supporter_cadre',
      places.supporterHealthCommissionId,
      staffing.cadreDId,
    ),
    account(DEMO_USERNAMES.recipient, 'recipient_cadre', county.healthCommissionId, staffing.cadreCId),
    account(
      DEMO_USERNAMES.expert,
      'expert',
      personOf(staffing.demoExpertId).organisation_id,
      staffing.demoExpertId,
    ),
    account(DEMO_USERNAMES.local, 'local_staff', county.healthCommissionId, staffing.demoLocalStaffId),
    account(DEMO_USERNAMES.viewer, 'viewer', places.rootOrganisationId, null, '观察员'),
  ];
}
