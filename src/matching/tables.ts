import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the team-formation tables (src/db/migrations/0006_matching.sql). */
type CreatedAt = ColumnType<Date, never, never>;
/** jsonb: written as a JSON string, read as the parsed value. */
type Json<T> = ColumnType<T, string, string>;

export const proposalStatuses = ['queued', 'running', 'done', 'failed', 'accepted', 'superseded'] as const;
export type ProposalStatus = (typeof proposalStatuses)[number];

export interface ProposalsTable {
  programme_id: string;
  id: Generated<string>;
  batch_id: string;
  parent_id: string | null;
  status: Generated<ProposalStatus>;
  progress: Generated<number>;
  rules: Json<unknown>;
  objective: number | null;
  bound: number | null;
  gap: number | null;
  summary: Json<unknown> | null;
  error: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  started_at: Date | null;
  finished_at: Date | null;
  accepted_by: string | null;
  accepted_at: Date | null;
}
export interface ProposalTeamsTable {
  programme_id: string;
  proposal_id: string;
  team_no: number;
  county_id: string | null;
  leader_id: string;
  member_ids: string[];
  statement_zh: string;
  statement_en: string;
  priority_total: number;
  visits: Json<unknown>;
}
export interface ProposalAssignmentsTable {
  programme_id: string;
  proposal_id: string;
  need_id: string;
  person_id: string;
  team_no: number;
  reason: Json<unknown>;
}
export interface ProposalUnservedTable {
  programme_id: string;
  proposal_id: string;
  need_id: string;
  reason: string;
  detail: Json<unknown>;
}
export interface MicroTeamsTable {
  programme_id: string;
  id: Generated<string>;
  batch_id: string;
  proposal_id: string | null;
  team_no: number;
  county_id: string | null;
  leader_id: string;
  statement_zh: string;
  statement_en: string;
  visits: Json<unknown>;
  created_by: string | null;
  created_at: CreatedAt;
}
export interface MicroTeamMembersTable {
  programme_id: string;
  micro_team_id: string;
  person_id: string;
  role: 'leader' | 'member';
}
export interface MicroTeamNeedsTable {
  programme_id: string;
  need_id: string;
  micro_team_id: string;
  person_id: string;
}

export interface MatchingTables {
  proposals: ProposalsTable;
  proposal_teams: ProposalTeamsTable;
  proposal_assignments: ProposalAssignmentsTable;
  proposal_unserved: ProposalUnservedTable;
  micro_teams: MicroTeamsTable;
  micro_team_members: MicroTeamMembersTable;
  micro_team_needs: MicroTeamNeedsTable;
}
