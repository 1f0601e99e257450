import fc from 'fast-check';
import { type GapInstance, gapInstanceFromRows } from './instance';

/**
 * Random GAP instances for property tests: costs 0..50, resource needs 1..20, and capacities of
 * `tightness` × (total need) / m² per agent, from tight (some infeasible) to loose.
 */
export function gapInstanceArb(options: {
  agents: [number, number];
  jobs: [number, number];
  tightness: [number, number];
}): fc.Arbitrary<GapInstance> {
  const [minAgents, maxAgents] = options.agents;
  const [minJobs, maxJobs] = options.jobs;
  const [minTight, maxTight] = options.tightness;
  const matrix = (m: number, n: number, max: number, min: number) =>
    fc.array(fc.array(fc.integer({ min, max }), { minLength: n, maxLength: n }), {
      minLength: m,
      maxLength: m,
    });
  return fc
    .record({
      m: fc.integer({ min: minAgents, max: maxAgents }),
      n: fc.integer({ min: minJobs, max: maxJobs }),
    })
    .chain(({ m, n }) =>
      fc.record({
        cost: matrix(m, n, 50, 0),
        weight: matrix(m, n, 20, 1),
        tightness: fc.double({ min: minTight, max: maxTight, noNaN: true }),
      }),
    )
    .map(({ cost, weight, tightness }) => {
      const m = cost.length;
      const total = weight.flat().reduce((a, b) => a + b, 0);
      const capacity = Array.from({ length: m }, () => Math.round((tightness * total) / (m * m)));
      return gapInstanceFromRows(cost, weight, capacity);
    });
}
