import { sql, type Transaction } from 'kysely';
import type { Audit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import type { Db } from '../db/database';
import type { DB } from '../db/schema';
import { AppError, notFound, validationError } from '../errors';
import { escapeLike } from '../registry/scope';
import { requireCompetencies } from './catalogue';
import type { AssessmentInput } from './schema';
import type { AssessmentStatus } from './tables';
import { apprenticeVisible } from './visibility';

type Trx = Transaction<DB>;

/**
 * Records an apprentice's new entrustment level in a competency. Only the mentor records it
 * (the expert account linked to the mentor person), for an apprentice of one of their running
 * contracts; it waits as `pending_confirmation` until a recipient cadre witnesses it.
 */
export async function recordAssessment(
  trx: Trx,
  actor: Actor,
  input: AssessmentInput,
  audit: Audit,
  now = new Date(),
): Promise<string> {
  const p = actor.programmeId;
  if (!actor.personId) throw new AppError('FORBIDDEN', 'Assessments are recorded by the mentor.');
  if (input.assessedOn > now.toISOString().slice(0, 10)) {
    throw validationError([{ path: 'assessedOn', message: 'must not be in the future' }]);
  }
  await requireCompetencies(trx, p, [input.competencyId], 'competencyId');
  let q = trx
    .selectFrom('mentorships as m')
    .innerJoin('mentorship_apprentices as a', (j) =>
      j.onRef('a.programme_id', '=', 'm.programme_id').onRef('a.mentorship_id', '=', 'm.id'),
    )
    .select('m.id')
    .where('m.programme_id', '=', p)
    .where('m.mentor_id', '=', actor.personId)
    .where('a.person_id', '=', input.apprenticeId)
    .where('m.status', 'in', ['active', 'extended']);
  if (input.mentorshipId) q = q.where('m.id', '=', input.mentorshipId);
  const contract = await q.orderBy('m.starts_on', 'desc').executeTakeFirst();
  if (!contract) {
    throw validationError([
      { path: 'apprenticeId', message: 'not an apprentice of a running contract you mentor' },
    ]);
  }
  const row = await trx
    .insertInto('assessments')
    .values({
      programme_id: p,
      apprentice_id: input.apprenticeId,
      competency_id: input.competencyId,
      mentorship_id: contract.id,
      assessor_id: actor.personId,
      level: input.level,
      assessed_on: input.assessedOn,
      note: input.note,
      dispute_reason: null,
      recorded_by: actor.userId,
      confirmed_by: null,
      confirmed_by_person_id: null,
      confirmed_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit({ action: 'assessment.recorded', entity: 'assessment', entityId: row.id, after: row });
  return row.id;
}

/**
 * A recipient cadre witnesses an assessment: it becomes `confirmed` and counts in levels and
 * indicators. The witnessing workflow (attestations published in the transparency log) calls
 * this with the attesting cadre as `actor`; the apprentice must belong to an organisation of
 * the cadre's subtree (otherwise it reads as not found). Returns the confirmed row.
 */
/** Locks a pending assessment whose apprentice lies in the witness's scope (else not found). */
async function loadPending(
  trx: Trx,
  actor: Actor,
  id: string,
  action: 'confirm' | 'dispute',
  evenIfConfirmed = false,
) {
  const before = await trx
    .selectFrom('assessments as s')
    .innerJoin('people as ap', (j) =>
      j.onRef('ap.programme_id', '=', 's.programme_id').onRef('ap.id', '=', 's.apprentice_id'),
    )
    .innerJoin('organisations as o', (j) =>
      j.onRef('o.programme_id', '=', 'ap.programme_id').onRef('o.id', '=', 'ap.organisation_id'),
    )
    .selectAll('s')
    .where('s.programme_id', '=', actor.programmeId)
    .where('s.id', '=', id)
    .where('o.path', 'like', `${escapeLike(actor.scopePath)}%`)
    .forUpdate('s')
    .executeTakeFirst();
  if (!before) throw notFound('Assessment');
  if (before.status !== 'pending_confirmation' && !(evenIfConfirmed && before.status === 'confirmed')) {
    throw new AppError(
      'INVALID_TRANSITION',
      `This assessment is ${before.status.replace('_', ' ')}, not pending.`,
      {
        status: before.status,
        action,
      },
    );
  }
  if (before.assessor_id === actor.personId) {
    throw new AppError('FORBIDDEN', 'The assessor cannot witness their own assessment.');
  }
  return before;
}

/**
 * A recipient cadre witnesses an assessment: it becomes `confirmed` and counts in levels and
 * indicators. The witnessing workflow (attestations published in the transparency log) calls
 * this with the attesting cadre as `actor`; the apprentice must belong to an organisation of
 * the cadre's subtree (otherwise it reads as not found). Returns the confirmed row.
 */
export async function confirmAssessment(
  trx: Trx,
  actor: Actor,
  id: string,
  audit: Audit,
  options: { note?: string | undefined; at?: Date } = {},
) {
  const before = await loadPending(trx, actor, id, 'confirm');
  const after = await trx
    .updateTable('assessments')
    .set({
      status: 'confirmed',
      confirmed_by: actor.userId,
      confirmed_by_person_id: actor.personId,
      confirmed_at: options.at ?? new Date(),
    })
    .where('programme_id', '=', actor.programmeId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit({
    action: 'assessment.confirmed',
    entity: 'assessment',
    entityId: id,
    before,
    after: options.note ? { ...after, note: options.note } : after,
  });
  return after;
}

/**
 * A witness disputes a pending assessment with a reason: it never counts, and the mentor
 * records a new one. The witnessing workflow calls this when a party disputes.
 */
export async function disputeAssessment(
  trx: Trx,
  actor: Actor,
  id: string,
  reason: string,
  audit: Audit,
  // A witness party may dispute after the recipient cadre confirmed: the confirmation is withdrawn.
  options: { evenIfConfirmed?: boolean } = {},
) {
  const before = await loadPending(trx, actor, id, 'dispute', options.evenIfConfirmed);
  const after = await trx
    .updateTable('assessments')
    .set({
      status: 'disputed',
      dispute_reason: reason,
      confirmed_by: null,
      confirmed_by_person_id: null,
      confirmed_at: null,
    })
    .where('programme_id', '=', actor.programmeId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit({ action: 'assessment.disputed', entity: 'assessment', entityId: id, before, after });
  return after;
}

export type AssessmentView = {
  id: string;
  apprenticeId: string;
  apprenticeName: string;
  competencyId: string;
  competencyName: string;
  specialtyCode: string;
  mentorshipId: string | null;
  assessorId: string;
  assessorName: string;
  level: number;
  assessedOn: string;
  note: string;
  status: AssessmentStatus;
  disputeReason: string | null;
  confirmedByName: string | null;
  confirmedAt: Date | null;
};

export type AssessmentFilter = {
  apprenticeId?: string | undefined;
  assessorId?: string | undefined;
  competencyId?: string | undefined;
  status?: AssessmentStatus | undefined;
};

/** Assessments the actor may see (in date order): the level history of each apprentice. */
export async function listAssessments(db: Db, actor: Actor, filter: AssessmentFilter, limit = 1000) {
  let q = db
    .selectFrom('assessments as s')
    .innerJoin('people as ap', (j) =>
      j.onRef('ap.programme_id', '=', 's.programme_id').onRef('ap.id', '=', 's.apprentice_id'),
    )
    .innerJoin('people as mp', (j) =>
      j.onRef('mp.programme_id', '=', 's.programme_id').onRef('mp.id', '=', 's.assessor_id'),
    )
    .innerJoin('competencies as c', (j) =>
      j.onRef('c.programme_id', '=', 's.programme_id').onRef('c.id', '=', 's.competency_id'),
    )
    .leftJoin('people as wp', (j) =>
      j.onRef('wp.programme_id', '=', 's.programme_id').onRef('wp.id', '=', 's.confirmed_by_person_id'),
    )
    .leftJoin('users as wu', (j) =>
      j.onRef('wu.programme_id', '=', 's.programme_id').onRef('wu.id', '=', 's.confirmed_by'),
    )
    .select([
      's.id',
      's.apprentice_id',
      'ap.full_name as apprentice_name',
      's.competency_id',
      'c.name as competency_name',
      'c.specialty_code',
      's.mentorship_id',
      's.assessor_id',
      'mp.full_name as assessor_name',
      's.level',
      's.assessed_on',
      's.note',
      's.status',
      's.dispute_reason',
      sql<string | null>`coalesce(wp.full_name, wu.display_name)`.as('confirmed_by_name'),
      's.confirmed_at',
    ])
    .where('s.programme_id', '=', actor.programmeId)
    .where(apprenticeVisible(actor, 's.apprentice_id'));
  if (filter.apprenticeId) q = q.where('s.apprentice_id', '=', filter.apprenticeId);
  if (filter.assessorId) q = q.where('s.assessor_id', '=', filter.assessorId);
  if (filter.competencyId) q = q.where('s.competency_id', '=', filter.competencyId);
  if (filter.status) q = q.where('s.status', '=', filter.status);
  const rows = await q.orderBy('s.assessed_on').orderBy('s.created_at').limit(limit).execute();
  return rows.map(
    (r): AssessmentView => ({
      id: r.id,
      apprenticeId: r.apprentice_id,
      apprenticeName: r.apprentice_name,
      competencyId: r.competency_id,
      competencyName: r.competency_name,
      specialtyCode: r.specialty_code,
      mentorshipId: r.mentorship_id,
      assessorId: r.assessor_id,
      assessorName: r.assessor_name,
      level: r.level,
      assessedOn: r.assessed_on,
      note: r.note,
      status: r.status,
      disputeReason: r.dispute_reason,
      confirmedByName: r.confirmed_by_name,
      confirmedAt: r.confirmed_at,
    }),
  );
}
