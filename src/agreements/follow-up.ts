import type { Transaction } from 'kysely';
import type { Audit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { AppError, notFound } from '../errors';
import { escapeLike } from '../registry/scope';
import { agreementInScope } from './repository';
import type { EvidenceInput, ReviewInput } from './schema';
import { checkParties, loadForChange, partiesOf } from './service';

// Following an agreement once signed: evidence for its targets and its scheduled reviews.

type Trx = Transaction<DB>;

/** The agreement a target belongs to, when the actor may change it. */
async function targetForChange(trx: Trx, actor: Actor, targetId: string) {
  const t = await trx
    .selectFrom('agreement_targets')
    .select(['id', 'agreement_id'])
    .where('programme_id', '=', actor.programmeId)
    .where('id', '=', targetId)
    .executeTakeFirst();
  if (!t) throw notFound('Target');
  await loadForChange(trx, actor, t.agreement_id);
  return t;
}

/** Links a record or document as evidence for a target. */
export async function addEvidence(
  trx: Trx,
  actor: Actor,
  targetId: string,
  input: EvidenceInput,
  audit: Audit,
) {
  const t = await targetForChange(trx, actor, targetId);
  const row = await trx
    .insertInto('target_evidence')
    .values({
      programme_id: actor.programmeId,
      target_id: targetId,
      entity: input.entity,
      entity_id: input.entityId,
      note: input.note,
      added_by: actor.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit({
    action: 'agreement.evidence_added',
    entity: 'agreement',
    entityId: t.agreement_id,
    after: row,
  });
  return row;
}

export async function scheduleReview(trx: Trx, actor: Actor, id: string, input: ReviewInput, audit: Audit) {
  await loadForChange(trx, actor, id);
  checkParties(await partiesOf(trx, actor, id), [], [input]);
  const row = await trx
    .insertInto('agreement_reviews')
    .values({
      programme_id: actor.programmeId,
      agreement_id: id,
      due_on: input.dueOn,
      responsible_organisation_id: input.responsibleOrganisationId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit({ action: 'agreement.review_scheduled', entity: 'agreement', entityId: id, after: row });
  return row;
}

/**
 * Records a review as done. The agreement's owner, or a user of the responsible party, may.
 */
export async function completeReview(
  trx: Trx,
  actor: Actor,
  reviewId: string,
  input: { doneOn: string; outcome: string },
  audit: Audit,
) {
  const review = await trx
    .selectFrom('agreement_reviews as r')
    .innerJoin('organisations as o', (j) =>
      j.onRef('o.programme_id', '=', 'r.programme_id').onRef('o.id', '=', 'r.responsible_organisation_id'),
    )
    .innerJoin('agreements as a', (j) =>
      j.onRef('a.programme_id', '=', 'r.programme_id').onRef('a.id', '=', 'r.agreement_id'),
    )
    .selectAll('r')
    .select('o.path')
    .where('r.programme_id', '=', actor.programmeId)
    .where('r.id', '=', reviewId)
    .where((eb) =>
      eb.or([eb('o.path', 'like', `${escapeLike(actor.scopePath)}%`), agreementInScope(actor, 'owner', 'a')]),
    )
    .executeTakeFirst();
  if (!review) throw notFound('Review');
  if (review.done_on) throw new AppError('INVALID_TRANSITION', 'This review is already done.');
  const after = await trx
    .updateTable('agreement_reviews')
    .set({ done_on: input.doneOn, outcome: input.outcome })
    .where('programme_id', '=', actor.programmeId)
    .where('id', '=', reviewId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit({ action: 'agreement.review_done', entity: 'agreement', entityId: review.agreement_id, after });
  return after;
}
