import type { Transaction } from 'kysely';
import type { Db } from '../db/database';
import type { DB } from '../db/schema';
import type { TeamProposal } from './propose';

const CHUNK = 500;

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** The summary kept with a proposal: counts, per-specialty results, timings, warnings. */
export function proposalSummary(p: TeamProposal) {
  const served = p.plan.assignment.filter((a) => a !== null).length;
  return {
    planningDate: p.model.input.planningDate,
    horizonEnd: p.model.input.horizonEnd,
    experts: p.model.input.experts.length,
    needs: p.model.input.needs.length,
    served,
    unserved: p.model.input.needs.length - served,
    teams: p.teams.length,
    priorityServed: round1(
      p.plan.assignment.reduce<number>(
        (s, a, j) => s + (a === null ? 0 : p.model.input.needs[j]!.priority),
        0,
      ),
    ),
    specialties: p.plan.specialties,
    timings: p.timings,
    warnings: p.warnings,
  };
}
/** The summary as stored in the proposal's jsonb column. */
export type ProposalSummary = ReturnType<typeof proposalSummary>;
const round1 = (x: number) => Math.round(x * 10) / 10;

/** Writes a finished proposal's teams, assignments and unserved needs, and marks it done. */
export async function saveProposalResult(db: Db, programmeId: string, proposalId: string, p: TeamProposal) {
  const { input } = p.model;
  const teamOf = new Map<number, number>();
  p.teams.forEach((t, k) => {
    for (const j of t.needs) teamOf.set(j, k + 1);
  });
  await db.transaction().execute(async (trx: Transaction<DB>) => {
    const key = { programme_id: programmeId, proposal_id: proposalId };
    await insertChunks(p.teams, (chunk) =>
      trx
        .insertInto('proposal_teams')
        .values(
          chunk.map((t) => ({
            ...key,
            team_no: p.teams.indexOf(t) + 1,
            county_id: t.countyId,
            leader_id: input.experts[t.leader]!.personId,
            member_ids: t.members.map((i) => input.experts[i]!.personId),
            statement_zh: t.statementZh,
            statement_en: t.statementEn,
            priority_total: t.priorityTotal,
            visits: JSON.stringify(
              t.visits.map((v) => ({
                ...v,
                needs: undefined,
                needIds: v.needs.map((j) => input.needs[j]!.id),
              })),
            ),
          })),
        )
        .execute(),
    );
    await insertChunks([...p.reasons], (chunk) =>
      trx
        .insertInto('proposal_assignments')
        .values(
          chunk.map(([j, reason]) => ({
            ...key,
            need_id: input.needs[j]!.id,
            person_id: input.experts[p.plan.assignment[j]!]!.personId,
            team_no: teamOf.get(j) ?? 0,
            reason: JSON.stringify(reason),
          })),
        )
        .execute(),
    );
    await insertChunks([...p.unserved], (chunk) =>
      trx
        .insertInto('proposal_unserved')
        .values(
          chunk.map(([j, d]) => {
            const { reason, ...detail } = d;
            return { ...key, need_id: input.needs[j]!.id, reason, detail: JSON.stringify(detail) };
          }),
        )
        .execute(),
    );
    await trx
      .updateTable('proposals')
      .set({
        status: 'done',
        progress: 1,
        objective: p.plan.objective,
        bound: p.plan.bound,
        gap: p.plan.gap,
        summary: JSON.stringify(proposalSummary(p)),
        finished_at: new Date(),
      })
      .where('programme_id', '=', programmeId)
      .where('id', '=', proposalId)
      .execute();
  });
}
