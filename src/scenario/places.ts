import type { FacilityLevel, OrganisationSide, OrganisationType } from '../db/schema';
import { layoutPrefecture, PREFECTURE_SEAT, pointInQuad, type Quad, round2 } from './geography';
import type { Position, Ring } from './geojson';
import { contributorNames, supportingHospitalNames } from './institutions';
import { PlaceNamer } from './place-names';
import type { Random } from './random';
import { buildRoads, type RoadCounty, shortestHours } from './roads';
import type { FacilityRow, OrganisationRow, RegionRow, RoadNetwork } from './types';

/** A care-giving organisation with its facility. */
export type Site = { organisationId: string; facilityId: string };
export type CountyPlaces = {
  regionId: string;
  healthCommissionId: string;
  hospital: Site;
  townshipCentres: Site[];
};
export type SupportingHospital = Site & { focus: readonly string[] | null };

export type Places = {
  regions: RegionRow[];
  organisations: OrganisationRow[];
  facilities: FacilityRow[];
  roads: RoadNetwork;
  /** Region outlines for the map, by region id (the prefecture may have several rings). */
  outlines: Map<string, Ring[]>;
  prefectureRegionId: string;
  rootOrganisationId: string;
  prefectureHealthCommissionId: string;
  prefectureHospital: Site;
  supporterHealthCommissionId: string;
  counties: CountyPlaces[];
  supportingHospitals: SupportingHospital[];
};

const quadRing = (q: Quad): Ring => [...q];

/**
 * The regions, the organisation tree and the facilities of the programme, with the roads that
 * give every recipient facility its travel time to the prefecture seat.
 */
export function generatePlaces(random: Random, programmeId: string, scale: number): Places {
  const namer = new PlaceNamer(random.fork('names'));
  const layout = layoutPrefecture(random.fork('layout'), Math.max(4, Math.round(4 * scale)));
  const regions: RegionRow[] = [];
  const organisations: OrganisationRow[] = [];
  const facilities: FacilityRow[] = [];
  const outlines = new Map<string, Ring[]>();

  const region = (row: Omit<RegionRow, 'programme_id' | 'id'>): RegionRow => {
    const r = { programme_id: programmeId, id: random.uuid(), ...row };
    regions.push(r);
    return r;
  };
  const organisation = (
    parent: OrganisationRow | null,
    type: OrganisationType,
    side: OrganisationSide,
    name: string,
    nameEn: string,
    regionId: string | null,
  ): OrganisationRow => {
    const id = random.uuid();
    const o = {
      programme_id: programmeId,
      id,
      parent_id: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      type,
      side,
      name,
      name_en: nameEn,
      region_id: regionId,
    };
    organisations.push(o);
    return o;
  };
  const facility = (
    org: OrganisationRow,
    regionId: string,
    code: string,
    level: FacilityLevel,
    at: Position,
    beds: number | null,
  ): FacilityRow => {
    const f = {
      programme_id: programmeId,
      id: random.uuid(),
      organisation_id: org.id,
      region_id: regionId,
      code,
      name: org.name,
      name_en: org.name_en,
      level,
      lat: at[1],
      lon: at[0],
      travel_hours_to_seat: 0,
      beds,
    };
    facilities.push(f);
    return f;
  };

  const prefecture = region({
    parent_id: null,
    level: 'prefecture',
    code: 'K',
    name: 'K地区',
    name_en: 'K Prefecture',
    population: 0,
    lat: PREFECTURE_SEAT[1],
    lon: PREFECTURE_SEAT[0],
  });
  outlines.set(prefecture.id, layout.outline);
  const root = organisation(
    null,
    'command_hq',
    'command',
    'K地区组团式医疗援助前方指挥部',
    'K Prefecture Group-style Medical Aid Front Command',
    prefecture.id,
  );
  const prefCommission = organisation(
    root,
    'health_commission',
    'recipient',
    'K地区卫生健康委员会',
    'K Prefecture Health Commission',
    prefecture.id,
  );
  const prefHospitalOrg = organisation(
    prefCommission,
    'recipient_hospital',
    'recipient',
    'K地区人民医院',
    "K Prefecture People's Hospital",
    prefecture.id,
  );
  const prefHospital = facility(
    prefHospitalOrg,
    prefecture.id,
    'KPH',
    'prefecture_hospital',
    PREFECTURE_SEAT,
    random.int(450, 700),
  );

  const roadCounties: RoadCounty[] = [];
  const counties = layout.counties.map((layoutCounty, c): CountyPlaces => {
    const name = namer.county();
    const code = `K${String(c + 1).padStart(3, '0')}`;
    const county = region({
      parent_id: prefecture.id,
      level: 'county',
      code,
      name: `${name.zh}县`,
      name_en: `${name.pinyin} County`,
      population: 0,
      lat: layoutCounty.seat[1],
      lon: layoutCounty.seat[0],
    });
    outlines.set(county.id, [quadRing(layoutCounty.quad)]);
    const commission = organisation(
      prefCommission,
      'health_commission',
      'recipient',
      `${county.name}卫生健康委员会`,
      `${county.name_en} Health Commission`,
      county.id,
    );
    const hospitalOrg = organisation(
      commission,
      'recipient_hospital',
      'recipient',
      `${county.name}人民医院`,
      `${county.name_en} People's Hospital`,
      county.id,
    );
    const hospital = facility(
      hospitalOrg,
      county.id,
      `${code}-CH`,
      'county_hospital',
      layoutCounty.seat,
      random.int(80, 220),
    );
    const roadCounty: RoadCounty = {
      seat: { facilityId: hospital.id, at: layoutCounty.seat },
      townships: [],
      villages: [],
    };
    const townshipCentres = layoutCounty.townships.map((t, k): Site => {
      const tName = namer.township();
      const isTown = random.chance(0.35);
      const tCode = `${code}-${String(k + 1).padStart(2, '0')}`;
      const population = Math.round(Math.exp(random.float(Math.log(3000), Math.log(30000))));
      const township = region({
        parent_id: county.id,
        level: 'township',
        code: tCode,
        name: `${tName.zh}${isTown ? '镇' : '乡'}`,
        name_en: `${tName.pinyin} ${isTown ? 'Town' : 'Township'}`,
        population,
        lat: t.centre[1],
        lon: t.centre[0],
      });
      county.population = (county.population ?? 0) + population;
      outlines.set(township.id, [quadRing(t.quad)]);
      const centreOrg = organisation(
        commission,
        'township_health_centre',
        'recipient',
        `${county.name}${township.name}卫生院`,
        `${township.name_en} Health Centre, ${county.name_en}`,
        township.id,
      );
      const centre = facility(
        centreOrg,
        township.id,
        `${tCode}-TC`,
        'township_health_centre',
        t.centre,
        random.int(8, 40),
      );
      roadCounty.townships.push({ facilityId: centre.id, at: t.centre });
      if (random.chance(0.35)) {
        const village = namer.township();
        const clinicOrg = organisation(
          centreOrg,
          'village_clinic',
          'recipient',
          `${township.name}${village.zh}村卫生室`,
          `${village.pinyin} Village Clinic, ${township.name_en}`,
          township.id,
        );
        const at = pointInQuad(random, t.quad, 0.1);
        const clinic = facility(
          clinicOrg,
          township.id,
          `${tCode}-VC`,
          'village_clinic',
          at,
          random.int(0, 4),
        );
        roadCounty.villages.push({ place: { facilityId: clinic.id, at }, township: k });
      }
      return { organisationId: centreOrg.id, facilityId: centre.id };
    });
    prefecture.population = (prefecture.population ?? 0) + (county.population ?? 0);
    roadCounties.push(roadCounty);
    return {
      regionId: county.id,
      healthCommissionId: commission.id,
      hospital: { organisationId: hospitalOrg.id, facilityId: hospital.id },
      townshipCentres,
    };
  });

  const roads = buildRoads(
    random.fork('roads'),
    { facilityId: prefHospital.id, at: PREFECTURE_SEAT },
    roadCounties,
  );
  const hours = shortestHours(roads, roads.seatNodeId);
  const hoursByFacility = new Map(roads.nodes.map((n) => [n.facilityId, hours.get(n.id) ?? 0]));
  for (const f of facilities) f.travel_hours_to_seat = round2(hoursByFacility.get(f.id) ?? 0);

  const supporterCommission = organisation(
    root,
    'health_commission',
    'supporter',
    'J省卫生健康委员会',
    'J Province Health Commission',
    null,
  );
  const supportingHospitals = supportingHospitalNames(Math.max(9, Math.round(9 * Math.sqrt(scale)))).map(
    (h, k) => {
      const org = organisation(
        supporterCommission,
        'supporting_hospital',
        'supporter',
        h.name,
        h.nameEn,
        null,
      );
      // Far to the east in J province: a long journey by road and air.
      const at: Position = [round2(random.float(117.5, 120.5)), round2(random.float(30.8, 33.2))];
      const f = facility(
        org,
        prefecture.id,
        `JH${String(k + 1).padStart(3, '0')}`,
        'supporter_hospital',
        at,
        random.int(1200, 4500),
      );
      f.travel_hours_to_seat = round2(random.float(30, 48));
      return { organisationId: org.id, facilityId: f.id, focus: h.focus };
    },
  );
  for (const c of contributorNames(
    random.fork('contributors'),
    Math.max(3, Math.round(3 * Math.sqrt(scale))),
  )) {
    organisation(root, c.type, 'contributor', c.name, c.nameEn, null);
  }

  return {
    regions,
    organisations,
    facilities,
    roads,
    outlines,
    prefectureRegionId: prefecture.id,
    rootOrganisationId: root.id,
    prefectureHealthCommissionId: prefCommission.id,
    prefectureHospital: { organisationId: prefHospitalOrg.id, facilityId: prefHospital.id },
    supporterHealthCommissionId: supporterCommission.id,
    counties,
    supportingHospitals,
  };
}
