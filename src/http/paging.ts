import { type SelectQueryBuilder, sql } from 'kysely';
import { z } from 'zod';

/** Query-string paging and sorting shared by every list route. */
export const pageFields = {
  page: z.coerce.number().int().min(1).default(1).describe('1-based page number'),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  order: z.enum(['asc', 'desc']).default('asc'),
};

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

/** A Zod enum of the sortable fields of a list, defaulting to the first. */
export const sortField = <const S extends readonly [string, ...string[]]>(fields: S) =>
  z.enum(fields).default(fields[0] as S[number]);

/**
 * Runs a filtered query one page at a time, ordered by `orderBy` (a trusted column expression
 * chosen from a whitelist) then by `tiebreak`, with the total count of matching rows.
 */
export async function paginate<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  options: { page: number; pageSize: number; order: 'asc' | 'desc'; orderBy: string; tiebreak: string },
): Promise<Page<O>> {
  const direction = options.order === 'desc' ? sql`desc` : sql`asc`;
  const [items, count] = await Promise.all([
    query
      .orderBy(sql`${sql.ref(options.orderBy)} ${direction} nulls last`)
      .orderBy(sql.ref(options.tiebreak))
      .limit(options.pageSize)
      .offset((options.page - 1) * options.pageSize)
      .execute(),
    query.clearSelect().select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow() as Promise<{
      n: number;
    }>,
  ]);
  return { items, total: Number(count.n), page: options.page, pageSize: options.pageSize };
}
