import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Audit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { AppError, notFound, validationError } from '../errors';
import { indicator } from '../indicators/catalogue';
import { requireOrgInScope } from '../registry/scope';
import { agreementInScope } from './repository';
import type { AgreementInput, AgreementPatch, ClauseInput, ReviewInput } from './schema';

type Trx = Transaction<DB>;

/** Refuses targets on unknown indicators or breakdowns the indicator does not support. */
function checkTargets(clauses: ClauseInput[], path: (i: number, j: number) => string) {
  clauses.forEach((c, i) => {
    c.targets.forEach((t, j) => {
      let def: ReturnType<typeof indicator>;
      try {
        def = indicator(t.indicatorId);
      } catch {
        throw validationError([{ path: `${path(i, j)}.indicatorId`, message: 'unknown indicator' }]);
      }
      if (!def.breakdowns.includes(t.breakdown))
        throw validationError([
          { path: `${path(i, j)}.breakdown`, message: `one of ${def.breakdowns.join(', ')}` },
        ]);
      if (t.breakdown === 'programme' && t.breakdownKey !== null)
        throw validationError([
          { path: `${path(i, j)}.breakdownKey`, message: 'must be empty for the programme' },
        ]);
    });
  });
}

/** Every organisation a clause or review names must be a party of the agreement. */
export function checkParties(
  parties: Set<string>,
  clauses: ClauseInput[],
  reviews: ReviewInput[],
  base = 'clauses',
) {
  const issues: { path: string; message: string }[] = [];
  clauses.forEach((c, i) => {
    c.duties.forEach((d, j) => {
      if (!parties.has(d.organisationId))
        issues.push({ path: `${base}.${i}.duties.${j}.organisationId`, message: 'not a party' });
    });
    c.targets.forEach((t, j) => {
      if (!parties.has(t.responsibleOrganisationId))
        issues.push({ path: `${base}.${i}.targets.${j}.responsibleOrganisationId`, message: 'not a party' });
    });
  });
  reviews.forEach((r, i) => {
    if (!parties.has(r.responsibleOrganisationId))
      issues.push({ path: `reviews.${i}.responsibleOrganisationId`, message: 'not a party' });
  });
  if (issues.length) throw validationError(issues);
}

async function insertClause(
  trx: Trx,
  actor: Actor,
  agreementId: string,
  number: number,
  clause: ClauseInput,
) {
  const p = actor.programmeId;
  const { id } = await trx
    .insertInto('agreement_clauses')
    .values({ programme_id: p, agreement_id: agreementId, number, text: clause.text })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (clause.duties.length)
    await trx
      .insertInto('clause_duties')
      .values(
        clause.duties.map((d) => ({
          programme_id: p,
          clause_id: id,
          agreement_id: agreementId,
          organisation_id: d.organisationId,
          duty: d.duty,
        })),
      )
      .execute();
  if (clause.targets.length)
    await trx
      .insertInto('agreement_targets')
      .values(
        clause.targets.map((t) => ({
          programme_id: p,
          agreement_id: agreementId,
          clause_id: id,
          indicator_id: t.indicatorId,
          breakdown: t.breakdown,
          breakdown_key: t.breakdownKey,
          specialty_code: t.specialtyCode ?? null,
          description: t.description,
          baseline: t.baseline,
          baseline_on: t.baselineOn,
          target_value: t.targetValue,
          due_on: t.dueOn,
          responsible_organisation_id: t.responsibleOrganisationId,
        })),
      )
      .execute();
  return id;
}

/** Records an agreement with its parties, signatories, clauses (duties, targets) and reviews. */
export async function createAgreement(trx: Trx, actor: Actor, input: AgreementInput, audit: Audit) {
  const p = actor.programmeId;
  await requireOrgInScope(trx, actor, input.ownerOrganisationId, 'ownerOrganisationId');
  const parties = new Set(input.parties);
  checkParties(parties, input.clauses, input.reviews);
  checkTargets(input.clauses, (i, j) => `clauses.${i}.targets.${j}`);
  const known = await trx
    .selectFrom('organisations')
    .select('id')
    .where('programme_id', '=', p)
    .where('id', 'in', [...parties])
    .execute();
  if (known.length !== parties.size)
    throw validationError([{ path: 'parties', message: 'unknown organisation' }]);
  const badSigner = input.signatories.findIndex((s) => !parties.has(s.organisationId));
  if (badSigner >= 0)
    throw validationError([{ path: `signatories.${badSigner}.organisationId`, message: 'not a party' }]);

  const agreement = await trx
    .insertInto('agreements')
    .values({
      programme_id: p,
      type: input.type,
      title: input.title,
      summary: input.summary,
      effective_on: input.effectiveOn,
      expires_on: input.expiresOn,
      owner_organisation_id: input.ownerOrganisationId,
      created_by: actor.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const id = agreement.id;
  await trx
    .insertInto('agreement_parties')
    .values([...parties].map((o) => ({ programme_id: p, agreement_id: id, organisation_id: o })))
    .execute();
  if (input.signatories.length)
    await trx
      .insertInto('agreement_signatories')
      .values(
        input.signatories.map((s) => ({
          programme_id: p,
          agreement_id: id,
          person_id: s.personId,
          organisation_id: s.organisationId,
          signed_on: s.signedOn,
        })),
      )
      .execute();
  for (const [i, clause] of input.clauses.entries()) await insertClause(trx, actor, id, i + 1, clause);
  if (input.reviews.length)
    await trx
      .insertInto('agreement_reviews')
      .values(
        input.reviews.map((r) => ({
          programme_id: p,
          agreement_id: id,
          due_on: r.dueOn,
          responsible_organisation_id: r.responsibleOrganisationId,
        })),
      )
      .execute();
  await audit({
    action: 'agreement.created',
    entity: 'agreement',
    entityId: id,
    after: { ...agreement, input },
  });
  return id;
}

/** Loads an agreement the actor may change (its owner organisation in scope), locked for update. */
/** The agreement, locked for change, when the actor's scope owns it. */
export async function loadForChange(trx: Trx, actor: Actor, id: string) {
  const row = await trx
    .selectFrom('agreements')
    .selectAll()
    .where('programme_id', '=', actor.programmeId)
    .where('id', '=', id)
    .where(agreementInScope(actor, 'owner'))
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('Agreement');
  return row;
}

export async function updateAgreement(
  trx: Trx,
  actor: Actor,
  id: string,
  patch: AgreementPatch,
  audit: Audit,
) {
  const before = await loadForChange(trx, actor, id);
  const effective = patch.effectiveOn ?? before.effective_on;
  const expires = patch.expiresOn === undefined ? before.expires_on : patch.expiresOn;
  if (expires && expires <= effective)
    throw validationError([{ path: 'expiresOn', message: 'must be after the effective date' }]);
  const after = await trx
    .updateTable('agreements')
    .set({
      ...(patch.type ? { type: patch.type } : {}),
      ...(patch.title ? { title: patch.title } : {}),
      ...(patch.summary !== undefined ? { summary: patch.summary } : {}),
      effective_on: effective,
      expires_on: expires,
      updated_at: new Date(),
    })
    .where('programme_id', '=', actor.programmeId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit({ action: 'agreement.updated', entity: 'agreement', entityId: id, before, after });
}

export async function deleteAgreement(trx: Trx, actor: Actor, id: string, audit: Audit) {
  const before = await loadForChange(trx, actor, id);
  await trx
    .deleteFrom('agreements')
    .where('programme_id', '=', actor.programmeId)
    .where('id', '=', id)
    .execute();
  if (before.document_id)
    await trx
      .deleteFrom('documents')
      .where('programme_id', '=', actor.programmeId)
      .where('id', '=', before.document_id)
      .execute();
  await audit({ action: 'agreement.deleted', entity: 'agreement', entityId: id, before });
}

export async function partiesOf(trx: Trx, actor: Actor, id: string) {
  const rows = await trx
    .selectFrom('agreement_parties')
    .select('organisation_id')
    .where('programme_id', '=', actor.programmeId)
    .where('agreement_id', '=', id)
    .execute();
  return new Set(rows.map((r) => r.organisation_id));
}

/** Adds a clause (with its duties and targets) after the agreement's last one. */
export async function addClause(trx: Trx, actor: Actor, id: string, clause: ClauseInput, audit: Audit) {
  await loadForChange(trx, actor, id);
  checkParties(await partiesOf(trx, actor, id), [clause], [], 'clause');
  checkTargets([clause], (_i, j) => `targets.${j}`);
  const last = await trx
    .selectFrom('agreement_clauses')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('programme_id', '=', actor.programmeId)
    .where('agreement_id', '=', id)
    .executeTakeFirst();
  const clauseId = await insertClause(trx, actor, id, Number(last?.n ?? 0) + 1, clause);
  await audit({
    action: 'agreement.clause_added',
    entity: 'agreement',
    entityId: id,
    after: { clauseId, clause },
  });
  return clauseId;
}

/** PDF files start with "%PDF-" (ISO 32000-2 §7.5.2). */
export const isPdf = (file: Buffer) => file.subarray(0, 5).toString('latin1') === '%PDF-';

/** Attaches the signed document (a PDF), replacing any earlier one. */
export async function attachDocument(
  trx: Trx,
  actor: Actor,
  id: string,
  file: { name: string; content: Buffer },
  audit: Audit,
) {
  const before = await loadForChange(trx, actor, id);
  if (!isPdf(file.content))
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'The signed document must be a PDF file.');
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  const doc = await trx
    .insertInto('documents')
    .values({
      programme_id: actor.programmeId,
      file_name: file.name,
      media_type: 'application/pdf',
      size_bytes: file.content.length,
      sha256,
      content: file.content,
      uploaded_by: actor.userId,
    })
    .returning(['id', 'file_name', 'size_bytes', 'sha256'])
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('agreements')
    .set({ document_id: doc.id, updated_at: new Date() })
    .where('programme_id', '=', actor.programmeId)
    .where('id', '=', id)
    .execute();
  if (before.document_id)
    await trx
      .deleteFrom('documents')
      .where('programme_id', '=', actor.programmeId)
      .where('id', '=', before.document_id)
      .execute();
  await audit({ action: 'agreement.document_attached', entity: 'agreement', entityId: id, after: doc });
  return doc;
}
