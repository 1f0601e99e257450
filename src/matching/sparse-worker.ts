// Entry point of a sparse-solver thread (see sparse-pool.ts): solves each slice it is sent.
import { parentPort } from 'node:worker_threads';
import type { SparseSlice } from './sparse-slice';
import { solveSparseSlice } from './sparse-solve';

export type SparseRequest = { id: number; slice: SparseSlice; seconds: number; deadlineEpochMs: number };

parentPort?.on('message', (request: SparseRequest) => {
  try {
    // The deadline is absolute, so time spent queued or starting the thread counts.
    const seconds = Math.max(0.05, Math.min(request.seconds, (request.deadlineEpochMs - Date.now()) / 1000));
    const answer = solveSparseSlice(request.slice, seconds);
    parentPort?.postMessage({ id: request.id, answer }, [answer.agentOf.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort?.postMessage({
      id: request.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
});
