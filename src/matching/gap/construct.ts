import type { GapInstance } from './instance';

/**
 * Agents of each job ordered by priced cost c_ij + price_i * w_ij (prices: capacity duals of the
 * Lagrangian knapsacks), at most `width` kept, and beyond the best two only those within `slack` of the best.
 */
export function candidateAgents(
  instance: GapInstance,
  prices: Float64Array,
  width: number,
  slack = Number.POSITIVE_INFINITY,
): { list: Int32Array; count: Int32Array } {
  const { agents: m, jobs: n, cost, weight, capacity } = instance;
  const out = new Int32Array(n * width);
  const count = new Int32Array(n);
  const order = Array.from({ length: m }, (_, i) => i);
  const key = new Float64Array(m);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < m; i++) {
      const w = weight[i * n + j]!;
      key[i] = w > capacity[i]! ? Number.POSITIVE_INFINITY : cost[i * n + j]! + prices[i]! * w;
    }
    order.sort((a, b) => key[a]! - key[b]! || a - b);
    let c = 0;
    while (c < width && (c < 2 || key[order[c]!]! <= key[order[0]!]! + slack))
      out[j * width + c] = order[c++]!;
    count[j] = c;
  }
  return { list: out, count };
}

/**
 * Greedy start in the spirit of Martello & Toth's regret heuristic (1981): jobs with the largest
 * regret between their best and second-best priced agent choose first, each taking the preferred
 * agent that still has room (or the least overloaded one when none has).
 */
export function greedyAssignment(
  instance: GapInstance,
  prices: Float64Array,
  preferred?: Int32Array,
): Int32Array {
  const { agents: m, jobs: n, cost, weight, capacity } = instance;
  const priced = (i: number, j: number) => cost[i * n + j]! + prices[i]! * weight[i * n + j]!;
  const regret = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let best = Number.POSITIVE_INFINITY;
    let second = Number.POSITIVE_INFINITY;
    for (let i = 0; i < m; i++) {
      const v = priced(i, j);
      if (v < best) {
        second = best;
        best = v;
      } else if (v < second) second = v;
    }
    regret[j] = Number.isFinite(second) ? second - best : 0;
  }
  const order = Array.from({ length: n }, (_, j) => j).sort((a, b) => regret[b]! - regret[a]!);
  const load = new Float64Array(m);
  const out = new Int32Array(n).fill(-1);
  const place = (j: number, i: number) => {
    out[j] = i;
    load[i]! += weight[i * n + j]!;
  };
  if (preferred) {
    for (const j of order) {
      const i = preferred[j]!;
      if (i >= 0 && load[i]! + weight[i * n + j]! <= capacity[i]!) place(j, i);
    }
  }
  for (const j of order) {
    if (out[j]! >= 0) continue;
    let pick = -1;
    let pickValue = Number.POSITIVE_INFINITY;
    let fallback = 0;
    let fallbackOver = Number.POSITIVE_INFINITY;
    for (let i = 0; i < m; i++) {
      const w = weight[i * n + j]!;
      const over = load[i]! + w - capacity[i]!;
      if (over <= 0) {
        const v = priced(i, j);
        if (v < pickValue) {
          pickValue = v;
          pick = i;
        }
      } else if (over < fallbackOver) {
        fallbackOver = over;
        fallback = i;
      }
    }
    place(j, pick >= 0 ? pick : fallback);
  }
  return out;
}

/**
 * One resource price rho for all agents, found by bisection, at which sending every job to its
 * agent of least c_ij + rho * w_ij uses no more resource than all agents hold together: a crude but
 * robust stand-in for the capacity duals when the Lagrangian has not converged (large instances).
 */
export function uniformPrice(instance: GapInstance): number {
  const { agents: m, jobs: n, cost, weight, capacity } = instance;
  const total = capacity.reduce((a, b) => a + b, 0);
  const used = (rho: number) => {
    let sum = 0;
    for (let j = 0; j < n; j++) {
      let best = Number.POSITIVE_INFINITY;
      let w = 0;
      for (let i = 0; i < m; i++) {
        const v = cost[i * n + j]! + rho * weight[i * n + j]!;
        if (v < best) {
          best = v;
          w = weight[i * n + j]!;
        }
      }
      sum += w;
    }
    return sum;
  };
  let hi = 1;
  for (let k = 0; k < 60 && used(hi) > total; k++) hi *= 2;
  let lo = 0;
  for (let k = 0; k < 40; k++) {
    const mid = (lo + hi) / 2;
    if (used(mid) > total) lo = mid;
    else hi = mid;
  }
  return hi;
}
