import type { Actor } from '../../auth/actor';
import type { Db } from '../../db/database';
import { type FacilityLevel, facilityLevels } from '../../db/schema';
import { type Column, lookup, type SheetRow, validateRows } from '../../shared/excel';
import { type FacilityInput, facilityInput } from './schema';

export const facilityLevelLabels: Record<FacilityLevel, [string, string]> = {
  prefecture_hospital: ['地区级医院', 'Prefecture hospital'],
  county_hospital: ['县级医院', 'County hospital'],
  township_health_centre: ['乡镇卫生院', 'Township health centre'],
  village_clinic: ['村卫生室', 'Village clinic'],
  supporter_hospital: ['支援方医院', 'Supporting hospital'],
};

type FacilityRow = {
  code: string;
  name: string;
  nameEn: string | null;
  level: FacilityLevel;
  organisationName: string;
  regionName: string;
  lat: number;
  lon: number;
  travelHoursToSeat: number;
  beds: number | null;
};

export const facilityColumns: (Column<FacilityRow> & { required?: boolean })[] = [
  { key: 'code', header: { zh: '机构编码', en: 'Code' }, required: true, value: (f) => f.code },
  { key: 'name', header: { zh: '名称', en: 'Name' }, required: true, width: 28, value: (f) => f.name },
  { key: 'nameEn', header: { zh: '英文名称', en: 'English name' }, width: 28, value: (f) => f.nameEn },
  {
    key: 'level',
    header: { zh: '级别', en: 'Level' },
    required: true,
    value: (f) => facilityLevelLabels[f.level][0],
  },
  {
    key: 'organisation',
    header: { zh: '所属机构', en: 'Organisation' },
    required: true,
    width: 28,
    value: (f) => f.organisationName,
  },
  { key: 'region', header: { zh: '所在乡镇/县', en: 'Region' }, required: true, value: (f) => f.regionName },
  { key: 'lat', header: { zh: '纬度', en: 'Latitude' }, required: true, value: (f) => f.lat },
  { key: 'lon', header: { zh: '经度', en: 'Longitude' }, required: true, value: (f) => f.lon },
  {
    key: 'travelHours',
    header: { zh: '至地区驻地车程(小时)', en: 'Travel hours to seat' },
    required: true,
    value: (f) => f.travelHoursToSeat,
  },
  { key: 'beds', header: { zh: '床位数', en: 'Beds' }, value: (f) => f.beds },
];

const fieldColumn: Record<keyof FacilityInput, string> = {
  code: 'code',
  name: 'name',
  nameEn: 'nameEn',
  level: 'level',
  organisationId: 'organisation',
  regionId: 'region',
  lat: 'lat',
  lon: 'lon',
  travelHoursToSeat: 'travelHours',
  beds: 'beds',
};

const num = (text: string | undefined) => (text === undefined || text === '' ? undefined : Number(text));

/** Turns uploaded rows into validated facility inputs, resolving names to ids within the actor's scope. */
export async function parseFacilityRows(db: Db, actor: Actor, rows: SheetRow[]) {
  const [orgs, regions] = await Promise.all([
    db
      .selectFrom('organisations')
      .select(['id', 'name', 'name_en', 'path'])
      .where('programme_id', '=', actor.programmeId)
      .execute(),
    db
      .selectFrom('regions')
      .select(['id', 'name', 'name_en', 'code'])
      .where('programme_id', '=', actor.programmeId)
      .execute(),
  ]);
  const org = lookup(
    orgs
      .filter((o) => o.path.startsWith(actor.scopePath))
      .map((o) => ({ value: o.id, labels: [o.name, o.name_en] })),
  );
  const region = lookup(regions.map((r) => ({ value: r.id, labels: [r.name, r.name_en, r.code] })));
  const level = lookup(facilityLevels.map((l) => ({ value: l, labels: [l, ...facilityLevelLabels[l]] })));
  return validateRows(
    rows,
    facilityColumns,
    (row, fail) => {
      const c = row.cells;
      const find = <V>(
        key: string,
        f: (t: string) => { ok: true; value: V } | { ok: false },
        message: string,
      ) => {
        if (!c[key]) return undefined;
        const r = f(c[key]);
        if (r.ok) return r.value;
        fail(key, message);
        return undefined;
      };
      return {
        code: c.code ?? '',
        name: c.name ?? '',
        nameEn: c.nameEn || null,
        level: find('level', level, 'unknown level (地区级医院 / 县级医院 / 乡镇卫生院 / 村卫生室)'),
        organisationId: find('organisation', org, 'no such organisation in your scope'),
        regionId: find('region', region, 'unknown region'),
        lat: num(c.lat),
        lon: num(c.lon),
        travelHoursToSeat: num(c.travelHours),
        beds: num(c.beds) ?? null,
      };
    },
    facilityInput,
    fieldColumn,
  );
}
