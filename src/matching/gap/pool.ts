import { ThreadPool } from '../../shared/thread-pool';
import type { GapWorkerMessage, GapWorkerRequest } from './worker-protocol';

/** GAP solver threads (`worker.ts`): each solve streams progress, then one result or error. */
export class GapWorkerPool {
  private readonly threads = new ThreadPool<GapWorkerMessage>(
    new URL('./worker.ts', import.meta.url),
    (id, error) => ({ id, type: 'error', message: error.message }),
  );

  /** Runs one request on a free thread; `listener` sees every message; resolves after the last. */
  run(request: GapWorkerRequest, listener: (message: GapWorkerMessage) => void): Promise<void> {
    return this.threads.run(request, (message) => {
      listener(message);
      return message.type !== 'progress';
    });
  }

  /** Stops every thread of the pool. */
  close(): Promise<void> {
    return this.threads.close();
  }
}

let shared: GapWorkerPool | undefined;

/** The process-wide pool of GAP solver threads. */
export function gapWorkerPool(): GapWorkerPool {
  shared ??= new GapWorkerPool();
  return shared;
}
