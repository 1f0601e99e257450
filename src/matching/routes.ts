import { z } from 'zod';
import { inChange } from '../audit/audit';
import type { App } from '../http/app';
import { changeContext } from '../http/context';
import { idParams } from '../shared/ids';
import { bindMatchingPlatform, enqueueProposal, stopMatchingQueue } from './jobs';
import { compareProposals, findProposal, listMicroTeams, listProposals } from './repository';
import { matchingRules, pairChoice } from './rules';
import { acceptProposal, createProposal, reoptimiseProposal } from './service';

const startInput = z.object({ batchId: z.uuid(), rules: matchingRules.optional() }).strict();
const reoptimiseInput = z
  .object({
    pins: z.array(pairChoice).max(5000).default([]),
    forbids: z.array(pairChoice).max(5000).default([]),
  })
  .strict();
const batchQuery = z.object({ batchId: z.uuid().optional() }).strict();
const compareQuery = z.object({ a: z.uuid(), b: z.uuid() }).strict();

/** Team formation: proposals (queued as background jobs), review, compare, accept; micro-teams. */
export async function matchingRoutes(app: App) {
  const { database } = app.deps;
  const { db } = database;
  const tags = ['matching'];
  bindMatchingPlatform(database, app.deps.logger || undefined);
  app.addHook('onClose', () => stopMatchingQueue(database));

  app.get(
    '/api/matching/proposals',
    {
      config: { policy: 'matching:read' },
      schema: { tags, summary: 'List proposals', querystring: batchQuery },
    },
    async (request) => ({
      items: await listProposals(db, changeContext(request).actor, request.query.batchId),
    }),
  );

  app.post(
    '/api/matching/proposals',
    {
      config: { policy: 'matching:propose' },
      schema: { tags, summary: 'Start a proposal for a batch (runs as a background job)', body: startInput },
    },
    async (request, reply) => {
      const { actor, audit } = changeContext(request);
      const id = await inChange(db, audit, (trx, log) => createProposal(trx, actor, request.body, log));
      await enqueueProposal(database, { programmeId: actor.programmeId, proposalId: id });
      return reply.code(202).send({ id, status: 'queued' });
    },
  );

  app.get(
    '/api/matching/proposals/:id',
    {
      config: { policy: 'matching:read' },
      schema: { tags, summary: 'A proposal with its reasons', params: idParams },
    },
    async (request) => findProposal(db, changeContext(request).actor, request.params.id),
  );

  app.post(
    '/api/matching/proposals/:id/reoptimise',
    {
      config: { policy: 'matching:propose' },
      schema: {
        tags,
        summary: 'Re-optimise around pins and forbids (a new proposal)',
        params: idParams,
        body: reoptimiseInput,
      },
    },
    async (request, reply) => {
      const { actor, audit } = changeContext(request);
      const id = await inChange(db, audit, (trx, log) =>
        reoptimiseProposal(trx, actor, request.params.id, request.body, log),
      );
      await enqueueProposal(database, { programmeId: actor.programmeId, proposalId: id });
      return reply.code(202).send({ id, status: 'queued' });
    },
  );

  app.post(
    '/api/matching/proposals/:id/accept',
    {
      config: { policy: 'matching:accept' },
      schema: {
        tags,
        summary: 'Accept a proposal: create its micro-teams, match its needs',
        params: idParams,
      },
    },
    async (request) => {
      const { actor, audit } = changeContext(request);
      return inChange(db, audit, (trx, log) => acceptProposal(trx, actor, request.params.id, log));
    },
  );

  app.get(
    '/api/matching/compare',
    {
      config: { policy: 'matching:read' },
      schema: { tags, summary: 'Two proposals side by side', querystring: compareQuery },
    },
    async (request) => compareProposals(db, changeContext(request).actor, request.query.a, request.query.b),
  );

  app.get(
    '/api/matching/teams',
    {
      config: { policy: 'matching:read' },
      schema: { tags, summary: 'Micro-teams', querystring: batchQuery },
    },
    async (request) => ({
      items: await listMicroTeams(db, changeContext(request).actor, request.query.batchId),
    }),
  );
}
