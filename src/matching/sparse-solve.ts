import { lagrangeStart, lagrangeStep } from './lagrange';
import type { SpecialtyModel } from './model';
import { planFromPrices, polish, SparsePlan } from './sparse-search';
import { sparseSlice } from './sparse-slice';

export type SparseSolution = {
  /** Agent slot of each need slot (the unserved agent, last, for needs left out). */
  assignment: number[];
  /** Proven lower bound on the slice's cost (tenths, negated value): an integer. */
  bound: number;
  /** Must-serve or pinned needs the plan could not serve. */
  missingServeOnly: number;
  seconds: number;
};

/**
 * Solves one specialty's GAP on its allowed pairs only (no m × n tables): subgradient
 * optimisation of the Lagrangian bound, and every few steps a plan from its prices, polished by
 * local search; the best plan and the lowest bound win. Stops at the time limit or when the
 * plan meets the bound. Meant for large, sparse slices, where the dense engine spends its time
 * on pairs that cannot happen.
 */
export function solveSparse(s: SpecialtyModel, timeLimitSeconds: number): SparseSolution {
  const started = performance.now();
  const deadline = started + timeLimitSeconds * 1000;
  const slice = sparseSlice(s);
  const state = lagrangeStart(slice);
  const best = new SparsePlan(slice);
  const trial = new SparsePlan(slice);
  let bestValue = Number.NEGATIVE_INFINITY;
  for (let round = 0; round === 0 || performance.now() < deadline; round++) {
    lagrangeStep(slice, state, Math.max(0, bestValue));
    // Plans from early prices are poor and costly to polish; from then on, every 25 steps.
    if (round % 25 !== 5) continue;
    trial.pairOf.fill(-1);
    trial.load.fill(0);
    trial.score = 0;
    planFromPrices(slice, state, trial);
    polish(trial, deadline);
    if (trial.score > best.score || bestValue === Number.NEGATIVE_INFINITY) {
      best.copyFrom(trial);
      bestValue = best.value();
    }
    if (best.missingServeOnly() === 0 && bestValue >= state.bound) break;
  }
  if (bestValue === Number.NEGATIVE_INFINITY) {
    planFromPrices(slice, state, best);
    polish(best, Number.POSITIVE_INFINITY);
  }
  const unserved = s.instance.agents - 1;
  const assignment = Array.from(best.pairOf, (k) => (k < 0 ? unserved : (slice.agent[k] as number)));
  return {
    assignment,
    bound: -state.bound,
    missingServeOnly: best.missingServeOnly(),
    seconds: (performance.now() - started) / 1000,
  };
}
