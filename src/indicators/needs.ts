import {
  medianDaysToResolution,
  type NeedIndicatorFilters,
  needsByStatusAndCounty,
  remoteNeedsResolvedShare,
} from '../needs/indicators';
import { openStatuses } from '../needs/workflow';
import type { Breakdown, IndicatorDefinition, IndicatorFilters, IndicatorValue } from './types';

/**
 * The needs capability's indicators (src/needs/indicators.ts) in the catalogue's shape. The needs
 * functions answer per county (with a total row whose countyId is null); the catalogue picks the
 * rows of the breakdown asked for.
 */
const TOTAL = { zh: '合计', en: 'Total' } as const;
const needFilters = (f: IndicatorFilters): NeedIndicatorFilters => ({
  scopePath: f.scopePath,
  specialtyCode: f.specialtyCode,
  batchId: f.batchId,
});

type CountyRow = { countyId: string | null; countyName: string | null };
/** Keeps the total row for `programme`, the county rows for `county`. */
function pick<R extends CountyRow>(
  rows: R[],
  breakdown: Breakdown,
  value: (r: R) => number | null,
): IndicatorValue[] {
  if (breakdown === 'programme') {
    const total = rows.find((r) => r.countyId === null);
    return [{ key: null, label: TOTAL.zh, value: total ? value(total) : null }];
  }
  return rows
    .filter((r) => r.countyId !== null)
    .map((r) => ({ key: r.countyId, label: r.countyName ?? '', value: value(r) }));
}

/** Counts of needs in some statuses, per county, with the total row the needs function leaves out. */
function statusCount(statuses: readonly string[]): IndicatorDefinition['compute'] {
  return async (db, programmeId, { breakdown, filters }) => {
    const rows = await needsByStatusAndCounty(db, programmeId, needFilters(filters));
    const byCounty = new Map<string, { name: string; count: number }>();
    let total = 0;
    for (const r of rows) {
      if (!statuses.includes(r.status)) continue;
      total += r.needs;
      if (r.countyId === null) continue;
      const c = byCounty.get(r.countyId) ?? { name: r.countyName ?? '', count: 0 };
      c.count += r.needs;
      byCounty.set(r.countyId, c);
    }
    if (breakdown === 'programme') return [{ key: null, label: TOTAL.zh, value: total }];
    return [...byCounty].map(([key, c]) => ({ key, label: c.name, value: c.count }));
  };
}

export const needIndicators: IndicatorDefinition[] = [
  {
    id: 'needs.open',
    name: { zh: '未解决需求数', en: 'Open needs' },
    unit: 'count',
    better: 'lower',
    breakdowns: ['programme', 'county'],
    source: 'needs',
    compute: statusCount(openStatuses),
  },
  {
    id: 'needs.resolved',
    name: { zh: '已解决需求数', en: 'Resolved needs' },
    unit: 'count',
    better: 'higher',
    breakdowns: ['programme', 'county'],
    source: 'needs',
    compute: statusCount(['resolved', 'verified']),
  },
  {
    id: 'needs.median_days_to_resolution',
    name: { zh: '需求解决天数中位数', en: 'Median days to resolve a need' },
    unit: 'days',
    better: 'lower',
    breakdowns: ['programme', 'county'],
    source: 'needs',
    compute: async (db, programmeId, { breakdown, filters }) =>
      pick(
        await medianDaysToResolution(db, programmeId, needFilters(filters)),
        breakdown,
        (r) => r.medianDays,
      ),
  },
  {
    id: 'needs.remote_resolved_share',
    name: { zh: '偏远乡镇需求解决率', en: 'Share of remote townships’ needs resolved' },
    unit: 'share',
    better: 'higher',
    breakdowns: ['programme', 'county'],
    source: 'needs',
    compute: async (db, programmeId, { breakdown, filters }) =>
      pick(await remoteNeedsResolvedShare(db, programmeId, needFilters(filters)), breakdown, (r) => r.share),
  },
];
