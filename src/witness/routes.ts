import { z } from 'zod';
import { inChange } from '../audit/audit';
import { notFound } from '../errors';
import type { App } from '../http/app';
import { changeContext } from '../http/context';
import { idParams } from '../shared/ids';
import { toHex } from '../transparency/bytes';
import type { NoteSigner } from '../transparency/note-keys';
import { currentCheckpoint } from '../transparency/store/checkpoints';
import { logOrigin, logProgramme } from '../transparency/store/programme';
import { loadLogSigner } from '../transparency/store/signer';
import { batchFigures, recentAchievements } from './overview';
import { findWitnessRequest, witnessQueue } from './repository';
import { attest, dispute } from './service';

const queueQuery = z
  .object({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
  })
  .strict();
const disputeInput = z.object({ reason: z.string().trim().min(1).max(2000) }).strict();

/** Witnessing: the queue of records waiting for my witness, attest and dispute; the public overview. */
export async function witnessRoutes(app: App) {
  const { db } = app.deps.database;
  const { config } = app.deps;
  const tags = ['witness'];
  let signer: Promise<NoteSigner> | undefined;
  // Loaded before a change's transaction opens (PGlite has one connection).
  const logSigner = () => {
    signer ??= loadLogSigner(db, { configuredKey: config.logSignerKey, keyName: config.logOrigin });
    signer.catch(() => {
      signer = undefined;
    });
    return signer;
  };

  app.get(
    '/api/witness/queue',
    {
      config: { policy: 'witness:read' },
      schema: { tags, summary: 'Records waiting for my witness, oldest first', querystring: queueQuery },
    },
    async (request) => witnessQueue(db, changeContext(request).actor, request.query),
  );

  app.get(
    '/api/witness/:id',
    {
      config: { policy: 'witness:read' },
      schema: { tags, summary: 'One witness request', params: idParams },
    },
    async (request) => findWitnessRequest(db, changeContext(request).actor, request.params.id),
  );

  app.post(
    '/api/witness/:id/attest',
    {
      config: { policy: 'witness:attest' },
      schema: { tags, summary: 'Attest the record for my party', params: idParams },
    },
    async (request) => {
      const { actor, audit } = changeContext(request);
      const deps = { signer: await logSigner() };
      await inChange(db, audit, (trx, log) => attest(trx, actor, request.params.id, log, deps));
      return findWitnessRequest(db, actor, request.params.id);
    },
  );

  app.post(
    '/api/witness/:id/dispute',
    {
      config: { policy: 'witness:attest' },
      schema: {
        tags,
        summary: 'Dispute the record with a reason; it goes back to its owner',
        params: idParams,
        body: disputeInput,
      },
    },
    async (request) => {
      const { actor, audit } = changeContext(request);
      const deps = { signer: await logSigner() };
      await inChange(db, audit, (trx, log) =>
        dispute(trx, actor, request.params.id, request.body.reason, log, deps),
      );
      return findWitnessRequest(db, actor, request.params.id);
    },
  );

  app.get(
    '/api/public/overview',
    {
      config: { policy: 'public', rateLimit: { max: 300, timeWindow: '1 minute' } },
      schema: {
        tags: ['public'],
        summary:
          'The public transparency page: figures per batch, recent witnessed achievements, latest checkpoint',
        querystring: z.object({ programme: z.string().min(1).max(40).optional() }).strict(),
      },
    },
    async (request, reply) => {
      const programme = await logProgramme(db, request.query.programme);
      if (!programme) throw notFound('Programme');
      const details = await db
        .selectFrom('programmes')
        .select(['name', 'name_en', 'supporter_region', 'recipient_region', 'started_on'])
        .where('id', '=', programme.id)
        .executeTakeFirstOrThrow();
      const origin = logOrigin(config.logOrigin, programme.code);
      const checkpoint = await currentCheckpoint(db, programme.id, { origin, signer: await logSigner() });
      const [batches, recent] = await Promise.all([
        batchFigures(db, programme.id),
        recentAchievements(db, programme.id),
      ]);
      reply.header('cache-control', 'public, max-age=30');
      return {
        programme: {
          code: programme.code,
          name: details.name,
          nameEn: details.name_en,
          supporterRegion: details.supporter_region,
          recipientRegion: details.recipient_region,
          startedOn: details.started_on,
        },
        batches,
        recent,
        checkpoint: {
          origin,
          size: checkpoint.size,
          rootHash: toHex(checkpoint.root),
          note: checkpoint.note,
        },
      };
    },
  );
}
