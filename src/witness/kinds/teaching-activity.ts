import { type SqlBool, sql, type Transaction } from 'kysely';
import type { Db } from '../../db/database';
import type { DB } from '../../db/schema';
import type { RecordSummary, WitnessableRecord, WitnessKind } from '../kinds';
import { batchOn, commandHq, countyOf, dayOf, homeHospitalOf } from './shared';

type Trx = Transaction<DB>;

async function load(trx: Trx, programmeId: string, id: string): Promise<WitnessableRecord | undefined> {
  const a = await trx
    .selectFrom('teaching_activities as ta')
    .innerJoin('facilities as f', (j) =>
      j.onRef('f.programme_id', '=', 'ta.programme_id').onRef('f.id', '=', 'ta.facility_id'),
    )
    .leftJoin('mentorships as m', (j) =>
      j.onRef('m.programme_id', '=', 'ta.programme_id').onRef('m.id', '=', 'ta.mentorship_id'),
    )
    .select([
      'ta.id',
      'ta.kind',
      'ta.teacher_id',
      'ta.mentorship_id',
      'ta.facility_id',
      'ta.held_on',
      'f.organisation_id',
      'm.batch_id',
    ])
    .where('ta.programme_id', '=', programmeId)
    .where('ta.id', '=', id)
    .executeTakeFirst();
  if (!a) return undefined;
  const [attendees, competencies] = await Promise.all([
    trx
      .selectFrom('activity_attendees')
      .select(sql<number>`count(*)`.as('n'))
      .where('programme_id', '=', programmeId)
      .where('activity_id', '=', id)
      .executeTakeFirstOrThrow(),
    trx
      .selectFrom('activity_competencies')
      .select('competency_id')
      .where('programme_id', '=', programmeId)
      .where('activity_id', '=', id)
      .orderBy('competency_id')
      .execute(),
  ]);
  const heldOn = dayOf(a.held_on);
  return {
    // Never the title or the case summary (free text), nor who attended: only how many.
    publicFields: {
      kind: 'teaching_activity',
      activityId: a.id,
      activityKind: a.kind,
      teacherId: a.teacher_id,
      mentorshipId: a.mentorship_id,
      facilityId: a.facility_id,
      heldOn,
      attendeeCount: Number(attendees.n),
      competencyIds: competencies.map((c) => c.competency_id),
    },
    partyOrganisations: {
      command: await commandHq(trx, programmeId),
      recipient: a.organisation_id,
      supporter: await homeHospitalOf(trx, programmeId, a.teacher_id),
    },
    batchId: a.batch_id ?? (await batchOn(trx, programmeId, heldOn)),
  };
}

async function describe(db: Db | Trx, programmeId: string, ids: readonly string[]) {
  const out = new Map<string, RecordSummary>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('teaching_activities as ta')
    .innerJoin('facilities as f', (j) =>
      j.onRef('f.programme_id', '=', 'ta.programme_id').onRef('f.id', '=', 'ta.facility_id'),
    )
    .innerJoin('regions as r', (j) =>
      j.onRef('r.programme_id', '=', 'f.programme_id').onRef('r.id', '=', 'f.region_id'),
    )
    .leftJoin('regions as cr', (j) =>
      j.onRef('cr.programme_id', '=', 'r.programme_id').on(sql<SqlBool>`cr.id = ${countyOf('r')}`),
    )
    .leftJoin('batches as b', (j) =>
      j
        .onRef('b.programme_id', '=', 'ta.programme_id')
        .onRef('b.starts_on', '<=', 'ta.held_on')
        .onRef('b.ends_on', '>=', 'ta.held_on'),
    )
    .select([
      'ta.id',
      'ta.title',
      'ta.held_on',
      'f.name as facility_name',
      'cr.name as county_name',
      'b.number as batch_number',
      sql<string | null>`(select min(c.specialty_code) from activity_competencies ac
        join competencies c on c.programme_id = ac.programme_id and c.id = ac.competency_id
        where ac.programme_id = ta.programme_id and ac.activity_id = ta.id)`.as('specialty_code'),
    ])
    .where('ta.programme_id', '=', programmeId)
    .where('ta.id', 'in', ids)
    .orderBy('b.number', 'desc')
    .execute();
  for (const r of rows) {
    if (out.has(r.id)) continue; // overlapping batches: the latest-numbered
    out.set(r.id, {
      // De-identified when logged (findIdentifiers), and shown to the witnesses only.
      title: r.title,
      facilityName: r.facility_name,
      specialtyCode: r.specialty_code,
      countyName: r.county_name,
      batchNumber: r.batch_number,
      on: dayOf(r.held_on),
    });
  }
  return out;
}

/**
 * A teaching activity: witnessed by the command, the host facility's organisation and the
 * teacher's home hospital, it is marked witnessed (`teaching_activities.witnessed_at`). Disputed,
 * it stays unwitnessed (the reason is on the request) until it is claimed again.
 */
export const teachingActivityKind: WitnessKind = {
  kind: 'teaching_activity',
  requiredParties: ['command', 'recipient', 'supporter'],
  load,
  describe,
  async onWitnessed(trx, context, id) {
    const at = context.now ?? new Date();
    await trx
      .updateTable('teaching_activities')
      .set({ witnessed_at: at })
      .where('programme_id', '=', context.actor.programmeId)
      .where('id', '=', id)
      .where('witnessed_at', 'is', null)
      .execute();
    await context.audit({
      action: 'teaching_activity.witnessed',
      entity: 'teaching_activity',
      entityId: id,
      after: { witnessedAt: at },
    });
  },
  async onDisputed(trx, context, id, reason) {
    await trx
      .updateTable('teaching_activities')
      .set({ witnessed_at: null })
      .where('programme_id', '=', context.actor.programmeId)
      .where('id', '=', id)
      .execute();
    await context.audit({
      action: 'teaching_activity.disputed',
      entity: 'teaching_activity',
      entityId: id,
      after: { reason },
    });
  },
};
