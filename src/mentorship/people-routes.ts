import { sql } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../auth/actor';
import type { Db } from '../db/database';
import { notFound } from '../errors';
import type { App } from '../http/app';
import { changeContext } from '../http/context';
import { escapeLike } from '../registry/scope';
import { idParams } from '../shared/ids';
import { listActivities } from './activities';
import { listAssessments } from './assessments';
import { listMentorships } from './contract-views';
import type { AssessmentStatus } from './tables';
import { apprenticeVisible } from './visibility';

const personSummary = (db: Db, actor: Actor, id: string) =>
  db
    .selectFrom('people as p')
    .innerJoin('organisations as o', (j) =>
      j.onRef('o.programme_id', '=', 'p.programme_id').onRef('o.id', '=', 'p.organisation_id'),
    )
    .select([
      'p.id',
      'p.full_name as fullName',
      'p.kind',
      'p.specialty_code as specialtyCode',
      'o.name as organisationName',
    ])
    .where('p.programme_id', '=', actor.programmeId)
    .where('p.id', '=', id);

/** The apprentice's page: contracts, level history per competency, activities attended. */
export async function apprenticeRecord(db: Db, actor: Actor, id: string) {
  const person = await personSummary(db, actor, id)
    .where(apprenticeVisible(actor, 'p.id'))
    .executeTakeFirst();
  if (!person) return undefined;
  const [contracts, assessments, activities] = await Promise.all([
    listMentorships(db, actor, { apprenticeId: id }, { page: 1, pageSize: 100 }),
    listAssessments(db, actor, { apprenticeId: id }),
    listActivities(db, actor, { personId: id }),
  ]);
  const levels = new Map<
    string,
    {
      competencyId: string;
      competencyName: string;
      specialtyCode: string;
      currentLevel: number | null;
      history: { assessedOn: string; level: number; status: AssessmentStatus; assessorName: string }[];
    }
  >();
  for (const a of assessments) {
    const entry = levels.get(a.competencyId) ?? {
      competencyId: a.competencyId,
      competencyName: a.competencyName,
      specialtyCode: a.specialtyCode,
      currentLevel: null,
      history: [],
    };
    entry.history.push({
      assessedOn: a.assessedOn,
      level: a.level,
      status: a.status,
      assessorName: a.assessorName,
    });
    if (a.status === 'confirmed') entry.currentLevel = a.level;
    levels.set(a.competencyId, entry);
  }
  return { person, contracts: contracts.items, levels: [...levels.values()], assessments, activities };
}

/** The mentor's page: contracts with their apprentices' progress against goals, activities given. */
export async function mentorRecord(db: Db, actor: Actor, id: string) {
  const contracts = await listMentorships(db, actor, { mentorId: id }, { page: 1, pageSize: 100 });
  const personal = actor.role === 'expert' || actor.role === 'local_staff';
  const inScope = personal
    ? actor.personId === id
    : (await personSummary(db, actor, id)
        .where(sql<boolean>`o.path like ${`${escapeLike(actor.scopePath)}%`}`)
        .executeTakeFirst()) !== undefined;
  if (!inScope && contracts.total === 0) return undefined;
  const person = await personSummary(db, actor, id).executeTakeFirst();
  if (!person) return undefined;
  const activities = await listActivities(db, actor, { teacherId: id });
  const goals = contracts.items.flatMap((c) => c.apprentices.flatMap((a) => a.goals));
  return {
    person,
    contracts: contracts.items,
    progress: {
      apprentices: new Set(contracts.items.flatMap((c) => c.apprentices.map((a) => a.personId))).size,
      goals: goals.length,
      goalsMet: goals.filter((g) => g.metOn !== null).length,
      goalsMetOnTime: goals.filter((g) => g.metOn !== null && g.metOn <= g.targetOn).length,
    },
    activities,
  };
}

export async function mentorshipPeopleRoutes(app: App) {
  const { db } = app.deps.database;
  const tags = ['mentorship'];
  const none = z.object({}).strict();
  app.get(
    '/api/mentorship/apprentices/:id',
    {
      config: { policy: 'mentorship:read' },
      schema: {
        tags,
        summary: 'An apprentice: contracts, levels over time, activities',
        params: idParams,
        querystring: none,
      },
    },
    async (request) => {
      const record = await apprenticeRecord(db, changeContext(request).actor, request.params.id);
      if (!record) throw notFound('Apprentice');
      return record;
    },
  );
  app.get(
    '/api/mentorship/mentors/:id',
    {
      config: { policy: 'mentorship:read' },
      schema: {
        tags,
        summary: 'A mentor: apprentices, progress against goals, activities',
        params: idParams,
        querystring: none,
      },
    },
    async (request) => {
      const record = await mentorRecord(db, changeContext(request).actor, request.params.id);
      if (!record) throw notFound('Mentor');
      return record;
    },
  );
}
