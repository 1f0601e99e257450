import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Actor } from '../auth/actor';
import { escapeLike } from '../registry/scope';

/**
 * Who sees which mentorship records (SQL predicates over the caller's aliases):
 * - an expert sees the contracts they mentor and the records of those contracts' apprentices;
 * - local staff see their own (contracts they are an apprentice in, their levels, activities);
 * - cadres (and admins, commanders, viewers) see records whose apprentice belongs to an
 *   organisation of their subtree, or whose mentor's home organisation does (supporter cadres).
 */
type Who = Pick<Actor, 'programmeId' | 'scopePath' | 'personId' | 'role'>;

const personal = (actor: Who) => actor.role === 'expert' || actor.role === 'local_staff';
const me = (actor: Who) => actor.personId ?? '00000000-0000-0000-0000-000000000000';

/** The person (column `ref`) belongs to an organisation of the actor's subtree. */
const personInScope = (actor: Who, ref: string) => sql<SqlBool>`exists (select 1 from people vis_p
  join organisations vis_o on vis_o.programme_id = vis_p.programme_id and vis_o.id = vis_p.organisation_id
  where vis_p.programme_id = ${actor.programmeId} and vis_p.id = ${sql.ref(ref)}
    and vis_o.path like ${`${escapeLike(actor.scopePath)}%`})`;

/** Contract `alias` (a mentorships row) is visible to the actor. */
export function mentorshipVisible(actor: Who, alias = 'm'): RawBuilder<SqlBool> {
  const id = sql.ref(`${alias}.id`);
  const apprenticeIs = (
    cond: RawBuilder<SqlBool>,
  ) => sql<SqlBool>`exists (select 1 from mentorship_apprentices vis_a
    where vis_a.programme_id = ${actor.programmeId} and vis_a.mentorship_id = ${id} and ${cond})`;
  if (actor.role === 'expert') return sql<SqlBool>`${sql.ref(`${alias}.mentor_id`)} = ${me(actor)}`;
  if (actor.role === 'local_staff') return apprenticeIs(sql<SqlBool>`vis_a.person_id = ${me(actor)}`);
  return sql<SqlBool>`(${personInScope(actor, `${alias}.mentor_id`)} or ${apprenticeIs(personInScope(actor, 'vis_a.person_id'))})`;
}

/** Records about apprentice `ref` (levels, assessments) are visible to the actor. */
export function apprenticeVisible(actor: Who, ref: string): RawBuilder<SqlBool> {
  const person = sql.ref(ref);
  if (actor.role === 'local_staff') return sql<SqlBool>`${person} = ${me(actor)}`;
  const mentoredBy = (
    cond: RawBuilder<SqlBool>,
  ) => sql<SqlBool>`exists (select 1 from mentorship_apprentices vis_ma
    join mentorships vis_m on vis_m.programme_id = vis_ma.programme_id and vis_m.id = vis_ma.mentorship_id
    where vis_ma.programme_id = ${actor.programmeId} and vis_ma.person_id = ${person} and ${cond})`;
  if (actor.role === 'expert') return mentoredBy(sql<SqlBool>`vis_m.mentor_id = ${me(actor)}`);
  return sql<SqlBool>`(${personInScope(actor, ref)} or ${mentoredBy(personInScope(actor, 'vis_m.mentor_id'))})`;
}

/** Teaching activity `alias` is visible: given or attended by the actor, or about people they see. */
export function activityVisible(actor: Who, alias = 'ta'): RawBuilder<SqlBool> {
  const id = sql.ref(`${alias}.id`);
  const attendee = (cond: RawBuilder<SqlBool>) => sql<SqlBool>`exists (select 1 from activity_attendees vis_aa
    where vis_aa.programme_id = ${actor.programmeId} and vis_aa.activity_id = ${id} and ${cond})`;
  const teacher = sql.ref(`${alias}.teacher_id`);
  if (personal(actor)) {
    return sql<SqlBool>`(${teacher} = ${me(actor)} or ${attendee(
      actor.role === 'expert'
        ? apprenticeVisible(actor, 'vis_aa.person_id')
        : sql<SqlBool>`vis_aa.person_id = ${me(actor)}`,
    )})`;
  }
  return sql<SqlBool>`(${personInScope(actor, `${alias}.teacher_id`)} or ${attendee(personInScope(actor, 'vis_aa.person_id'))}
    or exists (select 1 from facilities vis_f join organisations vis_fo on vis_fo.programme_id = vis_f.programme_id
      and vis_fo.id = vis_f.organisation_id where vis_f.programme_id = ${actor.programmeId}
      and vis_f.id = ${sql.ref(`${alias}.facility_id`)} and vis_fo.path like ${`${escapeLike(actor.scopePath)}%`}))`;
}
