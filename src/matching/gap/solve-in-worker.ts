import { greedyAssignment } from './construct';
import type { HighsGapResult } from './highs-solve';
import type { GapInstance } from './instance';
import { type GapWorkerPool, gapWorkerPool } from './pool';
import { finishSolution, type GapSolution, type GapSolveOptions } from './solve';
import type { GapWorkerMessage, GapWorkerRequest } from './worker-protocol';

export interface GapWorkerOptions extends Omit<GapSolveOptions, 'shouldStop'> {
  /** Solver threads to run side by side (default 2). */
  threads?: number;
  /** Give one thread to a HiGHS MIP solve started from our plan: 'auto' does so when threads >= 2 and the instance is not large (default). */
  exact?: 'auto' | 'always' | 'never';
  /** Threads to run on (default: the process-wide pool). */
  pool?: GapWorkerPool;
}

// Beyond this many variables HiGHS spends the time limit reading, presolving and in its root LP
// (parts it cannot be interrupted in), so a second tabu-search thread does better.
const hasModestSize = (instance: GapInstance) => instance.agents * instance.jobs <= 10_000;

/**
 * Solves a GAP instance off the main thread: a tabu-search thread, plus a thread that runs a short
 * tabu search and then HiGHS from its plan to improve it and prove bounds; stops early once a plan
 * meets the bound.
 */
export async function solveGapInWorker(
  instance: GapInstance,
  options: GapWorkerOptions,
): Promise<GapSolution> {
  const started = performance.now();
  const pool = options.pool ?? gapWorkerPool();
  const threads = Math.max(1, options.threads ?? 2);
  const exact = options.exact ?? 'auto';
  // HiGHS, started from our plan, proves small instances optimal and its LP-guided heuristics
  // (RINS, RENS) often improve the plan of larger ones, so with two threads one goes to it.
  const useHighs = exact === 'always' || (exact === 'auto' && threads >= 2 && hasModestSize(instance));
  const integralCosts = instance.cost.every(Number.isInteger);
  const seed = options.seed ?? 1;
  // Leave a little time to gather the answers from the threads.
  const deadlineEpochMs =
    Date.now() + options.timeLimitSeconds * 1000 - Math.min(100, options.timeLimitSeconds * 20);
  const stop = new Int32Array(new SharedArrayBuffer(4));
  const requests: GapWorkerRequest[] = [];
  for (let t = 0; t < threads - (useHighs ? 1 : 0); t++) {
    requests.push({ kind: 'heuristic', instance, deadlineEpochMs, seed: seed + t * 7919, stop });
  }
  if (useHighs) {
    requests.push({
      kind: 'highs',
      instance,
      deadlineEpochMs,
      stop,
      warmStartSeconds: Math.min(1, options.timeLimitSeconds * 0.1),
    });
  }

  let bestPlan: number[] | null = null;
  let bestObjective = Number.POSITIVE_INFINITY;
  let bestBound = Number.NEGATIVE_INFINITY;
  let fallback: GapSolution | null = null;
  let provenInfeasible = false;
  let lastError = '';
  const roundedBound = () => (integralCosts ? Math.ceil(bestBound - 1e-6) : bestBound);
  const offerPlan = (objective: number, plan: ArrayLike<number>) => {
    if (objective < bestObjective) {
      bestObjective = objective;
      bestPlan = Array.from(plan);
    }
  };
  const offerBound = (bound: number) => {
    if (bound > bestBound) bestBound = bound;
  };
  const takeHighs = (r: HighsGapResult) => {
    if (r.assignment && r.objective !== null) offerPlan(r.objective, r.assignment);
    if (r.status === 'infeasible') provenInfeasible = true;
    else if (r.status === 'optimal' && r.objective !== null) offerBound(r.objective);
    else if (Number.isFinite(r.bound)) offerBound(r.bound);
  };
  const onMessage = (message: GapWorkerMessage) => {
    switch (message.type) {
      case 'progress':
        offerBound(message.bound);
        if (message.assignment) offerPlan(message.objective, message.assignment);
        break;
      case 'heuristic-done': {
        const s = message.solution;
        if (s.feasible) offerPlan(s.objective, s.assignment);
        else fallback ??= s;
        if (s.status === 'infeasible') provenInfeasible = true;
        offerBound(s.bound);
        break;
      }
      case 'highs-done':
        takeHighs(message.result);
        break;
      case 'error':
        lastError = message.message;
        break;
    }
    if ((bestPlan && bestObjective <= roundedBound()) || provenInfeasible) {
      Atomics.store(stop, 0, 1);
      decided();
    } else
      options.onProgress?.({
        objective: bestObjective,
        bound: bestBound,
        seconds: (performance.now() - started) / 1000,
      });
  };
  // Once the answer is proven, threads still finishing (HiGHS cannot always be interrupted at
  // once) are left to wind down on their own.
  let decided = () => {};
  const proven = new Promise<void>((resolve) => {
    decided = resolve;
  });
  const finished = Promise.all(requests.map((request) => pool.run(request, onMessage)));
  // Threads slowed down (a busy machine, HiGHS deep in an LP) must not hold the answer past the limit.
  const overtime = setTimeout(
    () => {
      Atomics.store(stop, 0, 1);
      decided();
    },
    options.timeLimitSeconds * 1000 + 250,
  );
  await Promise.race([proven, finished]);
  clearTimeout(overtime);
  if (!bestPlan && !fallback && !provenInfeasible) await finished;
  if (bestPlan) return finishSolution(instance, bestPlan, true, roundedBound(), started);
  const none = fallback as GapSolution | null;
  if (none)
    return finishSolution(instance, none.assignment, false, roundedBound(), started, provenInfeasible);
  if (provenInfeasible) {
    // HiGHS proved it before a heuristic thread reported: show the greedy plan that overloads least.
    const plan = greedyAssignment(instance, new Float64Array(instance.agents));
    return finishSolution(instance, plan, false, roundedBound(), started, true);
  }
  throw new Error(`GAP solver threads stopped without an answer${lastError ? `: ${lastError}` : ''}`);
}
