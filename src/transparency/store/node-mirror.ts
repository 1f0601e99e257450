import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { HASH_SIZE } from '../hash';

/**
 * An in-process copy of one programme's stored subtrees (`log_nodes`), so proofs read no rows.
 *
 * Stored nodes never change: node (level, index) exists once (index + 1)·2^level leaves are
 * appended, and the append-only triggers keep it as it was. So a copy of the nodes of a tree of
 * `size` leaves stays right forever, in every process, and growing it to a larger size only
 * reads the nodes it lacks (the whole tree once, then each new node once). A proof of a size the
 * copy covers is then pure computation: at 1,000,000 entries the database read was most of a
 * proof's time and all of its tail (bench/log.ts).
 *
 * Memory is 32 bytes per node, about 64 bytes per entry; logs above MAX_MIRRORED_LEAVES are
 * not copied and proofs read the database as before.
 */
export const MAX_MIRRORED_LEAVES = 4_000_000;
const PAGE_ROWS = 50_000;

export class NodeMirror {
  private readonly levels: Uint8Array[] = [];
  private readonly counts: number[] = [];
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly programmeId: string) {}

  /** Whether the copy holds node (level, index). */
  has(level: number, index: number): boolean {
    return index < (this.counts[level] ?? 0);
  }

  /** Node (level, index); only when `has` says so. */
  hash(level: number, index: number): Uint8Array {
    return this.levels[level]!.slice(index * HASH_SIZE, (index + 1) * HASH_SIZE);
  }

  /** Copies every node of the tree of `size` leaves it lacks (one load at a time). */
  cover(db: Db, size: number): Promise<void> {
    const run = this.tail.then(() => this.load(db, size));
    this.tail = run.catch(() => {});
    return run;
  }

  private async load(db: Db, size: number): Promise<void> {
    for (let level = 0; 2 ** level <= size; level++) {
      const want = Math.floor(size / 2 ** level);
      while ((this.counts[level] ?? 0) < want) {
        const from = this.counts[level] ?? 0;
        const to = Math.min(want, from + PAGE_ROWS);
        const { rows } = await sql<{ idx: number; hash: Uint8Array }>`/* prepare:log_nodes_range */
          select idx, hash from log_nodes
          where programme_id = ${this.programmeId} and level = ${level} and idx >= ${from} and idx < ${to}
          order by idx`.execute(db);
        // A gap means storage disagrees with its head: keep what is contiguous and let proofs
        // read the database, which reports the missing node.
        const contiguous = rows.findIndex((r, i) => Number(r.idx) !== from + i);
        const usable = contiguous < 0 ? rows : rows.slice(0, contiguous);
        this.append(level, usable);
        if (usable.length < to - from) return;
      }
    }
  }

  private append(level: number, rows: readonly { hash: Uint8Array }[]): void {
    const count = this.counts[level] ?? 0;
    let buffer = this.levels[level] ?? new Uint8Array(0);
    const needed = (count + rows.length) * HASH_SIZE;
    if (buffer.byteLength < needed) {
      const grown = new Uint8Array(Math.max(needed, buffer.byteLength * 2));
      grown.set(buffer.subarray(0, count * HASH_SIZE));
      buffer = grown;
      this.levels[level] = buffer;
    }
    rows.forEach((r, i) => {
      buffer.set(r.hash, (count + i) * HASH_SIZE);
    });
    this.counts[level] = count + rows.length;
  }
}

const mirrors = new WeakMap<object, Map<string, NodeMirror>>();

/** The mirror of a programme's log for a database handle (one per process and handle). */
export function mirrorOf(db: Db, programmeId: string): NodeMirror {
  let byProgramme = mirrors.get(db);
  if (!byProgramme) {
    byProgramme = new Map();
    mirrors.set(db, byProgramme);
  }
  let mirror = byProgramme.get(programmeId);
  if (!mirror) {
    mirror = new NodeMirror(programmeId);
    byProgramme.set(programmeId, mirror);
  }
  return mirror;
}
