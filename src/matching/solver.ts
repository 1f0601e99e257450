import { solveGapInWorker } from './gap/solve-in-worker';
import type { GapSolver } from './plan';

/**
 * The solver used by the job, the CLI and the benchmark: the GAP engine on worker threads (off
 * the event loop), two threads per subproblem. Small subproblems also get a HiGHS thread that
 * proves them optimal; on large ones both threads run tabu search (HiGHS on a 100k-column
 * model costs memory and rarely finishes inside the budget).
 */
export const workerSolver: GapSolver = (instance, options) =>
  solveGapInWorker(instance, {
    ...options,
    threads: 2,
    exact: instance.agents * instance.jobs <= 20_000 ? 'auto' : 'never',
  });
