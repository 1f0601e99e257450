import { sql } from 'kysely';
import type { Actor } from '../auth/actor';
import type { Db } from '../db/database';
import type { MentorshipParty } from './tables';
import { mentorshipVisible } from './visibility';
import { availableActions, type MentorshipAction, type MentorshipStatus } from './workflow';

export type GoalView = {
  competencyId: string;
  competencyName: string;
  targetLevel: number;
  targetOn: string;
  /** The apprentice's latest confirmed level in the competency, if assessed. */
  currentLevel: number | null;
  /** The first day a confirmed assessment reached the target level. */
  metOn: string | null;
};
export type MentorshipView = {
  id: string;
  mentorId: string;
  mentorName: string;
  mentorOrganisationName: string;
  hostFacilityId: string;
  hostFacilityName: string;
  batchId: string | null;
  batchName: string | null;
  continuesId: string | null;
  startsOn: string;
  endsOn: string;
  status: MentorshipStatus;
  statusReason: string | null;
  activatedAt: Date | null;
  closedOn: string | null;
  apprentices: { personId: string; fullName: string; organisationName: string; goals: GoalView[] }[];
  acceptances: { party: MentorshipParty; partyId: string; acceptedAt: Date }[];
  /** Parties still to accept a proposed contract. */
  pending: { party: MentorshipParty; partyId: string }[];
  actions: MentorshipAction[];
};

export type MentorshipFilter = {
  status?: MentorshipStatus | undefined;
  mentorId?: string | undefined;
  apprenticeId?: string | undefined;
  batchId?: string | undefined;
};

/** The ids of the contracts the actor sees, newest first, one page at a time. */
export async function listMentorships(
  db: Db,
  actor: Actor,
  filter: MentorshipFilter,
  paging: { page: number; pageSize: number },
) {
  let q = db
    .selectFrom('mentorships as m')
    .where('m.programme_id', '=', actor.programmeId)
    .where(mentorshipVisible(actor));
  if (filter.status) q = q.where('m.status', '=', filter.status);
  if (filter.mentorId) q = q.where('m.mentor_id', '=', filter.mentorId);
  if (filter.batchId) q = q.where('m.batch_id', '=', filter.batchId);
  if (filter.apprenticeId) {
    const person = filter.apprenticeId;
    q = q.where(
      sql<boolean>`exists (select 1 from mentorship_apprentices fa where fa.programme_id = m.programme_id
        and fa.mentorship_id = m.id and fa.person_id = ${person})`,
    );
  }
  const [rows, count] = await Promise.all([
    q
      .select('m.id')
      .orderBy('m.starts_on', 'desc')
      .orderBy('m.id')
      .limit(paging.pageSize)
      .offset((paging.page - 1) * paging.pageSize)
      .execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: await mentorshipViews(
      db,
      actor.programmeId,
      rows.map((r) => r.id),
    ),
    total: Number(count.n),
    page: paging.page,
    pageSize: paging.pageSize,
  };
}

export async function findMentorship(db: Db, actor: Actor, id: string): Promise<MentorshipView | undefined> {
  const row = await db
    .selectFrom('mentorships as m')
    .select('m.id')
    .where('m.programme_id', '=', actor.programmeId)
    .where('m.id', '=', id)
    .where(mentorshipVisible(actor))
    .executeTakeFirst();
  return row ? (await mentorshipViews(db, actor.programmeId, [row.id]))[0] : undefined;
}

/** Full views of contracts by id (in the given order): apprentices, goals with progress, acceptances. */
export async function mentorshipViews(db: Db, programmeId: string, ids: string[]): Promise<MentorshipView[]> {
  if (ids.length === 0) return [];
  const [contracts, apprentices, goals, acceptances] = await Promise.all([
    db
      .selectFrom('mentorships as m')
      .innerJoin('people as mp', (j) =>
        j.onRef('mp.programme_id', '=', 'm.programme_id').onRef('mp.id', '=', 'm.mentor_id'),
      )
      .innerJoin('organisations as mo', (j) =>
        j.onRef('mo.programme_id', '=', 'mp.programme_id').onRef('mo.id', '=', 'mp.organisation_id'),
      )
      .innerJoin('facilities as f', (j) =>
        j.onRef('f.programme_id', '=', 'm.programme_id').onRef('f.id', '=', 'm.host_facility_id'),
      )
      .leftJoin('batches as b', (j) =>
        j.onRef('b.programme_id', '=', 'm.programme_id').onRef('b.id', '=', 'm.batch_id'),
      )
      .selectAll('m')
      .select([
        'mp.full_name as mentor_name',
        'mo.name as mentor_org',
        'f.name as facility_name',
        'f.organisation_id as host_org',
        'b.name as batch_name',
      ])
      .where('m.programme_id', '=', programmeId)
      .where('m.id', 'in', ids)
      .execute(),
    db
      .selectFrom('mentorship_apprentices as a')
      .innerJoin('people as p', (j) =>
        j.onRef('p.programme_id', '=', 'a.programme_id').onRef('p.id', '=', 'a.person_id'),
      )
      .innerJoin('organisations as o', (j) =>
        j.onRef('o.programme_id', '=', 'p.programme_id').onRef('o.id', '=', 'p.organisation_id'),
      )
      .select(['a.mentorship_id', 'a.person_id', 'p.full_name', 'o.name as org'])
      .where('a.programme_id', '=', programmeId)
      .where('a.mentorship_id', 'in', ids)
      .orderBy('p.full_name')
      .execute(),
    db
      .selectFrom('mentorship_goals as g')
      .innerJoin('competencies as c', (j) =>
        j.onRef('c.programme_id', '=', 'g.programme_id').onRef('c.id', '=', 'g.competency_id'),
      )
      .select([
        'g.mentorship_id',
        'g.person_id',
        'g.competency_id',
        'c.name',
        'g.target_level',
        'g.target_on',
        sql<number | null>`(select a.level from assessments a where a.programme_id = g.programme_id
          and a.apprentice_id = g.person_id and a.competency_id = g.competency_id and a.status = 'confirmed'
          order by a.assessed_on desc, a.created_at desc limit 1)`.as('current_level'),
        sql<string | null>`(select min(a.assessed_on) from assessments a where a.programme_id = g.programme_id
          and a.apprentice_id = g.person_id and a.competency_id = g.competency_id and a.status = 'confirmed'
          and a.level >= g.target_level)`.as('met_on'),
      ])
      .where('g.programme_id', '=', programmeId)
      .where('g.mentorship_id', 'in', ids)
      .orderBy('c.name')
      .execute(),
    db
      .selectFrom('mentorship_acceptances')
      .selectAll()
      .where('programme_id', '=', programmeId)
      .where('mentorship_id', 'in', ids)
      .orderBy('accepted_at')
      .execute(),
  ]);
  const byId = new Map(contracts.map((c) => [c.id, c]));
  return ids.flatMap((id): MentorshipView[] => {
    const m = byId.get(id);
    if (!m) return [];
    const mine = acceptances.filter((a) => a.mentorship_id === id);
    const people = apprentices.filter((a) => a.mentorship_id === id);
    const accepted = new Set(mine.map((a) => a.party_id));
    const parties: { party: MentorshipParty; partyId: string }[] = [
      { party: 'mentor', partyId: m.mentor_id },
      ...people.map((a) => ({ party: 'apprentice' as const, partyId: a.person_id })),
      { party: 'recipient_hospital', partyId: m.host_org },
    ];
    return [
      {
        id,
        mentorId: m.mentor_id,
        mentorName: m.mentor_name,
        mentorOrganisationName: m.mentor_org,
        hostFacilityId: m.host_facility_id,
        hostFacilityName: m.facility_name,
        batchId: m.batch_id,
        batchName: m.batch_name,
        continuesId: m.continues_id,
        startsOn: m.starts_on,
        endsOn: m.ends_on,
        status: m.status,
        statusReason: m.status_reason,
        activatedAt: m.activated_at,
        closedOn: m.closed_on,
        apprentices: people.map((a) => ({
          personId: a.person_id,
          fullName: a.full_name,
          organisationName: a.org,
          goals: goals
            .filter((g) => g.mentorship_id === id && g.person_id === a.person_id)
            .map((g) => ({
              competencyId: g.competency_id,
              competencyName: g.name,
              targetLevel: g.target_level,
              targetOn: g.target_on,
              currentLevel: g.current_level === null ? null : Number(g.current_level),
              metOn: g.met_on,
            })),
        })),
        acceptances: mine.map((a) => ({ party: a.party, partyId: a.party_id, acceptedAt: a.accepted_at })),
        pending: m.status === 'proposed' ? parties.filter((p) => !accepted.has(p.partyId)) : [],
        actions: availableActions(m.status),
      },
    ];
  });
}
