import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from '../db/database';

export type JobQueue = PgBoss;

/** The database each queue runs on, so workers reach it without globals. */
const databases = new WeakMap<JobQueue, Database>();

/** A handler for one queue: capabilities register theirs in src/jobs/workers.ts. */
export type JobWorker<T extends object = object> = {
  queue: string;
  handle: (data: T, job: { id: string; database: Database }) => Promise<unknown>;
  /** A cron expression (UTC) for a recurring job: pg-boss's `schedule` sends it (once across processes). */
  cron?: string;
  /** How often an idle worker polls, in seconds (pg-boss's minimum is 0.5). */
  pollingIntervalSeconds?: number;
};

/**
 * Starts pg-boss (jobs in PostgreSQL, schema `pgboss`) on the platform's database: the pg pool
 * on a server, or PGlite through the same session lock as every other query. Several processes
 * share one queue on a server; each job runs once.
 */
export async function startJobQueue(
  database: Database,
  logger?: Logger,
  options: { schedule?: boolean } = {},
): Promise<JobQueue> {
  const boss = new PgBoss({
    db: {
      executeSql: async (text: string, values: unknown[]) => ({ rows: await database.query(text, values) }),
    },
    schedule: options.schedule ?? true,
    supervise: true,
  } as ConstructorParameters<typeof PgBoss>[0]);
  boss.on('error', (error) => logger?.error({ err: error }, 'job queue error'));
  await boss.start();
  databases.set(boss, database);
  return boss;
}

/** Creates the queues and starts one worker per queue. */
export async function startWorkers(boss: JobQueue, workers: JobWorker[], logger?: Logger): Promise<void> {
  for (const worker of workers) {
    await boss.createQueue(worker.queue);
    if (worker.cron) await boss.schedule(worker.queue, worker.cron);
    const database = databases.get(boss) as Database;
    await boss.work<object>(
      worker.queue,
      { pollingIntervalSeconds: worker.pollingIntervalSeconds ?? 1 },
      async (jobs) => {
        for (const job of jobs) {
          logger?.info({ queue: worker.queue, jobId: job.id }, 'job started');
          await worker.handle(job.data, { id: job.id, database });
        }
      },
    );
  }
}
