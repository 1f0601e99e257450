import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from './bytes';
import {
  appendLeafHashes,
  CompactRange,
  type Frontier,
  frontierRoot,
  readFrontier,
  type StoredNode,
} from './compact-range';
import { leafHash } from './hash';
import { MemoryTree } from './memory-tree';
import { naiveMth } from './naive-merkle.test-helper';
import { inclusionProof, type TreeReader } from './tree-reader';
import { verifyInclusion } from './verify';

const entry = (i: number): Uint8Array => new TextEncoder().encode(`entry ${i}`);

// A TreeReader over the nodes an appender returned, as a database table of (level, index, hash) would be.
function nodeTable(size: number, nodes: readonly StoredNode[]): TreeReader & { reads: number } {
  const table = new Map(nodes.map((n) => [`${n.level}:${n.index}`, n.hash]));
  return {
    reads: 0,
    leafCount: () => size,
    async nodeHash(level, index) {
      this.reads++;
      const hash = table.get(`${level}:${index}`);
      if (hash === undefined) throw new Error(`missing node ${level}:${index}`);
      return hash;
    },
  };
}

describe('incremental appender', () => {
  it('returns exactly the complete subtrees to store, in any batching', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 12 }), (batches) => {
        let frontier: Frontier = CompactRange.empty().frontier();
        const stored: StoredNode[] = [];
        let next = 0;
        for (const count of batches) {
          const leaves = Array.from({ length: count }, () => leafHash(entry(next++)));
          const result = appendLeafHashes(frontier, leaves);
          frontier = result.frontier;
          stored.push(...result.nodes);
        }
        const all = Array.from({ length: next }, (_, i) => entry(i));
        expect(frontier.size).toBe(next);
        expect(toHex(frontierRoot(frontier))).toBe(toHex(naiveMth(all)));
        // Every complete node exactly once: n leaves have 2n − popcount(n) complete subtrees.
        const popcount = next.toString(2).replaceAll('0', '').length;
        expect(stored.length).toBe(2 * next - popcount);
        expect(new Set(stored.map((n) => `${n.level}:${n.index}`)).size).toBe(stored.length);
        for (const node of stored) {
          const span = 2 ** node.level;
          const leaves = all.slice(node.index * span, (node.index + 1) * span);
          expect(leaves.length).toBe(span);
          expect(toHex(node.hash)).toBe(toHex(naiveMth(leaves)));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('resumes from a frontier read back from storage', async () => {
    const first = appendLeafHashes(
      CompactRange.empty().frontier(),
      [0, 1, 2, 3, 4, 5, 6].map((i) => leafHash(entry(i))),
    );
    const reader = nodeTable(7, first.nodes);
    const frontier = await readFrontier(reader);
    expect(frontier.hashes.map(toHex)).toEqual(first.frontier.hashes.map(toHex));
    const second = appendLeafHashes(frontier, [leafHash(entry(7))]);
    expect(second.nodes.map((n) => `${n.level}:${n.index}`)).toEqual(['0:7', '1:3', '2:1', '3:0']);
    expect(() => CompactRange.fromFrontier({ size: 7, hashes: frontier.hashes.slice(1) })).toThrow(
      /needs 3 hashes/,
    );
  });

  it('serves proofs from stored nodes with about log2(n) reads', async () => {
    const n = 5_000;
    const { nodes } = appendLeafHashes(
      CompactRange.empty().frontier(),
      Array.from({ length: n }, (_, i) => leafHash(entry(i))),
    );
    const reader = nodeTable(n, nodes);
    const root = MemoryTree.fromLeafHashes(Array.from({ length: n }, (_, i) => leafHash(entry(i)))).root();
    for (const index of [0, 1234, 4095, 4096, 4999]) {
      reader.reads = 0;
      const proof = await inclusionProof(reader, index);
      expect(reader.reads).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(n)));
      expect(verifyInclusion(index, n, leafHash(entry(index)), proof, root)).toBe(true);
    }
  });

  it('uses one batched read when the reader offers nodeHashes', async () => {
    const tree = MemoryTree.fromLeafHashes(Array.from({ length: 100 }, (_, i) => leafHash(entry(i))));
    const calls: number[] = [];
    const batched: TreeReader = {
      leafCount: () => tree.leafCount(),
      nodeHash: () => Promise.reject(new Error('unbatched read')),
      nodeHashes: (ids) => {
        calls.push(ids.length);
        return Promise.all(ids.map((id) => tree.nodeHash(id.level, id.index)));
      },
    };
    const proof = await inclusionProof(batched, 42);
    expect(calls).toHaveLength(1);
    expect(verifyInclusion(42, 100, leafHash(entry(42)), proof, tree.root())).toBe(true);
  });
});

describe('streaming root', () => {
  it('matches the naive MTH for every size 0..100', () => {
    const range = CompactRange.empty();
    const all: Uint8Array[] = [];
    expect(toHex(range.root())).toBe(toHex(naiveMth([])));
    for (let i = 0; i < 100; i++) {
      all.push(entry(i));
      range.push(leafHash(entry(i)));
      expect(toHex(range.root())).toBe(toHex(naiveMth(all)));
    }
  });
});
