import type { Db } from '../db/database';
import type { NoteSigner } from '../transparency/note-keys';
import { loadLogSigner } from '../transparency/store/signer';

/**
 * The log's signer, loaded once and cached (retried after a failure). Routes that attest call it
 * before their change's transaction opens (PGlite has one connection).
 */
export function cachedLogSigner(db: Db, config: { logSignerKey?: string | undefined; logOrigin: string }) {
  let signer: Promise<NoteSigner> | undefined;
  return () => {
    signer ??= loadLogSigner(db, { configuredKey: config.logSignerKey, keyName: config.logOrigin });
    signer.catch(() => {
      signer = undefined;
    });
    return signer;
  };
}
