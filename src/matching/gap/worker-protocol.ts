import type { HighsGapResult } from './highs-solve';
import type { GapInstance } from './instance';
import type { GapSolution } from './solve';

/**
 * Work handed to a solver thread. The deadline is absolute (Date.now() milliseconds) so that time
 * spent reaching the thread counts against the caller's limit; `stop` is a shared one-cell flag the
 * caller sets to 1 to end the work early.
 */
export type GapWorkerRequest =
  | { kind: 'heuristic'; instance: GapInstance; deadlineEpochMs: number; seed: number; stop: Int32Array }
  | {
      kind: 'highs';
      instance: GapInstance;
      deadlineEpochMs: number;
      stop: Int32Array;
      /** Seconds of heuristic search first, whose plan becomes HiGHS's starting solution (default 0). */
      warmStartSeconds?: number;
    };

/** A request as posted to a thread, tagged so its answers can be told apart. */
export type GapWorkerEnvelope = GapWorkerRequest & { id: number };

/** Messages a solver thread sends back; the last one for a request is `*-done` or `error`. */
export type GapWorkerMessage = { id: number } & (
  | { type: 'progress'; objective: number; bound: number; assignment?: Int32Array }
  | { type: 'heuristic-done'; solution: GapSolution }
  | { type: 'highs-done'; result: HighsGapResult }
  | { type: 'error'; message: string }
);
