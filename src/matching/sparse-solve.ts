import { lagrangeStart, lagrangeStep } from './lagrange';
import type { SpecialtyModel } from './model';
import { planFromPrices, polish, SparsePlan } from './sparse-search';
import { type SparseSlice, sparseSlice } from './sparse-slice';

/** What the sparse solver returns for a slice (plain data: it crosses thread boundaries). */
export type SparseAnswer = {
  /** Expert slot serving each need slot, −1 for needs left out. */
  agentOf: Int32Array;
  /** Proven lower bound on the slice's cost (tenths, negated value): an integer. */
  bound: number;
  /** Must-serve or pinned needs the plan could not serve. */
  missingServeOnly: number;
  /** Subgradient steps taken (how far the bound got within the time). */
  steps: number;
  seconds: number;
};

/** Runs the sparse solver on a slice, on this thread or another one. */
export type SparseRunner = (slice: SparseSlice, timeLimitSeconds: number) => Promise<SparseAnswer>;

/**
 * Solves one specialty's GAP on its allowed pairs only (no m × n tables): subgradient
 * optimisation of the Lagrangian bound, and every 25 steps a plan from its prices, polished by
 * local search; the best plan and the lowest bound win. Stops at the time limit or when the
 * plan meets the bound. Meant for large, sparse slices, where the dense engine spends its time
 * on pairs that cannot happen.
 */
export function solveSparseSlice(slice: SparseSlice, timeLimitSeconds: number): SparseAnswer {
  const started = performance.now();
  const deadline = started + timeLimitSeconds * 1000;
  const state = lagrangeStart(slice);
  const best = new SparsePlan(slice);
  const trial = new SparsePlan(slice);
  // A greedy plan first: the subgradient steps need a target below the optimum from the start.
  planFromPrices(slice, state, best);
  let bestValue = best.value();
  let round = 0;
  for (; round === 0 || performance.now() < deadline; round++) {
    lagrangeStep(slice, state, Math.max(0, bestValue));
    // Plans from the first prices are poor and costly to polish; from then on, every 25 steps.
    if (round % 25 !== 5) continue;
    trial.pairOf.fill(-1);
    trial.load.fill(0);
    trial.score = 0;
    planFromPrices(slice, state, trial);
    polish(trial, deadline);
    if (trial.score > best.score) {
      best.copyFrom(trial);
      bestValue = best.value();
    }
    if (best.missingServeOnly() === 0 && bestValue >= state.bound) break;
  }
  return {
    agentOf: Int32Array.from(best.pairOf, (k) => (k < 0 ? -1 : (slice.agent[k] as number))),
    bound: -state.bound,
    missingServeOnly: best.missingServeOnly(),
    steps: round,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The sparse solver on this thread. */
export const sparseInThread: SparseRunner = async (slice, seconds) => solveSparseSlice(slice, seconds);

/** A slice's plan as the engine's assignment (the unserved agent, last, for needs left out). */
export function engineAssignment(s: SpecialtyModel, answer: SparseAnswer): number[] {
  const unserved = s.instance.agents - 1;
  return Array.from(answer.agentOf, (a) => (a < 0 ? unserved : a));
}

/** Builds the slice's lists and solves it on this thread. */
export function solveSparse(s: SpecialtyModel, timeLimitSeconds: number) {
  const answer = solveSparseSlice(sparseSlice(s), timeLimitSeconds);
  return { ...answer, assignment: engineAssignment(s, answer) };
}
