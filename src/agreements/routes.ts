import { z } from 'zod';
import { inChange } from '../audit/audit';
import { AppError, notFound } from '../errors';
import type { App } from '../http/app';
import { changeContext } from '../http/context';
import { idParams } from '../shared/ids';
import { addEvidence, completeReview, scheduleReview } from './follow-up';
import { remindersOf } from './reminders';
import { agreementInScope, dueReviews, findAgreement, listAgreements } from './repository';
import {
  agreementInput,
  agreementPatch,
  clauseInput,
  evidenceInput,
  reviewDoneInput,
  reviewInput,
} from './schema';
import { addClause, attachDocument, createAgreement, deleteAgreement, updateAgreement } from './service';
import { agreementTypes } from './tables';
import { evaluateTargets } from './targets';

export const PDF_TYPE = 'application/pdf';
const today = () => new Date().toISOString().slice(0, 10);
const listQuery = z
  .object({ type: z.enum(agreementTypes).optional(), q: z.string().trim().max(100).optional() })
  .strict();
const documentQuery = z
  .object({ fileName: z.string().trim().min(1).max(200).default('agreement.pdf') })
  .strict();

/** Soft-law agreements: parties, signatories, clauses with duties and targets, the signed PDF, reviews. */
export async function agreementRoutes(app: App) {
  const { db } = app.deps.database;
  const tags = ['agreements'];
  // The signed document arrives as the raw PDF body, bounded by the upload limit.
  app.addContentTypeParser(
    PDF_TYPE,
    { parseAs: 'buffer', bodyLimit: app.deps.config.uploadLimitBytes },
    (_req, body, done) => done(null, body),
  );

  app.get(
    '/api/agreements',
    {
      config: { policy: 'agreements:read' },
      schema: { tags, summary: 'Agreements in scope', querystring: listQuery },
    },
    async (request) => listAgreements(db, changeContext(request).actor, request.query, today()),
  );

  app.get(
    '/api/agreements/reviews/due',
    { config: { policy: 'agreements:read' }, schema: { tags, summary: 'Due and overdue reviews in scope' } },
    async (request) => dueReviews(db, changeContext(request).actor, today()),
  );

  app.get(
    '/api/agreements/reviews/reminders',
    {
      config: { policy: 'authenticated' },
      schema: { tags, summary: 'Review reminders the daily job sent me today' },
    },
    async (request) => {
      const actor = changeContext(request).actor;
      return remindersOf(db, actor.programmeId, actor.userId, today());
    },
  );

  app.get(
    '/api/agreements/targets',
    {
      config: { policy: 'agreements:read' },
      schema: { tags, summary: 'Every target in scope with its status' },
    },
    async (request) => {
      const actor = changeContext(request).actor;
      const visible = await db
        .selectFrom('agreements')
        .select('id')
        .where('programme_id', '=', actor.programmeId)
        .where(agreementInScope(actor, 'any'))
        .execute();
      return evaluateTargets(
        db,
        actor.programmeId,
        visible.map((a) => a.id),
        today(),
      );
    },
  );

  app.get(
    '/api/agreements/:id',
    { config: { policy: 'agreements:read' }, schema: { tags, summary: 'One agreement', params: idParams } },
    async (request) => {
      const found = await findAgreement(db, changeContext(request).actor, request.params.id, today());
      if (!found) throw notFound('Agreement');
      return found;
    },
  );

  app.post(
    '/api/agreements',
    {
      config: { policy: 'agreements:write' },
      schema: { tags, summary: 'Record an agreement', body: agreementInput },
    },
    async (request, reply) => {
      const { actor, audit } = changeContext(request);
      const id = await inChange(db, audit, (trx, log) => createAgreement(trx, actor, request.body, log));
      return reply.status(201).send(await findAgreement(db, actor, id, today()));
    },
  );

  app.patch(
    '/api/agreements/:id',
    {
      config: { policy: 'agreements:write' },
      schema: { tags, summary: 'Edit an agreement', params: idParams, body: agreementPatch },
    },
    async (request) => {
      const { actor, audit } = changeContext(request);
      await inChange(db, audit, (trx, log) =>
        updateAgreement(trx, actor, request.params.id, request.body, log),
      );
      return findAgreement(db, actor, request.params.id, today());
    },
  );

  app.delete(
    '/api/agreements/:id',
    {
      config: { policy: 'agreements:write' },
      schema: { tags, summary: 'Delete an agreement', params: idParams },
    },
    async (request, reply) => {
      const { actor, audit } = changeContext(request);
      await inChange(db, audit, (trx, log) => deleteAgreement(trx, actor, request.params.id, log));
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/agreements/:id/clauses',
    {
      config: { policy: 'agreements:write' },
      schema: { tags, summary: 'Add a clause with duties and targets', params: idParams, body: clauseInput },
    },
    async (request, reply) => {
      const { actor, audit } = changeContext(request);
      await inChange(db, audit, (trx, log) => addClause(trx, actor, request.params.id, request.body, log));
      return reply.status(201).send(await findAgreement(db, actor, request.params.id, today()));
    },
  );

  app.put(
    '/api/agreements/:id/document',
    {
      config: { policy: 'agreements:write' },
      schema: {
        tags,
        summary: 'Attach the signed document (raw application/pdf body)',
        params: idParams,
        querystring: documentQuery,
      },
    },
    async (request) => {
      if (
        request.headers['content-type']?.split(';')[0]?.trim() !== PDF_TYPE ||
        !Buffer.isBuffer(request.body)
      )
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the signed document as application/pdf.');
      const { actor, audit } = changeContext(request);
      const file = { name: request.query.fileName, content: request.body };
      const doc = await inChange(db, audit, (trx, log) =>
        attachDocument(trx, actor, request.params.id, file, log),
      );
      return { fileName: doc.file_name, sizeBytes: doc.size_bytes, sha256: doc.sha256 };
    },
  );

  app.get(
    '/api/agreements/:id/document',
    {
      config: { policy: 'agreements:read' },
      schema: { tags, summary: 'The signed document', params: idParams },
    },
    async (request, reply) => {
      const actor = changeContext(request).actor;
      const doc = await db
        .selectFrom('agreements')
        .innerJoin('documents as d', (j) =>
          j
            .onRef('d.programme_id', '=', 'agreements.programme_id')
            .onRef('d.id', '=', 'agreements.document_id'),
        )
        .select(['d.file_name', 'd.content'])
        .where('agreements.programme_id', '=', actor.programmeId)
        .where('agreements.id', '=', request.params.id)
        .where(agreementInScope(actor, 'any'))
        .executeTakeFirst();
      if (!doc) throw notFound('Document');
      return reply
        .type(PDF_TYPE)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.file_name)}`)
        .send(Buffer.from(doc.content));
    },
  );

  app.post(
    '/api/agreements/targets/:id/evidence',
    {
      config: { policy: 'agreements:write' },
      schema: { tags, summary: 'Link evidence to a target', params: idParams, body: evidenceInput },
    },
    async (request, reply) => {
      const { actor, audit } = changeContext(request);
      const row = await inChange(db, audit, (trx, log) =>
        addEvidence(trx, actor, request.params.id, request.body, log),
      );
      return reply
        .status(201)
        .send({ id: row.id, targetId: row.target_id, entity: row.entity, entityId: row.entity_id });
    },
  );

  app.post(
    '/api/agreements/:id/reviews',
    {
      config: { policy: 'agreements:write' },
      schema: { tags, summary: 'Schedule a review', params: idParams, body: reviewInput },
    },
    async (request, reply) => {
      const { actor, audit } = changeContext(request);
      const row = await inChange(db, audit, (trx, log) =>
        scheduleReview(trx, actor, request.params.id, request.body, log),
      );
      return reply.status(201).send({ id: row.id, dueOn: row.due_on });
    },
  );

  app.post(
    '/api/agreements/reviews/:id/done',
    {
      config: { policy: 'agreements:write' },
      schema: { tags, summary: 'Record a review as done', params: idParams, body: reviewDoneInput },
    },
    async (request) => {
      const { actor, audit } = changeContext(request);
      const row = await inChange(db, audit, (trx, log) =>
        completeReview(trx, actor, request.params.id, request.body, log),
      );
      return { id: row.id, doneOn: row.done_on, outcome: row.outcome };
    },
  );
}
