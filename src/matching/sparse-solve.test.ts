import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MatchingInput, SpecialtyModel } from './model';
import { buildMatchingModel } from './model-build';
import { fillSpareCapacity } from './plan';
import { resolveRules } from './rules';
import { solveSparse } from './sparse-solve';

const uuid = (kind: number, i: number) =>
  `00000000-0000-4000-8000-${String(kind * 100000 + i).padStart(12, '0')}`;

/** Random batches of one specialty on a plane (1 unit = 1 hour), efforts in half days. */
const batchArb = (maxExperts: number, maxNeeds: number) =>
  fc
    .record({
      sites: fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })), {
        minLength: 1,
        maxLength: 8,
      }),
      experts: fc.array(fc.record({ at: fc.nat(7), weeks: fc.integer({ min: 1, max: 8 }) }), {
        minLength: 1,
        maxLength: maxExperts,
      }),
      needs: fc.array(
        fc.record({
          at: fc.nat(7),
          effort: fc.integer({ min: 1, max: 60 }),
          priority: fc.integer({ min: 1, max: 100 }),
        }),
        { minLength: 1, maxLength: maxNeeds },
      ),
      mustServe: fc.option(fc.nat(20), { nil: undefined }),
    })
    .map((b) => {
      const facilities = b.sites.map(([x, y], k) => ({
        id: uuid(1, k),
        name: `F${k}`,
        countyId: null,
        countyName: null,
        townshipName: null,
        lat: y,
        lon: x,
      }));
      const at = (k: number) => facilities[k % facilities.length]!;
      const coords = new Map(facilities.map((f) => [f.id, f]));
      const input: MatchingInput = {
        planningDate: '2026-01-05',
        horizonEnd: '2026-12-31',
        prefectureHospitalId: null,
        experts: b.experts.map((e, i) => ({
          personId: uuid(2, i),
          name: `E${i}`,
          title: null,
          specialtyCode: 's',
          baseFacilityId: at(e.at).id,
          startsOn: '2026-01-05',
          endsOn: new Date(Date.parse('2026-01-05') + (e.weeks * 7 - 3) * 86_400_000)
            .toISOString()
            .slice(0, 10),
        })),
        needs: b.needs.map((n, j) => ({
          id: uuid(3, j),
          title: `N${j}`,
          facilityId: at(n.at).id,
          specialtyCode: 's',
          competencies: [],
          effortDays: n.effort / 2,
          priority: n.priority,
        })),
        facilities: coords,
        specialtyNames: new Map(),
        travel: (p, q) => {
          const a = coords.get(p)!;
          const c = coords.get(q)!;
          return Math.abs(a.lat - c.lat) + Math.abs(a.lon - c.lon);
        },
      };
      const must = b.mustServe === undefined ? [] : [input.needs[b.mustServe % input.needs.length]!.id];
      return { input, rules: resolveRules({ dutyShare: 1, maxTravelHours: 5, mustServe: must }) };
    });

/** The cheapest feasible plan of a slice by trying every allowed agent of every job (null: none). */
function optimum(s: SpecialtyModel): number | null {
  const { agents: m, jobs: n, cost, weight, capacity } = s.instance;
  const load = new Float64Array(m);
  let best: number | null = null;
  const visit = (b: number, total: number) => {
    if (b === n) {
      best = best === null ? total : Math.min(best, total);
      return;
    }
    for (let a = 0; a < m; a++) {
      const c = a * n + b;
      if (!s.allowed[c] || load[a]! + weight[c]! > capacity[a]! + 1e-9) continue;
      load[a]! += weight[c]!;
      visit(b + 1, total + cost[c]!);
      load[a]! -= weight[c]!;
    }
  };
  visit(0, 0);
  return best;
}

function checkFeasible(s: SpecialtyModel, plan: number[]) {
  const { agents: m, jobs: n, cost, weight, capacity } = s.instance;
  const load = new Float64Array(m);
  let total = 0;
  plan.forEach((a, b) => {
    if (a < m - 1) expect(s.allowed[a * n + b]).toBe(1);
    load[a]! += weight[a * n + b]!;
    total += cost[a * n + b]!;
  });
  for (let a = 0; a < m - 1; a++) expect(load[a]!).toBeLessThanOrEqual(capacity[a]! + 1e-9);
  return total;
}

describe('sparse solver (solveSparse)', () => {
  it('candidate lists hold exactly the allowed expert pairs of the dense instance', () => {
    fc.assert(
      fc.property(batchArb(6, 20), ({ input, rules }) => {
        for (const s of buildMatchingModel(input, rules).specialties) {
          const { agents: m, jobs: n } = s.instance;
          for (let b = 0; b < n; b++) {
            const listed = [
              ...s.candidates.agent.subarray(s.candidates.start[b]!, s.candidates.start[b + 1]!),
            ];
            const dense = [...Array(m - 1).keys()].filter((a) => s.allowed[a * n + b] === 1);
            expect(listed).toEqual(dense);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('tiny slices: a feasible plan, and bound ≤ optimum ≤ plan cost', () => {
    fc.assert(
      fc.property(batchArb(3, 7), ({ input, rules }) => {
        for (const s of buildMatchingModel(input, rules).specialties) {
          const r = solveSparse(s, 0.05);
          const plan = fillSpareCapacity(s, r.assignment);
          const cost = checkFeasible(s, plan);
          const best = optimum(s);
          // The Lagrangian bound ignores must-serve rules, so it bounds the relaxed optimum too.
          const relaxedBest = optimum({
            ...s,
            allowed: s.allowed.map((x, c) => (c >= (s.instance.agents - 1) * s.instance.jobs ? 1 : x)),
          });
          expect(Number.isInteger(r.bound)).toBe(true);
          expect(r.bound).toBeLessThanOrEqual(relaxedBest!);
          if (best !== null) expect(r.bound).toBeLessThanOrEqual(best);
          if (r.missingServeOnly === 0) expect(cost).toBeGreaterThanOrEqual(best!);
          else expect(cost).toBeGreaterThanOrEqual(relaxedBest!);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('small slices: the plan is within 2 % of the optimum found by brute force', () => {
    let total = 0;
    let found = 0;
    fc.assert(
      fc.property(batchArb(3, 8), ({ input }) => {
        const rules = resolveRules({ dutyShare: 1, maxTravelHours: 5 });
        for (const s of buildMatchingModel(input, rules).specialties) {
          const r = solveSparse(s, 0.05);
          total += optimum(s)!;
          found += checkFeasible(s, fillSpareCapacity(s, r.assignment));
        }
      }),
      { numRuns: 60 },
    );
    // Costs are negated values: found ≥ total, and close to it.
    expect(found).toBeGreaterThanOrEqual(total);
    expect(found - total).toBeLessThanOrEqual(0.02 * Math.abs(total));
  });
});
