import type { AssignmentReason, UnservedReason } from '../../../../src/matching/reasons';
import type { NeedStatus } from '../../../../src/needs/workflow';

export type ProposalStatus = 'queued' | 'running' | 'done' | 'failed' | 'accepted' | 'superseded';
export type { AssignmentReason, UnservedReason };

export type PairChoice = { needId: string; personId: string };

/** The rules a proposal was made under (src/matching/rules.ts, defaults filled in). */
export type Rules = {
  planningDate?: string;
  horizonEnd?: string;
  minTeamSize: number;
  maxTeamSize: number;
  maxTravelHours: number;
  travelWeight: number;
  dutyShare: number;
  defaultEffortDays: number;
  mustServe: string[];
  stayAtPrefecture: string[];
  pins: PairChoice[];
  forbids: PairChoice[];
  timeLimitSeconds: number;
};

export type Summary = {
  planningDate: string;
  horizonEnd: string;
  experts: number;
  needs: number;
  served: number;
  unserved: number;
  teams: number;
  priorityServed: number;
  specialties: {
    specialtyCode: string;
    experts: number;
    needs: number;
    status: string;
    objective: number;
    bound: number;
    seconds: number;
  }[];
  timings: { modelSeconds: number; solveSeconds: number; teamSeconds: number };
  warnings: string[];
};

/** A row of GET /api/matching/proposals. */
export type ProposalListItem = {
  id: string;
  batchId: string;
  batchName: string;
  parentId: string | null;
  status: ProposalStatus;
  progress: number;
  objective: number | null;
  bound: number | null;
  gap: number | null;
  summary: Summary | null;
  createdAt: string;
  finishedAt: string | null;
};

export type PersonRef = { id: string; name: string; title: string | null };

export type Visit = {
  facilityId: string;
  facilityName: string;
  arriveOn: string;
  days: number;
  travelHours: number;
  needIds: string[];
};

export type ProposedTeam = {
  teamNo: number;
  countyId: string | null;
  leader: PersonRef;
  members: PersonRef[];
  statementZh: string;
  statementEn: string;
  priorityTotal: number;
  visits: Visit[];
};

export type Assignment = {
  needId: string;
  needTitle: string;
  needStatus: NeedStatus;
  specialtyCode: string;
  facilityId: string;
  facilityName: string;
  expert: PersonRef;
  teamNo: number;
  reason: AssignmentReason;
};

export type UnservedDetail = {
  specialists: number;
  eligible: number;
  nearestHours: number | null;
  effortDays: number;
};

export type Unserved = {
  needId: string;
  needTitle: string;
  specialtyCode: string;
  facilityId: string;
  facilityName: string;
  reason: UnservedReason;
  detail: UnservedDetail;
};

/** GET /api/matching/proposals/:id */
export type Proposal = {
  id: string;
  batchId: string;
  parentId: string | null;
  status: ProposalStatus;
  progress: number;
  rules: Rules;
  objective: number | null;
  bound: number | null;
  gap: number | null;
  summary: Summary | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  acceptedAt: string | null;
  teams: ProposedTeam[];
  assignments: Assignment[];
  unserved: Unserved[];
};

/** GET /api/matching/compare */
export type Comparison = {
  a: Proposal;
  b: Proposal;
  differences: { needId: string; needTitle: string; a: PersonRef | null; b: PersonRef | null }[];
};

/** GET /api/matching/teams */
export type MicroTeam = {
  id: string;
  batchId: string;
  proposalId: string | null;
  teamNo: number;
  leaderId: string;
  statementZh: string;
  statementEn: string;
  visits: Omit<Visit, 'facilityName'>[];
  createdAt: string;
  members: { id: string; name: string; role: 'leader' | 'member' }[];
  needs: { id: string; title: string; status: NeedStatus; personId: string }[];
};

export const isRunning = (s: ProposalStatus) => s === 'queued' || s === 'running';
