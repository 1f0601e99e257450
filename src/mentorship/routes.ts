import type { Transaction } from 'kysely';
import { z } from 'zod';
import { type Audit, inChange } from '../audit/audit';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { notFound } from '../errors';
import type { App } from '../http/app';
import { changeContext } from '../http/context';
import { pageFields } from '../http/paging';
import { idParams } from '../shared/ids';
import { asRecipientStatement } from '../witness/assessments';
import { openWitness } from '../witness/service';
import { cachedLogSigner } from '../witness/signer';
import { listActivities, recordActivity } from './activities';
import { confirmAssessment, disputeAssessment, listAssessments, recordAssessment } from './assessments';
import { createCompetency, listCompetencies, updateCompetency } from './catalogue';
import { findMentorship, listMentorships } from './contract-views';
import { acceptMentorship, changeMentorship, proposeMentorship } from './contracts';
import { patientNameRoutes } from './patient-names-routes';
import { mentorshipPeopleRoutes } from './people-routes';
import {
  acceptInput,
  activityInput,
  assessmentInput,
  competencyInput,
  competencyPatch,
  extendInput,
  mentorshipInput,
  noteInput,
  reasonInput,
} from './schema';
import { serviceRoutes } from './service-routes';
import { activityKinds, assessmentStatuses } from './tables';
import { mentorshipStatuses } from './workflow';

const tags = ['mentorship'];

/** Mentorship: the competency catalogue, contracts, teaching, assessments, services, indicators. */
export async function mentorshipRoutes(app: App) {
  const { db } = app.deps.database;
  const logSigner = cachedLogSigner(db, app.deps.config);

  app.get(
    '/api/mentorship/competencies',
    {
      config: { policy: 'mentorship:read' },
      schema: {
        tags,
        summary: 'The competency catalogue',
        querystring: z
          .object({ specialtyCode: z.string().max(40).optional(), includeRetired: z.stringbool().optional() })
          .strict(),
      },
    },
    async (request) => ({
      items: await listCompetencies(db, changeContext(request).actor.programmeId, request.query),
    }),
  );
  app.post(
    '/api/mentorship/competencies',
    {
      config: { policy: 'competencies:write' },
      schema: { tags, summary: 'Add a competency to a specialty', body: competencyInput },
    },
    async (request, reply) => {
      const { actor, audit } = changeContext(request);
      const created = await inChange(db, audit, (trx, log) =>
        createCompetency(trx, actor, request.body, log),
      );
      return reply.status(201).send(created);
    },
  );
  app.patch(
    '/api/mentorship/competencies/:id',
    {
      config: { policy: 'competencies:write' },
      schema: { tags, summary: 'Edit or retire a competency', params: idParams, body: competencyPatch },
    },
    async (request) => {
      const { actor, audit } = changeContext(request);
      return inChange(db, audit, (trx, log) =>
        updateCompetency(trx, actor, request.params.id, request.body, log),
      );
    },
  );

  app.get(
    '/api/mentorship/contracts',
    {
      config: { policy: 'mentorship:read' },
      schema: {
        tags,
        summary: 'Contracts in scope, newest first',
        querystring: z
          .object({
            page: pageFields.page,
            pageSize: pageFields.pageSize,
            status: z.enum(mentorshipStatuses).optional(),
            mentorId: z.uuid().optional(),
            apprenticeId: z.uuid().optional(),
            batchId: z.uuid().optional(),
          })
          .strict(),
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return listMentorships(db, changeContext(request).actor, filter, { page, pageSize });
    },
  );
  app.get(
    '/api/mentorship/contracts/:id',
    { config: { policy: 'mentorship:read' }, schema: { tags, summary: 'One contract', params: idParams } },
    async (request) => {
      const found = await findMentorship(db, changeContext(request).actor, request.params.id);
      if (!found) throw notFound('Mentorship');
      return found;
    },
  );
  app.post(
    '/api/mentorship/contracts',
    {
      config: { policy: 'mentorship:write' },
      schema: { tags, summary: 'Propose a contract', body: mentorshipInput },
    },
    async (request, reply) => {
      const { actor, audit } = changeContext(request);
      const id = await inChange(db, audit, (trx, log) => proposeMentorship(trx, actor, request.body, log));
      return reply.status(201).send(await findMentorship(db, actor, id));
    },
  );

  const contractAction = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    run: (trx: Transaction<DB>, actor: Actor, id: string, body: z.infer<B>, log: Audit) => Promise<void>,
  ) =>
    app.post(
      `/api/mentorship/contracts/:id/${path}`,
      { config: { policy: 'mentorship:write' }, schema: { tags, summary, params: idParams, body } },
      async (request) => {
        const { actor, audit } = changeContext(request);
        const { id } = request.params as { id: string };
        await inChange(db, audit, (trx, log) => run(trx, actor, id, request.body as z.infer<B>, log));
        return findMentorship(db, actor, id);
      },
    );
  contractAction(
    'accept',
    'Accept a proposed contract as one of its parties',
    acceptInput,
    (trx, actor, id, body, log) => acceptMentorship(trx, actor, id, body, log),
  );
  contractAction(
    'extend',
    'Extend a running contract to a later end',
    extendInput,
    (trx, actor, id, body, log) => changeMentorship(trx, actor, id, 'extend', body, log),
  );
  contractAction('complete', 'Complete a running contract', noteInput, async (trx, actor, id, body, log) => {
    await changeMentorship(trx, actor, id, 'complete', body, log);
    // A completed contract asks its parties to witness it (src/witness/), in the same transaction.
    await openWitness(trx, actor.programmeId, 'mentorship.completed', id, log);
  });
  contractAction(
    'end-early',
    'End a running contract early, with a reason',
    reasonInput,
    (trx, actor, id, body, log) => changeMentorship(trx, actor, id, 'end_early', body, log),
  );
  contractAction(
    'withdraw',
    'Withdraw a proposed contract, with a reason',
    reasonInput,
    (trx, actor, id, body, log) => changeMentorship(trx, actor, id, 'withdraw', body, log),
  );

  app.get(
    '/api/mentorship/activities',
    {
      config: { policy: 'mentorship:read' },
      schema: {
        tags,
        summary: 'Teaching activities in scope, newest first',
        querystring: z
          .object({
            personId: z.uuid().optional(),
            teacherId: z.uuid().optional(),
            mentorshipId: z.uuid().optional(),
            kind: z.enum(activityKinds).optional(),
          })
          .strict(),
      },
    },
    async (request) => ({ items: await listActivities(db, changeContext(request).actor, request.query) }),
  );
  app.post(
    '/api/mentorship/activities',
    {
      config: { policy: 'teaching:record' },
      schema: {
        tags,
        summary: 'Log a teaching activity (case summary must be de-identified)',
        body: activityInput,
      },
    },
    async (request, reply) => {
      const { actor, audit } = changeContext(request);
      const id = await inChange(db, audit, async (trx, log) => {
        const created = await recordActivity(trx, actor, request.body, log);
        await openWitness(trx, actor.programmeId, 'teaching_activity', created, log);
        return created;
      });
      const [created] = await listActivities(db, actor, { id });
      return reply.status(201).send(created ?? { id });
    },
  );

  app.get(
    '/api/mentorship/assessments',
    {
      config: { policy: 'mentorship:read' },
      schema: {
        tags,
        summary: 'Assessments in scope, oldest first (level history)',
        querystring: z
          .object({
            apprenticeId: z.uuid().optional(),
            assessorId: z.uuid().optional(),
            competencyId: z.uuid().optional(),
            status: z.enum(assessmentStatuses).optional(),
          })
          .strict(),
      },
    },
    async (request) => ({ items: await listAssessments(db, changeContext(request).actor, request.query) }),
  );
  app.post(
    '/api/mentorship/assessments',
    {
      config: { policy: 'assessments:record' },
      schema: { tags, summary: 'Record an apprentice’s new level (the mentor)', body: assessmentInput },
    },
    async (request, reply) => {
      const { actor, audit } = changeContext(request);
      const id = await inChange(db, audit, async (trx, log) => {
        const created = await recordAssessment(trx, actor, request.body, log);
        await openWitness(trx, actor.programmeId, 'assessment', created, log);
        return created;
      });
      const [created] = (
        await listAssessments(db, actor, { apprenticeId: request.body.apprenticeId })
      ).filter((a) => a.id === id);
      return reply.status(201).send(created);
    },
  );
  app.post(
    '/api/mentorship/assessments/:id/confirm',
    {
      config: { policy: 'assessments:confirm' },
      schema: {
        tags,
        summary: 'Witness an assessment (a recipient cadre)',
        params: idParams,
        body: noteInput,
      },
    },
    async (request) => {
      const { actor, audit } = changeContext(request);
      const deps = { signer: await logSigner() };
      // The cadre's confirmation is the recipient party's attestation on the witness request.
      const row = await inChange(db, audit, (trx, log) =>
        asRecipientStatement(trx, actor, request.params.id, { verdict: 'attested' }, log, deps, () =>
          confirmAssessment(trx, actor, request.params.id, log, { note: request.body.note }),
        ),
      );
      const [confirmed] = (await listAssessments(db, actor, { apprenticeId: row.apprentice_id })).filter(
        (a) => a.id === row.id,
      );
      return confirmed;
    },
  );

  app.post(
    '/api/mentorship/assessments/:id/dispute',
    {
      config: { policy: 'assessments:confirm' },
      schema: {
        tags,
        summary: 'Dispute a pending assessment, with a reason',
        params: idParams,
        body: reasonInput,
      },
    },
    async (request) => {
      const { actor, audit } = changeContext(request);
      const deps = { signer: await logSigner() };
      const { reason } = request.body;
      const row = await inChange(db, audit, (trx, log) =>
        asRecipientStatement(trx, actor, request.params.id, { verdict: 'disputed', reason }, log, deps, () =>
          disputeAssessment(trx, actor, request.params.id, reason, log),
        ),
      );
      const [disputed] = (await listAssessments(db, actor, { apprenticeId: row.apprentice_id })).filter(
        (a) => a.id === row.id,
      );
      return disputed;
    },
  );

  await mentorshipPeopleRoutes(app);
  await serviceRoutes(app);
  await patientNameRoutes(app);
}
