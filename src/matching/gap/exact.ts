import type { GapInstance } from './instance';

/** Outcome of the exact search: `complete` means `assignment` is optimal (or, when null, that none exists). */
export interface ExactResult {
  complete: boolean;
  assignment: Int32Array | null;
  cost: number;
}

/**
 * Depth-first branch and bound for small instances (in the style of Ross & Soland 1975, with a
 * simple bound): jobs in decreasing order of regret, each partial plan bounded by its cost plus
 * every remaining job's cheapest agent that still has room. Gives up after `nodeLimit` nodes.
 */
export function branchAndBound(
  instance: GapInstance,
  incumbent: { assignment: Int32Array | null; cost: number },
  nodeLimit: number,
): ExactResult {
  const { agents: m, jobs: n, cost, weight, capacity } = instance;
  const regret = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const costs = Array.from({ length: m }, (_, i) => cost[i * n + j]!).sort((a, b) => a - b);
    regret[j] = m > 1 ? costs[1]! - costs[0]! : 0;
  }
  const order = Array.from({ length: n }, (_, j) => j).sort((a, b) => regret[b]! - regret[a]!);
  const room = Float64Array.from(capacity);
  const plan = new Int32Array(n);
  let best = incumbent.assignment ? Int32Array.from(incumbent.assignment) : null;
  let bestCost = incumbent.assignment ? incumbent.cost : Number.POSITIVE_INFINITY;
  let nodes = 0;
  const eps = 1e-9;
  const cheapestFitting = (j: number) => {
    let v = Number.POSITIVE_INFINITY;
    for (let i = 0; i < m; i++)
      if (weight[i * n + j]! <= room[i]! + eps && cost[i * n + j]! < v) v = cost[i * n + j]!;
    return v;
  };
  const search = (depth: number, partial: number): boolean => {
    if (++nodes > nodeLimit) return false;
    if (depth === n) {
      if (partial < bestCost - eps) {
        bestCost = partial;
        best = Int32Array.from(plan);
      }
      return true;
    }
    let bound = partial;
    for (let d = depth; d < n && bound < bestCost - eps; d++) bound += cheapestFitting(order[d]!);
    if (bound >= bestCost - eps) return true;
    const j = order[depth]!;
    const agents = Array.from({ length: m }, (_, i) => i)
      .filter((i) => weight[i * n + j]! <= room[i]! + eps)
      .sort((a, b) => cost[a * n + j]! - cost[b * n + j]!);
    for (const i of agents) {
      room[i]! -= weight[i * n + j]!;
      plan[j] = i;
      const finished = search(depth + 1, partial + cost[i * n + j]!);
      room[i]! += weight[i * n + j]!;
      if (!finished) return false;
    }
    return true;
  };
  const complete = search(0, 0);
  return { complete, assignment: best, cost: bestCost };
}
