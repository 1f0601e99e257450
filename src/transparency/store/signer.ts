import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { generateNoteKeys, type NoteSigner, parseSignerKey } from '../note-keys';

/**
 * The log's checkpoint signer. A configured key (ZUTUAN_LOG_SIGNER_KEY) wins. Otherwise the key
 * lives in the database: the first process to need it inserts a fresh one with
 * `on conflict do nothing` and every process then reads the one row that won, so PGlite (whose
 * database sits in the data directory) and several servers sharing PostgreSQL all sign with
 * the same key, and a restart never changes it.
 */
export async function loadLogSigner(
  db: Kysely<DB>,
  options: { configuredKey: string | undefined; keyName: string },
): Promise<NoteSigner> {
  if (options.configuredKey) return parseSignerKey(options.configuredKey);
  const stored = () => db.selectFrom('log_keys').select('signer_key').where('id', '=', 1).executeTakeFirst();
  let row = await stored();
  if (!row) {
    const keys = generateNoteKeys(options.keyName);
    await db
      .insertInto('log_keys')
      .values({ id: 1, signer_key: keys.signerKey, verifier_key: keys.verifierKey })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    row = await stored();
  }
  return parseSignerKey(row!.signer_key);
}
