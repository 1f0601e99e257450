import { type Kysely, sql, type Transaction } from 'kysely';
import type { Audit, AuditContext } from '../../audit/audit';
import type { Actor } from '../../auth/actor';
import type { DB, Person } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { escapeLike, outOfScope, requireOrgInScope } from '../scope';
import { requireSpecialty } from '../specialties';
import type { PersonInput } from './schema';

type Trx = Transaction<DB>;

const toRow = (input: Partial<PersonInput>) => ({
  ...(input.organisationId !== undefined ? { organisation_id: input.organisationId } : {}),
  ...(input.kind !== undefined ? { kind: input.kind } : {}),
  ...(input.fullName !== undefined ? { full_name: input.fullName } : {}),
  ...(input.gender !== undefined ? { gender: input.gender } : {}),
  ...(input.birthYear !== undefined ? { birth_year: input.birthYear } : {}),
  ...(input.title !== undefined ? { title: input.title } : {}),
  ...(input.specialtyCode !== undefined ? { specialty_code: input.specialtyCode } : {}),
  ...(input.phone !== undefined ? { phone: input.phone } : {}),
});

/** One person to create: who asks, what, and the id it will have (chosen before the write). */
export type PersonCreate = { actor: Actor; input: PersonInput; ctx: AuditContext; id: string };
export type CreatedPerson = Person & { organisation_name: string };

/**
 * Creates a person in an organisation of the actor's scope, with its audit row: createPeople
 * with one entry. Returns the new row with its organisation's name.
 */
export async function createPerson(
  db: Kysely<DB>,
  actor: Actor,
  input: PersonInput,
  ctx: AuditContext,
  id: string = crypto.randomUUID(),
): Promise<CreatedPerson> {
  const [result] = await createPeople(db, [{ actor, input, ctx, id }]);
  if (!result || result instanceof Error) throw result ?? outOfScope('organisationId');
  return result;
}

/**
 * Creates people, each in an organisation of its actor's scope and with its audit row, in ONE
 * statement: the scope check, the inserts and the audit inserts are CTEs over unnested arrays,
 * so the write is atomic without an explicit transaction and costs one round trip (the hot path
 * of registry writes; see WriteBatcher and bench/api-write.ts), prepared once per connection.
 * Each entry's answer is its new row with its organisation's name, or the out-of-scope error
 * when its organisation is not in its actor's scope (that entry alone is skipped). A failing row
 * (an unknown specialty) fails the statement, and with it every entry: nothing is stored.
 */
export async function createPeople(
  db: Kysely<DB>,
  entries: PersonCreate[],
): Promise<(CreatedPerson | AppError)[]> {
  const column = <T>(pick: (e: PersonCreate) => T) => entries.map(pick);
  const { rows } = await sql<CreatedPerson>`/* prepare:people_create_batch */
    with input as (
      select * from unnest(
        ${column((e) => e.actor.programmeId)}::uuid[], ${column((e) => e.id)}::uuid[],
        ${column((e) => e.input.organisationId)}::uuid[], ${column((e) => `${escapeLike(e.actor.scopePath)}%`)}::text[],
        ${column((e) => e.input.kind)}::text[], ${column((e) => e.input.fullName)}::text[],
        ${column((e) => e.input.gender ?? null)}::text[], ${column((e) => e.input.birthYear ?? null)}::int[],
        ${column((e) => e.input.title ?? null)}::text[], ${column((e) => e.input.specialtyCode ?? null)}::text[],
        ${column((e) => e.input.phone ?? null)}::text[], ${column((e) => e.ctx.actorUserId)}::uuid[],
        ${column((e) => e.ctx.requestId)}::text[]
      ) as t(programme_id, id, organisation_id, scope, kind, full_name, gender, birth_year, title, specialty_code,
        phone, actor_user_id, request_id)
    ), person as (
      insert into people (programme_id, id, organisation_id, kind, full_name, gender, birth_year, title, specialty_code, phone)
      select i.programme_id, i.id, o.id, i.kind, i.full_name, i.gender, i.birth_year, i.title, i.specialty_code, i.phone
      from input i
      join organisations o on o.programme_id = i.programme_id and o.id = i.organisation_id and o.path like i.scope
      returning *
    ), audit as (
      insert into audit_log (programme_id, actor_user_id, action, entity, entity_id, after, request_id)
      select p.programme_id, i.actor_user_id, 'person.created', 'person', p.id::text, to_jsonb(p), i.request_id
      from person p join input i on i.id = p.id
    )
    select p.*, o.name as organisation_name
    from person p join organisations o on o.programme_id = p.programme_id and o.id = p.organisation_id`.execute(
    db,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return entries.map((e) => byId.get(e.id) ?? outOfScope('organisationId'));
}

async function loadForChange(trx: Trx, actor: Actor, id: string) {
  const row = await trx
    .selectFrom('people as p')
    .innerJoin('organisations as o', (j) =>
      j.onRef('o.programme_id', '=', 'p.programme_id').onRef('o.id', '=', 'p.organisation_id'),
    )
    .selectAll('p')
    .select('o.path')
    .where('p.programme_id', '=', actor.programmeId)
    .where('p.id', '=', id)
    .forUpdate('p')
    .executeTakeFirst();
  // Out of scope reads as not found: a change never reveals another organisation's records.
  if (!row?.path.startsWith(actor.scopePath)) throw notFound('Person');
  const { path: _path, ...person } = row;
  return person;
}

/** Edits a person the actor's scope owns; moving them requires the new organisation in scope too. */
export async function updatePerson(
  trx: Trx,
  actor: Actor,
  id: string,
  patch: Partial<PersonInput>,
  audit: Audit,
) {
  const before = await loadForChange(trx, actor, id);
  if (patch.organisationId) await requireOrgInScope(trx, actor, patch.organisationId);
  if (patch.specialtyCode) await requireSpecialty(trx, patch.specialtyCode);
  const changes = toRow(patch);
  if (Object.keys(changes).length === 0) return;
  const after = await trx
    .updateTable('people')
    .set({ ...changes, updated_at: new Date() })
    .where('programme_id', '=', actor.programmeId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit({ action: 'person.updated', entity: 'person', entityId: id, before, after });
}

/** Deletes a person who has no deployments or account; otherwise answers REFERENCED. */
export async function deletePerson(trx: Trx, actor: Actor, id: string, audit: Audit) {
  const before = await loadForChange(trx, actor, id);
  const used = await trx
    .selectFrom('deployments')
    .select('id')
    .where('programme_id', '=', actor.programmeId)
    .where('person_id', '=', id)
    .union(
      trx
        .selectFrom('users')
        .select('id')
        .where('programme_id', '=', actor.programmeId)
        .where('person_id', '=', id),
    )
    .executeTakeFirst();
  if (used)
    throw new AppError('REFERENCED', 'This person has deployments or an account; they cannot be deleted.');
  await trx.deleteFrom('people').where('programme_id', '=', actor.programmeId).where('id', '=', id).execute();
  await audit({ action: 'person.deleted', entity: 'person', entityId: id, before });
}
