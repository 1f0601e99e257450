import { candidateAgents, greedyAssignment, uniformPrice } from './construct';
import { branchAndBound } from './exact';
import { agentLoads, assignmentCost, type GapInstance, isFeasibleAssignment } from './instance';
import { lagrangianDual } from './lagrangian';
import { seededRandom } from './random';
import { type TabuOptions, type TabuResult, tabuSearch } from './tabu';

/** How a solve ended. */
export type GapStatus = 'optimal' | 'feasible' | 'infeasible' | 'unknown';

/** A plan for a GAP instance with a proven lower bound on the best possible cost. */
export interface GapSolution {
  /** Cost of `assignment`. */
  objective: number;
  /** Valid lower bound on the optimum, never above `objective`. */
  bound: number;
  /** 0-based agent of each job. */
  assignment: number[];
  /** Wall-clock seconds spent. */
  seconds: number;
  /** Whether `assignment` respects every capacity. */
  feasible: boolean;
  /** `optimal` when objective = bound; `infeasible` when no plan can exist; `unknown` when none was found. */
  status: GapStatus;
}

/** Progress report: the best plan cost so far (Infinity before the first) and the bound. */
export interface GapProgress {
  objective: number;
  bound: number;
  seconds: number;
  assignment?: Int32Array;
}

export interface GapSolveOptions {
  timeLimitSeconds: number;
  seed?: number;
  onProgress?: (progress: GapProgress) => void;
  /** Polled while solving; returning true ends the solve with the best plan so far. */
  shouldStop?: () => boolean;
}

/** Instances with at most this many jobs also get the exact branch and bound. */
const smallJobs = 30;

/** Jobs that fit no agent at all make the instance infeasible outright. */
function jobWithoutAgent(instance: GapInstance): number {
  const { agents: m, jobs: n, weight, capacity } = instance;
  for (let j = 0; j < n; j++) {
    let fits = false;
    for (let i = 0; i < m && !fits; i++) fits = weight[i * n + j]! <= capacity[i]!;
    if (!fits) return j;
  }
  return -1;
}

/** Cost plus a heavy charge per unit of overload, to rank starting plans. */
function startQuality(instance: GapInstance, assignment: Int32Array): number {
  const load = agentLoads(instance, assignment);
  let over = 0;
  for (let i = 0; i < instance.agents; i++) over += Math.max(0, load[i]! - instance.capacity[i]!);
  let spread = 0;
  for (const c of instance.cost) spread = Math.max(spread, Math.abs(c));
  return assignmentCost(instance, assignment) + over * (spread + 1) * instance.jobs;
}

/**
 * Candidate-list widths of the successive tabu runs. Each run mostly settles in one region within a
 * second or two, and a run over fewer, better-priced agents per job ends in a different region than
 * a run over more of them, so splitting the time between the two beats one long run.
 */
const runWidths = [8, 4];

type RunSettings = Pick<TabuOptions, 'deadline' | 'random' | 'target' | 'shouldStop' | 'onImprove'>;

/** Tabu runs from the same start with the widths of `runWidths`, sharing the time; the best plan wins. */
function searchPortfolio(
  instance: GapInstance,
  start: Int32Array,
  prices: Float64Array,
  settings: RunSettings,
): TabuResult {
  let best: TabuResult = { assignment: null, cost: Number.POSITIVE_INFINITY, iterations: 0 };
  // With few agents the widths coincide; a repeated run would only retrace the one before.
  const widths = runWidths
    .map((w) => Math.min(instance.agents, w))
    .filter((w, r, all) => r === 0 || w !== all[r - 1]);
  for (let r = 0; r < widths.length && performance.now() < settings.deadline; r++) {
    const width = widths[r]!;
    const { list: candidates, count: candidateCount } = candidateAgents(instance, prices, width);
    const now = performance.now();
    const run = tabuSearch(instance, {
      ...settings,
      start,
      candidates,
      candidateCount,
      width,
      deadline: now + (settings.deadline - now) / (widths.length - r),
      // Only plans better than the best of earlier runs are news.
      onImprove: (cost, assignment) => {
        if (cost < best.cost) settings.onImprove?.(cost, assignment);
      },
    });
    if (run.assignment && run.cost < best.cost) best = run;
    if (best.cost <= settings.target) break;
  }
  return best;
}

/** Assemble the result, keeping bound <= objective and labelling optimality. */
export function finishSolution(
  instance: GapInstance,
  assignment: ArrayLike<number>,
  feasible: boolean,
  bound: number,
  started: number,
  provenInfeasible = false,
): GapSolution {
  const objective = assignmentCost(instance, assignment);
  const capped = Math.min(bound, objective) + 0; // + 0 turns a -0 bound into 0
  let status: GapStatus = 'unknown';
  if (provenInfeasible) status = 'infeasible';
  else if (feasible) status = capped >= objective ? 'optimal' : 'feasible';
  return {
    objective,
    bound: capped,
    assignment: Array.from(assignment),
    seconds: (performance.now() - started) / 1000,
    feasible,
    status,
  };
}

/**
 * Solves a GAP instance on the calling thread within the time limit: Lagrangian dual for the bound
 * and the starting plan, then tabu search until the limit or until the plan meets the bound.
 */
export function solveGap(instance: GapInstance, options: GapSolveOptions): GapSolution {
  const started = performance.now();
  const deadline = started + options.timeLimitSeconds * 1000;
  const { agents: m, jobs: n } = instance;
  const random = seededRandom(options.seed ?? 1);
  if (n === 0) return finishSolution(instance, [], true, 0, started);
  if (jobWithoutAgent(instance) >= 0) {
    return finishSolution(instance, new Int32Array(n), false, Number.POSITIVE_INFINITY, started, true);
  }
  const report = (objective: number, bound: number, assignment?: Int32Array) =>
    options.onProgress?.({ objective, bound, seconds: (performance.now() - started) / 1000, assignment });

  // LP-relaxed knapsacks converge fast to the LP bound; exact knapsacks then tighten it.
  const budget = options.timeLimitSeconds * 1000;
  const greedy = greedyAssignment(instance, new Float64Array(m));
  const upperBound = isFeasibleAssignment(instance, greedy) ? assignmentCost(instance, greedy) : undefined;
  // u_j = min_i c_ij + rho w_ij with one resource price rho is a feasible LP dual (Lagrangian
  // value >= sum u - rho * sum b), a far better start than the cheapest costs on tight instances.
  const rho = uniformPrice(instance);
  const initial = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++)
      initial[j] = Math.min(initial[j]!, instance.cost[i * n + j]! + rho * instance.weight[i * n + j]!);
  }
  const lp = lagrangianDual(instance, {
    initial,
    upperBound,
    deadline: started + budget * 0.1,
    exactKnapsacks: false,
    shouldStop: options.shouldStop,
  });
  const exact = lagrangianDual(instance, {
    deadline: started + budget * 0.2,
    initial: lp.multipliers,
    upperBound,
    shouldStop: options.shouldStop,
  });
  const dual = exact.bound >= lp.bound ? exact : lp;
  const bound = dual.bound;
  report(Number.POSITIVE_INFINITY, bound);
  const preferred = new Int32Array(n).fill(-1);
  for (let j = 0; j < n; j++) {
    let pick = -1;
    for (let i = 0; i < m; i++) {
      if (dual.relaxed[i * n + j] && (pick < 0 || instance.cost[i * n + j]! < instance.cost[pick * n + j]!))
        pick = i;
    }
    preferred[j] = pick;
  }
  // Prices from an unconverged dual can mislead on large instances; keep the better start.
  // Their candidate lists and start then compete with those of one uniform resource price.
  const priced = greedyAssignment(instance, dual.agentPrices, preferred);
  const uniform = new Float64Array(m).fill(rho);
  const flat = greedyAssignment(instance, uniform);
  const useDual = startQuality(instance, priced) <= startQuality(instance, flat);
  const start = useDual ? priced : flat;
  const prices = useDual ? dual.agentPrices : uniform;
  // Small instances keep half the time for an exact search that proves optimality (or infeasibility).
  const isSmall = n <= smallJobs;
  const searchEnd = isSmall ? (performance.now() + deadline) / 2 : deadline;
  const result = searchPortfolio(instance, start, prices, {
    deadline: searchEnd,
    random,
    target: bound,
    shouldStop: options.shouldStop,
    onImprove: (cost, assignment) => report(cost, bound, assignment),
  });
  if (isSmall && !(result.assignment && result.cost <= bound) && !options.shouldStop?.()) {
    const exact = branchAndBound(instance, result, 2_000_000);
    if (exact.complete) {
      if (!exact.assignment)
        return finishSolution(instance, start, false, Number.POSITIVE_INFINITY, started, true);
      return finishSolution(instance, exact.assignment, true, exact.cost, started);
    }
  }
  if (!result.assignment) return finishSolution(instance, start, false, bound, started);
  return finishSolution(instance, result.assignment, true, bound, started);
}
