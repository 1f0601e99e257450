import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { TransparencyError } from '../errors';
import type { LogSource } from '../verify-log';
import { signedCheckpoints } from './checkpoints';
import { readEntries } from './entries';

const PAGE = 10_000;

/**
 * A programme's log read straight from the database, as an auditor with database access sees
 * it: the latest stored checkpoint, every stored checkpoint, and the entries with both stored
 * copies of each leaf hash (beside the entry and the tree's level-0 node). The next page is read
 * while the current one is hashed.
 */
export function databaseLogSource(db: Kysely<DB>, programmeId: string): LogSource {
  let prefetched: { start: number; page: ReturnType<typeof readEntries> } | undefined;
  const page = (start: number, end: number) => readEntries(db, programmeId, start, end, PAGE);
  return {
    checkpoint: async () => {
      const notes = await signedCheckpoints(db, programmeId);
      const latest = notes.at(-1);
      if (latest === undefined)
        throw new TransparencyError('out_of_range', 'the log has no signed checkpoint yet');
      return latest;
    },
    signedCheckpoints: () => signedCheckpoints(db, programmeId),
    entries: async (start, end) => {
      const current = prefetched?.start === start ? prefetched.page : page(start, end);
      const rows = await current;
      const next = (rows.at(-1)?.index ?? start) + 1;
      prefetched = rows.length === PAGE && next < end ? { start: next, page: page(next, end) } : undefined;
      prefetched?.page.catch(() => {}); // surfaced when awaited
      return rows.map((r) => ({ index: r.index, entry: r.entry, leafHashes: [r.leafHash, r.entryLeafHash] }));
    },
  };
}
