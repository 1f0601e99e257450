/**
 * A Generalized Assignment Problem instance: `agents` agents, `jobs` jobs, and for agent i and
 * job j the cost `cost[i * jobs + j]` and resource need `weight[i * jobs + j]`; agent i may use
 * at most `capacity[i]`. Row-major typed arrays keep the hot loops of the solver cache-friendly.
 */
export interface GapInstance {
  readonly agents: number;
  readonly jobs: number;
  readonly cost: Float64Array;
  readonly weight: Float64Array;
  readonly capacity: Float64Array;
}

/** Builds an instance from nested arrays (agent-major), checking that the shapes agree. */
export function gapInstanceFromRows(cost: number[][], weight: number[][], capacity: number[]): GapInstance {
  const agents = capacity.length;
  const jobs = cost[0]?.length ?? 0;
  if (cost.length !== agents || weight.length !== agents) {
    throw new Error(`expected ${agents} rows of costs and of resource needs`);
  }
  const flat = (rows: number[][], what: string): Float64Array => {
    const out = new Float64Array(agents * jobs);
    rows.forEach((row, i) => {
      if (row.length !== jobs)
        throw new Error(`${what} row ${i + 1} has ${row.length} values, expected ${jobs}`);
      out.set(row, i * jobs);
    });
    return out;
  };
  return {
    agents,
    jobs,
    cost: flat(cost, 'cost'),
    weight: flat(weight, 'resource'),
    capacity: Float64Array.from(capacity),
  };
}

/** Total cost of an assignment (agent index per job). */
export function assignmentCost(instance: GapInstance, assignment: ArrayLike<number>): number {
  let total = 0;
  for (let j = 0; j < instance.jobs; j++) total += instance.cost[assignment[j]! * instance.jobs + j]!;
  return total;
}

/** Resource used by each agent under an assignment. */
export function agentLoads(instance: GapInstance, assignment: ArrayLike<number>): Float64Array {
  const load = new Float64Array(instance.agents);
  for (let j = 0; j < instance.jobs; j++) {
    const i = assignment[j]!;
    load[i]! += instance.weight[i * instance.jobs + j]!;
  }
  return load;
}

/** Whether an assignment gives every job a valid agent and keeps every agent within capacity. */
export function isFeasibleAssignment(instance: GapInstance, assignment: ArrayLike<number>): boolean {
  if (assignment.length !== instance.jobs) return false;
  for (let j = 0; j < instance.jobs; j++) {
    const i = assignment[j]!;
    if (!Number.isInteger(i) || i < 0 || i >= instance.agents) return false;
  }
  const load = agentLoads(instance, assignment);
  for (let i = 0; i < instance.agents; i++) if (load[i]! > instance.capacity[i]! + 1e-9) return false;
  return true;
}
