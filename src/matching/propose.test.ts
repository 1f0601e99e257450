import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveGap } from './gap/solve';
import { COST_SCALE, type MatchingInput, pairCost, pairWeight } from './model';
import type { GapSolver } from './plan';
import { checkPlan } from './plan-check';
import { proposeTeams, type TeamProposal } from './propose';
import { type MatchingRules, resolveRules } from './rules';

const solver: GapSolver = async (instance, options) => solveGap(instance, options);
const uuid = (kind: number, i: number) =>
  `00000000-0000-4000-8000-${String(kind * 100000 + i).padStart(12, '0')}`;

/** A random batch: facilities on a plane (1 unit = 1 hour of road), experts and needs of 1–3 specialties. */
const batchArb = (maxExperts: number, maxNeeds: number) =>
  fc
    .record({
      facilities: fc.array(
        fc.tuple(fc.double({ min: 0, max: 5, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true })),
        {
          minLength: 1,
          maxLength: 6,
        },
      ),
      specialties: fc.integer({ min: 1, max: 3 }),
      experts: fc.array(
        fc.record({ s: fc.nat(2), base: fc.nat(5), title: fc.nat(3), days: fc.integer({ min: 5, max: 60 }) }),
        { minLength: 0, maxLength: maxExperts },
      ),
      needs: fc.array(
        fc.record({
          s: fc.nat(2),
          at: fc.nat(5),
          effort: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
          priority: fc.integer({ min: 1, max: 100 }),
        }),
        { minLength: 0, maxLength: maxNeeds },
      ),
      maxTravelHours: fc.integer({ min: 1, max: 6 }),
      travelWeight: fc.constantFrom(0, 1, 5),
      forbid: fc.nat(10),
      mustServe: fc.nat(10),
    })
    .map((b) => {
      const facilities = b.facilities.map(([x, y], k) => ({
        id: uuid(1, k),
        name: `F${k}`,
        countyId: uuid(9, k % 2),
        countyName: k % 2 ? '乙县' : '甲县',
        townshipName: `T${k}`,
        lat: y,
        lon: x,
      }));
      const at = (k: number) => facilities[k % facilities.length]!;
      const titles = ['chief_physician', 'attending_physician', 'resident_physician', null];
      const experts = b.experts.map((e, i) => ({
        personId: uuid(2, i),
        name: `E${i}`,
        title: titles[e.title] ?? null,
        specialtyCode: `s${e.s % b.specialties}`,
        baseFacilityId: at(e.base).id,
        startsOn: '2026-01-05',
        // dutyShare 1: capacity = working days from Monday 5 January.
        endsOn: new Date(Date.parse('2026-01-05') + (Math.ceil(e.days / 5) * 7 - 3) * 86_400_000)
          .toISOString()
          .slice(0, 10),
      }));
      const needs = b.needs.map((n, j) => ({
        id: uuid(3, j),
        title: `N${j}`,
        facilityId: at(n.at).id,
        specialtyCode: `s${n.s % b.specialties}`,
        competencies: [],
        effortDays: n.effort,
        priority: n.priority,
      }));
      const coords = new Map(facilities.map((f) => [f.id, f]));
      const input: MatchingInput = {
        planningDate: '2026-01-05',
        horizonEnd: '2026-12-31',
        prefectureHospitalId: facilities[0]!.id,
        experts,
        needs,
        facilities: coords,
        specialtyNames: new Map(),
        travel: (a, c) => {
          const p = coords.get(a)!;
          const q = coords.get(c)!;
          return Math.round(Math.hypot(p.lat - q.lat, p.lon - q.lon) * 100) / 100;
        },
      };
      const rules = resolveRules({
        maxTravelHours: b.maxTravelHours,
        travelWeight: b.travelWeight,
        dutyShare: 1,
        timeLimitSeconds: 2,
        forbids:
          experts.length && needs.length
            ? [
                {
                  needId: needs[b.forbid % needs.length]!.id,
                  personId: experts[b.forbid % experts.length]!.personId,
                },
              ]
            : [],
        mustServe: needs.length ? [needs[b.mustServe % needs.length]!.id] : [],
      });
      return { input, rules };
    });

/** Best value by trying every plan (each need: nobody or an expert) within the rules. */
function bruteForce(p: TeamProposal, rules: MatchingRules): number {
  const { input, capacity, effort } = p.model;
  const n = input.needs.length;
  const plan: (number | null)[] = new Array(n).fill(null);
  const load = new Array(input.experts.length).fill(0);
  let best = 0;
  const mustServe = new Set(rules.mustServe);
  const visit = (j: number, value: number) => {
    if (j === n) {
      best = Math.max(best, value);
      return;
    }
    const need = input.needs[j]!;
    const hasOption = input.experts.some((e) => e.specialtyCode === need.specialtyCode);
    if (!mustServe.has(need.id) || !hasOption) visit(j + 1, value);
    input.experts.forEach((e, i) => {
      if (e.specialtyCode !== need.specialtyCode) return;
      if (rules.forbids.some((f) => f.needId === need.id && f.personId === e.personId)) return;
      const h = input.travel(e.baseFacilityId, need.facilityId)!;
      if (h > rules.maxTravelHours) return;
      const w = pairWeight(effort[j]!, h);
      if (load[i] + w > capacity[i]! + 1e-9) return;
      load[i] += w;
      plan[j] = i;
      visit(j + 1, value - pairCost(need.priority, h, rules) / COST_SCALE);
      load[i] -= w;
      plan[j] = null;
    });
  };
  visit(0, 0);
  return best;
}

describe('team formation (proposeTeams)', () => {
  it('any random batch: a feasible plan whose objective is its recomputed value, bound above it', async () => {
    await fc.assert(
      fc.asyncProperty(batchArb(8, 25), async ({ input, rules }) => {
        const p = await proposeTeams(input, { ...rules, timeLimitSeconds: 1 }, solver);
        checkPlan(p, rules);
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('tiny batches: the optimum found by brute force', async () => {
    await fc.assert(
      fc.asyncProperty(batchArb(3, 6), async ({ input, rules }) => {
        // Must-serve can make the tiny batch infeasible; brute force then answers the relaxed problem.
        const relaxed = { ...rules, mustServe: [] };
        const p = await proposeTeams(input, relaxed, solver);
        checkPlan(p, relaxed);
        expect(p.plan.objective).toBeCloseTo(bruteForce(p, relaxed), 6);
        expect(p.plan.gap).toBeLessThan(1e-9);
      }),
      { numRuns: 80 },
    );
  }, 120_000);
});
