import { type RawBuilder, sql } from 'kysely';
import {
  POPULATION_SATURATION,
  priorityWeights,
  REMOTENESS_SATURATION_HOURS,
  WAITING_SATURATION_DAYS,
} from './priority';

/**
 * The same score as a SQL expression over a `needs` row aliased `alias`, so lists can sort
 * and maps can sum by priority in the database (a unit test checks it agrees with `priorityOf`).
 */
export function prioritySql(alias: string, now: Date): RawBuilder<number> {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  const end = sql`coalesce(${col('resolved_at')}, ${col('closed_at')}, ${now.toISOString()}::timestamptz)`;
  return sql<number>`(
    ${priorityWeights.urgency}::float8 * least(1, greatest(0, ${col('urgency')}::float8 / 4))
    + ${priorityWeights.population}::float8 * least(1, ln(1 + greatest(0, ${col('population_affected')})::float8) / ln(${1 + POPULATION_SATURATION}::float8))
    + ${priorityWeights.remoteness}::float8 * least(1, greatest(0, ${col('remoteness_hours')}::float8 / ${REMOTENESS_SATURATION_HOURS}))
    + ${priorityWeights.waiting}::float8 * least(1, greatest(0, extract(epoch from (${end} - ${col('reported_at')}))::float8 / 86400 / ${WAITING_SATURATION_DAYS}))
  )`;
}
