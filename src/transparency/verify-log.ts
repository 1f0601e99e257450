import { bytesEqual, toHex } from './bytes';
import { type Checkpoint, openCheckpoint } from './checkpoint';
import { CompactRange } from './compact-range';
import { leafHash } from './hash';
import type { NoteVerifier } from './note-keys';
import { verifyConsistency } from './verify';

/** One entry as a log hands it out: its index, canonical JSON and the stored copies of its leaf hash. */
export interface SourcedEntry {
  readonly index: number;
  readonly entry: string;
  /** Every stored copy of the leaf hash (null: a copy is missing); each must equal SHA-256(0x00 ‖ entry). */
  readonly leafHashes: readonly (Uint8Array | null)[];
}

/** Where a verifier reads a log from: a server over HTTP, or the database directly. */
export interface LogSource {
  /** The latest signed checkpoint (C2SP signed note). */
  checkpoint(): Promise<string>;
  /** Entries with index in [start, end) in index order; may return fewer (a page), never out of order. */
  entries(start: number, end: number): Promise<readonly SourcedEntry[]>;
  /** Every checkpoint the log signed, if the source can list them (they narrow down a change). */
  signedCheckpoints?(): Promise<readonly string[]>;
  /** The log's RFC 9162 consistency proof between two sizes, if the source serves proofs. */
  consistencyProof?(oldSize: number, size: number): Promise<readonly Uint8Array[]>;
}

/** The outcome of verifying a log from scratch. */
export type LogVerification =
  | {
      readonly ok: true;
      readonly origin: string;
      readonly size: number;
      readonly root: string;
      readonly note: string;
    }
  | {
      readonly ok: false;
      /** The first entry found not to match, when one entry can be named. */
      readonly firstBadEntry: number | null;
      readonly message: string;
    };

const utf8 = new TextEncoder();
const fail = (firstBadEntry: number | null, message: string): LogVerification => ({
  ok: false,
  firstBadEntry,
  message,
});

function open(
  note: string,
  verifiers: readonly NoteVerifier[],
  origin: string,
  what: string,
): Checkpoint | string {
  const opened = openCheckpoint(note, verifiers, origin);
  return opened.ok ? opened.checkpoint : `${what}: ${opened.message}`;
}

/**
 * Verifies a log from scratch: the checkpoint's signature, then every entry in order (dense
 * indexes, leaf hash = SHA-256(0x00 ‖ entry) for every stored copy), then the recomputed root
 * against the signed one and against each earlier checkpoint (`since`, and those the source
 * lists). Stops at the first problem, naming the first entry that does not match when it can.
 */
export async function verifyLog(
  source: LogSource,
  options: { verifiers: readonly NoteVerifier[]; since?: string; onProgress?: (done: number) => void },
): Promise<LogVerification> {
  const note = await source.checkpoint();
  const origin = note.slice(0, note.indexOf('\n'));
  const latest = open(note, options.verifiers, origin, 'the checkpoint does not verify');
  if (typeof latest === 'string') return fail(null, latest);

  // Sizes at which a signed root is known: the recomputed tree must match each of them.
  const marks = new Map<number, Uint8Array>();
  let since: Checkpoint | undefined;
  if (options.since !== undefined) {
    const opened = open(options.since, options.verifiers, origin, 'the earlier checkpoint does not verify');
    if (typeof opened === 'string') return fail(null, opened);
    since = opened;
    if (since.size > latest.size) {
      return fail(
        null,
        `the log shrank: the earlier checkpoint has ${since.size} entries, the latest ${latest.size}`,
      );
    }
    marks.set(since.size, since.rootHash);
  }
  for (const earlier of (await source.signedCheckpoints?.()) ?? []) {
    const cp = open(earlier, options.verifiers, origin, 'a stored checkpoint does not verify');
    if (typeof cp === 'string') return fail(null, cp);
    if (cp.size <= latest.size) marks.set(cp.size, cp.rootHash);
  }
  marks.set(latest.size, latest.rootHash);

  const range = CompactRange.empty();
  let lastMark = 0;
  const checkMark = (): LogVerification | undefined => {
    const signed = marks.get(range.size);
    if (signed === undefined) return undefined;
    if (!bytesEqual(range.root(), signed)) {
      return fail(
        null,
        `the entries do not match the checkpoint signed at size ${range.size}: an entry with index in ` +
          `[${lastMark}, ${range.size}) was changed together with every stored copy of its leaf hash`,
      );
    }
    lastMark = range.size;
    return undefined;
  };
  const atZero = checkMark();
  if (atZero) return atZero;
  while (range.size < latest.size) {
    const page = await source.entries(range.size, latest.size);
    if (page.length === 0) return fail(range.size, `entry ${range.size} is missing (the log ends there)`);
    for (const e of page) {
      const expected = range.size;
      if (e.index !== expected) {
        return fail(expected, `entry ${expected} is missing (the next stored entry is ${e.index})`);
      }
      const computed = leafHash(utf8.encode(e.entry));
      if (!e.leafHashes.every((stored) => stored !== null && bytesEqual(stored, computed))) {
        return fail(expected, `entry ${expected} does not match its leaf hash in the tree`);
      }
      range.push(computed);
      const problem = checkMark();
      if (problem) return problem;
      if (range.size === latest.size) break;
    }
    options.onProgress?.(range.size);
  }

  // The recomputation already showed consistency; the log's own proof must agree with it too.
  if (since !== undefined && since.size > 0 && source.consistencyProof) {
    const proof = await source.consistencyProof(since.size, latest.size);
    if (!verifyConsistency(since.size, latest.size, since.rootHash, latest.rootHash, proof)) {
      return fail(
        null,
        `the log's consistency proof from size ${since.size} to ${latest.size} does not verify`,
      );
    }
  }
  return { ok: true, origin, size: latest.size, root: toHex(latest.rootHash), note };
}
