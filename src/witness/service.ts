import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Audit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { AppError, notFound } from '../errors';
import { type EntryAttestation, type LogEntry, recordDigest } from '../transparency/entry';
import type { NoteSigner } from '../transparency/note-keys';
import { appendEntries } from '../transparency/store/append';
import { witnessKind } from './kinds';
import { mayAttestFor, type Party, partyOfRole } from './parties';
import { attestorPseudonym, signStatement } from './signature';
import { type WitnessState, witnessStep } from './state';

type Trx = Transaction<DB>;

/** What attesting needs besides the database: the log key that countersigns, and the clock. */
export type WitnessDeps = { signer: NoteSigner; now?: () => Date };

const clock = (deps: { now?: () => Date }) => (deps.now ?? (() => new Date()))();

/**
 * Opens a witness request for a record (or reopens its disputed one for a new round) and logs it
 * as `<kind>.opened` / `<kind>.reopened`, in the caller's transaction. Idempotent while the
 * request is open. Returns the request id.
 */
export async function openWitness(
  trx: Trx,
  programmeId: string,
  kind: string,
  recordId: string,
  audit: Audit,
  options: { now?: () => Date } = {},
): Promise<string> {
  const witnessable = witnessKind(kind);
  const record = await witnessable.load(trx, programmeId, recordId);
  if (!record) throw notFound('Record');
  const required = record.requiredParties ?? witnessable.requiredParties;
  const missing = required.find((party) => !record.partyOrganisations[party]);
  if (missing)
    throw new AppError('CONFLICT', `No organisation witnesses this record for the ${missing} party.`);
  const partyOrganisation = (party: Party) => record.partyOrganisations[party] as string;
  const digest = recordDigest(record.publicFields);
  const now = clock(options);
  const existing = await trx
    .selectFrom('witness_requests')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .where('kind', '=', kind)
    .where('record_id', '=', recordId)
    .forUpdate()
    .executeTakeFirst();
  if (existing?.status === 'open') return existing.id;
  if (existing) {
    const step = witnessStep(await stateOf(trx, existing, required), { type: 'reopen' });
    if (!step.ok)
      throw new AppError('INVALID_TRANSITION', `This record cannot be witnessed again: ${step.reason}.`);
  }
  const [index] = await appendEntries(trx, programmeId, [
    {
      kind: `${kind}.${existing ? 'reopened' : 'opened'}`,
      recordId,
      recordDigest: digest,
      attestations: [],
      time: now.toISOString(),
    },
  ]);
  let id: string;
  if (existing) {
    id = existing.id;
    await trx
      .updateTable('witness_requests')
      .set({
        status: 'open',
        round: existing.round + 1,
        record_digest: digest,
        opened_at: now,
        updated_at: now,
      })
      .where('programme_id', '=', programmeId)
      .where('id', '=', id)
      .execute();
    // The parties are those of the new round: the supporting hospital may have changed.
    for (const party of required) {
      await trx
        .updateTable('witness_parties')
        .set({ organisation_id: partyOrganisation(party) })
        .where('programme_id', '=', programmeId)
        .where('request_id', '=', id)
        .where('party', '=', party)
        .execute();
    }
  } else {
    ({ id } = await trx
      .insertInto('witness_requests')
      .values({
        programme_id: programmeId,
        kind,
        record_id: recordId,
        record_digest: digest,
        salt: randomBytes(32),
        batch_id: record.batchId,
        opened_at: now,
        witnessed_at: null,
        disputed_at: null,
        dispute_reason: null,
        witnessed_log_index: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow());
    await trx
      .insertInto('witness_parties')
      .values(
        required.map((party) => ({
          programme_id: programmeId,
          request_id: id,
          party,
          organisation_id: partyOrganisation(party),
        })),
      )
      .execute();
  }
  await audit({
    action: existing ? 'witness.reopened' : 'witness.opened',
    entity: 'witness_request',
    entityId: id,
    after: { kind, recordId, recordDigest: digest, logIndex: index },
  });
  return id;
}

type RequestRow = { id: string; round: number; status: WitnessState['status'] };

async function stateOf(trx: Trx, request: RequestRow & { programme_id: string }, required: readonly Party[]) {
  const attested = await trx
    .selectFrom('witness_statements')
    .select('party')
    .where('programme_id', '=', request.programme_id)
    .where('request_id', '=', request.id)
    .where('round', '=', request.round)
    .where('verdict', '=', 'attested')
    .execute();
  return { status: request.status, round: request.round, required, attested: attested.map((a) => a.party) };
}

/**
 * Locks a request the actor can see: one of its parties' organisations lies in the actor's
 * subtree. Anything else reads as not found.
 */
async function loadForStatement(trx: Trx, actor: Actor, requestId: string) {
  const request = await trx
    .selectFrom('witness_requests')
    .selectAll()
    .where('programme_id', '=', actor.programmeId)
    .where('id', '=', requestId)
    .forUpdate()
    .executeTakeFirst();
  if (!request) throw notFound('Witness request');
  const partyRows = await trx
    .selectFrom('witness_parties as wp')
    .innerJoin('organisations as o', (j) =>
      j.onRef('o.programme_id', '=', 'wp.programme_id').onRef('o.id', '=', 'wp.organisation_id'),
    )
    .select(['wp.party', 'o.path'])
    .where('wp.programme_id', '=', actor.programmeId)
    .where('wp.request_id', '=', requestId)
    .execute();
  if (!partyRows.some((p) => p.path.startsWith(actor.scopePath))) throw notFound('Witness request');
  return { request, partyRows };
}

/** A party's statement about a record: attest, or dispute with a reason. */
export type Verdict = { verdict: 'attested' } | { verdict: 'disputed'; reason: string };

/**
 * Records the actor's statement for their party on a witness request, in the caller's transaction:
 * the statement, its log entry (`<kind>.attested` / `<kind>.disputed`), and when it completes the
 * witness a `<kind>.witnessed` entry carrying every attestation, then the record's own change
 * (witnessed: e.g. a need is verified; disputed: back to its owner). Refuses with 403 an account
 * that does not speak for a required party of this record, and with 409 a statement the request's
 * state does not allow.
 */
export async function recordStatement(
  trx: Trx,
  actor: Actor,
  requestId: string,
  verdict: Verdict,
  audit: Audit,
  deps: WitnessDeps,
): Promise<void> {
  const { request, partyRows } = await loadForStatement(trx, actor, requestId);
  const kind = witnessKind(request.kind);
  const party = partyOfRole(actor.role);
  const partyRow = partyRows.find((p) => p.party === party);
  if (!party || !partyRow || !mayAttestFor(actor, party, partyRow.path)) {
    throw new AppError('FORBIDDEN', 'You do not witness this record for any of its parties.');
  }
  // The parties the request was opened with (a record may need fewer than its kind's default).
  const before = await stateOf(
    trx,
    request,
    partyRows.map((p) => p.party),
  );
  const step = witnessStep(before, { type: verdict.verdict === 'attested' ? 'attest' : 'dispute', party });
  if (!step.ok) throw new AppError('INVALID_TRANSITION', `You cannot witness this now: ${step.reason}.`);

  const now = clock(deps);
  const time = now.toISOString();
  const base = { recordId: request.record_id, recordDigest: request.record_digest };
  const entryKind = `${request.kind}.${verdict.verdict}`;
  const attestorId = attestorPseudonym(request.salt, actor.userId);
  const signature = signStatement(deps.signer, { kind: entryKind, ...base, party, attestorId, time });
  const entries: LogEntry[] = [
    { kind: entryKind, ...base, attestations: [{ party, attestorId, signature }], time },
  ];
  const witnessed = step.state.status === 'witnessed';
  if (witnessed) {
    const earlier = await trx
      .selectFrom('witness_statements')
      .select(['party', 'attestor_id', 'signature'])
      .where('programme_id', '=', actor.programmeId)
      .where('request_id', '=', request.id)
      .where('round', '=', request.round)
      .execute();
    const attestations: EntryAttestation[] = [
      ...earlier.map((s) => ({ party: s.party, attestorId: s.attestor_id, signature: s.signature })),
      { party, attestorId, signature },
    ].sort((a, b) => a.party.localeCompare(b.party));
    entries.push({ kind: `${request.kind}.witnessed`, ...base, attestations, time });
  }
  const [statementIndex, witnessedIndex] = await appendEntries(trx, actor.programmeId, entries);

  await trx
    .insertInto('witness_statements')
    .values({
      programme_id: actor.programmeId,
      request_id: request.id,
      round: request.round,
      party,
      verdict: verdict.verdict,
      reason: verdict.verdict === 'disputed' ? verdict.reason : null,
      attestor_user_id: actor.userId,
      attestor_id: attestorId,
      signature,
      at: now,
      log_index: statementIndex!,
    })
    .execute();
  await trx
    .updateTable('witness_requests')
    .set({
      status: step.state.status,
      updated_at: now,
      ...(witnessed ? { witnessed_at: now, witnessed_log_index: witnessedIndex! } : {}),
      ...(verdict.verdict === 'disputed' ? { disputed_at: now, dispute_reason: verdict.reason } : {}),
    })
    .where('programme_id', '=', actor.programmeId)
    .where('id', '=', request.id)
    .execute();
  await audit({
    action: `witness.${verdict.verdict}`,
    entity: 'witness_request',
    entityId: request.id,
    before: { status: before.status, round: before.round },
    after: {
      status: step.state.status,
      party,
      logIndex: statementIndex,
      reason: verdict.verdict === 'disputed' ? verdict.reason : undefined,
    },
  });
  const context = { actor, audit, now };
  if (verdict.verdict === 'attested' && kind.onAttested)
    await kind.onAttested(trx, context, request.record_id, party);
  if (witnessed) await kind.onWitnessed(trx, context, request.record_id);
  if (verdict.verdict === 'disputed') await kind.onDisputed(trx, context, request.record_id, verdict.reason);
}

/** The actor attests a record for their party. */
export const attest = (trx: Trx, actor: Actor, requestId: string, audit: Audit, deps: WitnessDeps) =>
  recordStatement(trx, actor, requestId, { verdict: 'attested' }, audit, deps);

/** The actor disputes a record for their party, with a reason; the record goes back to its owner. */
export const dispute = (
  trx: Trx,
  actor: Actor,
  requestId: string,
  reason: string,
  audit: Audit,
  deps: WitnessDeps,
) => recordStatement(trx, actor, requestId, { verdict: 'disputed', reason }, audit, deps);
