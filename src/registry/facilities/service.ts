import type { Transaction } from 'kysely';
import type { Audit } from '../../audit/audit';
import type { Actor } from '../../auth/actor';
import type { DB } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { requireOrgInScope } from '../scope';
import type { FacilityInput } from './schema';

type Trx = Transaction<DB>;

const toRow = (i: Partial<FacilityInput>) => ({
  ...(i.organisationId !== undefined ? { organisation_id: i.organisationId } : {}),
  ...(i.regionId !== undefined ? { region_id: i.regionId } : {}),
  ...(i.code !== undefined ? { code: i.code } : {}),
  ...(i.name !== undefined ? { name: i.name } : {}),
  ...(i.nameEn !== undefined ? { name_en: i.nameEn } : {}),
  ...(i.level !== undefined ? { level: i.level } : {}),
  ...(i.lat !== undefined ? { lat: i.lat } : {}),
  ...(i.lon !== undefined ? { lon: i.lon } : {}),
  ...(i.travelHoursToSeat !== undefined ? { travel_hours_to_seat: i.travelHoursToSeat } : {}),
  ...(i.beds !== undefined ? { beds: i.beds } : {}),
});

async function requireRegion(trx: Trx, actor: Actor, regionId: string) {
  const region = await trx
    .selectFrom('regions')
    .select('id')
    .where('programme_id', '=', actor.programmeId)
    .where('id', '=', regionId)
    .executeTakeFirst();
  if (!region) {
    throw new AppError('VALIDATION_FAILED', 'Unknown region.', {
      issues: [{ path: 'regionId', message: 'unknown region' }],
    });
  }
}

/** Creates a facility owned by an organisation in the actor's scope. */
export async function createFacility(
  trx: Trx,
  actor: Actor,
  input: FacilityInput,
  audit: Audit,
): Promise<string> {
  await requireOrgInScope(trx, actor, input.organisationId);
  await requireRegion(trx, actor, input.regionId);
  const row = await trx
    .insertInto('facilities')
    .values({ programme_id: actor.programmeId, name_en: null, beds: null, ...toRow(input) } as never)
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit({ action: 'facility.created', entity: 'facility', entityId: row.id, after: row });
  return row.id;
}

export async function updateFacility(
  trx: Trx,
  actor: Actor,
  id: string,
  patch: Partial<FacilityInput>,
  audit: Audit,
) {
  const before = await trx
    .selectFrom('facilities as f')
    .innerJoin('organisations as o', (j) =>
      j.onRef('o.programme_id', '=', 'f.programme_id').onRef('o.id', '=', 'f.organisation_id'),
    )
    .selectAll('f')
    .select('o.path')
    .where('f.programme_id', '=', actor.programmeId)
    .where('f.id', '=', id)
    .forUpdate('f')
    .executeTakeFirst();
  if (!before?.path.startsWith(actor.scopePath)) throw notFound('Facility');
  if (patch.organisationId) await requireOrgInScope(trx, actor, patch.organisationId);
  if (patch.regionId) await requireRegion(trx, actor, patch.regionId);
  const changes = toRow(patch);
  if (Object.keys(changes).length === 0) return;
  const after = await trx
    .updateTable('facilities')
    .set({ ...changes, updated_at: new Date() })
    .where('programme_id', '=', actor.programmeId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const { path: _path, ...old } = before;
  await audit({ action: 'facility.updated', entity: 'facility', entityId: id, before: old, after });
}
