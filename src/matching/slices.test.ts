import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignmentCost } from './gap/instance';
import type { SpecialtyModel } from './model';
import { fillSpareCapacity, type GapSolver } from './plan';
import { lanes, sliceSize, solveSmallSlice } from './slices';

/** A random slice: m experts, n needs, some pairs allowed (dense flags and lists agree). */
const sliceArb = fc
  .record({ m: fc.integer({ min: 1, max: 6 }), n: fc.integer({ min: 1, max: 12 }), seed: fc.nat() })
  .chain(({ m, n }) =>
    fc.record({
      m: fc.constant(m),
      n: fc.constant(n),
      allowed: fc.array(fc.boolean(), { minLength: m * n, maxLength: m * n }),
      cost: fc.array(fc.integer({ min: -500, max: 100 }), { minLength: m * n, maxLength: m * n }),
      weight: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: m * n, maxLength: m * n }),
      capacity: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: m, maxLength: m }),
      plan: fc.array(fc.nat(m), { minLength: n, maxLength: n }),
    }),
  )
  .map(({ m, n, allowed, cost, weight, capacity, plan }) => {
    const agents = m + 1;
    const flags = new Uint8Array(agents * n);
    const start = new Int32Array(n + 1);
    const list: number[] = [];
    for (let b = 0; b < n; b++) {
      for (let a = 0; a < m; a++) if (allowed[a * n + b]) list.push(a);
      start[b + 1] = list.length;
    }
    for (let b = 0; b < n; b++) for (let k = start[b]!; k < start[b + 1]!; k++) flags[list[k]! * n + b] = 1;
    const w = new Float64Array(agents * n);
    const c = new Float64Array(agents * n);
    for (let x = 0; x < m * n; x++) {
      w[x] = weight[x]!;
      c[x] = cost[x]!;
    }
    for (let b = 0; b < n; b++) {
      w[m * n + b] = 1;
      flags[m * n + b] = 1;
    }
    const s: SpecialtyModel = {
      specialtyCode: 's',
      experts: [...Array(m).keys()],
      needs: [...Array(n).keys()],
      instance: { agents, jobs: n, cost: c, weight: w, capacity: Float64Array.from([...capacity, n]) },
      allowed: flags,
      candidates: { start, agent: Int32Array.from(list) },
    };
    // Start from the unserved agent wherever the random plan names a pair that is not allowed.
    return { s, plan: plan.map((a, b) => (a < m && flags[a * n + b] ? a : m)) };
  });

/** fillSpareCapacity as it was before the lists: a scan of every expert per need. */
function denseFill(s: SpecialtyModel, plan: number[]): number[] {
  const { agents: m, jobs: n, cost, weight, capacity } = s.instance;
  const out = plan.slice();
  const load = new Float64Array(m);
  for (let b = 0; b < n; b++) load[out[b]!]! += weight[out[b]! * n + b]!;
  const least = (b: number) => {
    let best = 0;
    for (let a = 0; a < m - 1; a++) if (s.allowed[a * n + b]) best = Math.min(best, cost[a * n + b]!);
    return best;
  };
  const order = [...Array(n).keys()].sort((x, y) => least(x) - least(y));
  for (const b of order) {
    if (out[b] !== m - 1) continue;
    let best = -1;
    for (let a = 0; a < m - 1; a++) {
      const c = a * n + b;
      if (!s.allowed[c] || cost[c]! >= 0 || load[a]! + weight[c]! > capacity[a]! + 1e-9) continue;
      if (best < 0 || cost[c]! < cost[best * n + b]!) best = a;
    }
    if (best >= 0) {
      out[b] = best;
      load[best]! += weight[best * n + b]!;
    }
  }
  return out;
}

describe('slices', () => {
  it('fillSpareCapacity over the candidate lists fills exactly as the dense scan did', () => {
    fc.assert(
      fc.property(sliceArb, ({ s, plan }) => {
        expect(fillSpareCapacity(s, plan)).toEqual(denseFill(s, plan));
      }),
      { numRuns: 300 },
    );
  });

  it('lanes: every slice once, largest first to the least loaded lane', () => {
    const slice = (pairs: number) =>
      ({
        instance: { jobs: 0 },
        candidates: { agent: new Int32Array(pairs) },
      }) as unknown as SpecialtyModel;
    const sizes = [90, 10, 50, 40, 30, 5];
    const out = lanes(sizes.map(slice), 2);
    expect(
      out
        .flat()
        .map(sliceSize)
        .sort((a, b) => a - b),
    ).toEqual([...sizes].sort((a, b) => a - b));
    expect(out.map((l) => l.map(sliceSize))).toEqual([
      [90, 30],
      [50, 40, 10, 5],
    ]);
    expect(lanes([slice(3)], 2)).toHaveLength(1);
  });
});

describe('a small slice the engine finds no plan for in time', () => {
  it('keeps its pinned need served with the sparse solver instead of relaxing the pin', async () => {
    // Two experts, three needs; need 2 is pinned to expert 1 (only that pair, and not unserved).
    const m = 2;
    const n = 3;
    const agents = m + 1;
    const allowed = new Uint8Array(agents * n);
    const cost = new Float64Array(agents * n);
    const weight = new Float64Array(agents * n);
    for (const [a, b] of [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 2],
    ] as const) {
      allowed[a * n + b] = 1;
      cost[a * n + b] = -100;
      weight[a * n + b] = 1;
    }
    for (const b of [0, 1]) {
      allowed[m * n + b] = 1;
      weight[m * n + b] = 1;
    }
    weight[m * n + 2] = 1e9; // the pinned need may not go unserved
    const s: SpecialtyModel = {
      specialtyCode: 's',
      experts: [0, 1],
      needs: [0, 1, 2],
      instance: { agents, jobs: n, cost, weight, capacity: Float64Array.from([2, 1, n]) },
      allowed,
      candidates: { start: Int32Array.from([0, 2, 3, 4]), agent: Int32Array.from([0, 1, 0, 1]) },
    };
    const noPlan: GapSolver = async () => ({
      assignment: [],
      objective: Number.POSITIVE_INFINITY,
      bound: Number.NEGATIVE_INFINITY,
      feasible: false,
      status: 'unknown',
      seconds: 0,
    });
    const answer = await solveSmallSlice(s, noPlan, 0.5, () => {});
    expect(answer.status).toBe('feasible');
    expect(answer.plan[2]).toBe(1);
    expect(answer.bound).toBeLessThanOrEqual(assignmentCost(s.instance, answer.plan));
  });
});
