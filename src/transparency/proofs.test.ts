import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHex, toHex } from './bytes';
import { leafHash } from './hash';
import { MemoryTree } from './memory-tree';
import { naiveMth, naivePath, naiveProof } from './naive-merkle.test-helper';
import { consistencyPlan, inclusionPlan } from './proof-plan';
import { consistencyProof, inclusionProof, rootHashAt } from './tree-reader';
import { verifyConsistency, verifyInclusion } from './verify';

const hexes = (hashes: readonly Uint8Array[]): string[] => hashes.map(toHex);
const entriesOf = (n: number): Uint8Array[] =>
  Array.from({ length: n }, (_, i) => Uint8Array.of(i, i * 7, 255 - i));
const flip = (hash: Uint8Array): Uint8Array => Uint8Array.from(hash, (b, i) => (i === 0 ? b ^ 1 : b));

const MAX = 64;
const all = entriesOf(MAX);
const tree = MemoryTree.fromLeafHashes(all.map(leafHash));
const roots = [new Uint8Array(0), ...Array.from({ length: MAX }, (_, i) => naiveMth(all.slice(0, i + 1)))];

describe('inclusion proofs (RFC 9162 §2.1.3) for every size 1..64 and every index', () => {
  it('equal the naive PATH and verify; a wrong leaf, size, or truncated/extended proof is rejected', async () => {
    let checked = 0;
    for (let n = 1; n <= MAX; n++) {
      const root = roots[n]!;
      expect(toHex(await rootHashAt(tree, n))).toBe(toHex(root));
      for (let m = 0; m < n; m++) {
        const proof = await inclusionProof(tree, m, n);
        expect(hexes(proof)).toEqual(hexes(naivePath(m, all.slice(0, n))));
        const leaf = leafHash(all[m]!);
        expect(verifyInclusion(m, n, leaf, proof, root)).toBe(true);
        expect(verifyInclusion(m, n, leafHash(Uint8Array.of(9, 9, 9)), proof, root)).toBe(false);
        expect(verifyInclusion(m, n, all[m]!, proof, root)).toBe(false); // the entry, not its leaf hash
        expect(verifyInclusion(m, n, leaf, proof, flip(root))).toBe(false);
        if (m + 1 < n) expect(verifyInclusion(m + 1, n, leaf, proof, root)).toBe(false);
        expect(verifyInclusion(n, n, leaf, proof, root)).toBe(false);
        // The checkpoint binds a size to its root, so a wrong size comes with that size's root.
        if (n < MAX) expect(verifyInclusion(m, n + 1, leaf, proof, roots[n + 1]!)).toBe(false);
        if (m < n - 1) expect(verifyInclusion(m, n - 1, leaf, proof, roots[n - 1]!)).toBe(false);
        if (proof.length > 0) {
          expect(verifyInclusion(m, n, leaf, proof.slice(0, -1), root)).toBe(false);
          expect(verifyInclusion(m, n, leaf, proof.slice(1), root)).toBe(false);
          expect(verifyInclusion(m, n, leaf, [flip(proof[0]!), ...proof.slice(1)], root)).toBe(false);
        }
        expect(verifyInclusion(m, n, leaf, [...proof, root], root)).toBe(false);
        checked++;
      }
    }
    expect(checked).toBe((MAX * (MAX + 1)) / 2);
  });
});

describe('consistency proofs (RFC 9162 §2.1.4) for every size 1..64 and every old size', () => {
  it('equal the naive PROOF and verify; wrong roots, sizes, or truncated proofs are rejected', async () => {
    for (let n = 1; n <= MAX; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = await consistencyProof(tree, m, n);
        expect(hexes(proof)).toEqual(hexes(naiveProof(m, all.slice(0, n))));
        const [oldRoot, root] = [roots[m]!, roots[n]!];
        expect(verifyConsistency(m, n, oldRoot, root, proof)).toBe(true);
        expect(verifyConsistency(m, n, flip(oldRoot), root, proof)).toBe(false);
        expect(verifyConsistency(m, n, oldRoot, flip(root), proof)).toBe(false);
        expect(verifyConsistency(n, m, root, oldRoot, proof)).toBe(m === n);
        expect(verifyConsistency(0, n, oldRoot, root, proof)).toBe(false);
        if (m > 1) expect(verifyConsistency(m - 1, n, roots[m - 1]!, root, proof)).toBe(false);
        if (m < n - 1) expect(verifyConsistency(m + 1, n, roots[m + 1]!, root, proof)).toBe(false);
        if (n < MAX && m < n) expect(verifyConsistency(m, n + 1, oldRoot, roots[n + 1]!, proof)).toBe(false);
        if (proof.length > 0) {
          expect(verifyConsistency(m, n, oldRoot, root, proof.slice(0, -1))).toBe(false);
          expect(verifyConsistency(m, n, oldRoot, root, [...proof.slice(0, -1), flip(proof.at(-1)!)])).toBe(
            false,
          );
        }
        expect(verifyConsistency(m, n, oldRoot, root, [...proof, root])).toBe(false);
      }
    }
  });

  it('match the RFC 6962 reference vectors', () => {
    const entries = [
      '',
      '00',
      '10',
      '2021',
      '3031',
      '40414243',
      '5051525354555657',
      '606162636465666768696a6b6c6d6e6f',
    ];
    const d = entries.map((h) => parseHex(h)!);
    const reference = MemoryTree.fromLeafHashes(d.map(leafHash));
    return Promise.all([
      consistencyProof(reference, 1, 8).then((p) =>
        expect(hexes(p)).toEqual([
          '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
          '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
          '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
        ]),
      ),
      consistencyProof(reference, 6, 8).then((p) =>
        expect(hexes(p)).toEqual([
          '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
          'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
          'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
        ]),
      ),
      consistencyProof(reference, 2, 5).then((p) =>
        expect(hexes(p)).toEqual([
          '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
          'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
        ]),
      ),
    ]);
  });

  it('refuse to generate proofs for sizes the tree does not have', async () => {
    await expect(inclusionProof(tree, 0, MAX + 1)).rejects.toThrow(/tree size/);
    await expect(inclusionProof(tree, 5, 5)).rejects.toThrow(/leaf index/);
    await expect(consistencyProof(tree, 0, 5)).rejects.toThrow(/old tree size/);
    await expect(consistencyProof(tree, 6, 5)).rejects.toThrow(/old tree size/);
    await expect(inclusionProof(tree, 0.5, 5)).rejects.toThrow(/leaf index/);
  });
});

describe('proof generation at scale', () => {
  it('reads O(log n) stored subtrees for proofs in a log of 1,000,000 entries', () => {
    const n = 1_000_000;
    for (const index of [0, 1, 499_999, 999_999, 786_431, 786_432]) {
      expect(
        new Set(
          inclusionPlan(index, n)
            .flat()
            .map((id) => `${id.level}:${id.index}`),
        ).size,
      ).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(n)));
    }
    for (const old of [1, 2, 3, 524_288, 999_999, 777_777]) {
      expect(consistencyPlan(old, n).flat().length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(n)));
    }
  });
});

describe('properties (fast-check)', () => {
  const leavesArb = fc.array(fc.uint8Array({ maxLength: 8 }), { minLength: 1, maxLength: 300 });

  it('every inclusion proof verifies, and any changed proof byte breaks it', async () => {
    await fc.assert(
      fc.asyncProperty(leavesArb, fc.nat(), fc.nat(), fc.nat(255), async (leaves, i, j, bit) => {
        const t = MemoryTree.fromLeafHashes(leaves.map(leafHash));
        const m = i % leaves.length;
        const proof = await inclusionProof(t, m, leaves.length);
        expect(verifyInclusion(m, leaves.length, leafHash(leaves[m]!), proof, t.root())).toBe(true);
        if (proof.length === 0) return;
        const k = j % proof.length;
        const bad = proof.map((h, x) =>
          x === k ? Uint8Array.from(h, (b, y) => (y === bit % 32 ? b ^ 0x80 : b)) : h,
        );
        expect(verifyInclusion(m, leaves.length, leafHash(leaves[m]!), bad, t.root())).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('every consistency proof verifies against the prefix root', async () => {
    await fc.assert(
      fc.asyncProperty(leavesArb, fc.nat(), async (leaves, i) => {
        const t = MemoryTree.fromLeafHashes(leaves.map(leafHash));
        const m = 1 + (i % leaves.length);
        const proof = await consistencyProof(t, m, leaves.length);
        const oldRoot = await rootHashAt(t, m);
        expect(toHex(oldRoot)).toBe(toHex(naiveMth(leaves.slice(0, m))));
        expect(verifyConsistency(m, leaves.length, oldRoot, t.root(), proof)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('verifiers never throw on arbitrary input', () => {
    const hash = fc.uint8Array({ minLength: 0, maxLength: 40 });
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer(),
        hash,
        hash,
        fc.array(hash, { maxLength: 70 }),
        (a, b, h1, h2, p) => {
          expect(typeof verifyInclusion(a, b, h1, p, h2)).toBe('boolean');
          expect(typeof verifyConsistency(a, b, h1, h2, p)).toBe('boolean');
        },
      ),
    );
  });
});
