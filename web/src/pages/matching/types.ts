import type { AssignmentReason, UnservedReason } from '../../../../src/matching/reasons';
import type {
  compareProposals,
  listMicroTeams,
  listProposals,
  ProposalView,
} from '../../../../src/matching/repository';
import type { PairChoice } from '../../../../src/matching/rules';
import type { ProposalStatus } from '../../../../src/matching/tables';
import type { Jsonified } from '../../../../src/shared/json';

export type { AssignmentReason, PairChoice, ProposalStatus, UnservedReason };

/** GET /api/matching/proposals/:id (src/matching/repository.ts findProposal). */
export type Proposal = Jsonified<ProposalView>;

/** The rules a proposal was made under (src/matching/rules.ts, defaults filled in). */
export type Rules = Proposal['rules'];
/** The summary of a finished proposal (src/matching/store.ts proposalSummary). */
export type Summary = NonNullable<Proposal['summary']>;

/** A row of GET /api/matching/proposals (src/matching/repository.ts listProposals). */
export type ProposalListItem = Jsonified<Awaited<ReturnType<typeof listProposals>>[number]>;

export type ProposedTeam = Proposal['teams'][number];
export type Visit = ProposedTeam['visits'][number];
export type PersonRef = ProposedTeam['leader'];
export type Assignment = Proposal['assignments'][number];
export type Unserved = Proposal['unserved'][number];
export type UnservedDetail = Unserved['detail'];

/** GET /api/matching/compare (src/matching/repository.ts compareProposals). */
export type Comparison = Jsonified<Awaited<ReturnType<typeof compareProposals>>>;

/** An item of GET /api/matching/teams (src/matching/repository.ts listMicroTeams). */
export type MicroTeam = Jsonified<Awaited<ReturnType<typeof listMicroTeams>>[number]>;

export const isRunning = (s: ProposalStatus) => s === 'queued' || s === 'running';
