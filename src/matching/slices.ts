import { assignmentCost, type GapInstance } from './gap/instance';
import type { GapProgress, GapSolution } from './gap/solve';
import type { SpecialtyModel } from './model';
import type { GapSolver, SpecialtyResult } from './plan';
import { sparseSlice } from './sparse-slice';
import { engineAssignment, type SparseRunner, solveSparse } from './sparse-solve';

/** Slices with more (expert, need) cells than this go to the sparse solver, the rest to the engine. */
export const SPARSE_FROM_CELLS = 20_000;

export const isLarge = (s: SpecialtyModel) => s.instance.agents * s.instance.jobs > SPARSE_FROM_CELLS;

/** Work grows with the pairs that can happen, not with the m × n cells: time is shared by this. */
export const sliceSize = (s: SpecialtyModel) => s.candidates.agent.length + s.instance.jobs;

/** A slice's plan (agent slot per need slot), its bound on cost and the instance it solves. */
export type SliceAnswer = {
  plan: number[];
  bound: number;
  status: SpecialtyResult['status'];
  instance: GapInstance;
  seconds: number;
};

/**
 * A large slice on its allowed pairs only. Its Lagrangian bound ignores the must-serve rules, so
 * it bounds the slice with or without them; a plan missing a must-serve need is reported as
 * relaxed, like the engine's.
 */
export async function solveLargeSlice(
  s: SpecialtyModel,
  run: SparseRunner,
  seconds: number,
): Promise<SliceAnswer> {
  const answer = await run(sparseSlice(s), seconds);
  const relaxed = answer.missingServeOnly > 0;
  return {
    plan: engineAssignment(s, answer),
    bound: answer.bound,
    status: relaxed ? 'relaxed' : 'feasible',
    instance: relaxed ? relaxMustServe(s) : s.instance,
    seconds: answer.seconds,
  };
}

/** A small slice on the GAP engine, whose HiGHS thread usually proves it optimal. */
export async function solveSmallSlice(
  s: SpecialtyModel,
  solve: GapSolver,
  seconds: number,
  report: (p: GapProgress) => void,
): Promise<SliceAnswer> {
  let solution = await solve(s.instance, { timeLimitSeconds: seconds, seed: 1, onProgress: report });
  if (!solution.feasible && solution.status === 'unknown') {
    // No plan found within a short slice (worker start-up can eat most of it on a busy machine):
    // try once more with a longer one before giving up on the pins and must-serve needs.
    solution = await solve(s.instance, {
      timeLimitSeconds: Math.max(2, seconds),
      seed: 2,
      onProgress: report,
    });
  }
  if (solution.feasible && solution.status !== 'optimal') return secondOpinion(s, solution, seconds);
  if (solution.feasible) return engineAnswer(solution, s.instance, solution.status);
  if (solution.status !== 'infeasible') {
    // The engine found no plan keeping every pin and must-serve need in its time: the sparse
    // solver, which serves those first, often does; only then give up on them.
    const sparse = solveSparse(s, Math.max(0.5, seconds / 2));
    if (sparse.missingServeOnly === 0) {
      const engineBound = Number.isFinite(solution.bound) ? solution.bound : Number.NEGATIVE_INFINITY;
      return {
        plan: sparse.assignment,
        bound: Math.max(sparse.bound, engineBound),
        status: 'feasible',
        instance: s.instance,
        seconds: solution.seconds + sparse.seconds,
      };
    }
  }
  // Must-serve needs that cannot all fit: serve what fits and say so.
  const instance = relaxMustServe(s);
  solution = await solve(instance, { timeLimitSeconds: Math.max(0.5, seconds / 2), seed: 1 });
  return engineAnswer(solution, instance, 'relaxed');
}

const engineAnswer = (
  solution: GapSolution,
  instance: GapInstance,
  status: SliceAnswer['status'],
): SliceAnswer => ({
  plan: solution.assignment,
  bound: solution.bound,
  status,
  instance,
  seconds: solution.seconds,
});

/**
 * A short sparse solve after an engine answer it did not prove optimal: on a busy machine the
 * engine's HiGHS thread may not finish, and the sparse Lagrangian bound (valid with or without
 * must-serve rules) and plan are cheap at this size. The better plan and the tighter bound win.
 */
function secondOpinion(s: SpecialtyModel, solution: GapSolution, seconds: number): SliceAnswer {
  const sparse = solveSparse(s, Math.min(1, seconds / 4));
  const better =
    sparse.missingServeOnly === 0 && assignmentCost(s.instance, sparse.assignment) < solution.objective;
  return {
    plan: better ? sparse.assignment : solution.assignment,
    bound: Math.max(solution.bound, sparse.bound),
    status: solution.status,
    instance: s.instance,
    seconds: solution.seconds + sparse.seconds,
  };
}

/** Deals slices out to `count` lanes, largest first to the least loaded lane (LPT). */
export function lanes(slices: SpecialtyModel[], count: number): SpecialtyModel[][] {
  const out = Array.from({ length: Math.max(1, count) }, () => ({ load: 0, slices: [] as SpecialtyModel[] }));
  for (const s of [...slices].sort((a, b) => sliceSize(b) - sliceSize(a))) {
    const lane = out.reduce((x, y) => (y.load < x.load ? y : x));
    lane.slices.push(s);
    lane.load += sliceSize(s);
  }
  return out.map((l) => l.slices).filter((l) => l.length > 0);
}

function relaxMustServe(s: SpecialtyModel): GapInstance {
  const { agents: m, jobs: n } = s.instance;
  const weight = Float64Array.from(s.instance.weight);
  // The unserved agent opens to every need again (pinned ones too: pins may overfill an expert).
  // A copy: the model itself (its weights and `allowed` flags) keeps the rules as the commander set them.
  for (let b = 0; b < n; b++) weight[(m - 1) * n + b] = 1;
  return { ...s.instance, weight };
}
