import type { GapInstance } from './instance';

/**
 * Parses the OR-Library GAP format (Beasley, http://people.brunel.ac.uk/~mastjjb/jeb/orlib/gapinfo.html):
 * `m n`, then m rows of n costs, m rows of n resource needs, then m capacities. Line breaks carry no
 * meaning. Throws an Error naming the problem on malformed input.
 */
export function parseOrLibraryGap(text: string): GapInstance {
  const tokens = text.split(/\s+/).filter((t) => t.length > 0);
  if (tokens.length < 2) throw new Error('GAP file is empty or lacks the "agents jobs" header');
  const header = (k: number, what: string): number => {
    const v = Number(tokens[k]);
    if (!Number.isInteger(v) || v <= 0)
      throw new Error(`GAP header: number of ${what} "${tokens[k]}" is not a positive integer`);
    return v;
  };
  const agents = header(0, 'agents');
  const jobs = header(1, 'jobs');
  const expected = 2 + 2 * agents * jobs + agents;
  if (tokens.length !== expected) {
    throw new Error(
      `GAP file with ${agents} agents and ${jobs} jobs needs ${expected - 2} numbers after the header, found ${tokens.length - 2}`,
    );
  }
  const values = new Float64Array(expected - 2);
  for (let k = 2; k < expected; k++) {
    const v = Number(tokens[k]);
    if (!Number.isFinite(v)) throw new Error(`GAP file: value ${k + 1} ("${tokens[k]}") is not a number`);
    values[k - 2] = v;
  }
  const size = agents * jobs;
  const weight = values.slice(size, 2 * size);
  const capacity = values.slice(2 * size);
  const negativeWeight = weight.findIndex((w) => w < 0);
  if (negativeWeight >= 0) {
    const i = Math.floor(negativeWeight / jobs);
    throw new Error(
      `GAP file: resource need of agent ${i + 1} for job ${(negativeWeight % jobs) + 1} is negative`,
    );
  }
  const negativeCapacity = capacity.findIndex((b) => b < 0);
  if (negativeCapacity >= 0)
    throw new Error(`GAP file: capacity of agent ${negativeCapacity + 1} is negative`);
  return { agents, jobs, cost: values.slice(0, size), weight, capacity };
}
