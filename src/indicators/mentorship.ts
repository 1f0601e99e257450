import { apprenticesAtLevel, goalsMetOnTime, medianMonthsToLevel4 } from '../mentorship/indicators';
import type { IndicatorDefinition } from './types';

/** The mentorship capability's indicators (src/mentorship/indicators.ts) in the catalogue's shape. */
const TOTAL = '合计';

export const mentorshipIndicators: IndicatorDefinition[] = [
  {
    id: 'mentorship.level4_apprentices',
    name: { zh: '达到独立胜任(4级)的学员人次', en: 'Apprentice-competencies at level 4 or above' },
    unit: 'people',
    better: 'higher',
    breakdowns: ['programme', 'facility'],
    source: 'mentorship',
    compute: async (db, programmeId, { breakdown, filters }) => {
      const rows = await apprenticesAtLevel(db, programmeId, filters);
      if (breakdown === 'programme')
        return [{ key: null, label: TOTAL, value: rows.reduce((n, r) => n + r.apprentices, 0) }];
      const byFacility = new Map<string, { label: string; value: number }>();
      for (const r of rows) {
        const f = byFacility.get(r.facilityId) ?? { label: r.facilityName, value: 0 };
        f.value += r.apprentices;
        byFacility.set(r.facilityId, f);
      }
      return [...byFacility].map(([key, f]) => ({ key, ...f }));
    },
  },
  {
    id: 'mentorship.goals_met_on_time',
    name: { zh: '带教目标按期达成率', en: 'Share of mentorship goals met on time' },
    unit: 'share',
    better: 'higher',
    breakdowns: ['programme', 'batch'],
    source: 'mentorship',
    compute: async (db, programmeId, { breakdown, filters }) => {
      const rows = await goalsMetOnTime(db, programmeId, { ...filters, on: filters.to });
      const pick = rows.filter((r) => (breakdown === 'programme' ? r.batchId === null : r.batchId !== null));
      if (breakdown === 'programme' && pick.length === 0) return [{ key: null, label: TOTAL, value: null }];
      return pick.map((r) => ({ key: r.batchId, label: r.batchName ?? TOTAL, value: r.share }));
    },
  },
  {
    id: 'mentorship.median_months_to_level4',
    name: { zh: '达到4级所需月数中位数', en: 'Median months to level 4' },
    unit: 'months',
    better: 'lower',
    breakdowns: ['programme'],
    source: 'mentorship',
    compute: async (db, programmeId, { filters }) => {
      const total = (await medianMonthsToLevel4(db, programmeId, filters)).find(
        (r) => r.competencyId === null,
      );
      return [{ key: null, label: TOTAL, value: total?.medianMonths ?? null }];
    },
  },
];
