import type { GapInstance } from './instance';
import { KnapsackWorkspace } from './knapsack';

/** Outcome of the Lagrangian dual: a valid lower bound and what the heuristics reuse. */
export interface LagrangianDual {
  /** Lower bound on the optimum (rounded up when all costs are integers). */
  bound: number;
  /** Job multipliers u_j at the best bound found. */
  multipliers: Float64Array;
  /** Capacity prices per agent (break-item ratio of each knapsack) at the best bound. */
  agentPrices: Float64Array;
  /** Relaxed plan at the best bound: `relaxed[i * jobs + j]` is 1 when knapsack i took job j. */
  relaxed: Uint8Array;
  /** True when the relaxed plan assigns every job exactly once, which proves it optimal. */
  isIntegral: boolean;
}

export interface LagrangianOptions {
  /** Wall-clock deadline (performance.now() milliseconds). */
  deadline: number;
  /** Cost of a known feasible plan, for Polyak's step size; estimated when absent. */
  upperBound?: number;
  maxIterations?: number;
  /** Multipliers to start from (default: each job's cheapest cost). */
  initial?: Float64Array;
  /** Solve the knapsacks exactly (stronger bound) or by their LP relaxation (much faster). */
  exactKnapsacks?: boolean;
  /** Polled each iteration; true ends the optimisation. */
  shouldStop?: () => boolean;
}

const cellBudget = 4_000_000;

/**
 * Lagrangian dual of the GAP with the assignment constraints relaxed, which splits into one 0-1
 * knapsack per agent (Fisher, Jaikumar & Van Wassenhove 1986, Management Science 32(9)); at least
 * as strong as the LP relaxation. Multipliers follow subgradient optimisation with Polyak steps
 * (Held, Wolfe & Crowder 1974, Mathematical Programming 6).
 */
export function lagrangianDual(instance: GapInstance, options: LagrangianOptions): LagrangianDual {
  const { agents: m, jobs: n, cost, weight, capacity } = instance;
  const integralWeights = (options.exactKnapsacks ?? true) && weight.every(Number.isInteger);
  const integralCosts = cost.every(Number.isInteger);
  const u = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    // Start from the cheapest cost: step 0 then gives the trivial bound sum_j min_i c_ij.
    let best = Number.POSITIVE_INFINITY;
    let second = Number.POSITIVE_INFINITY;
    for (let i = 0; i < m; i++) {
      const c = cost[i * n + j]!;
      if (c < best) {
        second = best;
        best = c;
      } else if (c < second) second = c;
    }
    u[j] = best;
  }
  if (options.initial) u.set(options.initial);
  const ws = new KnapsackWorkspace();
  const profit = new Float64Array(n);
  const itemWeight = new Float64Array(n);
  const item = new Int32Array(n);
  const chosen = new Uint8Array(n);
  const x = new Uint8Array(m * n);
  const prices = new Float64Array(m);
  const critical = { ratio: 0 };
  const g = new Float64Array(n);
  const best: LagrangianDual = {
    bound: Number.NEGATIVE_INFINITY,
    multipliers: new Float64Array(n),
    agentPrices: new Float64Array(m),
    relaxed: new Uint8Array(m * n),
    isIntegral: false,
  };
  let bestRaw = Number.NEGATIVE_INFINITY;
  let lambda = 2;
  let stall = 0;
  const maxIterations = options.maxIterations ?? 5000;
  // The first iteration always runs, so the bound is at least the value at the start multipliers.
  for (
    let iter = 0;
    iter === 0 || (iter < maxIterations && performance.now() < options.deadline && !options.shouldStop?.());
    iter++
  ) {
    let value = 0;
    for (let j = 0; j < n; j++) value += u[j]!;
    x.fill(0);
    for (let i = 0; i < m; i++) {
      let count = 0;
      const row = i * n;
      for (let j = 0; j < n; j++) {
        const p = u[j]! - cost[row + j]!;
        if (p > 0 && weight[row + j]! <= capacity[i]!) {
          profit[count] = p;
          itemWeight[count] = weight[row + j]!;
          item[count++] = j;
        }
      }
      critical.ratio = 0;
      value -= ws.solve(
        profit,
        itemWeight,
        count,
        capacity[i]!,
        chosen,
        integralWeights,
        cellBudget,
        critical,
      );
      prices[i] = critical.ratio;
      for (let t = 0; t < count; t++) if (chosen[t]) x[row + item[t]!] = 1;
    }
    let norm = 0;
    for (let j = 0; j < n; j++) {
      let s = 1;
      for (let i = 0; i < m; i++) s -= x[i * n + j]!;
      g[j] = s;
      norm += s * s;
    }
    if (value > bestRaw + 1e-9) {
      bestRaw = value;
      best.multipliers.set(u);
      best.agentPrices.set(prices);
      best.relaxed.set(x);
      best.isIntegral = norm === 0;
      stall = 0;
    } else if (++stall >= 40) {
      lambda /= 2;
      stall = 0;
    }
    if (norm === 0 || lambda < 1e-4) break;
    const target = options.upperBound ?? Math.abs(bestRaw) * 1.02 + 1;
    const step = (lambda * Math.max(target - value, 1e-6 * (1 + Math.abs(value)))) / norm;
    for (let j = 0; j < n; j++) u[j]! += step * g[j]!;
    if (
      integralCosts &&
      options.upperBound !== undefined &&
      Math.ceil(bestRaw - 1e-7 * (1 + Math.abs(bestRaw))) >= options.upperBound
    )
      break;
  }
  best.bound = integralCosts ? Math.ceil(bestRaw - 1e-7 * (1 + Math.abs(bestRaw))) : bestRaw;
  return best;
}
