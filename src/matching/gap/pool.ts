import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { GapWorkerMessage, GapWorkerRequest } from './worker-protocol';

// Node 20 does not hand the parent's loader hooks to worker threads, so a thread first registers
// tsx (our TypeScript runtime) and then imports the TypeScript entry point. require() resolution
// names tsx's CommonJS build; its ES module build sits beside it.
const tsxApi = pathToFileURL(
  createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs'),
).href;
const entry = new URL('./worker.ts', import.meta.url).href;
const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;

type Listener = (message: GapWorkerMessage) => void;

/**
 * Long-lived solver threads, so that starting a thread (loading tsx, compiling HiGHS) is paid once
 * per process rather than once per solve. Idle threads do not keep the process alive.
 */
export class GapWorkerPool {
  private idle: Worker[] = [];
  private nextId = 1;
  private listeners = new Map<number, Listener>();
  private current = new Map<Worker, number>();

  constructor(private readonly keepIdle = 2) {}

  /** Runs one request on a free thread; `listener` sees every message; resolves after the last. */
  run(request: GapWorkerRequest, listener: Listener): Promise<void> {
    const worker = this.idle.pop() ?? this.spawn();
    worker.ref();
    const id = this.nextId++;
    this.current.set(worker, id);
    return new Promise<void>((resolve) => {
      this.listeners.set(id, (message) => {
        listener(message);
        if (message.type === 'progress') return;
        this.listeners.delete(id);
        this.current.delete(worker);
        this.release(worker);
        resolve();
      });
      worker.postMessage({ ...request, id });
    });
  }

  /** Stops every thread of the pool. */
  async close(): Promise<void> {
    const workers = this.idle;
    this.idle = [];
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private spawn(): Worker {
    const worker = new Worker(bootstrap, { eval: true });
    worker.on('message', (message: GapWorkerMessage) => this.listeners.get(message.id)?.(message));
    worker.on('error', (error) => {
      // A crashed thread fails whatever it was running; it is never reused.
      this.idle = this.idle.filter((w) => w !== worker);
      const id = this.current.get(worker);
      this.current.delete(worker);
      if (id !== undefined) this.listeners.get(id)?.({ id, type: 'error', message: error.message });
      void worker.terminate();
    });
    return worker;
  }

  private release(worker: Worker): void {
    if (worker.threadId < 0) return;
    if (this.idle.length >= this.keepIdle) {
      void worker.terminate();
      return;
    }
    worker.unref();
    this.idle.push(worker);
  }
}

let shared: GapWorkerPool | undefined;

/** The process-wide pool of GAP solver threads. */
export function gapWorkerPool(): GapWorkerPool {
  shared ??= new GapWorkerPool();
  return shared;
}
