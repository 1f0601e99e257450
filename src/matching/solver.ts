import { solveGapInWorker } from './gap/solve-in-worker';
import type { GapSolver } from './plan';
import { sparseWorkerPool } from './sparse-pool';

/**
 * The solver used by the job, the CLI and the benchmark: the GAP engine on worker threads (off
 * the event loop), two threads per subproblem. Small subproblems also get a HiGHS thread that
 * proves them optimal. Large, sparse subproblems go to the sparse solver, two at a time on their
 * own threads (one per core of the 2-core target machine).
 */
export const workerSolver: GapSolver = Object.assign(
  (...[instance, options]: Parameters<GapSolver>) =>
    solveGapInWorker(instance, {
      ...options,
      threads: 2,
      exact: instance.agents * instance.jobs <= 20_000 ? 'auto' : 'never',
    }),
  { sparse: { run: sparseWorkerPool().run, lanes: 2 } },
);
