import { type SqlBool, sql, type Transaction } from 'kysely';
import type { Db } from '../../db/database';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import type { RecordSummary, WitnessableRecord, WitnessKind } from '../kinds';
import { commandHq, countyOf, dayOf, homeHospitalOf } from './shared';

type Trx = Transaction<DB>;

async function load(trx: Trx, programmeId: string, id: string): Promise<WitnessableRecord | undefined> {
  const m = await trx
    .selectFrom('mentorships as m')
    .innerJoin('facilities as f', (j) =>
      j.onRef('f.programme_id', '=', 'm.programme_id').onRef('f.id', '=', 'm.host_facility_id'),
    )
    .select([
      'm.id',
      'm.status',
      'm.mentor_id',
      'm.host_facility_id',
      'm.batch_id',
      'm.continues_id',
      'm.starts_on',
      'm.ends_on',
      'm.closed_on',
      'f.organisation_id',
    ])
    .where('m.programme_id', '=', programmeId)
    .where('m.id', '=', id)
    .executeTakeFirst();
  if (!m) return undefined;
  if (m.status !== 'completed') {
    throw new AppError(
      'INVALID_TRANSITION',
      `Only a completed contract can be witnessed; this one is ${m.status.replace('_', ' ')}.`,
    );
  }
  const [apprentices, goals] = await Promise.all([
    trx
      .selectFrom('mentorship_apprentices')
      .select('person_id')
      .where('programme_id', '=', programmeId)
      .where('mentorship_id', '=', id)
      .orderBy('person_id')
      .execute(),
    trx
      .selectFrom('mentorship_goals')
      .select(sql<number>`count(*)`.as('n'))
      .where('programme_id', '=', programmeId)
      .where('mentorship_id', '=', id)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    publicFields: {
      kind: 'mentorship.completed',
      mentorshipId: m.id,
      mentorId: m.mentor_id,
      hostFacilityId: m.host_facility_id,
      batchId: m.batch_id,
      continuesId: m.continues_id,
      startsOn: dayOf(m.starts_on),
      endsOn: dayOf(m.ends_on),
      closedOn: dayOf(m.closed_on),
      apprenticeIds: apprentices.map((a) => a.person_id),
      goalCount: Number(goals.n),
    },
    partyOrganisations: {
      command: await commandHq(trx, programmeId),
      recipient: m.organisation_id,
      supporter: await homeHospitalOf(trx, programmeId, m.mentor_id),
    },
    batchId: m.batch_id,
  };
}

async function describe(db: Db | Trx, programmeId: string, ids: readonly string[]) {
  const out = new Map<string, RecordSummary>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('mentorships as m')
    .innerJoin('facilities as f', (j) =>
      j.onRef('f.programme_id', '=', 'm.programme_id').onRef('f.id', '=', 'm.host_facility_id'),
    )
    .innerJoin('regions as r', (j) =>
      j.onRef('r.programme_id', '=', 'f.programme_id').onRef('r.id', '=', 'f.region_id'),
    )
    .leftJoin('regions as cr', (j) =>
      j.onRef('cr.programme_id', '=', 'r.programme_id').on(sql<SqlBool>`cr.id = ${countyOf('r')}`),
    )
    .leftJoin('batches as b', (j) =>
      j.onRef('b.programme_id', '=', 'm.programme_id').onRef('b.id', '=', 'm.batch_id'),
    )
    .select([
      'm.id',
      'm.starts_on',
      'm.ends_on',
      'm.closed_on',
      'f.name as facility_name',
      'cr.name as county_name',
      'b.number as batch_number',
      sql<string | null>`(select min(c.specialty_code) from mentorship_goals g
        join competencies c on c.programme_id = g.programme_id and c.id = g.competency_id
        where g.programme_id = m.programme_id and g.mentorship_id = m.id)`.as('specialty_code'),
    ])
    .where('m.programme_id', '=', programmeId)
    .where('m.id', 'in', ids)
    .execute();
  for (const r of rows) {
    out.set(r.id, {
      title: `带教合同 ${dayOf(r.starts_on)} – ${dayOf(r.ends_on)}`,
      facilityName: r.facility_name,
      specialtyCode: r.specialty_code,
      countyName: r.county_name,
      batchNumber: r.batch_number,
      on: dayOf(r.closed_on),
    });
  }
  return out;
}

/**
 * A mentorship contract completed: witnessed by the command, the host facility's organisation and
 * the mentor's home hospital. The contract's own state does not change either way (completed is
 * final); witnessing and disputes are audited on the contract and kept on the request.
 */
export const mentorshipCompletedKind: WitnessKind = {
  kind: 'mentorship.completed',
  requiredParties: ['command', 'recipient', 'supporter'],
  load,
  describe,
  async onWitnessed(_trx, context, id) {
    await context.audit({ action: 'mentorship.completion_witnessed', entity: 'mentorship', entityId: id });
  },
  async onDisputed(_trx, context, id, reason) {
    await context.audit({
      action: 'mentorship.completion_disputed',
      entity: 'mentorship',
      entityId: id,
      after: { reason },
    });
  },
};
