import { ThreadPool } from '../shared/thread-pool';
import type { SparseAnswer, SparseRunner } from './sparse-solve';

type Reply = { id: number; answer?: SparseAnswer; error?: string };

/** Threads for the sparse solver (`sparse-worker.ts`), kept between slices and proposals. */
export class SparseWorkerPool {
  private readonly threads = new ThreadPool<Reply>(
    new URL('./sparse-worker.ts', import.meta.url),
    (id, error) => ({ id, error: error.message }),
  );

  readonly run: SparseRunner = (slice, seconds) =>
    new Promise<SparseAnswer>((resolve, reject) => {
      const request = { slice, seconds, deadlineEpochMs: Date.now() + seconds * 1000 };
      void this.threads.run(request, (reply) => {
        if (reply.answer) resolve(reply.answer);
        else reject(new Error(`sparse solver thread: ${reply.error ?? 'no answer'}`));
        return true;
      });
    });

  close(): Promise<void> {
    return this.threads.close();
  }
}

let shared: SparseWorkerPool | undefined;

/** The process-wide sparse-solver threads. */
export function sparseWorkerPool(): SparseWorkerPool {
  shared ??= new SparseWorkerPool();
  return shared;
}
