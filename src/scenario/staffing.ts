import type { PersonTitle } from '../db/schema';
import { addDays, addMonths } from './calendar';
import { chineseNumeral, type Gender, hanName, mobilePhone, tibetanName } from './names';
import type { Places, Site } from './places';
import type { Random } from './random';
import type { BatchRow, DeploymentRow, PersonRow } from './types';

/** The demo's "today": the 10th batch is the one in the field on this date. */
export const DEMO_TODAY = '2026-11-29';
export const FIRST_BATCH_STARTS_ON = '2016-08-01';
export const BATCH_COUNT = 10;

export type Staffing = {
  people: PersonRow[];
  batches: BatchRow[];
  deployments: DeploymentRow[];
  cadreZId: string;
  cadreCId: string;
  cadreDId: string;
  demoExpertId: string;
  demoLocalStaffId: string;
};

type Weighted = readonly (readonly [string, number])[];
const expertSpecialties: Weighted = [
  ['general_surgery', 3],
  ['anaesthesiology', 3],
  ['internal_medicine', 3],
  ['cardiology', 2],
  ['obstetrics_gynaecology', 3],
  ['paediatrics', 2],
  ['emergency_medicine', 2],
  ['orthopaedics', 2],
  ['medical_imaging', 2],
  ['ophthalmology', 1],
  ['stomatology', 1],
  ['infectious_diseases', 1],
  ['traditional_chinese_medicine', 0.5],
  ['public_health', 1],
  ['hospital_management', 1],
];
const hospitalStaffSpecialties: Weighted = [
  ['internal_medicine', 4],
  ['general_surgery', 3],
  ['nursing', 6],
  ['obstetrics_gynaecology', 2],
  ['paediatrics', 2],
  ['emergency_medicine', 2],
  ['anaesthesiology', 1.5],
  ['orthopaedics', 1],
  ['medical_imaging', 2],
  ['cardiology', 1],
  ['ophthalmology', 0.5],
  ['stomatology', 0.5],
  ['infectious_diseases', 1],
  ['traditional_chinese_medicine', 1],
  ['public_health', 1],
  ['hospital_management', 0.5],
];
const townshipStaffSpecialties: Weighted = [
  ['internal_medicine', 4],
  ['nursing', 4],
  ['public_health', 3],
  ['obstetrics_gynaecology', 2],
  ['traditional_chinese_medicine', 2],
  ['general_surgery', 1],
  ['paediatrics', 1],
  ['emergency_medicine', 1],
  ['medical_imaging', 1],
];

/**
 * The people (cadres, experts of the supporting hospitals, local staff), the ten batches since
 * 2016 and the deployments: most experts stay a whole batch at the prefecture or a county
 * hospital, some go for one to three months to a township health centre, and many come back
 * for a second tour in a later batch.
 */
export function generateStaffing(
  random: Random,
  programmeId: string,
  scale: number,
  places: Places,
): Staffing {
  const people: PersonRow[] = [];
  const person = (
    organisationId: string,
    kind: PersonRow['kind'],
    fields: Partial<PersonRow> & { gender: Gender },
  ) => {
    const p: PersonRow = {
      programme_id: programmeId,
      id: random.uuid(),
      organisation_id: organisationId,
      kind,
      full_name: fields.full_name ?? hanName(random, fields.gender),
      gender: fields.gender,
      birth_year: fields.birth_year ?? random.int(1966, 1990),
      title: fields.title ?? null,
      specialty_code: fields.specialty_code ?? null,
      phone: random.chance(0.8) ? mobilePhone(random) : null,
    };
    people.push(p);
    return p;
  };
  const gender = (): Gender => (random.chance(0.5) ? 'female' : 'male');

  // Cadres: Z at the command, D at the supporter's commission, one per recipient commission (C in the first county).
  const cadreZ = person(places.rootOrganisationId, 'cadre', { gender: 'male', title: 'administrator' });
  const cadreD = person(places.supporterHealthCommissionId, 'cadre', {
    gender: gender(),
    title: 'administrator',
  });
  person(places.prefectureHealthCommissionId, 'cadre', { gender: gender(), title: 'administrator' });
  const countyCadres = places.counties.map((c) => {
    const g = gender();
    return person(c.healthCommissionId, 'cadre', {
      gender: g,
      title: 'administrator',
      full_name: tibetanName(random, g),
    });
  });

  const experts = Array.from({ length: Math.round(94 * scale) }, () => {
    const hospital = random.weighted(places.supportingHospitals.map((h) => [h, h.focus ? 1 : 3] as const));
    const specialty = hospital.focus ? random.pick(hospital.focus) : random.weighted(expertSpecialties);
    const title = random.weighted<PersonTitle>([
      ['chief_physician', 25],
      ['associate_chief_physician', 45],
      ['attending_physician', 30],
    ]);
    const born =
      title === 'chief_physician'
        ? [1963, 1978]
        : title === 'associate_chief_physician'
          ? [1970, 1986]
          : [1982, 1993];
    return person(hospital.organisationId, 'expert', {
      gender: gender(),
      title,
      specialty_code: specialty,
      birth_year: random.int(born[0] as number, born[1] as number),
    });
  });

  const localStaff = generateLocalStaff(random, places, Math.round(400 * scale), (site, fields) =>
    person(site.organisationId, 'local_staff', fields),
  );

  const batches = generateBatches(random, programmeId);
  const deployments = generateDeployments(random, programmeId, scale, places, batches, experts);
  const current = batches.at(-1) as BatchRow;
  const firstCountyHospital = places.counties[0]?.hospital.facilityId;
  const demoDeployment = deployments.find(
    (d) => d.batch_id === current.id && d.host_facility_id === firstCountyHospital,
  );
  const demoLocal = localStaff.find((p) => p.organisation_id === places.counties[0]?.hospital.organisationId);
  if (!demoDeployment || !demoLocal)
    throw new Error('scenario: the first county has no current expert or local staff');
  return {
    people,
    batches,
    deployments,
    cadreZId: cadreZ.id,
    cadreCId: (countyCadres[0] as PersonRow).id,
    cadreDId: cadreD.id,
    demoExpertId: demoDeployment.person_id,
    demoLocalStaffId: demoLocal.id,
  };
}

type NewPerson = (site: Site, fields: Partial<PersonRow> & { gender: Gender }) => PersonRow;

/** Local staff: a core at the prefecture hospital, most in the county hospitals and township centres. */
function generateLocalStaff(random: Random, places: Places, total: number, add: NewPerson): PersonRow[] {
  const hospitals = places.counties.map((c) => c.hospital);
  const centres = places.counties.flatMap((c) => c.townshipCentres);
  const atPrefecture = Math.min(total, Math.round(100 * Math.sqrt(total / 400)));
  const perCounty = Math.floor((0.45 * (total - atPrefecture)) / hospitals.length);
  const sites: { site: Site; hospital: boolean }[] = [];
  for (let k = 0; k < atPrefecture; k++) sites.push({ site: places.prefectureHospital, hospital: true });
  for (const h of hospitals) for (let k = 0; k < perCounty; k++) sites.push({ site: h, hospital: true });
  for (let k = 0; sites.length < total; k++)
    sites.push({ site: centres[k % centres.length] as Site, hospital: false });

  return sites.map(({ site, hospital }) => {
    const specialty = random.weighted(hospital ? hospitalStaffSpecialties : townshipStaffSpecialties);
    const g: Gender =
      specialty === 'nursing'
        ? random.chance(0.9)
          ? 'female'
          : 'male'
        : random.chance(0.5)
          ? 'female'
          : 'male';
    return add(site, {
      gender: g,
      full_name: random.chance(0.65) ? tibetanName(random, g) : hanName(random, g),
      birth_year: random.int(1966, 2001),
      specialty_code: specialty,
      title: localTitle(random, specialty, hospital),
    });
  });
}

function localTitle(random: Random, specialty: string, hospital: boolean): PersonTitle {
  if (specialty === 'nursing') return random.chance(0.3) ? 'nurse_in_charge' : 'nurse';
  if (specialty === 'hospital_management') return 'administrator';
  if (specialty === 'medical_imaging' && random.chance(0.5)) return 'technician';
  if (!hospital) return random.chance(0.25) ? 'attending_physician' : 'resident_physician';
  return random.weighted<PersonTitle>([
    ['chief_physician', 3],
    ['associate_chief_physician', 12],
    ['attending_physician', 40],
    ['resident_physician', 45],
  ]);
}

/** Ten batches of 12–14 months from August 2016; the 10th is in the field on DEMO_TODAY. */
function generateBatches(random: Random, programmeId: string): BatchRow[] {
  const months = Array.from({ length: BATCH_COUNT }, () => random.int(12, 14));
  // The first nine must end between February and August 2026 so the 10th covers DEMO_TODAY.
  const firstNine = () => months.slice(0, BATCH_COUNT - 1).reduce((a, b) => a + b, 0);
  for (let k = 0; firstNine() < 114; k = (k + 1) % (BATCH_COUNT - 1))
    if ((months[k] as number) < 14) months[k] = (months[k] as number) + 1;
  for (let k = 0; firstNine() > 120; k = (k + 1) % (BATCH_COUNT - 1))
    if ((months[k] as number) > 12) months[k] = (months[k] as number) - 1;
  let startsOn = FIRST_BATCH_STARTS_ON;
  return months.map((m, k) => {
    const next = addMonths(startsOn, m);
    const row: BatchRow = {
      programme_id: programmeId,
      id: random.uuid(),
      number: k + 1,
      name: `第${chineseNumeral(k + 1)}批`,
      starts_on: startsOn,
      ends_on: addDays(next, -1),
    };
    startsOn = next;
    return row;
  });
}

const monthsBetween = (from: string, to: string) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
  Number(to.slice(5, 7)) -
  Number(from.slice(5, 7));

/**
 * Spreads the experts' tours over the batches: every expert serves once and the remaining
 * places go to returning experts (second, rarely third tours). Tours are placed greedily in
 * the batches with the most places left, which always succeeds when places ≥ tours (Gale–Ryser).
 */
function generateDeployments(
  random: Random,
  programmeId: string,
  scale: number,
  places: Places,
  batches: BatchRow[],
  experts: PersonRow[],
): DeploymentRow[] {
  const capacity = batches.map(() => Math.max(1, Math.round(scale * random.int(15, 18))));
  const places_ = capacity.reduce((a, b) => a + b, 0);
  const tours = experts.map(() => 1);
  const order = random.shuffle(experts.map((_, k) => k));
  for (let extra = places_ - experts.length, k = 0; extra > 0; extra--, k++) {
    const e = order[k % order.length] as number;
    tours[e] = (tours[e] as number) + 1;
  }
  const inBatch: PersonRow[][] = batches.map(() => []);
  const byTours = experts
    .map((_, k) => k)
    .sort((a, b) => (tours[b] as number) - (tours[a] as number) || a - b);
  for (const e of byTours) {
    const ranked = batches
      .map((_, b) => ({ b, left: capacity[b] as number, r: random.next() }))
      .filter((x) => x.left > 0)
      .sort((x, y) => y.left - x.left || x.r - y.r)
      .slice(0, tours[e]);
    for (const { b } of ranked) {
      capacity[b] = (capacity[b] as number) - 1;
      inBatch[b]?.push(experts[e] as PersonRow);
    }
  }

  const countyHospitals = places.counties.map((c) => c.hospital.facilityId);
  const centres = places.counties.flatMap((c) => c.townshipCentres.map((t) => t.facilityId));
  const deployments: DeploymentRow[] = [];
  batches.forEach((batch, b) => {
    const team = random.shuffle(inBatch[b] as PersonRow[]);
    const batchMonths = monthsBetween(batch.starts_on, addDays(batch.ends_on, 1));
    let longCount = 0;
    team.forEach((expert, k) => {
      const long = k === 0 || random.chance(0.65);
      let host: string;
      let startsOn = batch.starts_on;
      let endsOn = batch.ends_on;
      if (long) {
        // Every county hospital first (the first county leads), then the prefecture hospital or any county.
        host =
          longCount < countyHospitals.length
            ? (countyHospitals[longCount] as string)
            : random.chance(0.45)
              ? places.prefectureHospital.facilityId
              : random.pick(countyHospitals);
        longCount++;
      } else {
        host = random.pick(centres);
        const stay = random.int(1, 3);
        startsOn = addMonths(batch.starts_on, random.int(0, batchMonths - stay));
        endsOn = addDays(addMonths(startsOn, stay), -1);
      }
      deployments.push({
        programme_id: programmeId,
        id: random.uuid(),
        batch_id: batch.id,
        person_id: expert.id,
        home_organisation_id: expert.organisation_id,
        host_facility_id: host,
        specialty_code: expert.specialty_code as string,
        term: long ? 'long' : 'short',
        starts_on: startsOn,
        ends_on: endsOn,
      });
    });
  });
  return deployments;
}
