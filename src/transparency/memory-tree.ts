import { CompactRange } from './compact-range';
import { TransparencyError } from './errors';
import type { TreeReader } from './tree-reader';

/** An in-memory TreeReader holding every complete node, for tests, the CLI and small logs. */
export class MemoryTree implements TreeReader {
  private readonly levels: Uint8Array[][] = [];
  private readonly range = CompactRange.empty();

  /** A tree over the given leaf hashes. */
  static fromLeafHashes(leafHashes: Iterable<Uint8Array>): MemoryTree {
    const tree = new MemoryTree();
    tree.append(leafHashes);
    return tree;
  }

  /** Appends leaf hashes, storing every subtree they complete. */
  append(leafHashes: Iterable<Uint8Array>): void {
    for (const leaf of leafHashes) {
      this.range.push(leaf, (node) => {
        let level = this.levels[node.level];
        if (level === undefined) {
          level = [];
          this.levels[node.level] = level;
        }
        level[node.index] = node.hash;
      });
    }
  }

  leafCount(): number {
    return this.range.size;
  }

  async nodeHash(level: number, index: number): Promise<Uint8Array> {
    const hash = this.levels[level]?.[index];
    if (hash === undefined) {
      throw new TransparencyError('out_of_range', `no complete subtree (${level}, ${index}) in this tree`);
    }
    return hash;
  }

  /** MTH of the whole tree (RFC 9162 §2.1.1). */
  root(): Uint8Array {
    return this.range.root();
  }
}
