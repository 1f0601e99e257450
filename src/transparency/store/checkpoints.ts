import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema';
import { signCheckpoint } from '../checkpoint';
import { TransparencyError } from '../errors';
import type { NoteSigner } from '../note-keys';
import { consistencyProof, rootHashAt } from '../tree-reader';
import { verifyConsistency } from '../verify';
import { logSize, StoredTree } from './stored-tree';

/** A checkpoint the log signed. */
export interface SignedCheckpoint {
  readonly size: number;
  readonly root: Uint8Array;
  readonly note: string;
}

// Any constant: with hashtext(programme id) it names one advisory lock per programme's signer.
const SIGNING_LOCK = 7_305_162_090;

async function latestCheckpoint(db: Kysely<DB>, programmeId: string): Promise<SignedCheckpoint | undefined> {
  const row = await db
    .selectFrom('log_checkpoints')
    .select(['size', 'root', 'note'])
    .where('programme_id', '=', programmeId)
    .orderBy('size', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && { size: row.size, root: new Uint8Array(row.root), note: row.note };
}

/** Every checkpoint the log signed, smallest first (for verifiers). */
export async function signedCheckpoints(db: Kysely<DB>, programmeId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('log_checkpoints')
    .select('note')
    .where('programme_id', '=', programmeId)
    .orderBy('size')
    .execute();
  return rows.map((r) => r.note);
}

/**
 * The signed checkpoint for the log's current size: the stored one, or a new one signed now and
 * stored. Before signing it checks, with an RFC 9162 consistency proof over the stored nodes, that
 * the new tree extends the last signed one, so the log never signs two inconsistent checkpoints;
 * an advisory lock makes concurrent signers take turns.
 */
export async function currentCheckpoint(
  db: Kysely<DB>,
  programmeId: string,
  identity: { origin: string; signer: NoteSigner },
): Promise<SignedCheckpoint> {
  const [size, latest] = await Promise.all([logSize(db, programmeId), latestCheckpoint(db, programmeId)]);
  if (latest && latest.size === size) return latest;
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${SIGNING_LOCK}::bigint + hashtext(${programmeId}))`.execute(trx);
    const tree = await StoredTree.open(trx, programmeId);
    const previous = await latestCheckpoint(trx, programmeId);
    if (previous && previous.size === tree.leafCount()) return previous;
    if (previous && previous.size > tree.leafCount()) {
      throw new TransparencyError(
        'inconsistent_storage',
        `the log shrank below its signed size ${previous.size}`,
      );
    }
    const root = await rootHashAt(tree);
    if (previous && previous.size > 0) {
      const proof = await consistencyProof(tree, previous.size);
      if (!verifyConsistency(previous.size, tree.leafCount(), previous.root, root, proof)) {
        throw new TransparencyError(
          'inconsistent_storage',
          `the tree of size ${tree.leafCount()} is not consistent with the checkpoint of size ${previous.size}`,
        );
      }
    }
    const checkpoint = { origin: identity.origin, size: tree.leafCount(), rootHash: root, extensions: [] };
    const note = signCheckpoint(checkpoint, [identity.signer]);
    await trx
      .insertInto('log_checkpoints')
      .values({ programme_id: programmeId, size: checkpoint.size, root, note })
      .execute();
    return { size: checkpoint.size, root, note };
  });
}
