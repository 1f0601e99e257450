import type { Db } from '../db/database';

/** The ways an indicator can be broken down; every indicator supports `programme` (one total row). */
export const breakdowns = ['programme', 'batch', 'county', 'facility', 'specialty', 'month'] as const;
export type Breakdown = (typeof breakdowns)[number];

/** Filters every indicator accepts (each applies those that make sense for it). */
export type IndicatorFilters = {
  /** Limit to facilities of this organisation subtree (the account's scope). */
  scopePath?: string | undefined;
  specialtyCode?: string | undefined;
  batchId?: string | undefined;
  /** First and last month (YYYY-MM-DD, inclusive) for indicators over monthly records. */
  from?: string | undefined;
  to?: string | undefined;
};

/** One figure of an indicator: the breakdown key (null for the programme total), its label, the value. */
export type IndicatorValue = { key: string | null; label: string; value: number | null };

export type IndicatorDefinition = {
  id: string;
  name: { zh: string; en: string };
  /** What the value counts: 'count', 'share' (0–1), 'days', 'people'… */
  unit: 'count' | 'share' | 'days' | 'months' | 'people' | 'services';
  /** Whether a larger value is better (targets on it increase) or worse. */
  better: 'higher' | 'lower';
  breakdowns: readonly Breakdown[];
  /** The capability that defines it. */
  source: 'needs' | 'coverage' | 'mentorship' | 'dependence';
  compute(
    db: Db,
    programmeId: string,
    options: { breakdown: Breakdown; filters: IndicatorFilters },
  ): Promise<IndicatorValue[]>;
};
