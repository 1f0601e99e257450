import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/support/database';
import type { Database } from '../db/database';
import { migrate } from '../db/migrate';
import { type JobQueue, startJobQueue, startWorkers } from './queue';

let database: Database;
let boss: JobQueue;
beforeAll(async () => {
  database = await freshDatabase();
  await migrate(database);
  boss = await startJobQueue(database, undefined, { schedule: false });
});
afterAll(async () => {
  await boss.stop({ graceful: false, wait: true } as never);
  await database.close();
});

describe('job queue (pg-boss on the platform database)', () => {
  it('runs a job once and keeps its output', async () => {
    const seen: unknown[] = [];
    await startWorkers(boss, [
      {
        queue: 'test-echo',
        pollingIntervalSeconds: 0.5,
        handle: async (data) => {
          seen.push(data);
          return { echoed: data };
        },
      },
    ]);
    const id = await boss.send('test-echo', { hello: '世界' });
    for (let i = 0; i < 40 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 250));
    expect(seen).toEqual([{ hello: '世界' }]);
    for (let i = 0; i < 20; i++) {
      const job = await boss.getJobById('test-echo', id!);
      if (job?.state === 'completed') break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const job = await boss.getJobById('test-echo', id!);
    expect(job?.state).toBe('completed');
  });
});
