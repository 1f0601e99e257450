import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { concatBytes, parseBase64, toBase64 } from './bytes';
import { TransparencyError } from './errors';
import { sha256 } from './hash';

// C2SP signed-note: signature type 0x01 is Ed25519 (RFC 8032).
const ED25519_TYPE = 0x01;
// DER wrappers that let node:crypto import raw 32-byte Ed25519 keys (RFC 8410).
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const KEY_ID_PATTERN = /^[0-9a-f]{8}$/;
const utf8 = new TextEncoder();

/** A key that can check signatures on notes: its name, 32-bit key ID and Ed25519 public key. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  readonly publicKey: KeyObject;
}

/** A key that can sign notes. */
export interface NoteSigner extends NoteVerifier {
  readonly privateKey: KeyObject;
}

/** C2SP signed-note: key names are non-empty, without Unicode spaces or '+'. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name) && !/\p{Cs}/u.test(name);
}

/** C2SP signed-note key ID: SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ 32-byte public key)[:4], big-endian. */
export function noteKeyId(name: string, rawPublicKey: Uint8Array): number {
  const digest = sha256(concatBytes(utf8.encode(`${name}\n`), Uint8Array.of(ED25519_TYPE), rawPublicKey));
  return Buffer.from(digest).readUInt32BE(0);
}

function rawPublicKey(key: KeyObject): Uint8Array {
  return new Uint8Array(key.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length));
}

function rawSeed(key: KeyObject): Uint8Array {
  return new Uint8Array(key.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_PREFIX.length));
}

const hex8 = (keyId: number): string => keyId.toString(16).padStart(8, '0');

/** Verifier key string `<name>+<hex key ID>+<base64(0x01 ‖ public key)>`. */
export function formatVerifierKey(verifier: NoteVerifier): string {
  const material = concatBytes(Uint8Array.of(ED25519_TYPE), rawPublicKey(verifier.publicKey));
  return `${verifier.name}+${hex8(verifier.keyId)}+${toBase64(material)}`;
}

/** Signer key string `PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 ‖ seed)>`; keep it secret. */
export function formatSignerKey(signer: NoteSigner): string {
  const material = concatBytes(Uint8Array.of(ED25519_TYPE), rawSeed(signer.privateKey));
  return `PRIVATE+KEY+${signer.name}+${hex8(signer.keyId)}+${toBase64(material)}`;
}

// Splits `<name>+<id>+<base64>` (the base64 may itself contain '+') and checks the key type byte.
function parseKeyParts(text: string, what: string): { name: string; keyId: number; raw: Uint8Array } {
  const first = text.indexOf('+');
  const second = text.indexOf('+', first + 1);
  const bad = (why: string) => new TransparencyError('malformed_key', `malformed ${what}: ${why}`);
  if (first < 0 || second < 0) throw bad('expected <name>+<key id>+<key>');
  const name = text.slice(0, first);
  const id = text.slice(first + 1, second);
  const material = parseBase64(text.slice(second + 1));
  if (!isValidKeyName(name)) throw bad('invalid key name');
  if (!KEY_ID_PATTERN.test(id)) throw bad('key id must be 8 lowercase hex digits');
  if (material?.byteLength !== 33 || material[0] !== ED25519_TYPE) throw bad('expected an Ed25519 key');
  return { name, keyId: Number.parseInt(id, 16), raw: material.subarray(1) };
}

/** Parses a verifier key string, checking that its key ID matches its name and public key. */
export function parseVerifierKey(text: string): NoteVerifier {
  const { name, keyId, raw } = parseKeyParts(text, 'verifier key');
  if (noteKeyId(name, raw) !== keyId)
    throw new TransparencyError('malformed_key', 'verifier key id mismatch');
  const publicKey = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
  return { name, keyId, publicKey };
}

/** Parses a signer key string, checking that its key ID matches the derived public key. */
export function parseSignerKey(text: string): NoteSigner {
  if (!text.startsWith('PRIVATE+KEY+')) throw new TransparencyError('malformed_key', 'malformed signer key');
  const { name, keyId, raw } = parseKeyParts(text.slice('PRIVATE+KEY+'.length), 'signer key');
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, raw]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = createPublicKey(privateKey);
  if (noteKeyId(name, rawPublicKey(publicKey)) !== keyId) {
    throw new TransparencyError('malformed_key', 'signer key id mismatch');
  }
  return { name, keyId, publicKey, privateKey };
}

/** Generates a fresh Ed25519 note key pair under `name`, as signer and verifier key strings. */
export function generateNoteKeys(name: string): { signerKey: string; verifierKey: string } {
  if (!isValidKeyName(name))
    throw new TransparencyError('malformed_key', `invalid key name ${JSON.stringify(name)}`);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const signer: NoteSigner = { name, keyId: noteKeyId(name, rawPublicKey(publicKey)), publicKey, privateKey };
  return { signerKey: formatSignerKey(signer), verifierKey: formatVerifierKey(signer) };
}
