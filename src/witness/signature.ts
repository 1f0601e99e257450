import { createHash, sign, verify } from 'node:crypto';
import { canonicalJson } from '../transparency/entry';
import type { NoteSigner, NoteVerifier } from '../transparency/note-keys';
import type { Party } from './parties';

/** What an attestation (or dispute) states, as signed: no names, only ids, digests and time. */
export type Statement = {
  /** The log entry kind, e.g. 'need.resolved.attested'. */
  kind: string;
  recordId: string;
  recordDigest: string;
  party: Party;
  attestorId: string;
  time: string;
};

const utf8 = new TextEncoder();

/**
 * The pseudonym of an attestor in the log: hex SHA-256 of the request's secret salt and the
 * user id. The platform (holding the salt) can show who attested; the public cannot link one
 * person's attestations across records.
 */
export function attestorPseudonym(salt: Uint8Array, userId: string): string {
  return createHash('sha256')
    .update(salt)
    .update(utf8.encode(`\n${userId}`))
    .digest('hex');
}

/** The bytes signed: the RFC 8785 canonical JSON of the statement. */
export const statementBytes = (s: Statement): Uint8Array => utf8.encode(canonicalJson({ ...s }));

/**
 * The platform's countersignature of a statement: Ed25519 (RFC 8032) with the log's key, base64.
 * It shows the platform recorded this party's statement about this digest at this time; anyone
 * checks it with the verifier key published at /api/log/key.
 */
export const signStatement = (signer: NoteSigner, s: Statement): string =>
  sign(null, statementBytes(s), signer.privateKey).toString('base64');

/** Whether `signature` is the log key's signature of the statement. */
export const verifyStatement = (verifier: NoteVerifier, s: Statement, signature: string): boolean =>
  verify(null, statementBytes(s), verifier.publicKey, Buffer.from(signature, 'base64'));
