// RFC 9162 inclusion proofs verified in the browser with WebCrypto SHA-256. A port of
// src/transparency/verify.ts (which hashes with node:crypto); merkle.test.ts checks it
// against the server's own proofs.

const utf8 = new TextEncoder();

async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  const data = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    data.set(p, at);
    at += p.byteLength;
  }
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', data));
}

/** RFC 9162 §2.1.1 leaf hash of a log entry (its canonical JSON text): SHA-256(0x00 ‖ entry). */
export const leafHashOf = (entry: string): Promise<Uint8Array> =>
  sha256(Uint8Array.of(0), utf8.encode(entry));
const nodeHash = (left: Uint8Array, right: Uint8Array) => sha256(Uint8Array.of(1), left, right);

export const toHex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
export function fromHex(hex: string): Uint8Array {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) throw new Error('not hex');
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
}
export function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
const equal = (a: Uint8Array, b: Uint8Array) =>
  a.byteLength === b.byteLength && a.every((x, i) => x === b[i]);

/** RFC 9162 §2.1.3.2: whether `proof` shows the leaf with `leafHash` at `leafIndex` in the tree with `rootHash`. */
export async function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  rootHash: Uint8Array,
): Promise<boolean> {
  const isSize = (n: number) => Number.isSafeInteger(n) && n >= 0;
  if (!isSize(leafIndex) || !isSize(treeSize) || proof.some((p) => p.byteLength !== 32)) return false;
  if (leafIndex >= treeSize) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equal(r, rootHash);
}

/** The body of a C2SP checkpoint note: origin, tree size and root hash (signatures not checked here). */
export function parseCheckpoint(note: string): { origin: string; size: number; rootHash: Uint8Array } {
  const [origin, size, root] = note.split('\n');
  if (!origin || !size || !/^(0|[1-9]\d*)$/.test(size) || !root) throw new Error('not a checkpoint');
  const rootHash = fromBase64(root);
  if (rootHash.byteLength !== 32) throw new Error('not a checkpoint');
  return { origin, size: Number(size), rootHash };
}
