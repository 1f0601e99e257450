import { bytesEqual } from './bytes';
import { HASH_SIZE, nodeHash } from './hash';
import { isPowerOfTwo } from './tree-math';

// Written step by step from RFC 9162. "Right-shift" is halving (exact for sizes up to 2^53),
// and LSB(x) is x being odd.
const isOdd = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);
const isHash = (h: Uint8Array): boolean => h.byteLength === HASH_SIZE;
const isSize = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;

/** RFC 9162 §2.1.3.2: whether `proof` shows the leaf with `leafHash` at `leafIndex` in the tree with `rootHash`. */
export function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  rootHash: Uint8Array,
): boolean {
  if (!isSize(leafIndex) || !isSize(treeSize) || !proof.every(isHash)) return false;
  // 1. leaf_index ≥ tree_size fails.
  if (leafIndex >= treeSize) return false;
  // 2. fn = leaf_index, sn = tree_size − 1.  3. r = hash.
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash;
  // 4. For each p in the inclusion path:
  for (const p of proof) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // 5. sn = 0 and r = root_hash.
  return sn === 0 && bytesEqual(r, rootHash);
}

/**
 * RFC 9162 §2.1.4.2: whether `proof` shows the tree of `firstSize` leaves (`firstHash`) is a prefix
 * of the tree of `secondSize` leaves (`secondHash`). Equal sizes verify with an empty proof and
 * equal hashes (the proof SUBPROOF(n, D[n], true) of §2.1.4.1); a first size of 0 never does.
 */
export function verifyConsistency(
  firstSize: number,
  secondSize: number,
  firstHash: Uint8Array,
  secondHash: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!isSize(firstSize) || !isSize(secondSize) || !proof.every(isHash)) return false;
  if (firstSize === secondSize) return proof.length === 0 && bytesEqual(firstHash, secondHash);
  if (firstSize === 0 || firstSize > secondSize) return false;
  // 1. An empty consistency_path fails.
  if (proof.length === 0) return false;
  // 2. If first is an exact power of 2, prepend first_hash.
  const path = isPowerOfTwo(firstSize) ? [firstHash, ...proof] : proof;
  // 3. fn = first − 1, sn = second − 1.
  let fn = firstSize - 1;
  let sn = secondSize - 1;
  // 4. While LSB(fn) is set, right-shift both.
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // 5. fr = sr = the first value of the path.
  let fr = path[0]!;
  let sr = fr;
  // 6. For each subsequent value c:
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // 7. fr = first_hash, sr = second_hash, sn = 0.
  return bytesEqual(fr, firstHash) && bytesEqual(sr, secondHash) && sn === 0;
}
