import type { Transaction } from 'kysely';
import type { Audit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import type { Db } from '../db/database';
import type { DB } from '../db/schema';
import { validationError } from '../errors';
import { requireCompetencies } from './catalogue';
import { requireDeidentified } from './patient-names';
import type { ActivityInput } from './schema';
import type { ActivityKind } from './tables';
import { activityVisible } from './visibility';

type Trx = Transaction<DB>;

/**
 * Logs a teaching activity given by the actor's own person (an expert), or, for admins, by the
 * expert named in `teacherId`. The title and case summary must be de-identified. A remote
 * consult may be logged after the deployment ended: the relationship outlasts the rotation.
 */
export async function recordActivity(
  trx: Trx,
  actor: Actor,
  input: ActivityInput,
  audit: Audit,
): Promise<string> {
  const p = actor.programmeId;
  const teacherId = actor.role === 'admin' ? (input.teacherId ?? actor.personId) : actor.personId;
  if (!teacherId || (input.teacherId && input.teacherId !== teacherId)) {
    throw validationError([{ path: 'teacherId', message: 'you log activities you gave yourself' }]);
  }
  const facility = await trx
    .selectFrom('facilities')
    .select('id')
    .where('programme_id', '=', p)
    .where('id', '=', input.facilityId)
    .executeTakeFirst();
  if (!facility) throw validationError([{ path: 'facilityId', message: 'unknown facility' }]);
  if (input.mentorshipId) {
    const m = await trx
      .selectFrom('mentorships')
      .select(['mentor_id', 'status'])
      .where('programme_id', '=', p)
      .where('id', '=', input.mentorshipId)
      .executeTakeFirst();
    if (!m || m.mentor_id !== teacherId || m.status === 'proposed' || m.status === 'withdrawn') {
      throw validationError([
        { path: 'mentorshipId', message: 'not a contract you mentor that has started' },
      ]);
    }
  }
  const attendees = [...new Set(input.attendeeIds)];
  const found = await trx
    .selectFrom('people')
    .select('id')
    .where('programme_id', '=', p)
    .where('id', 'in', attendees)
    .execute();
  if (found.length !== attendees.length)
    throw validationError([{ path: 'attendeeIds', message: 'unknown person' }]);
  const competencies = [...new Set(input.competencyIds)];
  await requireCompetencies(trx, p, competencies, 'competencyIds');
  await requireDeidentified(trx, p, { title: input.title, caseSummary: input.caseSummary });

  const row = await trx
    .insertInto('teaching_activities')
    .values({
      programme_id: p,
      kind: input.kind,
      teacher_id: teacherId,
      mentorship_id: input.mentorshipId ?? null,
      facility_id: input.facilityId,
      held_on: input.heldOn,
      title: input.title,
      case_summary: input.caseSummary,
      recorded_by: actor.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('activity_attendees')
    .values(attendees.map((person_id) => ({ programme_id: p, activity_id: row.id, person_id })))
    .execute();
  if (competencies.length) {
    await trx
      .insertInto('activity_competencies')
      .values(competencies.map((competency_id) => ({ programme_id: p, activity_id: row.id, competency_id })))
      .execute();
  }
  await audit({
    action: 'teaching_activity.recorded',
    entity: 'teaching_activity',
    entityId: row.id,
    after: { ...row, attendeeIds: attendees, competencyIds: competencies },
  });
  return row.id;
}

export type ActivityView = {
  id: string;
  kind: ActivityKind;
  heldOn: string;
  title: string;
  caseSummary: string;
  teacherId: string;
  teacherName: string;
  facilityId: string;
  facilityName: string;
  mentorshipId: string | null;
  attendees: { personId: string; fullName: string }[];
  competencies: { competencyId: string; name: string }[];
};

export type ActivityFilter = {
  id?: string | undefined;
  /** Given or attended by this person. */
  personId?: string | undefined;
  teacherId?: string | undefined;
  mentorshipId?: string | undefined;
  kind?: ActivityKind | undefined;
};

/** The activities the actor may see, newest first (at most `limit`). */
export async function listActivities(
  db: Db,
  actor: Actor,
  filter: ActivityFilter,
  limit = 200,
): Promise<ActivityView[]> {
  const p = actor.programmeId;
  let q = db
    .selectFrom('teaching_activities as ta')
    .innerJoin('people as tp', (j) =>
      j.onRef('tp.programme_id', '=', 'ta.programme_id').onRef('tp.id', '=', 'ta.teacher_id'),
    )
    .innerJoin('facilities as f', (j) =>
      j.onRef('f.programme_id', '=', 'ta.programme_id').onRef('f.id', '=', 'ta.facility_id'),
    )
    .select([
      'ta.id',
      'ta.kind',
      'ta.held_on',
      'ta.title',
      'ta.case_summary',
      'ta.teacher_id',
      'tp.full_name as teacher_name',
      'ta.facility_id',
      'f.name as facility_name',
      'ta.mentorship_id',
    ])
    .where('ta.programme_id', '=', p)
    .where(activityVisible(actor));
  if (filter.id) q = q.where('ta.id', '=', filter.id);
  if (filter.teacherId) q = q.where('ta.teacher_id', '=', filter.teacherId);
  if (filter.mentorshipId) q = q.where('ta.mentorship_id', '=', filter.mentorshipId);
  if (filter.kind) q = q.where('ta.kind', '=', filter.kind);
  if (filter.personId) {
    const person = filter.personId;
    q = q.where((eb) =>
      eb.or([
        eb('ta.teacher_id', '=', person),
        eb.exists(
          eb
            .selectFrom('activity_attendees as fa')
            .select('fa.person_id')
            .whereRef('fa.programme_id', '=', 'ta.programme_id')
            .whereRef('fa.activity_id', '=', 'ta.id')
            .where('fa.person_id', '=', person),
        ),
      ]),
    );
  }
  const rows = await q.orderBy('ta.held_on', 'desc').orderBy('ta.id').limit(limit).execute();
  const ids = rows.map((r) => r.id);
  const [attendees, competencies] = ids.length
    ? await Promise.all([
        db
          .selectFrom('activity_attendees as a')
          .innerJoin('people as ap', (j) =>
            j.onRef('ap.programme_id', '=', 'a.programme_id').onRef('ap.id', '=', 'a.person_id'),
          )
          .select(['a.activity_id', 'a.person_id', 'ap.full_name'])
          .where('a.programme_id', '=', p)
          .where('a.activity_id', 'in', ids)
          .orderBy('ap.full_name')
          .execute(),
        db
          .selectFrom('activity_competencies as ac')
          .innerJoin('competencies as c', (j) =>
            j.onRef('c.programme_id', '=', 'ac.programme_id').onRef('c.id', '=', 'ac.competency_id'),
          )
          .select(['ac.activity_id', 'ac.competency_id', 'c.name'])
          .where('ac.programme_id', '=', p)
          .where('ac.activity_id', 'in', ids)
          .orderBy('c.name')
          .execute(),
      ])
    : [[], []];
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    heldOn: r.held_on,
    title: r.title,
    caseSummary: r.case_summary,
    teacherId: r.teacher_id,
    teacherName: r.teacher_name,
    facilityId: r.facility_id,
    facilityName: r.facility_name,
    mentorshipId: r.mentorship_id,
    attendees: attendees
      .filter((a) => a.activity_id === r.id)
      .map((a) => ({ personId: a.person_id, fullName: a.full_name })),
    competencies: competencies
      .filter((c) => c.activity_id === r.id)
      .map((c) => ({ competencyId: c.competency_id, name: c.name })),
  }));
}
