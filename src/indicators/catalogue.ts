import type { Db } from '../db/database';
import { dependenceIndicators } from '../dependence/indicators';
import { AppError, notFound } from '../errors';
import { mentorshipIndicators } from './mentorship';
import { needIndicators } from './needs';
import type { Breakdown, IndicatorDefinition, IndicatorFilters, IndicatorValue } from './types';

export type { Breakdown, IndicatorDefinition, IndicatorFilters, IndicatorValue } from './types';

/**
 * The one catalogue of indicators: each defined once, used by targets, dashboards, exports and
 * the public page. A capability adds its list here.
 */
export const catalogue: readonly IndicatorDefinition[] = [
  ...needIndicators,
  ...mentorshipIndicators,
  ...dependenceIndicators,
];

const byId = new Map(catalogue.map((d) => [d.id, d]));

/** The definition of an indicator, or NOT_FOUND. */
export function indicator(id: string): IndicatorDefinition {
  const found = byId.get(id);
  if (!found) throw notFound('Indicator');
  return found;
}

export const isIndicator = (id: string) => byId.has(id);

/** Computes an indicator, refusing a breakdown it does not support. */
export async function computeIndicator(
  db: Db,
  programmeId: string,
  id: string,
  breakdown: Breakdown = 'programme',
  filters: IndicatorFilters = {},
): Promise<IndicatorValue[]> {
  const definition = indicator(id);
  if (!definition.breakdowns.includes(breakdown))
    throw new AppError('VALIDATION_FAILED', `Indicator ${id} has no ${breakdown} breakdown.`, {
      issues: [{ path: 'breakdown', message: `one of ${definition.breakdowns.join(', ')}` }],
    });
  return definition.compute(db, programmeId, { breakdown, filters });
}

/** The value of one row of an indicator (the programme total when `key` is null). */
export async function indicatorValue(
  db: Db,
  programmeId: string,
  target: {
    indicatorId: string;
    breakdown: Breakdown;
    breakdownKey: string | null;
    specialtyCode?: string | null;
  },
): Promise<number | null> {
  const rows = await computeIndicator(db, programmeId, target.indicatorId, target.breakdown, {
    specialtyCode: target.specialtyCode ?? undefined,
  });
  return rows.find((r) => r.key === target.breakdownKey)?.value ?? null;
}
