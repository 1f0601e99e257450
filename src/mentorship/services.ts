import type { Transaction } from 'kysely';
import type { Audit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import type { Db } from '../db/database';
import type { DB } from '../db/schema';
import { validationError } from '../errors';
import { escapeLike } from '../registry/scope';
import { requireSpecialty } from '../registry/specialties';
import type { ServiceRecordInput } from './schema';

/**
 * Records (or corrects) one month's count of a service at a facility of the actor's scope,
 * split by who performed it. One row per facility, month and service: a second entry replaces
 * the first, and the audit row keeps both.
 */
export async function recordServiceCounts(
  trx: Transaction<DB>,
  actor: Actor,
  input: ServiceRecordInput,
  audit: Audit,
  source: 'form' | 'import' = 'form',
) {
  const p = actor.programmeId;
  const facility = await trx
    .selectFrom('facilities as f')
    .innerJoin('organisations as o', (j) =>
      j.onRef('o.programme_id', '=', 'f.programme_id').onRef('o.id', '=', 'f.organisation_id'),
    )
    .select(['f.id', 'f.level'])
    .where('f.programme_id', '=', p)
    .where('f.id', '=', input.facilityId)
    .where('o.path', 'like', `${escapeLike(actor.scopePath)}%`)
    .executeTakeFirst();
  if (!facility || facility.level === 'supporter_hospital') {
    throw validationError([{ path: 'facilityId', message: 'not a recipient facility in your scope' }]);
  }
  if (input.specialtyCode) await requireSpecialty(trx, input.specialtyCode);
  const key = {
    programme_id: p,
    facility_id: input.facilityId,
    month: `${input.month}-01`,
    service: input.service,
  };
  const before = await trx
    .selectFrom('service_records')
    .selectAll()
    .where('programme_id', '=', p)
    .where('facility_id', '=', key.facility_id)
    .where('month', '=', key.month)
    .where('service', '=', key.service)
    .executeTakeFirst();
  const values = {
    specialty_code: input.specialtyCode ?? null,
    local_count: input.localCount,
    aid_count: input.aidCount,
    source,
    updated_at: new Date(),
  };
  const after = await trx
    .insertInto('service_records')
    .values({ ...key, ...values })
    .onConflict((oc) => oc.columns(['programme_id', 'facility_id', 'month', 'service']).doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit({
    action: before ? 'service_record.corrected' : 'service_record.recorded',
    entity: 'service_record',
    entityId: `${key.facility_id}/${input.month}/${key.service}`,
    before,
    after,
  });
  return after;
}

export type ServiceRecordView = {
  facilityId: string;
  facilityName: string;
  month: string;
  service: string;
  specialtyCode: string | null;
  localCount: number;
  aidCount: number;
};

/** Service counts at facilities of the actor's scope, newest month first. */
export async function listServiceRecords(
  db: Db,
  actor: Actor,
  filter: { facilityId?: string | undefined; service?: string | undefined; from?: string | undefined },
  limit = 5000,
): Promise<ServiceRecordView[]> {
  let q = db
    .selectFrom('service_records as sr')
    .innerJoin('facilities as f', (j) =>
      j.onRef('f.programme_id', '=', 'sr.programme_id').onRef('f.id', '=', 'sr.facility_id'),
    )
    .innerJoin('organisations as o', (j) =>
      j.onRef('o.programme_id', '=', 'f.programme_id').onRef('o.id', '=', 'f.organisation_id'),
    )
    .select([
      'sr.facility_id',
      'f.name',
      'sr.month',
      'sr.service',
      'sr.specialty_code',
      'sr.local_count',
      'sr.aid_count',
    ])
    .where('sr.programme_id', '=', actor.programmeId)
    .where('o.path', 'like', `${escapeLike(actor.scopePath)}%`);
  if (filter.facilityId) q = q.where('sr.facility_id', '=', filter.facilityId);
  if (filter.service) q = q.where('sr.service', '=', filter.service);
  if (filter.from) q = q.where('sr.month', '>=', `${filter.from}-01`);
  const rows = await q
    .orderBy('sr.month', 'desc')
    .orderBy('f.name')
    .orderBy('sr.service')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    facilityId: r.facility_id,
    facilityName: r.name,
    month: r.month.slice(0, 7),
    service: r.service,
    specialtyCode: r.specialty_code,
    localCount: r.local_count,
    aidCount: r.aid_count,
  }));
}
