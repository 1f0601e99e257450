import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema';
import { toHex } from '../bytes';
import type { NodeId } from '../tree-math';
import type { TreeReader } from '../tree-reader';
import { MAX_MIRRORED_LEAVES, mirrorOf, type NodeMirror } from './node-mirror';

/** A programme's log head: how many entries it holds. */
export async function logSize(db: Kysely<DB>, programmeId: string): Promise<number> {
  const head = await db
    .selectFrom('log_heads')
    .select('size')
    .where('programme_id', '=', programmeId)
    .executeTakeFirst();
  return head?.size ?? 0;
}

/**
 * A TreeReader over log_nodes, fixed at one tree size (a snapshot: nodes appended later are
 * never asked for, because every plan stays inside its size). Batched reads take one round trip.
 */
export class StoredTree implements TreeReader {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly programmeId: string,
    private readonly size: number,
    private readonly mirror?: NodeMirror,
  ) {}

  /**
   * The tree of the programme's log at its current size. With `mirrored` (the public proof
   * routes), nodes come from this process's copy of the log (node-mirror.ts), brought up to
   * this size first; not inside a transaction, whose handle must not keep a copy.
   */
  static async open(
    db: Kysely<DB>,
    programmeId: string,
    options: { mirrored?: boolean } = {},
  ): Promise<StoredTree> {
    const size = await logSize(db, programmeId);
    if (!options.mirrored || size > MAX_MIRRORED_LEAVES) return new StoredTree(db, programmeId, size);
    const mirror = mirrorOf(db, programmeId);
    await mirror.cover(db, size);
    return new StoredTree(db, programmeId, size, mirror);
  }

  leafCount(): number {
    return this.size;
  }

  async nodeHash(level: number, index: number): Promise<Uint8Array> {
    const [hash] = await this.nodeHashes([{ level, index }]);
    return hash!;
  }

  /** Missing nodes come back empty, which resolvePlan reports as inconsistent storage. */
  async nodeHashes(ids: readonly NodeId[]): Promise<readonly Uint8Array[]> {
    if (ids.length === 0) return [];
    const mirror = this.mirror;
    if (mirror && ids.every((id) => mirror.has(id.level, id.index))) {
      return ids.map((id) => mirror.hash(id.level, id.index));
    }
    const levels = ids.map((id) => id.level);
    const indexes = ids.map((id) => id.index);
    // One fixed text (prepared once per connection on a server): proofs are the log's hot read.
    const { rows } = await sql<{ level: number; idx: number; hash: Uint8Array }>`/* prepare:log_nodes_by_id */
      select n.level, n.idx, n.hash
      from unnest(${levels}::smallint[], ${indexes}::bigint[]) as q(level, idx)
      join log_nodes n on n.programme_id = ${this.programmeId} and n.level = q.level and n.idx = q.idx`.execute(
      this.db,
    );
    const byKey = new Map(rows.map((r) => [`${r.level}:${r.idx}`, new Uint8Array(r.hash)]));
    return ids.map((id) => byKey.get(`${id.level}:${id.index}`) ?? new Uint8Array(0));
  }
}

/** Hex texts of hashes, for passing arrays of bytes through either driver as text[]. */
export const hexArray = (hashes: readonly Uint8Array[]): string[] => hashes.map(toHex);
