import type { GapInstance } from './gap/instance';
import type { GapProgress, GapSolution } from './gap/solve';
import { COST_SCALE, type MatchingModel, type SpecialtyModel } from './model';
import { isLarge, lanes, type SliceAnswer, sliceSize, solveLargeSlice, solveSmallSlice } from './slices';
import { type SparseRunner, sparseInThread } from './sparse-solve';

/**
 * Any GAP solver with the engine's contract (solveGap on this thread, or solveGapInWorker), and
 * optionally where large slices' sparse solves run: `lanes` of them at a time (default: one at
 * a time on this thread).
 */
export type GapSolver = ((
  instance: GapInstance,
  options: { timeLimitSeconds: number; seed?: number; onProgress?: (p: GapProgress) => void },
) => Promise<GapSolution>) & { sparse?: { run: SparseRunner; lanes: number } };

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

/**
 * Solves the model: each specialty's GAP within a share of the time limit (in proportion to its
 * allowed pairs), then sums the plans' values and the lower bounds on cost (a sum of valid bounds
 * of independent subproblems is a valid bound of the whole). Small slices go to the GAP engine
 * one after another (it runs two threads, and its HiGHS thread proves them optimal); then the
 * large ones, where under 2 % of the engine's m × n cells are allowed pairs, go to the sparse
 * solver (`sparse-solve.ts`), in parallel lanes when the solver has threads for them. When
 * must-serve needs of a specialty cannot all fit, it is solved again without the rule, with a
 * warning.
 */
export async function solveMatching(
  model: MatchingModel,
  solve: GapSolver,
  onProgress?: PlanProgress,
): Promise<MatchingPlan> {
  const started = performance.now();
  const deadline = started + model.rules.timeLimitSeconds * 1000;
  const sum = new PlanSum(model);
  const total = model.specialties.reduce((t, s) => t + sliceSize(s), 0) || 1;
  const small = model.specialties.filter((s) => !isLarge(s)).sort((a, b) => sliceSize(b) - sliceSize(a));
  const large = model.specialties.filter(isLarge);
  const sparse = solve.sparse ?? { run: sparseInThread, lanes: 1 };
  const laneList = lanes(large, sparse.lanes);
  // Wall-clock work left: the large slices' lanes run side by side.
  let wall = small.reduce((t, s) => t + sliceSize(s), 0) + Math.max(0, ...laneList.map(laneSize));
  let done = 0;
  const finished = (s: SpecialtyModel, answer: SliceAnswer) => {
    sum.add(s, answer);
    done += sliceSize(s);
    onProgress?.(done / total);
  };
  const share = (size: number, left: number) =>
    Math.max(0.5, ((deadline - performance.now()) / 1000) * (size / Math.max(left, 1)));
  for (const s of small) {
    const seconds = share(sliceSize(s), wall);
    wall -= sliceSize(s);
    const report = (p: GapProgress) =>
      onProgress?.(Math.min(1, (done + sliceSize(s) * Math.min(1, p.seconds / seconds)) / total));
    finished(s, await solveSmallSlice(s, solve, seconds, report));
  }
  await Promise.all(
    laneList.map(async (lane) => {
      let left = laneSize(lane);
      for (const s of lane) {
        const seconds = share(sliceSize(s), left);
        left -= sliceSize(s);
        finished(s, await solveLargeSlice(s, sparse.run, seconds));
      }
    }),
  );
  return sum.plan(started);
}

const laneSize = (lane: SpecialtyModel[]) => lane.reduce((t, s) => t + sliceSize(s), 0);

/** The whole plan, one slice's answer at a time. */
class PlanSum {
  private readonly assignment: (number | null)[];
  private readonly warnings: string[];
  private readonly results: SpecialtyResult[] = [];
  private cost = 0;
  private bound = 0;

  constructor(model: MatchingModel) {
    this.assignment = model.input.needs.map(() => null);
    this.warnings = [...model.warnings];
  }

  add(s: SpecialtyModel, answer: SliceAnswer): void {
    if (answer.status === 'relaxed')
      this.warnings.push(
        `must-serve needs of ${s.specialtyCode} do not all fit the experts' days; some are left out`,
      );
    const { instance } = answer;
    const plan = fillSpareCapacity({ ...s, instance }, answer.plan);
    const cost = subCost({ ...s, instance }, plan);
    // The relaxed instance's bound is the bound of the problem actually solved.
    const bound = Math.min(answer.bound, cost);
    this.cost += cost;
    this.bound += bound;
    plan.forEach((a, b) => {
      if (a < instance.agents - 1) this.assignment[s.needs[b] as number] = s.experts[a] as number;
    });
    this.results.push({
      specialtyCode: s.specialtyCode,
      experts: s.experts.length,
      needs: s.needs.length,
      status: answer.status === 'feasible' && bound >= cost ? 'optimal' : answer.status,
      objective: -cost / COST_SCALE,
      bound: -bound / COST_SCALE,
      seconds: answer.seconds,
    });
  }

  plan(started: number): MatchingPlan {
    const objective = -this.cost / COST_SCALE;
    const bound = -this.bound / COST_SCALE;
    return {
      assignment: this.assignment,
      objective,
      bound,
      gap: matchingGap(objective, bound),
      specialties: this.results.sort((a, b) => a.specialtyCode.localeCompare(b.specialtyCode)),
      warnings: this.warnings,
      seconds: (performance.now() - started) / 1000,
    };
  }
}

/** Relative gap between a plan's value and its upper bound. */
export const matchingGap = (objective: number, bound: number) =>
  bound === objective ? 0 : (bound - objective) / Math.max(Math.abs(bound), 1e-9);
