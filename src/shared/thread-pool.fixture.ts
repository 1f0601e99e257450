// A thread for thread-pool.test.ts: echoes in two messages, or crashes when asked to.
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', (request: { id: number; text: string; crash?: boolean }) => {
  if (request.crash) throw new Error('asked to crash');
  parentPort?.postMessage({ id: request.id, text: `${request.text}…`, last: false });
  parentPort?.postMessage({ id: request.id, text: request.text.toUpperCase(), last: true });
});
