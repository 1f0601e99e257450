import { expect } from 'vitest';
import { COST_SCALE, pairCost, pairWeight } from './model';
import type { TeamProposal } from './propose';
import type { MatchingRules } from './rules';

// Test support: the checks every proposal must pass, shared by the small (brute-forced) and the
// large (sparse solver) property tests.

/** Every hard rule holds, and the objective is the plan's recomputed value. */
export function checkPlan(p: TeamProposal, rules: MatchingRules) {
  const { input, capacity, effort } = p.model;
  const load = new Map<number, number>();
  let value = 0;
  p.plan.assignment.forEach((i, j) => {
    if (i === null) return;
    const need = input.needs[j]!;
    const expert = input.experts[i]!;
    expect(expert.specialtyCode).toBe(need.specialtyCode);
    const h = input.travel(expert.baseFacilityId, need.facilityId)!;
    expect(h).toBeLessThanOrEqual(rules.maxTravelHours);
    expect(rules.forbids.some((f) => f.needId === need.id && f.personId === expert.personId)).toBe(false);
    load.set(i, (load.get(i) ?? 0) + pairWeight(effort[j]!, h));
    value -= pairCost(need.priority, h, rules) / COST_SCALE;
  });
  for (const [i, l] of load) expect(l).toBeLessThanOrEqual(capacity[i]! + 1e-9);
  expect(p.plan.objective).toBeCloseTo(value, 6);
  expect(p.plan.bound).toBeGreaterThanOrEqual(p.plan.objective - 1e-9);
  expect(p.plan.gap).toBeGreaterThanOrEqual(0);
  // Every need is either served (with a reason) or unserved (with a reason), never both.
  p.plan.assignment.forEach((i, j) => {
    expect(p.reasons.has(j)).toBe(i !== null);
    expect(p.unserved.has(j)).toBe(i === null);
  });
  // Every served expert sits in exactly one team.
  const seen = p.teams.flatMap((t) => t.members);
  expect(new Set(seen).size).toBe(seen.length);
  for (const i of load.keys()) expect(seen).toContain(i);
  for (const t of p.teams) expect(t.members).toContain(t.leader);
  // "Capacity spent" means no expert who may serve the need has the days left for it.
  for (const [j, d] of p.unserved) {
    const need = input.needs[j]!;
    if (d.reason !== 'capacity_spent' && d.reason !== 'not_worth') continue;
    const room = input.experts.some((e, i) => {
      if (e.specialtyCode !== need.specialtyCode) return false;
      if (rules.forbids.some((f) => f.needId === need.id && f.personId === e.personId)) return false;
      const h = input.travel(e.baseFacilityId, need.facilityId)!;
      return (
        h <= rules.maxTravelHours && (load.get(i) ?? 0) + pairWeight(effort[j]!, h) <= capacity[i]! + 1e-9
      );
    });
    expect(room).toBe(d.reason === 'not_worth');
  }
}
