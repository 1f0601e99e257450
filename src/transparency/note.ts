import { sign as ed25519Sign, verify as ed25519Verify } from 'node:crypto';
import { parseBase64, toBase64 } from './bytes';
import { TransparencyError } from './errors';
import { isValidKeyName, type NoteSigner, type NoteVerifier } from './note-keys';

// C2SP signed-note format: text ending in "\n", a blank line, then lines
// "— <key name> <base64(key ID ‖ signature)>\n" (U+2014 EM DASH, space).
const SIGNATURE_PREFIX = '\u2014 ';
// The spec asks verifiers to accept at least 16 signatures; the Go reference caps at 100.
const MAX_SIGNATURES = 100;
const utf8 = new TextEncoder();

/** Why a note was rejected. */
export type NoteRejection = 'malformed' | 'unknown_key' | 'bad_signature';

/** The outcome of opening a signed note: its text once a known key's signature verifies. */
export type NoteVerification =
  | { readonly ok: true; readonly text: string; readonly signedBy: readonly string[] }
  | { readonly ok: false; readonly reason: NoteRejection; readonly message: string };

// C2SP signed-note: valid UTF-8 with no ASCII control characters other than newline.
function hasOnlyNoteCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x0a) return false;
  }
  return !/\p{Cs}/u.test(text);
}

/** Whether `text` may be the text of a signed note (non-empty, ends in a newline, allowed characters). */
export function isValidNoteText(text: string): boolean {
  return text.endsWith('\n') && hasOnlyNoteCharacters(text);
}

/** Signs note text with each signer (Ed25519, RFC 8032), giving the C2SP signed note. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  if (!isValidNoteText(text))
    throw new TransparencyError('malformed_note', 'note text must end in a newline');
  if (signers.length === 0) throw new TransparencyError('malformed_note', 'a note needs at least one signer');
  const message = utf8.encode(text);
  const lines = signers.map((signer) => {
    const blob = Buffer.alloc(4 + 64);
    blob.writeUInt32BE(signer.keyId, 0);
    Buffer.from(ed25519Sign(null, message, signer.privateKey)).copy(blob, 4);
    return `${SIGNATURE_PREFIX}${signer.name} ${toBase64(blob)}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

const reject = (reason: NoteRejection, message: string): NoteVerification => ({ ok: false, reason, message });

/**
 * Opens a C2SP signed note: signatures by unknown keys are ignored, a failing signature by a
 * known key rejects the note, and at least one known key must have signed it.
 */
export function openNote(note: string, verifiers: readonly NoteVerifier[]): NoteVerification {
  if (!hasOnlyNoteCharacters(note)) return reject('malformed', 'note contains control characters');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) return reject('malformed', 'note has no blank line before its signatures');
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (block === '' || !block.endsWith('\n'))
    return reject('malformed', 'signature block must end in a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) return reject('malformed', 'too many signatures');

  const message = utf8.encode(text);
  const signedBy: string[] = [];
  const seen = new Set<string>();
  for (const line of lines) {
    if (!line.startsWith(SIGNATURE_PREFIX)) return reject('malformed', 'signature line must start with "— "');
    const rest = line.slice(SIGNATURE_PREFIX.length);
    const space = rest.indexOf(' ');
    const name = space < 0 ? rest : rest.slice(0, space);
    const blob = space < 0 ? undefined : parseBase64(rest.slice(space + 1));
    if (!isValidKeyName(name) || blob === undefined || blob.byteLength < 5) {
      return reject('malformed', 'malformed signature line');
    }
    const keyId = Buffer.from(blob).readUInt32BE(0);
    const verifier = verifiers.find((v) => v.name === name && v.keyId === keyId);
    const key = `${name}+${keyId}`;
    if (verifier === undefined || seen.has(key)) continue;
    seen.add(key);
    if (!ed25519Verify(null, message, verifier.publicKey, blob.subarray(4))) {
      return reject('bad_signature', `signature by ${name} does not verify`);
    }
    signedBy.push(name);
  }
  if (signedBy.length === 0) return reject('unknown_key', 'no signature by a known key');
  return { ok: true, text, signedBy };
}
