import type { Actor } from '../auth/actor';
import type { Db } from '../db/database';
import { notFound } from '../errors';
import type { AssignmentReason, UnservedDetail, UnservedReason } from './reasons';
import type { MatchingRules } from './rules';
import type { ProposalSummary } from './store';

/** A stop of a team's visit plan as stored in jsonb (src/matching/store.ts writes it). */
type StoredVisit = {
  facilityId: string;
  arriveOn: string;
  days: number;
  travelHours: number;
  needIds: string[];
};

/** Proposals of the programme, newest first (optionally of one batch), without their details. */
export function listProposals(db: Db, actor: Actor, batchId?: string) {
  let q = db
    .selectFrom('proposals as p')
    .innerJoin('batches as b', (j) =>
      j.onRef('b.programme_id', '=', 'p.programme_id').onRef('b.id', '=', 'p.batch_id'),
    )
    .select([
      'p.id',
      'p.batch_id as batchId',
      'b.name as batchName',
      'p.parent_id as parentId',
      'p.status',
      'p.progress',
      'p.objective',
      'p.bound',
      'p.gap',
      'p.summary',
      'p.created_at as createdAt',
      'p.finished_at as finishedAt',
    ])
    .$narrowType<{ summary: ProposalSummary | null }>()
    .where('p.programme_id', '=', actor.programmeId)
    .orderBy('p.created_at', 'desc')
    .limit(200);
  if (batchId) q = q.where('p.batch_id', '=', batchId);
  return q.execute();
}

/** One proposal with its teams, assignments (with reasons) and unserved needs (with reasons). */
export async function findProposal(db: Db, actor: Actor, id: string) {
  const p = actor.programmeId;
  const proposal = await db
    .selectFrom('proposals')
    .selectAll()
    .where('programme_id', '=', p)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!proposal) throw notFound('Proposal');
  const [teams, assignments, unserved, people, facilities] = await Promise.all([
    db
      .selectFrom('proposal_teams')
      .selectAll()
      .where('programme_id', '=', p)
      .where('proposal_id', '=', id)
      .orderBy('team_no')
      .execute(),
    db
      .selectFrom('proposal_assignments as a')
      .innerJoin('needs as n', (j) =>
        j.onRef('n.programme_id', '=', 'a.programme_id').onRef('n.id', '=', 'a.need_id'),
      )
      .select([
        'a.need_id',
        'a.person_id',
        'a.team_no',
        'a.reason',
        'n.title',
        'n.facility_id',
        'n.specialty_code',
        'n.status',
      ])
      .where('a.programme_id', '=', p)
      .where('a.proposal_id', '=', id)
      .orderBy('a.team_no')
      .orderBy('n.title')
      .execute(),
    db
      .selectFrom('proposal_unserved as u')
      .innerJoin('needs as n', (j) =>
        j.onRef('n.programme_id', '=', 'u.programme_id').onRef('n.id', '=', 'u.need_id'),
      )
      .select(['u.need_id', 'u.reason', 'u.detail', 'n.title', 'n.facility_id', 'n.specialty_code'])
      .where('u.programme_id', '=', p)
      .where('u.proposal_id', '=', id)
      .orderBy('u.reason')
      .orderBy('n.title')
      .execute(),
    db
      .selectFrom('people')
      .select(['id', 'full_name', 'title'])
      .where('programme_id', '=', p)
      .where('kind', '=', 'expert')
      .execute(),
    db.selectFrom('facilities').select(['id', 'name']).where('programme_id', '=', p).execute(),
  ]);
  const person = new Map(people.map((x) => [x.id, x]));
  const facility = new Map(facilities.map((f) => [f.id, f.name]));
  const personView = (pid: string) => ({
    id: pid,
    name: person.get(pid)?.full_name ?? '',
    title: person.get(pid)?.title ?? null,
  });
  return {
    id: proposal.id,
    batchId: proposal.batch_id,
    parentId: proposal.parent_id,
    status: proposal.status,
    progress: proposal.progress,
    rules: proposal.rules as MatchingRules,
    objective: proposal.objective,
    bound: proposal.bound,
    gap: proposal.gap,
    summary: proposal.summary as ProposalSummary | null,
    error: proposal.error,
    createdAt: proposal.created_at,
    finishedAt: proposal.finished_at,
    acceptedAt: proposal.accepted_at,
    teams: teams.map((t) => ({
      teamNo: t.team_no,
      countyId: t.county_id,
      leader: personView(t.leader_id),
      members: t.member_ids.map(personView),
      statementZh: t.statement_zh,
      statementEn: t.statement_en,
      priorityTotal: t.priority_total,
      visits: (t.visits as StoredVisit[]).map((v) => ({
        ...v,
        facilityName: facility.get(v.facilityId) ?? '',
      })),
    })),
    assignments: assignments.map((a) => ({
      needId: a.need_id,
      needTitle: a.title,
      needStatus: a.status,
      specialtyCode: a.specialty_code,
      facilityId: a.facility_id,
      facilityName: facility.get(a.facility_id) ?? '',
      expert: personView(a.person_id),
      teamNo: a.team_no,
      reason: a.reason as AssignmentReason,
    })),
    unserved: unserved.map((u) => ({
      needId: u.need_id,
      needTitle: u.title,
      specialtyCode: u.specialty_code,
      facilityId: u.facility_id,
      facilityName: facility.get(u.facility_id) ?? '',
      reason: u.reason as UnservedReason,
      detail: u.detail as Omit<UnservedDetail, 'reason'>,
    })),
  };
}
export type ProposalView = Awaited<ReturnType<typeof findProposal>>;

/** Two proposals side by side, with the needs whose expert differs between them. */
export async function compareProposals(db: Db, actor: Actor, a: string, b: string) {
  const [left, right] = await Promise.all([findProposal(db, actor, a), findProposal(db, actor, b)]);
  const expertOf = (v: ProposalView) => new Map(v.assignments.map((x) => [x.needId, x]));
  const l = expertOf(left);
  const r = expertOf(right);
  const titles = new Map(
    [...left.assignments, ...right.assignments, ...left.unserved, ...right.unserved].map((x) => [
      x.needId,
      x.needTitle,
    ]),
  );
  const differences = [...new Set([...l.keys(), ...r.keys()])]
    .filter((id) => l.get(id)?.expert.id !== r.get(id)?.expert.id)
    .map((id) => ({
      needId: id,
      needTitle: titles.get(id) ?? '',
      a: l.get(id)?.expert ?? null,
      b: r.get(id)?.expert ?? null,
    }))
    .sort((x, y) => x.needTitle.localeCompare(y.needTitle));
  return { a: left, b: right, differences };
}

/** The programme's micro-teams (optionally of one batch) with members and needs. */
export async function listMicroTeams(db: Db, actor: Actor, batchId?: string) {
  const p = actor.programmeId;
  let q = db
    .selectFrom('micro_teams')
    .selectAll()
    .where('programme_id', '=', p)
    .orderBy('created_at', 'desc')
    .orderBy('team_no');
  if (batchId) q = q.where('batch_id', '=', batchId);
  const teams = await q.execute();
  if (teams.length === 0) return [];
  const ids = teams.map((t) => t.id);
  const [members, needs] = await Promise.all([
    db
      .selectFrom('micro_team_members as m')
      .innerJoin('people as x', (j) =>
        j.onRef('x.programme_id', '=', 'm.programme_id').onRef('x.id', '=', 'm.person_id'),
      )
      .select(['m.micro_team_id', 'm.person_id', 'm.role', 'x.full_name'])
      .where('m.programme_id', '=', p)
      .where('m.micro_team_id', 'in', ids)
      .execute(),
    db
      .selectFrom('micro_team_needs as tn')
      .innerJoin('needs as n', (j) =>
        j.onRef('n.programme_id', '=', 'tn.programme_id').onRef('n.id', '=', 'tn.need_id'),
      )
      .select(['tn.micro_team_id', 'tn.need_id', 'tn.person_id', 'n.title', 'n.status'])
      .where('tn.programme_id', '=', p)
      .where('tn.micro_team_id', 'in', ids)
      .execute(),
  ]);
  return teams.map((t) => ({
    id: t.id,
    batchId: t.batch_id,
    proposalId: t.proposal_id,
    teamNo: t.team_no,
    leaderId: t.leader_id,
    statementZh: t.statement_zh,
    statementEn: t.statement_en,
    visits: t.visits as StoredVisit[],
    createdAt: t.created_at,
    members: members
      .filter((m) => m.micro_team_id === t.id)
      .map((m) => ({ id: m.person_id, name: m.full_name, role: m.role })),
    needs: needs
      .filter((n) => n.micro_team_id === t.id)
      .map((n) => ({ id: n.need_id, title: n.title, status: n.status, personId: n.person_id })),
  }));
}
