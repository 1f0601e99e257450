// Test-only reference: RFC 9162 §2.1.1, §2.1.3.1 and §2.1.4.1 transcribed literally as recursion
// over the list of entries, with no storage, no plans and no iteration tricks.
import { createHash } from 'node:crypto';

const sha = (...parts: Uint8Array[]): Uint8Array => {
  const h = createHash('sha256');
  for (const part of parts) h.update(part);
  return h.digest();
};

const k = (n: number): number => {
  let p = 1;
  while (p * 2 < n) p *= 2;
  return p;
};

/** MTH(D[n]) of RFC 9162 §2.1.1. */
export function naiveMth(d: readonly Uint8Array[]): Uint8Array {
  if (d.length === 0) return sha();
  if (d.length === 1) return sha(Uint8Array.of(0), d[0]!);
  const split = k(d.length);
  return sha(Uint8Array.of(1), naiveMth(d.slice(0, split)), naiveMth(d.slice(split)));
}

/** PATH(m, D[n]) of RFC 9162 §2.1.3.1. */
export function naivePath(m: number, d: readonly Uint8Array[]): Uint8Array[] {
  if (d.length === 1) return [];
  const split = k(d.length);
  return m < split
    ? [...naivePath(m, d.slice(0, split)), naiveMth(d.slice(split))]
    : [...naivePath(m - split, d.slice(split)), naiveMth(d.slice(0, split))];
}

/** SUBPROOF(m, D[n], b) of RFC 9162 §2.1.4.1. */
function naiveSubproof(m: number, d: readonly Uint8Array[], b: boolean): Uint8Array[] {
  if (m === d.length) return b ? [] : [naiveMth(d)];
  const split = k(d.length);
  return m <= split
    ? [...naiveSubproof(m, d.slice(0, split), b), naiveMth(d.slice(split))]
    : [...naiveSubproof(m - split, d.slice(split), false), naiveMth(d.slice(0, split))];
}

/** PROOF(m, D[n]) of RFC 9162 §2.1.4.1. */
export function naiveProof(m: number, d: readonly Uint8Array[]): Uint8Array[] {
  return naiveSubproof(m, d, true);
}
