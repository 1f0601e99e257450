import type { Party } from '../../../../src/witness/parties';
import type { WitnessStatus } from '../../../../src/witness/state';

export type RecordSummary = {
  title: string;
  facilityName: string | null;
  specialtyCode: string | null;
  countyName: string | null;
  batchNumber: number | null;
  on: string | null;
};

export type QueueItem = {
  id: string;
  kind: string;
  recordId: string;
  round: number;
  openedAt: string;
  party: Party;
  record: RecordSummary | null;
};

export type WitnessRequest = {
  id: string;
  kind: string;
  recordId: string;
  status: WitnessStatus;
  round: number;
  recordDigest: string;
  openedAt: string;
  witnessedAt: string | null;
  disputedAt: string | null;
  disputeReason: string | null;
  witnessedLogIndex: number | null;
  record: RecordSummary | null;
  myParty: Party | null;
  parties: {
    party: Party;
    organisationId: string;
    organisationName: string;
    statement: {
      verdict: 'attested' | 'disputed';
      reason: string | null;
      at: string;
      attestorName: string;
      logIndex: number;
    } | null;
  }[];
};

export const statusColor: Record<WitnessStatus, string> = {
  open: 'blue',
  witnessed: 'green',
  disputed: 'red',
};
