import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Actor } from '../auth/actor';
import type { Db } from '../db/database';
import { AppError } from '../errors';

/**
 * SQL predicate: the organisation in column `orgIdColumn` lies in the actor's organisation
 * subtree. Organisation paths are materialised ('/a/b/c/'), so the test is a prefix match.
 */
export function orgInScope(
  orgIdColumn: string,
  actor: Pick<Actor, 'programmeId' | 'scopePath'>,
): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from organisations scope_o where scope_o.programme_id = ${actor.programmeId}
    and scope_o.id = ${sql.ref(orgIdColumn)} and scope_o.path like ${`${escapeLike(actor.scopePath)}%`})`;
}

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Loads an organisation the actor is about to reference in a change; it must exist and lie
 * in the actor's scope. Out-of-scope organisations answer as if they did not exist.
 */
export async function requireOrgInScope(
  db: Pick<Db, 'selectFrom'>,
  actor: Pick<Actor, 'programmeId' | 'scopePath'>,
  organisationId: string,
  field = 'organisationId',
) {
  const org = await db
    .selectFrom('organisations')
    .selectAll()
    .where('programme_id', '=', actor.programmeId)
    .where('id', '=', organisationId)
    .executeTakeFirst();
  if (!org?.path.startsWith(actor.scopePath)) throw outOfScope(field);
  return org;
}

/** The error for a reference to an organisation that does not exist or lies outside the actor's scope. */
export const outOfScope = (field: string) =>
  new AppError('VALIDATION_FAILED', 'The organisation does not exist or is outside your scope.', {
    issues: [{ path: field, message: 'not found in your scope' }],
  });
