import { TransparencyError } from './errors';

/** Names the perfect subtree over leaves [index·2^level, (index+1)·2^level). */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

// Tree sizes are plain numbers; arithmetic (not 32-bit bitwise operators) keeps them exact up to 2^53.

/** Whether n (≥ 1) is an exact power of two. */
export function isPowerOfTwo(n: number): boolean {
  return n >= 1 && 2 ** Math.round(Math.log2(n)) === n;
}

/** RFC 9162 §2.1.1 k: the largest power of two strictly smaller than n (n ≥ 2). */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * Splits MTH(D[start:end]) of RFC 9162 §2.1.1 into the perfect subtrees it is made of, leftmost
 * (largest) first; their hashes folded from the right give the MTH. Every range that the RFC's
 * recursion visits starts at a multiple of its own size rounded up to a power of two, so each
 * piece is aligned.
 */
export function perfectSubtrees(start: number, end: number): NodeId[] {
  const ids: NodeId[] = [];
  let at = start;
  while (at < end) {
    const remaining = end - at;
    const size = isPowerOfTwo(remaining) ? remaining : largestPowerOfTwoBelow(remaining);
    if (at % size !== 0) {
      throw new TransparencyError('out_of_range', `range [${start}, ${end}) is not an RFC 9162 subtree`);
    }
    ids.push({ level: Math.log2(size), index: at / size });
    at += size;
  }
  return ids;
}

/** Requires a whole number in [min, max], naming it in the error. */
export function requireSize(name: string, value: number, min: number, max: number): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new TransparencyError(
      'out_of_range',
      `${name} must be a whole number in [${min}, ${max}], got ${value}`,
    );
  }
}
