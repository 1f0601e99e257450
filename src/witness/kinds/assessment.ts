import { type SqlBool, sql, type Transaction } from 'kysely';
import type { Db } from '../../db/database';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import { confirmAssessment, disputeAssessment } from '../../mentorship/assessments';
import type { RecordSummary, WitnessableRecord, WitnessKind } from '../kinds';
import { asWitness, commandHq, countyOf, dayOf, homeHospitalOf } from './shared';

type Trx = Transaction<DB>;

const statusOf = async (trx: Trx, programmeId: string, id: string) =>
  (
    await trx
      .selectFrom('assessments')
      .select('status')
      .where('programme_id', '=', programmeId)
      .where('id', '=', id)
      .executeTakeFirst()
  )?.status;

async function load(trx: Trx, programmeId: string, id: string): Promise<WitnessableRecord | undefined> {
  const a = await trx
    .selectFrom('assessments as s')
    .innerJoin('people as ap', (j) =>
      j.onRef('ap.programme_id', '=', 's.programme_id').onRef('ap.id', '=', 's.apprentice_id'),
    )
    .innerJoin('competencies as c', (j) =>
      j.onRef('c.programme_id', '=', 's.programme_id').onRef('c.id', '=', 's.competency_id'),
    )
    .leftJoin('mentorships as m', (j) =>
      j.onRef('m.programme_id', '=', 's.programme_id').onRef('m.id', '=', 's.mentorship_id'),
    )
    .select([
      's.id',
      's.status',
      's.apprentice_id',
      's.competency_id',
      's.mentorship_id',
      's.assessor_id',
      's.level',
      's.assessed_on',
      'c.code as competency_code',
      'c.specialty_code',
      'ap.organisation_id as apprentice_organisation_id',
      'm.batch_id',
    ])
    .where('s.programme_id', '=', programmeId)
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!a) return undefined;
  // A confirmed one too: the confirm route confirms first, then attests for the recipient party.
  if (a.status === 'disputed') {
    throw new AppError('INVALID_TRANSITION', 'A disputed assessment cannot be witnessed; record a new one.');
  }
  return {
    publicFields: {
      kind: 'assessment',
      assessmentId: a.id,
      apprenticeId: a.apprentice_id,
      competencyId: a.competency_id,
      competencyCode: a.competency_code,
      specialtyCode: a.specialty_code,
      mentorshipId: a.mentorship_id,
      assessorId: a.assessor_id,
      level: a.level,
      assessedOn: dayOf(a.assessed_on),
    },
    partyOrganisations: {
      command: await commandHq(trx, programmeId),
      recipient: a.apprentice_organisation_id,
      supporter: await homeHospitalOf(trx, programmeId, a.assessor_id),
    },
    batchId: a.batch_id,
  };
}

async function describe(db: Db | Trx, programmeId: string, ids: readonly string[]) {
  const out = new Map<string, RecordSummary>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('assessments as s')
    .innerJoin('competencies as c', (j) =>
      j.onRef('c.programme_id', '=', 's.programme_id').onRef('c.id', '=', 's.competency_id'),
    )
    .leftJoin('mentorships as m', (j) =>
      j.onRef('m.programme_id', '=', 's.programme_id').onRef('m.id', '=', 's.mentorship_id'),
    )
    .leftJoin('facilities as f', (j) =>
      j.onRef('f.programme_id', '=', 'm.programme_id').onRef('f.id', '=', 'm.host_facility_id'),
    )
    .leftJoin('regions as r', (j) =>
      j.onRef('r.programme_id', '=', 'f.programme_id').onRef('r.id', '=', 'f.region_id'),
    )
    .leftJoin('regions as cr', (j) =>
      j.onRef('cr.programme_id', '=', 'r.programme_id').on(sql<SqlBool>`cr.id = ${countyOf('r')}`),
    )
    .leftJoin('batches as b', (j) =>
      j.onRef('b.programme_id', '=', 'm.programme_id').onRef('b.id', '=', 'm.batch_id'),
    )
    .select([
      's.id',
      's.level',
      's.assessed_on',
      'c.name as competency_name',
      'c.specialty_code',
      'f.name as facility_name',
      'cr.name as county_name',
      'b.number as batch_number',
    ])
    .where('s.programme_id', '=', programmeId)
    .where('s.id', 'in', ids)
    .execute();
  for (const r of rows) {
    out.set(r.id, {
      // No person's name: the witnesses read who on the assessment itself, in their scope.
      title: `${r.competency_name}：${r.level} 级`,
      facilityName: r.facility_name,
      specialtyCode: r.specialty_code,
      countyName: r.county_name,
      batchNumber: r.batch_number,
      on: dayOf(r.assessed_on),
    });
  }
  return out;
}

/**
 * An assessment (a level reached). The recipient party's attestation IS the cadre's confirmation
 * (`confirmAssessment`, as the attesting cadre); the request is witnessed when the command and the
 * mentor's home hospital have attested too. A dispute by any party, even after the confirmation,
 * makes the assessment disputed (`disputeAssessment`): it never counts and the mentor records a new one.
 */
export const assessmentKind: WitnessKind = {
  kind: 'assessment',
  requiredParties: ['command', 'recipient', 'supporter'],
  load,
  describe,
  async onAttested(trx, context, id, party) {
    if (party !== 'recipient') return;
    // Confirmed already when the cadre went through POST /api/mentorship/assessments/:id/confirm.
    if ((await statusOf(trx, context.actor.programmeId, id)) !== 'pending_confirmation') return;
    await confirmAssessment(trx, context.actor, id, context.audit, {
      note: 'witnessed for the recipient party',
      ...(context.now ? { at: context.now } : {}),
    });
  },
  async onWitnessed(trx, context, id) {
    if ((await statusOf(trx, context.actor.programmeId, id)) !== 'pending_confirmation') return;
    await confirmAssessment(trx, asWitness(context), id, context.audit, {
      note: 'witnessed by every party',
      ...(context.now ? { at: context.now } : {}),
    });
  },
  async onDisputed(trx, context, id, reason) {
    // Disputed already when the cadre went through POST /api/mentorship/assessments/:id/dispute.
    if ((await statusOf(trx, context.actor.programmeId, id)) === 'disputed') return;
    await disputeAssessment(trx, asWitness(context), id, reason, context.audit, { evenIfConfirmed: true });
  },
};
