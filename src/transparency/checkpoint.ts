import { parseBase64, toBase64 } from './bytes';
import { TransparencyError } from './errors';
import { HASH_SIZE } from './hash';
import { type NoteVerification, openNote, signNote } from './note';
import type { NoteSigner, NoteVerifier } from './note-keys';

/** A log's signed tree head (C2SP tlog-checkpoint): origin, tree size and RFC 9162 root hash. */
export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
  /** Optional opaque extension lines (non-empty; the spec advises against them). */
  readonly extensions: readonly string[];
}

const SIZE_PATTERN = /^(?:0|[1-9][0-9]*)$/;
const malformed = (why: string) =>
  new TransparencyError('malformed_checkpoint', `malformed checkpoint: ${why}`);

/** C2SP tlog-checkpoint note text: `<origin>\n<size>\n<base64 root>\n` plus any extension lines. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, rootHash, extensions } = checkpoint;
  if (origin === '' || origin.includes('\n')) throw malformed('origin must be one non-empty line');
  if (!Number.isSafeInteger(size) || size < 0) throw malformed('size must be a whole number');
  if (rootHash.byteLength !== HASH_SIZE) throw malformed('root hash must be 32 bytes');
  if (extensions.some((line) => line === '' || line.includes('\n'))) throw malformed('bad extension line');
  return [origin, String(size), toBase64(rootHash), ...extensions].map((line) => `${line}\n`).join('');
}

/** Parses C2SP tlog-checkpoint note text (already verified as a signed note). */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw malformed('text must end in a newline');
  const [origin, sizeText, rootText, ...extensions] = text.slice(0, -1).split('\n');
  if (origin === undefined || origin === '') throw malformed('missing origin');
  if (sizeText === undefined || !SIZE_PATTERN.test(sizeText)) throw malformed('tree size must be decimal');
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) throw malformed('tree size too large');
  const rootHash = rootText === undefined ? undefined : parseBase64(rootText);
  if (rootHash?.byteLength !== HASH_SIZE) throw malformed('root hash must be base64 of 32 bytes');
  if (extensions.some((line) => line === '')) throw malformed('extension lines must be non-empty');
  return { origin, size, rootHash, extensions };
}

/** Signs a checkpoint as a C2SP signed note. */
export function signCheckpoint(checkpoint: Checkpoint, signers: readonly NoteSigner[]): string {
  return signNote(formatCheckpoint(checkpoint), signers);
}

/** The outcome of opening a signed checkpoint. */
export type CheckpointVerification =
  | { readonly ok: true; readonly checkpoint: Checkpoint }
  | Extract<NoteVerification, { ok: false }>
  | {
      readonly ok: false;
      readonly reason: 'malformed_checkpoint' | 'wrong_origin';
      readonly message: string;
    };

/** Verifies a signed checkpoint against trusted keys and the expected origin, then parses it. */
export function openCheckpoint(
  note: string,
  verifiers: readonly NoteVerifier[],
  expectedOrigin: string,
): CheckpointVerification {
  const opened = openNote(note, verifiers);
  if (!opened.ok) return opened;
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpoint(opened.text);
  } catch (error) {
    return { ok: false, reason: 'malformed_checkpoint', message: (error as Error).message };
  }
  if (checkpoint.origin !== expectedOrigin) {
    return { ok: false, reason: 'wrong_origin', message: `checkpoint is for ${checkpoint.origin}` };
  }
  return { ok: true, checkpoint };
}
