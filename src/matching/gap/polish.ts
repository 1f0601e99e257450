import { branchAndBound } from './exact';
import type { GapInstance } from './instance';

/** Free jobs per subproblem: small enough for the branch and bound to finish in microseconds. */
const maxFree = 18;
const nodeLimit = 4000;

/**
 * Large-neighbourhood polishing of a feasible plan: repeatedly frees the jobs of two or three
 * agents (a random sample of them when there are many) and reassigns them optimally among those
 * agents by branch and bound, the other jobs fixed. This reaches compound moves (two jobs for one,
 * chains through a third agent) that shift and swap moves cannot, which matters on tight instances
 * where each agent holds a few large jobs. Improves `plan` in place and returns its new cost.
 */
export function polishPlan(
  instance: GapInstance,
  plan: Int32Array,
  planCost: number,
  random: () => number,
  deadline: number,
): number {
  const { agents: m } = instance;
  if (m < 2) return planCost;
  let current = planCost;
  for (let attempt = 0; performance.now() < deadline; attempt++) {
    const group = pickAgents(m, random);
    current -= reoptimise(instance, plan, group, random);
    if (attempt > 4 * m * m) break;
  }
  return current;
}

function pickAgents(m: number, random: () => number): number[] {
  const size = m > 2 && random() < 0.3 ? 3 : 2;
  const group: number[] = [];
  while (group.length < size) {
    const i = Math.floor(random() * m);
    if (!group.includes(i)) group.push(i);
  }
  return group;
}

/** Re-solves the jobs of `group` among its agents; returns the saving (0 when none). */
function reoptimise(instance: GapInstance, plan: Int32Array, group: number[], random: () => number): number {
  const { jobs: n, cost, weight, capacity } = instance;
  const k = group.length;
  const free: number[] = [];
  for (let j = 0; j < n; j++) if (group.includes(plan[j]!)) free.push(j);
  // Too many jobs: keep a random sample free and the rest fixed where they are.
  while (free.length > maxFree) free.splice(Math.floor(random() * free.length), 1);
  if (free.length < 2) return 0;
  const room = group.map((i) => capacity[i]!);
  for (let j = 0; j < n; j++) {
    const g = group.indexOf(plan[j]!);
    if (g >= 0 && !free.includes(j)) room[g]! -= weight[plan[j]! * n + j]!;
  }
  const f = free.length;
  const subCost = new Float64Array(k * f);
  const subWeight = new Float64Array(k * f);
  const incumbent = new Int32Array(f);
  let before = 0;
  for (let g = 0; g < k; g++) {
    for (let t = 0; t < f; t++) {
      subCost[g * f + t] = cost[group[g]! * n + free[t]!]!;
      subWeight[g * f + t] = weight[group[g]! * n + free[t]!]!;
    }
  }
  for (let t = 0; t < f; t++) {
    incumbent[t] = group.indexOf(plan[free[t]!]!);
    before += subCost[incumbent[t]! * f + t]!;
  }
  const sub: GapInstance = {
    agents: k,
    jobs: f,
    cost: subCost,
    weight: subWeight,
    capacity: Float64Array.from(room),
  };
  const result = branchAndBound(sub, { assignment: incumbent, cost: before }, nodeLimit);
  if (!result.assignment || result.cost >= before - 1e-9) return 0;
  for (let t = 0; t < f; t++) plan[free[t]!] = group[result.assignment[t]!]!;
  return before - result.cost;
}
