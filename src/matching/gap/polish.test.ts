import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gapInstanceArb } from './arbitrary';
import { greedyAssignment } from './construct';
import { assignmentCost, gapInstanceFromRows, isFeasibleAssignment } from './instance';
import { polishPlan } from './polish';
import { seededRandom } from './random';

/** Capacities loose enough that the greedy plan is usually feasible. */
const instanceArb = gapInstanceArb({ agents: [2, 6], jobs: [2, 40], tightness: [0.8, 2] });

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
