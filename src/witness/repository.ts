import { sql } from 'kysely';
import type { Actor } from '../auth/actor';
import type { Db } from '../db/database';
import { notFound } from '../errors';
import { escapeLike } from '../registry/scope';
import { type RecordSummary, witnessKinds } from './kinds';
import { mayAttestFor, type Party, partyOfRole } from './parties';
import type { WitnessStatus } from './state';

export type WitnessPartyView = {
  party: Party;
  organisationId: string;
  organisationName: string;
  statement: {
    verdict: 'attested' | 'disputed';
    reason: string | null;
    at: Date;
    attestorName: string;
    logIndex: number;
  } | null;
};

export type WitnessRequestView = {
  id: string;
  kind: string;
  recordId: string;
  status: WitnessStatus;
  round: number;
  recordDigest: string;
  openedAt: Date;
  witnessedAt: Date | null;
  disputedAt: Date | null;
  disputeReason: string | null;
  witnessedLogIndex: number | null;
  record: RecordSummary | null;
  parties: WitnessPartyView[];
  /** The party the actor may speak for on this request, if it is still waiting for it. */
  myParty: Party | null;
};

export type QueueItem = {
  id: string;
  kind: string;
  recordId: string;
  round: number;
  openedAt: Date;
  party: Party;
  record: RecordSummary | null;
};

async function summaries(db: Db, programmeId: string, rows: readonly { kind: string; recordId: string }[]) {
  const byKind = new Map<string, string[]>();
  for (const r of rows) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r.recordId]);
  const out = new Map<string, RecordSummary>();
  for (const [kind, ids] of byKind) {
    const found = await witnessKinds.get(kind)?.describe(db, programmeId, ids);
    for (const [id, s] of found ?? []) out.set(`${kind}:${id}`, s);
  }
  return out;
}

/** Open requests waiting for the actor's party, oldest first ("waiting for my witness"). */
export async function witnessQueue(db: Db, actor: Actor, paging: { page: number; pageSize: number }) {
  const party = partyOfRole(actor.role);
  if (!party) return { items: [] as QueueItem[], total: 0, ...paging };
  const query = db
    .selectFrom('witness_requests as w')
    .innerJoin('witness_parties as wp', (j) =>
      j.onRef('wp.programme_id', '=', 'w.programme_id').onRef('wp.request_id', '=', 'w.id'),
    )
    .innerJoin('organisations as o', (j) =>
      j.onRef('o.programme_id', '=', 'wp.programme_id').onRef('o.id', '=', 'wp.organisation_id'),
    )
    .where('w.programme_id', '=', actor.programmeId)
    .where('w.status', '=', 'open')
    .where('wp.party', '=', party)
    .where('o.path', 'like', `${escapeLike(actor.scopePath)}%`)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('witness_statements as s')
            .select(sql`1`.as('one'))
            .whereRef('s.programme_id', '=', 'w.programme_id')
            .whereRef('s.request_id', '=', 'w.id')
            .whereRef('s.round', '=', 'w.round')
            .where('s.party', '=', party),
        ),
      ),
    );
  const [rows, count] = await Promise.all([
    query
      .select(['w.id', 'w.kind', 'w.record_id', 'w.round', 'w.opened_at'])
      .orderBy('w.opened_at')
      .orderBy('w.id')
      .limit(paging.pageSize)
      .offset((paging.page - 1) * paging.pageSize)
      .execute(),
    query.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  const described = await summaries(
    db,
    actor.programmeId,
    rows.map((r) => ({ kind: r.kind, recordId: r.record_id })),
  );
  const items: QueueItem[] = rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    recordId: r.record_id,
    round: r.round,
    openedAt: r.opened_at,
    party,
    record: described.get(`${r.kind}:${r.record_id}`) ?? null,
  }));
  return { items, total: Number(count.n), ...paging };
}

/** One request the actor can see (a party's organisation lies in its subtree), else 404. */
export async function findWitnessRequest(db: Db, actor: Actor, id: string): Promise<WitnessRequestView> {
  const request = await db
    .selectFrom('witness_requests')
    .selectAll()
    .where('programme_id', '=', actor.programmeId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!request) throw notFound('Witness request');
  const partyRows = await db
    .selectFrom('witness_parties as wp')
    .innerJoin('organisations as o', (j) =>
      j.onRef('o.programme_id', '=', 'wp.programme_id').onRef('o.id', '=', 'wp.organisation_id'),
    )
    .leftJoin('witness_statements as s', (j) =>
      j
        .onRef('s.programme_id', '=', 'wp.programme_id')
        .onRef('s.request_id', '=', 'wp.request_id')
        .onRef('s.party', '=', 'wp.party')
        .on('s.round', '=', request.round),
    )
    .leftJoin('users as u', (j) =>
      j.onRef('u.programme_id', '=', 's.programme_id').onRef('u.id', '=', 's.attestor_user_id'),
    )
    .select([
      'wp.party',
      'wp.organisation_id',
      'o.name as organisation_name',
      'o.path',
      's.verdict',
      's.reason',
      's.at',
      's.log_index',
      'u.display_name',
    ])
    .where('wp.programme_id', '=', actor.programmeId)
    .where('wp.request_id', '=', id)
    .orderBy('wp.party')
    .execute();
  if (!partyRows.some((p) => p.path.startsWith(actor.scopePath))) throw notFound('Witness request');
  const mine = partyOfRole(actor.role);
  const myRow = partyRows.find((p) => p.party === mine);
  const described = await summaries(db, actor.programmeId, [
    { kind: request.kind, recordId: request.record_id },
  ]);
  return {
    id: request.id,
    kind: request.kind,
    recordId: request.record_id,
    status: request.status,
    round: request.round,
    recordDigest: request.record_digest,
    openedAt: request.opened_at,
    witnessedAt: request.witnessed_at,
    disputedAt: request.disputed_at,
    disputeReason: request.dispute_reason,
    witnessedLogIndex: request.witnessed_log_index,
    record: described.get(`${request.kind}:${request.record_id}`) ?? null,
    parties: partyRows.map((p) => ({
      party: p.party,
      organisationId: p.organisation_id,
      organisationName: p.organisation_name,
      statement:
        p.verdict && p.at && p.log_index !== null
          ? {
              verdict: p.verdict,
              reason: p.reason,
              at: p.at,
              attestorName: p.display_name ?? '',
              logIndex: p.log_index,
            }
          : null,
    })),
    myParty:
      request.status === 'open' && mine && myRow && !myRow.verdict && mayAttestFor(actor, mine, myRow.path)
        ? mine
        : null,
  };
}
