import type { Logger } from 'pino';
import type { Database } from '../db/database';
import { type JobQueue, type JobWorker, startJobQueue } from '../jobs/queue';
import { runProposal } from './service';
import { workerSolver } from './solver';

export const MATCHING_QUEUE = 'matching-proposal';
export type MatchingJob = { programmeId: string; proposalId: string };

// The worker runs on the job queue's database when the queue hands it over, else on the
// database of the app that registered the matching routes (serve builds the app first).
let platform: { database: Database; logger?: Logger | undefined } | undefined;
const senders = new WeakMap<Database, Promise<JobQueue>>();

/** Binds the database the matching worker runs proposals on. */
export function bindMatchingPlatform(database: Database, logger?: Logger): void {
  platform = { database, logger };
}

/** A pg-boss client on the database to enqueue proposals from the API and the CLI (started once). */
export function matchingQueue(database: Database): Promise<JobQueue> {
  let queue = senders.get(database);
  if (!queue) {
    queue = startJobQueue(database, undefined, { schedule: false }).then(async (boss) => {
      await boss.createQueue(MATCHING_QUEUE).catch(() => undefined);
      return boss;
    });
    senders.set(database, queue);
  }
  return queue;
}

/** Stops the enqueueing client of a database, if one was started. */
export async function stopMatchingQueue(database: Database): Promise<void> {
  const queue = senders.get(database);
  if (!queue) return;
  senders.delete(database);
  await (await queue).stop({ graceful: false, wait: true } as never);
}

export async function enqueueProposal(database: Database, job: MatchingJob): Promise<void> {
  const boss = await matchingQueue(database);
  await boss.send(MATCHING_QUEUE, job, { retryLimit: 0, expireInSeconds: 3600 });
}

/** The background worker: runs a queued proposal (the solver on worker threads). */
export const matchingWorker: JobWorker<MatchingJob> = {
  queue: MATCHING_QUEUE,
  pollingIntervalSeconds: 0.5,
  handle: async (data, job) => {
    const database = (job as { database?: Database }).database ?? platform?.database;
    if (!database) throw new Error('matching worker: no platform database');
    const logger = platform?.logger;
    await runProposal(database.db, data.programmeId, data.proposalId, { solver: workerSolver }).catch(
      (error) => {
        logger?.error({ err: error, proposalId: data.proposalId }, 'proposal failed');
      },
    );
  },
};
