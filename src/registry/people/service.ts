import type { Transaction } from 'kysely';
import type { Audit } from '../../audit/audit';
import type { Actor } from '../../auth/actor';
import type { DB } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { requireOrgInScope } from '../scope';
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

/** Creates a person in an organisation of the actor's scope. */
export async function createPerson(
  trx: Trx,
  actor: Actor,
  input: PersonInput,
  audit: Audit,
): Promise<string> {
  await requireOrgInScope(trx, actor, input.organisationId);
  if (input.specialtyCode) await requireSpecialty(trx, input.specialtyCode);
  const row = await trx
    .insertInto('people')
    .values({
      programme_id: actor.programmeId,
      gender: null,
      birth_year: null,
      title: null,
      specialty_code: null,
      phone: null,
      ...toRow(input),
    } as never)
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit({ action: 'person.created', entity: 'person', entityId: row.id, after: row });
  return row.id;
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
