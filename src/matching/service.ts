import type { Transaction } from 'kysely';
import type { Audit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import type { Db } from '../db/database';
import type { DB } from '../db/schema';
import { AppError, notFound } from '../errors';
import { matchNeed } from '../needs/service';
import { loadMatchingInput } from './batch-input';
import type { GapSolver } from './plan';
import { proposeTeams } from './propose';
import { type MatchingRules, type MatchingRulesInput, type PairChoice, resolveRules } from './rules';
import { saveProposalResult } from './store';

type Trx = Transaction<DB>;

/** Records a queued proposal for a batch under the commander's rules; the job fills it in. */
export async function createProposal(
  trx: Trx,
  actor: Actor,
  input: { batchId: string; rules?: MatchingRulesInput | undefined; parentId?: string | null },
  audit: Audit,
): Promise<string> {
  const batch = await trx
    .selectFrom('batches')
    .select('id')
    .where('programme_id', '=', actor.programmeId)
    .where('id', '=', input.batchId)
    .executeTakeFirst();
  if (!batch) {
    throw new AppError('VALIDATION_FAILED', 'The batch does not exist.', {
      issues: [{ path: 'batchId', message: 'not found' }],
    });
  }
  const rules = resolveRules(input.rules ?? {});
  const row = await trx
    .insertInto('proposals')
    .values({
      programme_id: actor.programmeId,
      batch_id: input.batchId,
      parent_id: input.parentId ?? null,
      rules: JSON.stringify(rules),
      objective: null,
      bound: null,
      gap: null,
      summary: null,
      error: null,
      created_by: actor.userId,
      started_at: null,
      finished_at: null,
      accepted_by: null,
      accepted_at: null,
    })
    .returning(['id', 'batch_id', 'parent_id', 'status', 'rules'])
    .executeTakeFirstOrThrow();
  await audit({ action: 'proposal.created', entity: 'proposal', entityId: row.id, after: row });
  return row.id;
}

/** A new proposal from an earlier one's rules with more pins and forbids (a pin wins over a forbid of the same pair). */
export async function reoptimiseProposal(
  trx: Trx,
  actor: Actor,
  id: string,
  choices: { pins: PairChoice[]; forbids: PairChoice[] },
  audit: Audit,
): Promise<string> {
  const parent = await trx
    .selectFrom('proposals')
    .select(['batch_id', 'rules', 'status'])
    .where('programme_id', '=', actor.programmeId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!parent) throw notFound('Proposal');
  const rules = resolveRules(parent.rules as MatchingRulesInput);
  const key = (c: PairChoice) => `${c.needId}|${c.personId}`;
  const pinnedNeeds = new Set(choices.pins.map((p) => p.needId));
  const pins = [...rules.pins.filter((p) => !pinnedNeeds.has(p.needId)), ...choices.pins];
  const pinKeys = new Set(pins.map(key));
  const forbids = [
    ...new Map([...rules.forbids, ...choices.forbids].map((f) => [key(f), f])).values(),
  ].filter((f) => !pinKeys.has(key(f)));
  return createProposal(
    trx,
    actor,
    { batchId: parent.batch_id, rules: { ...rules, pins, forbids }, parentId: id },
    audit,
  );
}

export type RunOptions = {
  solver: GapSolver;
  now?: Date;
  /** Called with the fraction done; progress is written to the proposal at most once a second. */
  onProgress?: (fraction: number) => void;
};

/**
 * The background job's work: builds the model for the proposal's batch, solves it and stores
 * teams, assignments, unserved needs and reasons; a failure is kept on the proposal.
 */
export async function runProposal(
  db: Db,
  programmeId: string,
  id: string,
  options: RunOptions,
): Promise<void> {
  const proposal = await db
    .updateTable('proposals')
    .set({ status: 'running', started_at: new Date(), progress: 0 })
    .where('programme_id', '=', programmeId)
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .returning(['batch_id', 'rules'])
    .executeTakeFirst();
  if (!proposal) return; // already run (a retried job) or gone
  let lastWrite = 0;
  let pending: Promise<unknown> = Promise.resolve();
  const progress = (fraction: number) => {
    options.onProgress?.(fraction);
    const now = Date.now();
    if (now - lastWrite < 1000) return;
    lastWrite = now;
    pending = pending.then(() =>
      db
        .updateTable('proposals')
        .set({ progress: Math.min(0.99, Math.max(0, fraction)) })
        .where('programme_id', '=', programmeId)
        .where('id', '=', id)
        .where('status', '=', 'running')
        .execute(),
    );
  };
  try {
    const rules: MatchingRules = resolveRules(proposal.rules as MatchingRulesInput);
    const input = await loadMatchingInput(
      db,
      programmeId,
      proposal.batch_id,
      rules,
      options.now ?? new Date(),
    );
    const result = await proposeTeams(input, rules, options.solver, progress);
    await pending;
    await saveProposalResult(db, programmeId, id, result);
  } catch (error) {
    await pending.catch(() => undefined);
    await db
      .updateTable('proposals')
      .set({
        status: 'failed',
        error: error instanceof Error ? error.message : String(error),
        finished_at: new Date(),
      })
      .where('programme_id', '=', programmeId)
      .where('id', '=', id)
      .execute();
    throw error;
  }
}

/**
 * The commander accepts a finished proposal: its teams become micro-teams (members, leader,
 * statement, visit plan), each need moves to matched through the needs workflow, other open
 * proposals of the batch are superseded; every change is audited in the caller's transaction.
 */
export async function acceptProposal(trx: Trx, actor: Actor, id: string, audit: Audit) {
  const proposal = await trx
    .selectFrom('proposals')
    .selectAll()
    .where('programme_id', '=', actor.programmeId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!proposal) throw notFound('Proposal');
  if (proposal.status !== 'done') {
    throw new AppError(
      'INVALID_TRANSITION',
      `Only a finished proposal can be accepted (this one is ${proposal.status}).`,
      {
        status: proposal.status,
      },
    );
  }
  const [teams, assignments] = await Promise.all([
    trx
      .selectFrom('proposal_teams')
      .selectAll()
      .where('programme_id', '=', actor.programmeId)
      .where('proposal_id', '=', id)
      .orderBy('team_no')
      .execute(),
    trx
      .selectFrom('proposal_assignments')
      .select(['need_id', 'person_id', 'team_no'])
      .where('programme_id', '=', actor.programmeId)
      .where('proposal_id', '=', id)
      .orderBy('need_id')
      .execute(),
  ]);
  const created: string[] = [];
  for (const t of teams) {
    const team = await trx
      .insertInto('micro_teams')
      .values({
        programme_id: actor.programmeId,
        batch_id: proposal.batch_id,
        proposal_id: id,
        team_no: t.team_no,
        county_id: t.county_id,
        leader_id: t.leader_id,
        statement_zh: t.statement_zh,
        statement_en: t.statement_en,
        visits: JSON.stringify(t.visits),
        created_by: actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('micro_team_members')
      .values(
        t.member_ids.map((personId) => ({
          programme_id: actor.programmeId,
          micro_team_id: team.id,
          person_id: personId,
          role: personId === t.leader_id ? ('leader' as const) : ('member' as const),
        })),
      )
      .execute();
    const needs = assignments.filter((a) => a.team_no === t.team_no);
    if (needs.length > 0) {
      await trx
        .insertInto('micro_team_needs')
        .values(
          needs.map((a) => ({
            programme_id: actor.programmeId,
            need_id: a.need_id,
            micro_team_id: team.id,
            person_id: a.person_id,
          })),
        )
        .execute();
    }
    for (const a of needs) {
      await matchNeed(trx, actor, a.need_id, { microTeamId: team.id, matchedBy: `proposal:${id}` }, audit);
    }
    await audit({
      action: 'micro_team.created',
      entity: 'micro_team',
      entityId: team.id,
      after: { ...team, members: t.member_ids, needs: needs.map((a) => a.need_id) },
    });
    created.push(team.id);
  }
  const accepted = await trx
    .updateTable('proposals')
    .set({ status: 'accepted', accepted_by: actor.userId, accepted_at: new Date() })
    .where('programme_id', '=', actor.programmeId)
    .where('id', '=', id)
    .returning(['id', 'status', 'objective', 'bound', 'gap'])
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('proposals')
    .set({ status: 'superseded' })
    .where('programme_id', '=', actor.programmeId)
    .where('batch_id', '=', proposal.batch_id)
    .where('id', '<>', id)
    .where('status', 'in', ['queued', 'done'])
    .execute();
  await audit({
    action: 'proposal.accepted',
    entity: 'proposal',
    entityId: id,
    before: { status: proposal.status },
    after: { ...accepted, microTeams: created },
  });
  return { proposalId: id, microTeamIds: created };
}
