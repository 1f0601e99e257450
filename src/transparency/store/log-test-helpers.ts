import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { LogEntry } from '../entry';
import { appendEntries } from './append';

/** A valid log entry; `n` makes it distinct (a test factory). */
export function buildLogEntry(n: number, overrides: Partial<LogEntry> = {}): LogEntry {
  return {
    kind: 'assessment.recorded',
    recordId: `record-${n}`,
    recordDigest: n.toString(16).padStart(64, '0'),
    attestations: [{ party: 'Z', attestorId: `person-${n}`, signature: 'c2lnbmF0dXJl' }],
    time: new Date(Date.UTC(2024, 0, 1, 0, 0, n)).toISOString(),
    ...overrides,
  };
}

/** Appends entries numbered [from, to) in one transaction; returns their indexes. */
export async function appendNumbered(db: Kysely<DB>, programmeId: string, from: number, to: number) {
  const entries = Array.from({ length: to - from }, (_, i) => buildLogEntry(from + i));
  return db.transaction().execute((trx) => appendEntries(trx, programmeId, entries));
}

/** Inserts a bare programme (for a log of its own) and returns its id. */
export async function insertProgramme(db: Kysely<DB>, code: string): Promise<string> {
  const row = await db
    .insertInto('programmes')
    .values({ code, name: code, supporter_region: 'J', recipient_region: 'K', started_on: '2016-08-01' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
