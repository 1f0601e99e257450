import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/** The programme whose log is meant: the one with `code`, else the first created; undefined when none. */
export async function logProgramme(
  db: Kysely<DB>,
  code: string | undefined,
): Promise<{ id: string; code: string } | undefined> {
  let query = db.selectFrom('programmes').select(['id', 'code']);
  query =
    code === undefined
      ? query.orderBy('created_at').orderBy('code').limit(1)
      : query.where('code', '=', code);
  return query.executeTakeFirst();
}

/** The checkpoint origin of a programme's log: `<configured origin>/<programme code>`. */
export const logOrigin = (configuredOrigin: string, programmeCode: string): string =>
  `${configuredOrigin}/${programmeCode}`;
