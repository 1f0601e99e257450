import { type RawBuilder, sql } from 'kysely';
import type { IndicatorDefinition, IndicatorValue } from '../indicators/types';
import { escapeLike } from '../registry/scope';
import { type ServiceDependence, serviceDependence } from './dependence';

const TOTAL = '合计';
const share = (local: number, aid: number) =>
  local + aid ? Math.round((local / (local + aid)) * 1000) / 1000 : null;

/**
 * The local share of services: of the volume in the recent window (the three months up to the
 * latest recorded month, or up to `to`), the share performed by local staff; by month, each of
 * the twelve months up to then (or `from`…`to`).
 */
const localShare: IndicatorDefinition['compute'] = async (db, programmeId, { breakdown, filters }) => {
  const on = filters.to ?? new Date().toISOString().slice(0, 10);
  const group: Record<typeof breakdown, [RawBuilder<unknown>, RawBuilder<unknown>]> = {
    programme: [sql`null::text`, sql`${TOTAL}`],
    batch: [sql`null::text`, sql`${TOTAL}`],
    county: [sql`county.id::text`, sql`county.name`],
    facility: [sql`f.id::text`, sql`f.name`],
    specialty: [sql`sp.code`, sql`sp.name_zh`],
    month: [sql`to_char(sr.month, 'YYYY-MM-DD')`, sql`to_char(sr.month, 'YYYY-MM')`],
  };
  const [key, label] = group[breakdown];
  const window =
    breakdown === 'month'
      ? filters.from
        ? sql`sr.month >= ${filters.from}::date`
        : sql`sr.month > b.last - interval '12 months'`
      : sql`sr.month > b.last - interval '3 months'`;
  const { rows } = await sql<{ key: string | null; label: string; local: number; aid: number }>`
    with b as (select max(month) as last from service_records where programme_id = ${programmeId} and month <= ${on}::date)
    select ${key} as key, ${label} as label, sum(sr.local_count) as local, sum(sr.aid_count) as aid
    from service_records sr cross join b
    join facilities f on f.programme_id = sr.programme_id and f.id = sr.facility_id
    join regions r on r.programme_id = f.programme_id and r.id = f.region_id
    left join regions county on county.programme_id = r.programme_id
      and county.id = case when r.level = 'county' then r.id when r.level = 'township' then r.parent_id end
    left join specialties sp on sp.code = sr.specialty_code
    where sr.programme_id = ${programmeId} and sr.month <= b.last and ${window}
      ${filters.specialtyCode ? sql`and sr.specialty_code = ${filters.specialtyCode}` : sql``}
      ${
        filters.scopePath
          ? sql`and exists (select 1 from organisations so where so.programme_id = f.programme_id
              and so.id = f.organisation_id and so.path like ${`${escapeLike(filters.scopePath)}%`})`
          : sql``
      }
    group by 1, 2
    order by 2`.execute(db);
  const values = rows.map((r) => ({
    key: r.key,
    label: r.label,
    value: share(Number(r.local), Number(r.aid)),
  }));
  return breakdown === 'programme' && values.length === 0
    ? [{ key: null, label: TOTAL, value: null }]
    : values;
};

/** Groups facility-service dependence rows by a breakdown and reduces each group to a value. */
function fromDependence(
  reduce: (rows: ServiceDependence[]) => number | null,
): IndicatorDefinition['compute'] {
  return async (db, programmeId, { breakdown, filters }) => {
    let rows = await serviceDependence(db, programmeId, {
      on: filters.to,
      scopePath: filters.scopePath,
      series: false,
    });
    if (filters.specialtyCode) rows = rows.filter((r) => r.specialtyCode === filters.specialtyCode);
    if (breakdown === 'programme') return [{ key: null, label: TOTAL, value: reduce(rows) }];
    const keyOf = (r: ServiceDependence): [string | null, string] =>
      breakdown === 'county'
        ? [r.countyId, r.countyName ?? '']
        : breakdown === 'facility'
          ? [r.facilityId, r.facilityName]
          : [r.specialtyCode, r.specialtyCode ?? ''];
    const groups = new Map<string | null, { label: string; rows: ServiceDependence[] }>();
    for (const r of rows) {
      const [k, label] = keyOf(r);
      const g = groups.get(k) ?? { label, rows: [] };
      g.rows.push(r);
      groups.set(k, g);
    }
    return [...groups]
      .map(([key, g]): IndicatorValue => ({ key, label: g.label, value: reduce(g.rows) }))
      .sort((a, b) => a.label.localeCompare(b.label));
  };
}

export const dependenceIndicators: IndicatorDefinition[] = [
  {
    id: 'services.local_share',
    name: { zh: '本地医务人员服务占比', en: 'Local share of services' },
    unit: 'share',
    better: 'higher',
    breakdowns: ['programme', 'county', 'facility', 'specialty', 'month'],
    source: 'dependence',
    compute: localShare,
  },
  {
    id: 'dependence.single_points_of_failure',
    name: { zh: '单点依赖服务数', en: 'Single points of failure' },
    unit: 'services',
    better: 'lower',
    breakdowns: ['programme', 'county', 'facility', 'specialty'],
    source: 'dependence',
    compute: fromDependence((rows) => rows.filter((r) => r.singlePointOfFailure).length),
  },
  {
    id: 'dependence.co_developing_share',
    name: { zh: '共同发展阶段服务占比', en: 'Share of services co-developing' },
    unit: 'share',
    better: 'higher',
    breakdowns: ['programme', 'county', 'facility', 'specialty'],
    source: 'dependence',
    compute: fromDependence((rows) =>
      rows.length
        ? Math.round((rows.filter((r) => r.stage === 'co_developing').length / rows.length) * 1000) / 1000
        : null,
    ),
  },
];
