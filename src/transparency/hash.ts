import { createHash } from 'node:crypto';

// RFC 9162 §2.1.1: leaves and interior nodes are hashed with distinct one-byte prefixes so
// that a leaf can never be passed off as an interior node (second-preimage resistance).
const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** Byte length of every hash in the log (SHA-256). */
export const HASH_SIZE = 32;

/** SHA-256 of the given bytes. */
export function sha256(data: Uint8Array): Uint8Array {
  return createHash('sha256').update(data).digest();
}

/** RFC 9162 §2.1.1 leaf hash: SHA-256(0x00 ‖ entry). */
export function leafHash(entry: Uint8Array): Uint8Array {
  return createHash('sha256').update(LEAF_PREFIX).update(entry).digest();
}

/** RFC 9162 §2.1.1 interior node hash: SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** RFC 9162 §2.1.1 MTH({}) — the root of the empty tree, SHA-256 of the empty string. */
export function emptyRootHash(): Uint8Array {
  return sha256(new Uint8Array(0));
}
