import { TransparencyError } from './errors';
import { nodeHash } from './hash';
import { perfectSubtrees, requireSize } from './tree-math';
import { foldSubtrees, resolvePlan, type TreeReader } from './tree-reader';

/** A perfect subtree's hash with its position, as a database would store it. */
export interface StoredNode {
  readonly level: number;
  readonly index: number;
  readonly hash: Uint8Array;
}

/** The perfect subtrees covering leaves [0, size), leftmost (largest) first: all that appending needs. */
export interface Frontier {
  readonly size: number;
  readonly hashes: readonly Uint8Array[];
}

interface Peak {
  level: number;
  hash: Uint8Array;
}

/**
 * A streaming Merkle accumulator (a "compact range" over [0, size)): O(log n) memory, one node
 * hash per completed subtree, so a million leaves cost about two million SHA-256 calls.
 */
export class CompactRange {
  private readonly peaks: Peak[];
  private count: number;

  private constructor(size: number, peaks: Peak[]) {
    this.count = size;
    this.peaks = peaks;
  }

  /** An accumulator for the empty log. */
  static empty(): CompactRange {
    return new CompactRange(0, []);
  }

  /** Resumes from a frontier (whose hash count must match its size's binary ones). */
  static fromFrontier(frontier: Frontier): CompactRange {
    const ids = perfectSubtrees(0, frontier.size);
    if (ids.length !== frontier.hashes.length) {
      throw new TransparencyError(
        'inconsistent_storage',
        `a frontier of size ${frontier.size} needs ${ids.length} hashes, got ${frontier.hashes.length}`,
      );
    }
    return new CompactRange(
      frontier.size,
      ids.map((id, i) => ({ level: id.level, hash: frontier.hashes[i]! })),
    );
  }

  /** Number of leaves appended so far. */
  get size(): number {
    return this.count;
  }

  /** Appends one leaf hash, reporting the leaf and every subtree it completes to `onNode`. */
  push(leafHash: Uint8Array, onNode?: (node: StoredNode) => void): void {
    let level = 0;
    let index = this.count;
    let hash = leafHash;
    onNode?.({ level, index, hash });
    for (let top = this.peaks.at(-1); top !== undefined && top.level === level; top = this.peaks.at(-1)) {
      this.peaks.pop();
      hash = nodeHash(top.hash, hash);
      level += 1;
      index = Math.floor(index / 2);
      onNode?.({ level, index, hash });
    }
    this.peaks.push({ level, hash });
    this.count += 1;
  }

  /** MTH of all leaves appended so far (RFC 9162 §2.1.1). */
  root(): Uint8Array {
    return foldSubtrees(this.peaks.map((peak) => peak.hash));
  }

  /** The current frontier, to persist or to resume from. */
  frontier(): Frontier {
    return { size: this.count, hashes: this.peaks.map((peak) => peak.hash) };
  }
}

/** Appends leaf hashes to a frontier; returns the new frontier and every new node to store. */
export function appendLeafHashes(
  frontier: Frontier,
  leafHashes: Iterable<Uint8Array>,
): { frontier: Frontier; nodes: StoredNode[] } {
  const range = CompactRange.fromFrontier(frontier);
  const nodes: StoredNode[] = [];
  for (const leaf of leafHashes) range.push(leaf, (node) => nodes.push(node));
  return { frontier: range.frontier(), nodes };
}

/** Reads the frontier of the first `size` leaves from storage (O(log n) node reads). */
export async function readFrontier(reader: TreeReader, size = reader.leafCount()): Promise<Frontier> {
  requireSize('tree size', size, 0, reader.leafCount());
  const ids = perfectSubtrees(0, size);
  const hashes = await resolvePlan(
    reader,
    ids.map((id) => [id]),
  );
  return { size, hashes };
}

/** MTH of the leaves a frontier covers (RFC 9162 §2.1.1). */
export function frontierRoot(frontier: Frontier): Uint8Array {
  return CompactRange.fromFrontier(frontier).root();
}
