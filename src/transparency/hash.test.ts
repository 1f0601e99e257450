import { describe, expect, it } from 'vitest';
import { parseHex, toHex } from './bytes';
import { emptyRootHash, leafHash, nodeHash } from './hash';
import { MemoryTree } from './memory-tree';
import { naiveMth } from './naive-merkle.test-helper';

// The eight leaves of the RFC 6962 reference test suite and the roots of their prefixes.
const LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
];
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const entries = LEAVES.map((hex) => parseHex(hex)!);

describe('RFC 9162 §2.1.1 Merkle Tree Hash', () => {
  it('hashes the empty list to SHA-256 of the empty string', () => {
    expect(toHex(emptyRootHash())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(MemoryTree.fromLeafHashes([]).root())).toBe(toHex(emptyRootHash()));
  });

  it('prefixes leaves with 0x00 and nodes with 0x01', () => {
    expect(toHex(leafHash(new Uint8Array(0)))).toBe(ROOTS[0]);
    const a = leafHash(Uint8Array.of(1));
    const b = leafHash(Uint8Array.of(2));
    expect(toHex(nodeHash(a, b))).not.toBe(toHex(nodeHash(b, a)));
    expect(toHex(nodeHash(a, b))).not.toBe(toHex(leafHash(Uint8Array.of(1, ...a, ...b))));
  });

  it.each(ROOTS.map((root, i) => [i + 1, root] as const))(
    'matches the reference root of %i leaves',
    (n, root) => {
      const prefix = entries.slice(0, n);
      expect(toHex(MemoryTree.fromLeafHashes(prefix.map(leafHash)).root())).toBe(root);
      expect(toHex(naiveMth(prefix))).toBe(root);
    },
  );
});
