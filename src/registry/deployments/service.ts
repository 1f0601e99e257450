import type { Transaction } from 'kysely';
import type { Audit } from '../../audit/audit';
import type { Actor } from '../../auth/actor';
import type { DB } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { requireOrgInScope } from '../scope';
import { requireSpecialty } from '../specialties';
import type { DeploymentInput } from './schema';

type Trx = Transaction<DB>;
const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', `${path}: ${message}`, { issues: [{ path, message }] });

/** Checks the references of a deployment: an expert, a supporting home organisation in scope, a host facility and a batch. */
async function checkReferences(trx: Trx, actor: Actor, d: DeploymentInput, excludeId?: string) {
  const home = await requireOrgInScope(trx, actor, d.homeOrganisationId, 'homeOrganisationId');
  if (home.side !== 'supporter') throw invalid('homeOrganisationId', 'must be a supporter-side organisation');
  const [person, facility, batch] = await Promise.all([
    trx
      .selectFrom('people')
      .select(['kind'])
      .where('programme_id', '=', actor.programmeId)
      .where('id', '=', d.personId)
      .executeTakeFirst(),
    trx
      .selectFrom('facilities')
      .select(['id'])
      .where('programme_id', '=', actor.programmeId)
      .where('id', '=', d.hostFacilityId)
      .executeTakeFirst(),
    trx
      .selectFrom('batches')
      .select(['id'])
      .where('programme_id', '=', actor.programmeId)
      .where('id', '=', d.batchId)
      .executeTakeFirst(),
  ]);
  if (!person) throw invalid('personId', 'unknown person');
  if (person.kind !== 'expert') throw invalid('personId', 'only experts are deployed');
  if (!facility) throw invalid('hostFacilityId', 'unknown facility');
  if (!batch) throw invalid('batchId', 'unknown batch');
  await requireSpecialty(trx, d.specialtyCode);
  if (d.endsOn <= d.startsOn) throw invalid('endsOn', 'must be after the start date');
  // A person is in one place at a time: tours of the same person may not overlap.
  let overlapping = trx
    .selectFrom('deployments')
    .select('id')
    .where('programme_id', '=', actor.programmeId)
    .where('person_id', '=', d.personId)
    .where('starts_on', '<', d.endsOn)
    .where('ends_on', '>', d.startsOn);
  if (excludeId) overlapping = overlapping.where('id', '!=', excludeId);
  return (await overlapping.executeTakeFirst())?.id;
}

export async function createDeployment(
  trx: Trx,
  actor: Actor,
  d: DeploymentInput,
  audit: Audit,
): Promise<string> {
  if (await checkReferences(trx, actor, d))
    throw new AppError('CONFLICT', 'This expert already has a deployment in these dates.');
  const row = await trx
    .insertInto('deployments')
    .values({
      programme_id: actor.programmeId,
      batch_id: d.batchId,
      person_id: d.personId,
      home_organisation_id: d.homeOrganisationId,
      host_facility_id: d.hostFacilityId,
      specialty_code: d.specialtyCode,
      term: d.term,
      starts_on: d.startsOn,
      ends_on: d.endsOn,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit({ action: 'deployment.created', entity: 'deployment', entityId: row.id, after: row });
  return row.id;
}

export async function updateDeployment(
  trx: Trx,
  actor: Actor,
  id: string,
  patch: Partial<DeploymentInput>,
  audit: Audit,
) {
  const before = await trx
    .selectFrom('deployments')
    .selectAll()
    .where('programme_id', '=', actor.programmeId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  const home = before
    ? await trx
        .selectFrom('organisations')
        .select('path')
        .where('programme_id', '=', actor.programmeId)
        .where('id', '=', before.home_organisation_id)
        .executeTakeFirst()
    : undefined;
  if (!before || !home?.path.startsWith(actor.scopePath)) throw notFound('Deployment');
  const merged: DeploymentInput = {
    batchId: patch.batchId ?? before.batch_id,
    personId: patch.personId ?? before.person_id,
    homeOrganisationId: patch.homeOrganisationId ?? before.home_organisation_id,
    hostFacilityId: patch.hostFacilityId ?? before.host_facility_id,
    specialtyCode: patch.specialtyCode ?? before.specialty_code,
    term: patch.term ?? before.term,
    startsOn: patch.startsOn ?? before.starts_on,
    endsOn: patch.endsOn ?? before.ends_on,
  };
  if (await checkReferences(trx, actor, merged, id))
    throw new AppError('CONFLICT', 'This expert already has a deployment in these dates.');
  const after = await trx
    .updateTable('deployments')
    .set({
      batch_id: merged.batchId,
      person_id: merged.personId,
      home_organisation_id: merged.homeOrganisationId,
      host_facility_id: merged.hostFacilityId,
      specialty_code: merged.specialtyCode,
      term: merged.term,
      starts_on: merged.startsOn,
      ends_on: merged.endsOn,
      updated_at: new Date(),
    })
    .where('programme_id', '=', actor.programmeId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit({ action: 'deployment.updated', entity: 'deployment', entityId: id, before, after });
}
