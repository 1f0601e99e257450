import type { Db } from '../../src/db/database';
import type { OrganisationSide, OrganisationType, Role } from '../../src/db/schema';

/**
 * A small hand-made programme for integration tests: two counties (A and B), a township in
 * each, a supporting hospital, one expert deployed to county A, and one account per role.
 */
export const ids = {
  programme: '00000000-0000-4000-8000-000000000001',
  prefecture: '00000000-0000-4000-8000-000000000101',
  countyA: '00000000-0000-4000-8000-000000000102',
  countyB: '00000000-0000-4000-8000-000000000103',
  townshipA1: '00000000-0000-4000-8000-000000000104',
  townshipB1: '00000000-0000-4000-8000-000000000105',
  hq: '00000000-0000-4000-8000-000000000201',
  recipientCommission: '00000000-0000-4000-8000-000000000202',
  countyACommission: '00000000-0000-4000-8000-000000000203',
  countyBCommission: '00000000-0000-4000-8000-000000000204',
  countyAHospital: '00000000-0000-4000-8000-000000000205',
  townshipA1Centre: '00000000-0000-4000-8000-000000000206',
  countyBHospital: '00000000-0000-4000-8000-000000000207',
  supporterCommission: '00000000-0000-4000-8000-000000000208',
  jHospital: '00000000-0000-4000-8000-000000000209',
  facilityCountyA: '00000000-0000-4000-8000-000000000301',
  facilityTownshipA1: '00000000-0000-4000-8000-000000000302',
  facilityCountyB: '00000000-0000-4000-8000-000000000303',
  expert: '00000000-0000-4000-8000-000000000401',
  localA: '00000000-0000-4000-8000-000000000402',
  localB: '00000000-0000-4000-8000-000000000403',
  batch: '00000000-0000-4000-8000-000000000501',
  deployment: '00000000-0000-4000-8000-000000000601',
} as const;

export const PASSWORD = 'correct-horse-battery';

type Org = [
  id: string,
  parent: string | null,
  type: OrganisationType,
  side: OrganisationSide,
  name: string,
  region?: string,
];
const organisations: Org[] = [
  [ids.hq, null, 'command_hq', 'command', '前方指挥部'],
  [ids.recipientCommission, ids.hq, 'health_commission', 'recipient', 'K地区卫健委', ids.prefecture],
  [
    ids.countyACommission,
    ids.recipientCommission,
    'health_commission',
    'recipient',
    '甲县卫健委',
    ids.countyA,
  ],
  [
    ids.countyBCommission,
    ids.recipientCommission,
    'health_commission',
    'recipient',
    '乙县卫健委',
    ids.countyB,
  ],
  [
    ids.countyAHospital,
    ids.countyACommission,
    'recipient_hospital',
    'recipient',
    '甲县人民医院',
    ids.countyA,
  ],
  [
    ids.townshipA1Centre,
    ids.countyACommission,
    'township_health_centre',
    'recipient',
    '甲一乡卫生院',
    ids.townshipA1,
  ],
  [
    ids.countyBHospital,
    ids.countyBCommission,
    'recipient_hospital',
    'recipient',
    '乙县人民医院',
    ids.countyB,
  ],
  [ids.supporterCommission, ids.hq, 'health_commission', 'supporter', 'J省卫健委'],
  [ids.jHospital, ids.supporterCommission, 'supporting_hospital', 'supporter', 'J省人民医院'],
];

export const accounts: Record<string, { role: Role; org: string; person?: string }> = {
  admin: { role: 'admin', org: ids.hq },
  commander: { role: 'commander', org: ids.hq },
  supporter: { role: 'supporter_cadre', org: ids.supporterCommission },
  recipient: { role: 'recipient_cadre', org: ids.countyACommission },
  recipientb: { role: 'recipient_cadre', org: ids.countyBCommission },
  expert: { role: 'expert', org: ids.jHospital, person: ids.expert },
  local: { role: 'local_staff', org: ids.countyACommission, person: ids.localA },
  viewer: { role: 'viewer', org: ids.hq },
};

/** Inserts the fixture; `passwordHash` is the argon2id hash of PASSWORD (hashed once per file). */
export async function insertFixture(db: Db, passwordHash: string): Promise<void> {
  const p = ids.programme;
  await db
    .insertInto('programmes')
    .values({
      id: p,
      code: 'J-K',
      name: 'J省对口支援K地区',
      supporter_region: 'J省',
      recipient_region: 'K地区',
      started_on: '2016-08-01',
    })
    .execute();
  const region = (
    id: string,
    parent: string | null,
    level: 'prefecture' | 'county' | 'township',
    code: string,
    name: string,
    population: number,
  ) => ({
    programme_id: p,
    id,
    parent_id: parent,
    level,
    code,
    name,
    population,
    lat: 30,
    lon: 92,
    name_en: null,
  });
  await db
    .insertInto('regions')
    .values([
      region(ids.prefecture, null, 'prefecture', 'K', 'K地区', 300000),
      region(ids.countyA, ids.prefecture, 'county', 'A', '甲县', 60000),
      region(ids.countyB, ids.prefecture, 'county', 'B', '乙县', 50000),
      region(ids.townshipA1, ids.countyA, 'township', 'A1', '甲一乡', 8000),
      region(ids.townshipB1, ids.countyB, 'township', 'B1', '乙一乡', 6000),
    ])
    .execute();
  const paths = new Map<string, string>();
  for (const [id, parent, type, side, name, regionId] of organisations) {
    const path = `${parent ? paths.get(parent) : '/'}${id}/`;
    paths.set(id, path);
    await db
      .insertInto('organisations')
      .values({
        programme_id: p,
        id,
        parent_id: parent,
        path,
        type,
        side,
        name,
        name_en: null,
        region_id: regionId ?? null,
      })
      .execute();
  }
  const facility = (
    id: string,
    org: string,
    regionId: string,
    code: string,
    name: string,
    level: 'county_hospital' | 'township_health_centre',
    hours: number,
  ) => ({
    programme_id: p,
    id,
    organisation_id: org,
    region_id: regionId,
    code,
    name,
    level,
    lat: 30,
    lon: 92,
    travel_hours_to_seat: hours,
    beds: 50,
    name_en: null,
  });
  await db
    .insertInto('facilities')
    .values([
      facility(
        ids.facilityCountyA,
        ids.countyAHospital,
        ids.countyA,
        'FA',
        '甲县人民医院',
        'county_hospital',
        1.5,
      ),
      facility(
        ids.facilityTownshipA1,
        ids.townshipA1Centre,
        ids.townshipA1,
        'FA1',
        '甲一乡卫生院',
        'township_health_centre',
        4,
      ),
      facility(
        ids.facilityCountyB,
        ids.countyBHospital,
        ids.countyB,
        'FB',
        '乙县人民医院',
        'county_hospital',
        2.5,
      ),
    ])
    .execute();
  const person = (
    id: string,
    org: string,
    kind: 'expert' | 'local_staff',
    name: string,
    specialty: string,
  ) => ({
    programme_id: p,
    id,
    organisation_id: org,
    kind,
    full_name: name,
    specialty_code: specialty,
    gender: null,
    birth_year: null,
    title: null,
    phone: '13800138000',
  });
  await db
    .insertInto('people')
    .values([
      person(ids.expert, ids.jHospital, 'expert', '王援', 'anaesthesiology'),
      person(ids.localA, ids.countyAHospital, 'local_staff', '扎西甲', 'anaesthesiology'),
      person(ids.localB, ids.countyBHospital, 'local_staff', '次仁乙', 'general_surgery'),
    ])
    .execute();
  await db
    .insertInto('batches')
    .values({
      programme_id: p,
      id: ids.batch,
      number: 10,
      name: '第十批',
      starts_on: '2026-01-01',
      ends_on: '2026-12-31',
    })
    .execute();
  await db
    .insertInto('deployments')
    .values({
      programme_id: p,
      id: ids.deployment,
      batch_id: ids.batch,
      person_id: ids.expert,
      home_organisation_id: ids.jHospital,
      host_facility_id: ids.facilityCountyA,
      specialty_code: 'anaesthesiology',
      term: 'long',
      starts_on: '2026-01-15',
      ends_on: '2026-12-15',
    })
    .execute();
  for (const [username, a] of Object.entries(accounts)) {
    await db
      .insertInto('users')
      .values({
        programme_id: p,
        username,
        display_name: username,
        password_hash: passwordHash,
        role: a.role,
        organisation_id: a.org,
        person_id: a.person ?? null,
        locked_until: null,
        last_failed_login_at: null,
      })
      .execute();
  }
}

/** Adds competencies to the fixture programme, each as [id, specialty code, code, name]. */
export async function insertCompetencies(
  db: Db,
  competencies: [id: string, specialtyCode: string, code: string, name: string][],
): Promise<void> {
  await db
    .insertInto('competencies')
    .values(
      competencies.map(([id, specialty_code, code, name]) => ({
        programme_id: ids.programme,
        id,
        specialty_code,
        code,
        name,
        name_en: null,
      })),
    )
    .execute();
}
