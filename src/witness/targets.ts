import type { Transaction } from 'kysely';
import { listNewlyMetTargets } from '../agreements/targets';
import { recordAudit } from '../audit/audit';
import type { Db } from '../db/database';
import type { DB } from '../db/schema';
import { openWitness } from './service';

/**
 * Opens the `target.met` witness request of a target just stamped met, in the stamp's transaction
 * (the hook the daily agreements job passes to `recordMetTargets`). Audited as the system's.
 */
export const openTargetMetWitness = (trx: Transaction<DB>, programmeId: string, targetId: string) =>
  openWitness(trx, programmeId, 'target.met', targetId, (event) =>
    recordAudit(trx, { programmeId, actorUserId: null, requestId: null }, event),
  );

/**
 * Opens a request for every target met since `since` (the agreements capability's
 * `listNewlyMetTargets`) that has none yet: targets stamped before witnessing existed, or by a
 * job run without the hook. One transaction per target. Returns how many it opened.
 */
export async function openMetTargetWitnesses(db: Db, programmeId: string, since = new Date(0)) {
  const met = await listNewlyMetTargets(db, programmeId, since);
  if (met.length === 0) return 0;
  const known = new Set(
    (
      await db
        .selectFrom('witness_requests')
        .select('record_id')
        .where('programme_id', '=', programmeId)
        .where('kind', '=', 'target.met')
        .where(
          'record_id',
          'in',
          met.map((t) => t.targetId),
        )
        .execute()
    ).map((r) => r.record_id),
  );
  let opened = 0;
  for (const t of met) {
    if (known.has(t.targetId)) continue;
    await db.transaction().execute((trx) => openTargetMetWitness(trx, programmeId, t.targetId));
    opened += 1;
  }
  return opened;
}
