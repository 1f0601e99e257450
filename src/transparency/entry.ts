import canonicalize from 'canonicalize';
import { toHex } from './bytes';
import { TransparencyError } from './errors';
import { sha256 } from './hash';

/** A JSON value as RFC 8785 canonicalizes it. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** One party's signed statement that the record is true, as carried in a log entry. */
export interface EntryAttestation {
  /** The attesting party's role, e.g. a cadre role code ('Z', 'C', 'D'). */
  readonly party: string;
  /** Who attested (a person id). */
  readonly attestorId: string;
  /** The attestor's signature over the record digest, base64. */
  readonly signature: string;
}

/** One leaf of the transparency log: which record, its digest, who attested it, and when it was logged. */
export interface LogEntry {
  /** What happened, e.g. 'assessment.recorded'. */
  readonly kind: string;
  readonly recordId: string;
  /** recordDigest() of the record's public fields: lowercase hex SHA-256. */
  readonly recordDigest: string;
  readonly attestations: readonly EntryAttestation[];
  /** When the entry was logged, ISO 8601 UTC. */
  readonly time: string;
}

const utf8 = new TextEncoder();

/** Canonical JSON (RFC 8785) of a value as a string. */
export function canonicalJson(value: JsonValue): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TransparencyError('malformed_entry', 'value has no JSON form');
  return text;
}

/** The bytes a log entry contributes to the tree: the RFC 8785 canonical JSON of exactly its five fields. */
export function encodeEntry(entry: LogEntry): Uint8Array {
  // Copy field by field so that extra properties on the object can never change the leaf.
  return utf8.encode(
    canonicalJson({
      kind: entry.kind,
      recordId: entry.recordId,
      recordDigest: entry.recordDigest,
      attestations: entry.attestations.map((a) => ({
        party: a.party,
        attestorId: a.attestorId,
        signature: a.signature,
      })),
      time: entry.time,
    }),
  );
}

/** Lowercase hex SHA-256 of the RFC 8785 canonical JSON of a record's public fields. */
export function recordDigest(publicFields: JsonValue): string {
  return toHex(sha256(utf8.encode(canonicalJson(publicFields))));
}
