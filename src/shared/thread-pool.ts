import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

// Node 20 does not hand the parent's loader hooks to worker threads, so a thread first registers
// tsx (our TypeScript runtime) and then imports the TypeScript entry point. require() resolution
// names tsx's CommonJS build; its ES module build sits beside it.
const tsxApi = pathToFileURL(
  createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs'),
).href;
const bootstrap = (entry: URL) =>
  `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;

/** Every message a thread sends names the request it answers. */
export type ThreadMessage = { id: number };

/**
 * Long-lived threads running one TypeScript entry point, one request per thread at a time, so
 * that starting a thread (loading tsx, compiling WASM) is paid once per process rather than once
 * per request. Idle threads beyond `keepIdle` are stopped; idle threads do not keep the process
 * alive. A thread that crashes is never reused, and its request gets the message `crashed` makes.
 */
export class ThreadPool<Message extends ThreadMessage> {
  private idle: Worker[] = [];
  private nextId = 1;
  private handlers = new Map<number, (message: Message) => void>();
  private current = new Map<Worker, number>();
  private crashedThreads = new WeakSet<Worker>();

  constructor(
    private readonly entry: URL,
    private readonly crashed: (id: number, error: Error) => Message,
    private readonly keepIdle = 2,
  ) {}

  /**
   * Posts `request` (with an `id`) to a free thread. `onMessage` sees each message for it and
   * answers whether it was the last; the promise resolves after the last.
   */
  run(request: object, onMessage: (message: Message) => boolean): Promise<void> {
    const worker = this.idle.pop() ?? this.spawn();
    worker.ref();
    const id = this.nextId++;
    this.current.set(worker, id);
    return new Promise<void>((resolve) => {
      this.handlers.set(id, (message) => {
        if (!onMessage(message)) return;
        this.handlers.delete(id);
        this.current.delete(worker);
        this.release(worker);
        resolve();
      });
      worker.postMessage({ ...request, id });
    });
  }

  /** Stops every idle thread of the pool. */
  async close(): Promise<void> {
    const workers = this.idle;
    this.idle = [];
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private spawn(): Worker {
    const worker = new Worker(bootstrap(this.entry), { eval: true });
    worker.on('message', (message: Message) => this.handlers.get(message.id)?.(message));
    worker.on('error', (error) => {
      // Marked first: answering the request below releases the thread, which must not reuse it.
      this.crashedThreads.add(worker);
      this.idle = this.idle.filter((w) => w !== worker);
      const id = this.current.get(worker);
      this.current.delete(worker);
      if (id !== undefined) this.handlers.get(id)?.(this.crashed(id, error));
      void worker.terminate();
    });
    return worker;
  }

  private release(worker: Worker): void {
    if (this.crashedThreads.has(worker)) return;
    if (this.idle.length >= this.keepIdle) {
      void worker.terminate();
      return;
    }
    worker.unref();
    this.idle.push(worker);
  }
}
