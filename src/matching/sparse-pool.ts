import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SparseAnswer, SparseRunner } from './sparse-solve';

// As in gap/pool.ts: Node 20 does not hand the parent's loader hooks to worker threads, so a
// thread first registers tsx and then imports the TypeScript entry point.
const tsxApi = pathToFileURL(
  createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs'),
).href;
const entry = new URL('./sparse-worker.ts', import.meta.url).href;
const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;

type Reply = { id: number; answer?: SparseAnswer; error?: string };
type Pending = { resolve: (a: SparseAnswer) => void; reject: (e: Error) => void };

/**
 * Threads for the sparse solver, kept between slices and proposals so that loading tsx is paid
 * once; idle threads do not keep the process alive. One slice per thread at a time.
 */
export class SparseWorkerPool {
  private idle: Worker[] = [];
  private pending = new Map<number, Pending>();
  private current = new Map<Worker, number>();
  private nextId = 1;

  constructor(private readonly keepIdle = 2) {}

  readonly run: SparseRunner = (slice, seconds) => {
    const worker = this.idle.pop() ?? this.spawn();
    worker.ref();
    const id = this.nextId++;
    this.current.set(worker, id);
    return new Promise<SparseAnswer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, slice, seconds, deadlineEpochMs: Date.now() + seconds * 1000 });
    });
  };

  async close(): Promise<void> {
    const workers = this.idle;
    this.idle = [];
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private spawn(): Worker {
    const worker = new Worker(bootstrap, { eval: true });
    worker.on('message', (reply: Reply) => {
      const p = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      this.current.delete(worker);
      this.release(worker);
      if (reply.answer) p?.resolve(reply.answer);
      else p?.reject(new Error(`sparse solver thread: ${reply.error ?? 'no answer'}`));
    });
    worker.on('error', (error) => {
      // A crashed thread fails its slices and is never reused.
      this.idle = this.idle.filter((w) => w !== worker);
      const id = this.current.get(worker);
      this.current.delete(worker);
      if (id !== undefined) {
        this.pending.get(id)?.reject(error);
        this.pending.delete(id);
      }
      void worker.terminate();
    });
    return worker;
  }

  private release(worker: Worker): void {
    if (this.idle.length >= this.keepIdle) {
      void worker.terminate();
      return;
    }
    worker.unref();
    this.idle.push(worker);
  }
}

let shared: SparseWorkerPool | undefined;

/** The process-wide sparse-solver threads. */
export function sparseWorkerPool(): SparseWorkerPool {
  shared ??= new SparseWorkerPool();
  return shared;
}
