import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gapInstanceArb } from './arbitrary';
import { assignmentCost, type GapInstance, gapInstanceFromRows, isFeasibleAssignment } from './instance';
import { solveGap } from './solve';

/** Random instance with capacities from loose to tight. */
const instanceArb = (maxAgents: number, maxJobs: number) =>
  gapInstanceArb({ agents: [1, maxAgents], jobs: [1, maxJobs], tightness: [0.3, 1.5] });

/** Optimum by enumerating every plan; null when none is feasible. */
function bruteForce(instance: GapInstance): number | null {
  const plan = new Array<number>(instance.jobs).fill(0);
  let best: number | null = null;
  const visit = (j: number) => {
    if (j === instance.jobs) {
      if (isFeasibleAssignment(instance, plan)) {
        const c = assignmentCost(instance, plan);
        if (best === null || c < best) best = c;
      }
      return;
    }
    for (let i = 0; i < instance.agents; i++) {
      plan[j] = i;
      visit(j + 1);
    }
  };
  visit(0);
  return best;
}

describe('solveGap', () => {
  it('returns a feasible plan whose objective is its cost and never below the bound', () => {
    fc.assert(
      fc.property(instanceArb(6, 25), fc.integer({ min: 1, max: 1000 }), (instance, seed) => {
        const s = solveGap(instance, { timeLimitSeconds: 0.05, seed });
        expect(s.objective).toBe(assignmentCost(instance, s.assignment));
        expect(s.bound).toBeLessThanOrEqual(s.objective);
        if (s.feasible) expect(isFeasibleAssignment(instance, s.assignment)).toBe(true);
        if (s.status === 'optimal') expect(s.bound).toBe(s.objective);
      }),
      { numRuns: 60 },
    );
  });

  it('matches brute force on tiny instances, including proving infeasibility', () => {
    fc.assert(
      fc.property(instanceArb(3, 7), (instance) => {
        const optimum = bruteForce(instance);
        const s = solveGap(instance, { timeLimitSeconds: 0.05 });
        if (optimum === null) {
          expect(s.feasible).toBe(false);
          expect(s.status).toBe('infeasible');
        } else {
          expect(s.feasible).toBe(true);
          expect(s.objective).toBe(optimum);
          expect(s.status).toBe('optimal');
          expect(s.bound).toBe(optimum);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('reports an instance whose total need exceeds every capacity as infeasible', () => {
    const instance = gapInstanceFromRows(
      [
        [1, 1, 1],
        [1, 1, 1],
      ],
      [
        [3, 3, 3],
        [3, 3, 3],
      ],
      [4, 4],
    );
    const s = solveGap(instance, { timeLimitSeconds: 0.2 });
    expect(s.feasible).toBe(false);
    expect(s.status).toBe('infeasible');
  });

  it('reports a job that fits no agent as infeasible at once', () => {
    const instance = gapInstanceFromRows([[1, 2]], [[1, 9]], [5]);
    const s = solveGap(instance, { timeLimitSeconds: 1 });
    expect(s.status).toBe('infeasible');
    expect(s.seconds).toBeLessThan(0.5);
  });

  it('solves a known instance to the optimum and proves it', () => {
    // Agent 0 is cheap but holds only two jobs, so it takes the two with the largest savings
    // (jobs 1 and 3): cost 1 + 1 at agent 0 plus 5 + 6 at agent 1.
    const instance = gapInstanceFromRows(
      [
        [1, 1, 2, 1],
        [5, 9, 6, 8],
      ],
      [
        [1, 1, 1, 1],
        [1, 1, 1, 1],
      ],
      [2, 4],
    );
    const s = solveGap(instance, { timeLimitSeconds: 1 });
    expect(s.objective).toBe(13);
    expect(bruteForce(instance)).toBe(13);
    expect(s.assignment).toEqual([1, 0, 1, 0]);
    expect(s.status).toBe('optimal');
  });
});
