// Entry point of a solver thread (see pool.ts): runs each request it is sent and posts the outcome.
import { parentPort } from 'node:worker_threads';
import { solveGapWithHighs } from './highs-solve';
import { solveGap } from './solve';
import type { GapWorkerEnvelope, GapWorkerMessage } from './worker-protocol';

const post = (message: GapWorkerMessage) => parentPort?.postMessage(message);

async function run(request: GapWorkerEnvelope): Promise<void> {
  const { id, stop } = request;
  const remaining = () => Math.max(0.01, (request.deadlineEpochMs - Date.now()) / 1000);
  const shouldStop = () => Atomics.load(stop, 0) !== 0 || Date.now() >= request.deadlineEpochMs + 100;
  switch (request.kind) {
    case 'heuristic': {
      const solution = solveGap(request.instance, {
        timeLimitSeconds: remaining(),
        seed: request.seed,
        shouldStop,
        onProgress: (p) =>
          post({ id, type: 'progress', objective: p.objective, bound: p.bound, assignment: p.assignment }),
      });
      post({ id, type: 'heuristic-done', solution });
      return;
    }
    case 'highs': {
      post({
        id,
        type: 'highs-done',
        result: await solveGapWithHighs(request.instance, remaining(), shouldStop),
      });
      return;
    }
  }
}

parentPort?.on('message', (request: GapWorkerEnvelope) => {
  run(request).catch((error: unknown) =>
    post({ id: request.id, type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
});
