import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError, notFound } from '../errors';
import type { App } from '../http/app';
import { toHex } from './bytes';
import { TransparencyError } from './errors';
import { formatVerifierKey, type NoteSigner } from './note-keys';
import { currentCheckpoint } from './store/checkpoints';
import { readEntries } from './store/entries';
import { logOrigin, logProgramme } from './store/programme';
import { loadLogSigner } from './store/signer';
import { logSize, StoredTree } from './store/stored-tree';
import { consistencyProof, inclusionProof } from './tree-reader';

/** At most this many entries per request. */
export const MAX_ENTRIES_PER_REQUEST = 1000;

const IMMUTABLE = 'public, max-age=31536000, immutable';
// Anything that depends on the log's current size may change within seconds.
const SHORT_LIVED = 'public, max-age=5';
const count = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const programme = z.string().min(1).max(40).optional();

// The pure core throws TransparencyError; clients see catalogue codes.
async function asAppErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof TransparencyError)) throw error;
    if (error.code === 'out_of_range') throw new AppError('OUT_OF_RANGE', error.message);
    if (error.code === 'inconsistent_storage') throw new AppError('LOG_INCONSISTENT');
    throw new AppError('BAD_REQUEST', error.message);
  }
}

/** The public transparency log: checkpoint, verifier key, entries and proofs (no login). */
export async function logRoutes(app: App) {
  const { db } = app.deps.database;
  const { config } = app.deps;
  let signer: Promise<NoteSigner> | undefined;
  const logSigner = () => {
    signer ??= loadLogSigner(db, { configuredKey: config.logSignerKey, keyName: config.logOrigin });
    signer.catch(() => {
      signer = undefined; // retry on the next request rather than failing forever
    });
    return signer;
  };
  // The key is created (or read) at start, so its first checkpoint never waits for it.
  await logSigner();
  const programmeOf = async (code: string | undefined) => {
    const found = await logProgramme(db, code);
    if (!found) throw notFound('Programme');
    return found;
  };
  const text = (reply: FastifyReply, cache: string, body: string) =>
    reply.type('text/plain; charset=utf-8').header('cache-control', cache).send(body);
  const rateLimit = (max: number) => ({ max, timeWindow: '1 minute' });

  app.get(
    '/api/log/key',
    {
      config: { policy: 'public', rateLimit: rateLimit(600) },
      schema: { tags: ['log'], summary: 'The note verifier key that checkpoints are signed with (text)' },
    },
    async (_request, reply) =>
      text(reply, 'public, max-age=3600', `${formatVerifierKey(await logSigner())}\n`),
  );

  app.get(
    '/api/log/checkpoint',
    {
      config: { policy: 'public', rateLimit: rateLimit(600) },
      schema: {
        tags: ['log'],
        summary: 'The latest signed checkpoint (C2SP tlog-checkpoint signed note, text)',
        querystring: z.object({ programme }),
      },
    },
    async (request, reply) => {
      const p = await programmeOf(request.query.programme);
      const origin = logOrigin(config.logOrigin, p.code);
      const checkpoint = await asAppErrors(async () =>
        currentCheckpoint(db, p.id, { origin, signer: await logSigner() }),
      );
      return text(reply, SHORT_LIVED, checkpoint.note);
    },
  );

  app.get(
    '/api/log/entries',
    {
      config: { policy: 'public', rateLimit: rateLimit(3000) },
      schema: {
        tags: ['log'],
        summary: `Entries with index in [start, end), at most ${MAX_ENTRIES_PER_REQUEST}`,
        querystring: z.object({ start: count, end: count, programme }),
      },
    },
    async (request, reply) => {
      const { start, end } = request.query;
      const p = await programmeOf(request.query.programme);
      const size = await logSize(db, p.id);
      if (end <= start) throw new AppError('OUT_OF_RANGE', 'end must be greater than start.');
      if (end - start > MAX_ENTRIES_PER_REQUEST) {
        throw new AppError('OUT_OF_RANGE', `at most ${MAX_ENTRIES_PER_REQUEST} entries per request.`);
      }
      if (start >= size) throw new AppError('OUT_OF_RANGE', `start must be below the log size ${size}.`);
      const entries = await readEntries(db, p.id, start, Math.min(end, size));
      reply.header('cache-control', end <= size ? IMMUTABLE : SHORT_LIVED);
      return {
        entries: entries.map((e) => ({
          index: e.index,
          entry: e.entry,
          leafHash: e.leafHash === null ? null : toHex(e.leafHash),
        })),
      };
    },
  );

  app.get(
    '/api/log/proof/inclusion',
    {
      config: { policy: 'public', rateLimit: rateLimit(1200) },
      schema: {
        tags: ['log'],
        summary: 'RFC 9162 inclusion proof of entry `index` in the tree of `size` entries (default: current)',
        querystring: z.object({ index: count, size: count.optional(), programme }),
      },
    },
    async (request, reply) => {
      const { index, size } = request.query;
      const p = await programmeOf(request.query.programme);
      const tree = await StoredTree.open(db, p.id, { mirrored: true });
      const proof = await asAppErrors(() => inclusionProof(tree, index, size ?? tree.leafCount()));
      reply.header('cache-control', size === undefined ? SHORT_LIVED : IMMUTABLE);
      return { index, size: size ?? tree.leafCount(), proof: proof.map(toHex) };
    },
  );

  app.get(
    '/api/log/proof/consistency',
    {
      config: { policy: 'public', rateLimit: rateLimit(1200) },
      schema: {
        tags: ['log'],
        summary:
          'RFC 9162 consistency proof from the tree of `old` entries to that of `size` (default: current)',
        querystring: z.object({ old: count, size: count.optional(), programme }),
      },
    },
    async (request, reply) => {
      const { old, size } = request.query;
      const p = await programmeOf(request.query.programme);
      const tree = await StoredTree.open(db, p.id, { mirrored: true });
      const proof = await asAppErrors(() => consistencyProof(tree, old, size ?? tree.leafCount()));
      reply.header('cache-control', size === undefined ? SHORT_LIVED : IMMUTABLE);
      return { old, size: size ?? tree.leafCount(), proof: proof.map(toHex) };
    },
  );
}
