// C2SP signed-note checks in the browser with WebCrypto (SHA-256, Ed25519): a port of the
// verifying half of src/transparency/note.ts and note-keys.ts; note.test.ts checks it against
// notes the server signs.
import { fromBase64, toHex } from './merkle';

const utf8 = new TextEncoder();
const SIGNATURE_PREFIX = '— ';

export type VerifierKey = { name: string; keyId: string; publicKey: Uint8Array<ArrayBuffer> };

/** Parses a note verifier key `<name>+<8 hex key id>+<base64(0x01 ‖ 32-byte Ed25519 key)>` and checks its key id. */
export async function parseVerifierKey(text: string): Promise<VerifierKey> {
  // The base64 key material may itself contain '+': split off only the first two fields.
  const match = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/]+={0,2})$/.exec(text.trim());
  if (!match) throw new Error('not a verifier key');
  const [, name = '', keyId = '', material = ''] = match;
  const bytes = fromBase64(material);
  if (bytes.byteLength !== 33 || bytes[0] !== 0x01) throw new Error('not an Ed25519 verifier key');
  const publicKey = bytes.slice(1);
  const digest = new Uint8Array(
    await globalThis.crypto.subtle.digest('SHA-256', concat(utf8.encode(`${name}\n`), bytes)),
  );
  if (toHex(digest.subarray(0, 4)) !== keyId) throw new Error('verifier key id does not match its key');
  return { name, keyId, publicKey };
}

/**
 * The text of a signed note when `key` signed it (and the signature verifies), else null. Other
 * keys' signatures are ignored, as C2SP says.
 */
export async function openSignedNote(note: string, key: VerifierKey): Promise<string | null> {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) return null;
  const text = note.slice(0, split + 1);
  const ed25519 = await globalThis.crypto.subtle.importKey('raw', key.publicKey, { name: 'Ed25519' }, false, [
    'verify',
  ]);
  for (const line of note.slice(split + 2, -1).split('\n')) {
    if (!line.startsWith(`${SIGNATURE_PREFIX}${key.name} `)) continue;
    const blob = fromBase64(line.slice(SIGNATURE_PREFIX.length + key.name.length + 1));
    if (blob.byteLength !== 68 || toHex(blob.subarray(0, 4)) !== key.keyId) continue;
    const ok = await globalThis.crypto.subtle.verify('Ed25519', ed25519, blob.slice(4), utf8.encode(text));
    return ok ? text : null;
  }
  return null;
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}
