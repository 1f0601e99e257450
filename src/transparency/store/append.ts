import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { appendLeafHashes, type Frontier } from '../compact-range';
import { encodeEntry, type LogEntry } from '../entry';
import { TransparencyError } from '../errors';
import { HASH_SIZE, leafHash } from '../hash';
import { hexArray } from './stored-tree';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function frontierOf(size: number, packed: Uint8Array): Frontier {
  if (packed.byteLength % HASH_SIZE !== 0) {
    throw new TransparencyError('inconsistent_storage', 'the stored frontier is not whole hashes');
  }
  const hashes: Uint8Array[] = [];
  for (let at = 0; at < packed.byteLength; at += HASH_SIZE) hashes.push(packed.slice(at, at + HASH_SIZE));
  return { size, hashes };
}

async function lockHead(trx: Transaction<DB>, programmeId: string): Promise<Frontier> {
  const select = () =>
    sql<{ size: number; frontier: Uint8Array }>`
      select size, frontier from log_heads where programme_id = ${programmeId} for update`.execute(trx);
  let { rows } = await select();
  if (rows.length === 0) {
    await sql`insert into log_heads (programme_id) values (${programmeId}) on conflict do nothing`.execute(
      trx,
    );
    ({ rows } = await select());
  }
  const head = rows[0]!;
  return frontierOf(head.size, new Uint8Array(head.frontier));
}

/**
 * Appends entries to a programme's log inside the caller's transaction, so a record's change and
 * its log entries commit together or not at all. Locks the programme's head row (concurrent
 * appenders serialise; indexes are dense), stores the entries and every subtree they complete,
 * and returns the entries' indexes in order.
 */
export async function appendEntries(
  trx: Transaction<DB>,
  programmeId: string,
  entries: readonly LogEntry[],
): Promise<number[]> {
  if (entries.length === 0) return [];
  const encoded = entries.map(encodeEntry);
  const leafHashes = encoded.map(leafHash);
  const frontier = await lockHead(trx, programmeId);
  const { frontier: next, nodes } = appendLeafHashes(frontier, leafHashes);
  const indexes = entries.map((_, i) => frontier.size + i);

  await sql`
    insert into log_entries (programme_id, idx, entry, leaf_hash)
    select ${programmeId}, t.idx, t.entry, decode(t.hash, 'hex')
    from unnest(${indexes}::bigint[], ${encoded.map((e) => utf8.decode(e))}::text[], ${hexArray(leafHashes)}::text[])
      as t(idx, entry, hash)`.execute(trx);
  await sql`
    insert into log_nodes (programme_id, level, idx, hash)
    select ${programmeId}, t.level, t.idx, decode(t.hash, 'hex')
    from unnest(${nodes.map((n) => n.level)}::smallint[], ${nodes.map((n) => n.index)}::bigint[],
      ${hexArray(nodes.map((n) => n.hash))}::text[]) as t(level, idx, hash)`.execute(trx);
  await sql`
    update log_heads
    set size = ${next.size}, frontier = decode(${hexArray(next.hashes).join('')}, 'hex'), updated_at = now()
    where programme_id = ${programmeId}`.execute(trx);
  return indexes;
}
