import type { SpecialtyModel } from './model';

/**
 * A specialty's GAP as lists of its allowed pairs only (the unserved agent left implicit), in
 * value terms: serving need slot b by expert slot a earns `profit` (tenths of a point, an
 * integer) and uses `weight` days of the expert's `capacity`. At national scale under 2 % of the
 * dense instance's pairs are allowed, so every loop here is over pairs that can happen.
 * Half-day units make the knapsacks integer: `unitsLow` (weights rounded down) for bounds, which
 * only relaxes the problem, and `unitsHigh` (rounded up) for plans, which keeps them feasible.
 */
export type SparseSlice = {
  experts: number;
  needs: number;
  capacity: Float64Array;
  /** Capacity in half days, rounded down. */
  capUnits: Int32Array;
  /** Pairs of need slot b: pairStart[b] .. pairStart[b + 1]. */
  pairStart: Int32Array;
  agent: Int32Array;
  need: Int32Array;
  profit: Float64Array;
  weight: Float64Array;
  unitsLow: Int32Array;
  unitsHigh: Int32Array;
  /** Pairs of expert slot a: byAgent[agentStart[a] .. agentStart[a + 1]) (pair indices). */
  agentStart: Int32Array;
  byAgent: Int32Array;
  /** Needs that a rule says must be served (must-serve or pinned). */
  serveOnly: Uint8Array;
  /** The longest expert list (scratch size for knapsacks). */
  maxPerExpert: number;
};

export function sparseSlice(s: SpecialtyModel): SparseSlice {
  const { agents: m, jobs: n, cost, weight: w, capacity } = s.instance;
  const { start, agent } = s.candidates;
  const pairs = agent.length;
  const need = new Int32Array(pairs);
  const profit = new Float64Array(pairs);
  const weight = new Float64Array(pairs);
  const unitsLow = new Int32Array(pairs);
  const unitsHigh = new Int32Array(pairs);
  const agentStart = new Int32Array(m);
  const serveOnly = new Uint8Array(n);
  for (let b = 0; b < n; b++) {
    serveOnly[b] = s.allowed[(m - 1) * n + b] ? 0 : 1;
    for (let k = start[b] as number; k < (start[b + 1] as number); k++) {
      const c = (agent[k] as number) * n + b;
      need[k] = b;
      profit[k] = -(cost[c] as number);
      weight[k] = w[c] as number;
      unitsLow[k] = Math.floor((w[c] as number) * 2 + 1e-9);
      unitsHigh[k] = Math.ceil((w[c] as number) * 2 - 1e-9);
      agentStart[(agent[k] as number) + 1]!++;
    }
  }
  for (let a = 0; a < m - 1; a++) agentStart[a + 1]! += agentStart[a] as number;
  const fill = agentStart.slice(0, m - 1);
  const byAgent = new Int32Array(pairs);
  for (let k = 0; k < pairs; k++) byAgent[fill[agent[k] as number]!++] = k;
  const cap = capacity.slice(0, m - 1);
  return {
    experts: m - 1,
    needs: n,
    capacity: cap,
    capUnits: Int32Array.from(cap, (c) => Math.floor(c * 2 + 1e-9)),
    pairStart: start,
    agent,
    need,
    profit,
    weight,
    unitsLow,
    unitsHigh,
    agentStart,
    byAgent,
    serveOnly,
    maxPerExpert: agentStart.reduce(
      (most, x, a) => (a > 0 ? Math.max(most, x - (agentStart[a - 1] as number)) : 0),
      0,
    ),
  };
}

let dp = new Float64Array(0);
let keep = new Uint8Array(0);

/** Scratch space for a knapsack's items: values and integer weights, filled by the caller. */
export type KnapsackItems = { value: Float64Array; units: Int32Array; count: number };

export function knapsackItems(size: number): KnapsackItems {
  return { value: new Float64Array(size), units: new Int32Array(size), count: 0 };
}

/**
 * Exact 0-1 knapsack by dynamic programming over integer weights (the experts' lists are short:
 * a few dozen pairs, a capacity of a few hundred half days). Items with no positive value are
 * never taken. Returns the best value; `take` receives the chosen items (positions in `items`).
 * Plain typed arrays, no callbacks: this loop is most of the sparse solver's time.
 */
export function knapsack(items: KnapsackItems, capacity: number, take: number[]): number {
  take.length = 0;
  if (capacity < 0) return 0;
  const { value, units, count } = items;
  let total = 0;
  let all = 0;
  for (let t = 0; t < count; t++) {
    if (!((value[t] as number) > 0)) continue;
    total += units[t] as number;
    all += value[t] as number;
  }
  if (total <= capacity) {
    // Everything worth taking fits: no table needed.
    for (let t = 0; t < count; t++) if ((value[t] as number) > 0) take.push(t);
    return all;
  }
  // No plan uses more than the positive items' total weight.
  const top = Math.min(capacity, total);
  const width = top + 1;
  if (dp.length < width) dp = new Float64Array(width * 2);
  if (keep.length < width * count) keep = new Uint8Array(width * count * 2);
  dp.fill(0, 0, width);
  for (let t = 0; t < count; t++) {
    const v = value[t] as number;
    const u = units[t] as number;
    const row = t * width;
    if (!(v > 0) || u > top) {
      keep.fill(0, row, row + width);
      continue;
    }
    // Cells below u stay unset: the backtrack never reads them for this item.
    for (let c = top; c >= u; c--) {
      const withIt = (dp[c - u] as number) + v;
      if (withIt > (dp[c] as number)) {
        dp[c] = withIt;
        keep[row + c] = 1;
      } else keep[row + c] = 0;
    }
  }
  let c = top;
  for (let t = count - 1; t >= 0; t--) {
    const u = units[t] as number;
    if ((value[t] as number) > 0 && u <= c && keep[t * width + c]) {
      take.push(t);
      c -= u;
    }
  }
  return dp[top] as number;
}
