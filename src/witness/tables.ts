import type { ColumnType, Generated } from 'kysely';
import type { Party } from './parties';
import type { WitnessStatus } from './state';

/** Kysely types of the witnessing tables (src/db/migrations/0011_witness.sql). */
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;

export interface WitnessRequestsTable {
  programme_id: string;
  id: Generated<string>;
  kind: string;
  record_id: string;
  status: Generated<WitnessStatus>;
  round: Generated<number>;
  record_digest: string;
  salt: Uint8Array;
  batch_id: string | null;
  opened_at: Date;
  witnessed_at: Date | null;
  disputed_at: Date | null;
  dispute_reason: string | null;
  witnessed_log_index: number | null;
  updated_at: UpdatedAt;
}

export interface WitnessPartiesTable {
  programme_id: string;
  request_id: string;
  party: Party;
  organisation_id: string;
}

export interface WitnessStatementsTable {
  programme_id: string;
  id: Generated<string>;
  request_id: string;
  round: number;
  party: Party;
  verdict: 'attested' | 'disputed';
  reason: string | null;
  attestor_user_id: string;
  attestor_id: string;
  signature: string;
  at: Date;
  log_index: number;
}

/** The witnessing tables, merged into the database's DB interface. */
export interface WitnessTables {
  witness_requests: WitnessRequestsTable;
  witness_parties: WitnessPartiesTable;
  witness_statements: WitnessStatementsTable;
}
