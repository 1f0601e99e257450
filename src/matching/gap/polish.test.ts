import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { greedyAssignment } from './construct';
import { assignmentCost, gapInstanceFromRows, isFeasibleAssignment } from './instance';
import { polishPlan } from './polish';
import { seededRandom } from './random';

/** Random instance with loose enough capacities that the greedy plan is usually feasible. */
const instanceArb = fc
  .record({ m: fc.integer({ min: 2, max: 6 }), n: fc.integer({ min: 2, max: 40 }) })
  .chain(({ m, n }) =>
    fc.record({
      cost: fc.array(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: n, maxLength: n }), {
        minLength: m,
        maxLength: m,
      }),
      weight: fc.array(fc.array(fc.integer({ min: 1, max: 20 }), { minLength: n, maxLength: n }), {
        minLength: m,
        maxLength: m,
      }),
      tightness: fc.double({ min: 0.8, max: 2, noNaN: true }),
    }),
  )
  .map(({ cost, weight, tightness }) => {
    const m = cost.length;
    const total = weight.flat().reduce((a, b) => a + b, 0);
    const capacity = Array.from({ length: m }, () => Math.round((tightness * total) / (m * m)));
    return gapInstanceFromRows(cost, weight, capacity);
  });

describe('polishPlan', () => {
  it('keeps a feasible plan feasible, never raises its cost and returns its true cost', () => {
    fc.assert(
      fc.property(instanceArb, fc.integer({ min: 1, max: 1000 }), (instance, seed) => {
        const plan = greedyAssignment(instance, new Float64Array(instance.agents));
        fc.pre(isFeasibleAssignment(instance, plan));
        const before = assignmentCost(instance, plan);
        const after = polishPlan(instance, plan, before, seededRandom(seed), performance.now() + 20);
        expect(isFeasibleAssignment(instance, plan)).toBe(true);
        expect(after).toBe(assignmentCost(instance, plan));
        expect(after).toBeLessThanOrEqual(before);
      }),
      { numRuns: 80 },
    );
  });

  it('finds a two-for-one exchange that a single shift or swap does not reach', () => {
    // Agent 0 (capacity 4) holds job 0 (need 4); jobs 1 and 2 (need 2 each) are cheaper there.
    // Moving both there and job 0 to agent 1 saves 3; the best swap (job 0 for job 1) saves 1.
    const instance = gapInstanceFromRows(
      [
        [5, 1, 1],
        [6, 3, 3],
      ],
      [
        [4, 2, 2],
        [4, 2, 2],
      ],
      [4, 8],
    );
    const plan = Int32Array.from([0, 1, 1]);
    const cost = polishPlan(instance, plan, 11, seededRandom(1), performance.now() + 50);
    expect(cost).toBe(8);
    expect(Array.from(plan)).toEqual([1, 0, 0]);
    expect(isFeasibleAssignment(instance, plan)).toBe(true);
  });
});
