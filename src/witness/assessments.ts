import type { Transaction } from 'kysely';
import type { Audit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { partyOfRole } from './parties';
import { openWitness, recordStatement, type Verdict, type WitnessDeps } from './service';

/**
 * The recipient cadre's confirmation (or dispute) of an assessment through the mentorship routes is
 * also the recipient party's statement on the assessment's witness request: `change` (confirmAssessment
 * or disputeAssessment, with their own checks) runs, then the statement is recorded, in the caller's
 * transaction. The request is opened first when the assessment has none (recorded before witnessing
 * existed). Other accounts (an admin recording a paper confirmation) only make the change.
 */
export async function asRecipientStatement<T>(
  trx: Transaction<DB>,
  actor: Actor,
  assessmentId: string,
  verdict: Verdict,
  audit: Audit,
  deps: WitnessDeps,
  change: () => Promise<T>,
): Promise<T> {
  const requestId =
    partyOfRole(actor.role) === 'recipient'
      ? await openWitness(trx, actor.programmeId, 'assessment', assessmentId, audit, deps)
      : null;
  const result = await change();
  if (requestId) await recordStatement(trx, actor, requestId, verdict, audit, deps);
  return result;
}
