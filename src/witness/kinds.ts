import type { Transaction } from 'kysely';
import type { Audit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import type { Db } from '../db/database';
import type { DB } from '../db/schema';
import { AppError } from '../errors';
import type { JsonValue } from '../transparency/entry';
import { assessmentKind } from './kinds/assessment';
import { mentorshipCompletedKind } from './kinds/mentorship-completed';
import { needResolved } from './kinds/need-resolved';
import { targetMetKind } from './kinds/target-met';
import { teachingActivityKind } from './kinds/teaching-activity';
import type { Party } from './parties';

type Trx = Transaction<DB>;

/** A record as its witnessable kind presents it for opening a witness request. */
export type WitnessableRecord = {
  /** The record's public fields (ids, dates, codes, counts; never names): what the digest covers. */
  publicFields: JsonValue;
  /** The organisation that speaks for each required party. */
  partyOrganisations: Partial<Record<Party, string>>;
  /** The parties this record needs, when they depend on the record (default: the kind's). */
  requiredParties?: readonly Party[];
  batchId: string | null;
};

/** What witnesses and the public read about a record. */
export type RecordSummary = {
  /** For witnesses only: may name a place or a problem, so never shown on the public page. */
  title: string;
  facilityName: string | null;
  /** De-identified fields, safe for the public page. */
  specialtyCode: string | null;
  countyName: string | null;
  batchNumber: number | null;
  /** The day of the achievement, YYYY-MM-DD. */
  on: string | null;
};

/** Who changes the record when its witnessed state changes, and under which audit. */
export type WitnessOutcomeContext = { actor: Actor; audit: Audit; now?: Date };

/**
 * A kind of record that claims an achievement and can be witnessed. Each declares the parties
 * that must attest, how its public fields and parties are read, and what witnessing or a
 * dispute does to the record (a dispute sends it back to its owner).
 */
export interface WitnessKind {
  readonly kind: string;
  /** The parties that must attest (a record may narrow them: `WitnessableRecord.requiredParties`). */
  readonly requiredParties: readonly Party[];
  /** Loads a record ready to be witnessed; refuses (INVALID_TRANSITION) a record not in that state. */
  load(trx: Trx, programmeId: string, recordId: string): Promise<WitnessableRecord | undefined>;
  describe(
    db: Db | Trx,
    programmeId: string,
    recordIds: readonly string[],
  ): Promise<Map<string, RecordSummary>>;
  /** After one party attested (before `onWitnessed` when it was the last): e.g. the cadre's confirmation. */
  onAttested?(trx: Trx, context: WitnessOutcomeContext, recordId: string, party: Party): Promise<void>;
  onWitnessed(trx: Trx, context: WitnessOutcomeContext, recordId: string): Promise<void>;
  onDisputed(trx: Trx, context: WitnessOutcomeContext, recordId: string, reason: string): Promise<void>;
}

/** Every witnessable kind (docs/transparency.md, "Record kinds"). */
export const witnessKinds: ReadonlyMap<string, WitnessKind> = new Map(
  [needResolved, assessmentKind, teachingActivityKind, mentorshipCompletedKind, targetMetKind].map(
    (k) => [k.kind, k] as const,
  ),
);

/** The kind named `kind`, or a 400 naming it. */
export function witnessKind(kind: string): WitnessKind {
  const found = witnessKinds.get(kind);
  if (!found) throw new AppError('BAD_REQUEST', `Records of kind ${kind} cannot be witnessed.`);
  return found;
}
