import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema';

/** A stored entry with both stored copies of its leaf hash (null when a copy is missing). */
export interface StoredEntry {
  readonly index: number;
  /** The entry's canonical JSON, the leaf data of RFC 9162 §2.1.1. */
  readonly entry: string;
  /** The level-0 node the tree was built from when the entry was appended. */
  readonly leafHash: Uint8Array | null;
  /** The leaf hash kept beside the entry. */
  readonly entryLeafHash: Uint8Array;
}

/**
 * Stored entries with index in [start, end), in index order, at most `limit` of them. Entries
 * and level-0 nodes are read as two primary-key range scans and matched here, which is much
 * cheaper for long ranges than a join probing the node index once per entry.
 */
export async function readEntries(
  db: Kysely<DB>,
  programmeId: string,
  start: number,
  end: number,
  limit = end - start,
): Promise<StoredEntry[]> {
  const entries = sql<{ idx: number; entry: string; leaf_hash: Uint8Array }>`
    select idx, entry, leaf_hash from log_entries
    where programme_id = ${programmeId} and idx >= ${start} and idx < ${end}
    order by idx limit ${limit}`.execute(db);
  // A deleted entry must not shift the nodes: read the nodes of the same index span.
  const nodes = sql<{ idx: number; hash: Uint8Array }>`
    select idx, hash from log_nodes
    where programme_id = ${programmeId} and level = 0 and idx >= ${start}
      and idx < least(${end}::bigint, ${start}::bigint + ${limit}::bigint)
    order by idx`.execute(db);
  const [{ rows }, { rows: nodeRows }] = await Promise.all([entries, nodes]);
  const byIndex = new Map<number, Uint8Array>();
  for (const n of nodeRows) byIndex.set(n.idx, n.hash);
  const lastIndex = rows.at(-1)?.idx ?? start;
  const missing = rows.length > 0 && lastIndex >= start + limit;
  const late = missing ? await levelZero(db, programmeId, start + limit, lastIndex + 1) : [];
  for (const n of late) byIndex.set(n.idx, n.hash);
  return rows.map((r) => {
    const node = byIndex.get(r.idx);
    return {
      index: r.idx,
      entry: r.entry,
      leafHash: node === undefined ? null : new Uint8Array(node),
      entryLeafHash: new Uint8Array(r.leaf_hash),
    };
  });
}

// Level-0 nodes for indexes past the span read first (only when entries are missing in between).
async function levelZero(db: Kysely<DB>, programmeId: string, from: number, to: number) {
  const { rows } = await sql<{ idx: number; hash: Uint8Array }>`
    select idx, hash from log_nodes
    where programme_id = ${programmeId} and level = 0 and idx >= ${from} and idx < ${to}`.execute(db);
  return rows;
}
