import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeEntry } from '../../../../src/transparency/entry';
import { leafHash } from '../../../../src/transparency/hash';
import { MemoryTree } from '../../../../src/transparency/memory-tree';
import { inclusionProof, rootHashAt } from '../../../../src/transparency/tree-reader';
import { verifyInclusion as serverVerify } from '../../../../src/transparency/verify';
import { leafHashOf, parseCheckpoint, toHex, verifyInclusion } from './merkle';

const entry = (i: number) => ({
  kind: 'need.resolved.witnessed',
  recordId: `r${i}`,
  recordDigest: i.toString(16).padStart(64, '0'),
  attestations: [],
  time: '2026-01-01T00:00:00.000Z',
});
const text = (i: number) => new TextDecoder().decode(encodeEntry(entry(i)));

describe('the browser verifier agrees with the server', () => {
  it('hashes leaves as the server does', async () => {
    for (const i of [0, 1, 7])
      expect(toHex(await leafHashOf(text(i)))).toBe(toHex(leafHash(encodeEntry(entry(i)))));
  });

  it('verifies every server inclusion proof, and refuses a wrong index, root or proof', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 70 }), fc.nat(), async (size, pick) => {
        const tree = MemoryTree.fromLeafHashes(
          Array.from({ length: size }, (_, i) => leafHash(encodeEntry(entry(i)))),
        );
        const root = await rootHashAt(tree);
        const index = pick % size;
        const proof = await inclusionProof(tree, index, size);
        const leaf = await leafHashOf(text(index));
        expect(await verifyInclusion(index, size, leaf, proof, root)).toBe(true);
        if (size > 1) expect(await verifyInclusion((index + 1) % size, size, leaf, proof, root)).toBe(false);
        expect(await verifyInclusion(index, size, await leafHashOf(text(index + 1000)), proof, root)).toBe(
          false,
        );
        expect(await verifyInclusion(index, size, leaf, proof, new Uint8Array(32))).toBe(false);
        expect(await verifyInclusion(index, size, leaf, [...proof, new Uint8Array(32)], root)).toBe(false);
        // Where the RFC's algorithm accepts another size, both implementations must agree.
        expect(await verifyInclusion(index, size + 1, leaf, proof, root)).toBe(
          serverVerify(index, size + 1, leaf, proof, root),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('reads a checkpoint note', () => {
    const note = `zutuan.example/J-K\n3\n${Buffer.alloc(32, 1).toString('base64')}\n\n— zutuan.example AAAA\n`;
    expect(parseCheckpoint(note)).toEqual({
      origin: 'zutuan.example/J-K',
      size: 3,
      rootHash: new Uint8Array(32).fill(1),
    });
    expect(() => parseCheckpoint('x\n01\n')).toThrow();
  });
});
