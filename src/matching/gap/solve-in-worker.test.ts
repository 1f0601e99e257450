import { afterAll, describe, expect, it } from 'vitest';
import { assignmentCost, gapInstanceFromRows, isFeasibleAssignment } from './instance';
import { parseOrLibraryGap } from './parse';
import { GapWorkerPool } from './pool';
import { solveGapInWorker } from './solve-in-worker';

const pool = new GapWorkerPool();
afterAll(() => pool.close());

// gap1-0 of OR-Library (Cattrysse et al. 1994) as a minimisation problem; optimum 261.
const gap1 = `5 15
17 21 22 18 24 15 20 18 19 18 16 22 24 24 16
23 16 21 16 17 16 19 25 18 21 17 15 25 17 24
16 20 16 25 24 16 17 19 19 18 20 16 17 21 24
19 19 22 22 20 16 19 17 21 19 25 23 25 25 25
18 19 15 15 21 25 16 16 23 15 22 17 19 22 24
8 15 14 23 8 16 8 25 9 17 25 15 10 8 24
15 7 23 22 11 11 12 10 17 16 7 16 10 18 22
21 20 6 22 24 10 24 9 21 14 11 14 11 19 16
20 11 8 14 9 5 6 19 19 7 6 6 13 9 18
8 13 13 13 10 20 25 16 16 17 10 10 5 12 23
36 34 38 27 33`;

describe('solveGapInWorker', () => {
  it('solves off the main thread and proves the optimum of a small instance', async () => {
    const instance = parseOrLibraryGap(gap1);
    const s = await solveGapInWorker(instance, { timeLimitSeconds: 8, pool });
    expect(s.objective).toBe(261);
    expect(s.bound).toBe(261);
    expect(s.status).toBe('optimal');
    expect(isFeasibleAssignment(instance, s.assignment)).toBe(true);
    expect(assignmentCost(instance, s.assignment)).toBe(261);
  });

  it('keeps the main thread free while the threads work', async () => {
    const instance = parseOrLibraryGap(gap1);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    await solveGapInWorker(instance, { timeLimitSeconds: 1, pool, exact: 'never' });
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
  });

  it('reports an infeasible instance', async () => {
    const instance = gapInstanceFromRows([[1, 1, 1]], [[3, 3, 3]], [8]);
    const s = await solveGapInWorker(instance, { timeLimitSeconds: 2, pool });
    expect(s.feasible).toBe(false);
    expect(s.status).toBe('infeasible');
  });
});
