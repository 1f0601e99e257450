import type { GapInstance } from './gap/instance';
import type { GapProgress, GapSolution } from './gap/solve';
import { COST_SCALE, type MatchingModel, type SpecialtyModel } from './model';
import { solveSparse } from './sparse-solve';

/** Any GAP solver with the engine's contract (solveGap on this thread, or solveGapInWorker). */
export type GapSolver = (
  instance: GapInstance,
  options: { timeLimitSeconds: number; seed?: number; onProgress?: (p: GapProgress) => void },
) => Promise<GapSolution>;

export type SpecialtyResult = {
  specialtyCode: string;
  experts: number;
  needs: number;
  status: GapSolution['status'] | 'relaxed';
  /** Priority-weighted value served minus travel, and its proven upper bound. */
  objective: number;
  bound: number;
  seconds: number;
};

/** Expert (index of input.experts) chosen for each need (index of input.needs), or null. */
export type MatchingPlan = {
  assignment: (number | null)[];
  objective: number;
  bound: number;
  /** (bound − objective) / |bound|; 0 when both are 0. */
  gap: number;
  specialties: SpecialtyResult[];
  warnings: string[];
  seconds: number;
};

/** Fraction done (0–1) as the solves go, for the progress bar. */
export type PlanProgress = (fraction: number) => void;

/** Cost of an assignment within one subproblem (tenths, negated value). */
function subCost(s: SpecialtyModel, plan: ArrayLike<number>): number {
  const { jobs: n, cost } = s.instance;
  let total = 0;
  for (let b = 0; b < n; b++) total += cost[(plan[b] as number) * n + b] as number;
  return total;
}

/**
 * Gives unserved needs to an allowed expert with room left when that adds value: a plan the
 * solver stopped early on may leave such needs, and after this pass "capacity spent" is true of
 * every need the plan leaves out for lack of room.
 */
export function fillSpareCapacity(s: SpecialtyModel, plan: number[]): number[] {
  const { agents: m, jobs: n, cost, weight, capacity } = s.instance;
  const { start, agent } = s.candidates;
  const out = plan.slice();
  const load = new Float64Array(m);
  for (let b = 0; b < n; b++) load[out[b] as number]! += weight[(out[b] as number) * n + b] as number;
  const least = Float64Array.from({ length: n }, (_, b) => minCost(s, b));
  const order = [...Array(n).keys()].sort((x, y) => (least[x] as number) - (least[y] as number));
  for (const b of order) {
    if (out[b] !== m - 1) continue;
    let best = -1;
    for (let k = start[b] as number; k < (start[b + 1] as number); k++) {
      const a = agent[k] as number;
      const c = a * n + b;
      if ((cost[c] as number) >= 0) continue;
      if ((load[a] as number) + (weight[c] as number) > (capacity[a] as number) + 1e-9) continue;
      if (best < 0 || (cost[c] as number) < (cost[best * n + b] as number)) best = a;
    }
    if (best >= 0) {
      out[b] = best;
      load[best]! += weight[best * n + b] as number;
      load[m - 1]! -= 1;
    }
  }
  return out;
}

/** The cheapest allowed cost of need slot b (0: the unserved agent). */
function minCost(s: SpecialtyModel, b: number): number {
  const { jobs: n, cost } = s.instance;
  const { start, agent } = s.candidates;
  let best = 0;
  for (let k = start[b] as number; k < (start[b + 1] as number); k++)
    best = Math.min(best, cost[(agent[k] as number) * n + b] as number);
  return best;
}

/** Slices with more (expert, need) cells than this go to the sparse solver, the rest to the engine. */
export const SPARSE_FROM_CELLS = 20_000;

type SliceAnswer = {
  plan: number[];
  bound: number;
  status: SpecialtyResult['status'];
  instance: GapInstance;
  seconds: number;
};

/**
 * Solves the model: each specialty's GAP in turn within a share of the time limit (in proportion
 * to its allowed pairs), then sums the plans' values and the lower bounds on cost (a sum of valid
 * bounds of independent subproblems is a valid bound of the whole). Small slices go to the GAP
 * engine (whose HiGHS thread proves them optimal); large ones, where under 2 % of the engine's
 * m × n cells are allowed pairs, to the sparse solver (`sparse-solve.ts`). When must-serve needs
 * of a specialty cannot all fit, that specialty is solved again without the rule, with a warning.
 */
export async function solveMatching(
  model: MatchingModel,
  solve: GapSolver,
  onProgress?: PlanProgress,
): Promise<MatchingPlan> {
  const started = performance.now();
  const assignment: (number | null)[] = model.input.needs.map(() => null);
  const warnings = [...model.warnings];
  const results: SpecialtyResult[] = [];
  // Work grows with the pairs that can happen, not with the m × n cells.
  const size = (s: SpecialtyModel) => s.candidates.agent.length + s.instance.jobs;
  const order = [...model.specialties].sort((a, b) => size(b) - size(a));
  const total = order.reduce((sum, s) => sum + size(s), 0) || 1;
  const deadline = started + model.rules.timeLimitSeconds * 1000;
  let remaining = total;
  let done = 0;
  let totalCost = 0;
  let totalBound = 0;
  for (const s of order) {
    const share = size(s) / remaining;
    const seconds = Math.max(0.5, ((deadline - performance.now()) / 1000) * share);
    remaining -= size(s);
    const report = (p: GapProgress) =>
      onProgress?.(Math.min(1, (done + size(s) * Math.min(1, p.seconds / seconds)) / total));
    const answer = isLarge(s)
      ? solveLargeSlice(s, seconds)
      : await solveSmallSlice(s, solve, seconds, report);
    if (answer.status === 'relaxed')
      warnings.push(
        `must-serve needs of ${s.specialtyCode} do not all fit the experts' days; some are left out`,
      );
    const { instance } = answer;
    const plan = fillSpareCapacity({ ...s, instance }, answer.plan);
    const cost = subCost({ ...s, instance }, plan);
    // The relaxed instance's bound is the bound of the problem actually solved.
    const bound = Math.min(answer.bound, cost);
    totalCost += cost;
    totalBound += bound;
    plan.forEach((a, b) => {
      if (a < instance.agents - 1) assignment[s.needs[b] as number] = s.experts[a] as number;
    });
    results.push({
      specialtyCode: s.specialtyCode,
      experts: s.experts.length,
      needs: s.needs.length,
      status: answer.status === 'feasible' && bound >= cost ? 'optimal' : answer.status,
      objective: -cost / COST_SCALE,
      bound: -bound / COST_SCALE,
      seconds: answer.seconds,
    });
    done += size(s);
    onProgress?.(done / total);
  }
  const objective = -totalCost / COST_SCALE;
  const bound = -totalBound / COST_SCALE;
  return {
    assignment,
    objective,
    bound,
    gap: matchingGap(objective, bound),
    specialties: results.sort((a, b) => a.specialtyCode.localeCompare(b.specialtyCode)),
    warnings,
    seconds: (performance.now() - started) / 1000,
  };
}

const isLarge = (s: SpecialtyModel) => s.instance.agents * s.instance.jobs > SPARSE_FROM_CELLS;

/**
 * A large slice on its allowed pairs only. Its Lagrangian bound ignores the must-serve rules, so
 * it bounds the slice with or without them; a plan missing a must-serve need is reported as
 * relaxed, like the engine's.
 */
function solveLargeSlice(s: SpecialtyModel, seconds: number): SliceAnswer {
  const r = solveSparse(s, seconds);
  const relaxed = r.missingServeOnly > 0;
  return {
    plan: r.assignment,
    bound: r.bound,
    status: relaxed ? 'relaxed' : 'feasible',
    instance: relaxed ? relaxMustServe(s) : s.instance,
    seconds: r.seconds,
  };
}

async function solveSmallSlice(
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
  if (solution.feasible)
    return {
      plan: solution.assignment,
      bound: solution.bound,
      status: solution.status,
      instance: s.instance,
      seconds: solution.seconds,
    };
  // Must-serve needs that cannot all fit: serve what fits and say so.
  const instance = relaxMustServe(s);
  solution = await solve(instance, { timeLimitSeconds: Math.max(0.5, seconds / 2), seed: 1 });
  return {
    plan: solution.assignment,
    bound: solution.bound,
    status: 'relaxed',
    instance,
    seconds: solution.seconds,
  };
}

/** Relative gap between a plan's value and its upper bound. */
export const matchingGap = (objective: number, bound: number) =>
  bound === objective ? 0 : (bound - objective) / Math.max(Math.abs(bound), 1e-9);

function relaxMustServe(s: SpecialtyModel): GapInstance {
  const { agents: m, jobs: n } = s.instance;
  const weight = Float64Array.from(s.instance.weight);
  for (let b = 0; b < n; b++) {
    // The unserved agent opens to every need again (pinned ones too: pins may overfill an expert).
    weight[(m - 1) * n + b] = 1;
    s.allowed[(m - 1) * n + b] = 1;
  }
  return { ...s.instance, weight };
}
