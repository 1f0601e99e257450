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

/** Stored entries with index in [start, end), in index order, at most `limit` of them. */
export async function readEntries(
  db: Kysely<DB>,
  programmeId: string,
  start: number,
  end: number,
  limit = end - start,
): Promise<StoredEntry[]> {
  const { rows } = await sql<{ idx: number; entry: string; leaf_hash: Uint8Array; node: Uint8Array | null }>`
    select e.idx, e.entry, e.leaf_hash, n.hash as node
    from log_entries e
    left join log_nodes n on n.programme_id = e.programme_id and n.level = 0 and n.idx = e.idx
    where e.programme_id = ${programmeId} and e.idx >= ${start} and e.idx < ${end}
    order by e.idx
    limit ${limit}`.execute(db);
  return rows.map((r) => ({
    index: r.idx,
    entry: r.entry,
    leafHash: r.node === null ? null : new Uint8Array(r.node),
    entryLeafHash: new Uint8Array(r.leaf_hash),
  }));
}
