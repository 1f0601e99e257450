import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the transparency log's tables (src/db/migrations/0010_transparency_log.sql). */
type CreatedAt = ColumnType<Date, never, never>;

export interface LogHeadsTable {
  programme_id: string;
  size: Generated<number>;
  frontier: Generated<Uint8Array>;
  updated_at: Generated<Date>;
}

export interface LogEntriesTable {
  programme_id: string;
  idx: number;
  entry: string;
  leaf_hash: Uint8Array;
  created_at: CreatedAt;
}

export interface LogNodesTable {
  programme_id: string;
  level: number;
  idx: number;
  hash: Uint8Array;
}

export interface LogCheckpointsTable {
  programme_id: string;
  size: number;
  root: Uint8Array;
  note: string;
  signed_at: CreatedAt;
}

export interface LogKeysTable {
  id: Generated<number>;
  signer_key: string;
  verifier_key: string;
  created_at: CreatedAt;
}

/** The log's tables, merged into the database's DB interface. */
export interface LogTables {
  log_heads: LogHeadsTable;
  log_entries: LogEntriesTable;
  log_nodes: LogNodesTable;
  log_checkpoints: LogCheckpointsTable;
  log_keys: LogKeysTable;
}
