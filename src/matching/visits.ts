import type { MatchingModel } from './model';

/** One stop of a team's visit plan: arrive on a day, stay some working days, serve some needs. */
export type Visit = {
  facilityId: string;
  arriveOn: string;
  days: number;
  travelHours: number;
  needs: number[];
};

const DAY_MS = 86_400_000;
const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * An indicative visit plan: from the leader's base, the team's facilities in nearest-neighbour
 * order by road travel time (unreachable ones last); the team stays at a stop as long as the
 * busiest member's effort there, and travels at 8 hours a day.
 */
export function visitPlan(
  model: MatchingModel,
  leader: number,
  members: number[],
  needs: number[],
  needsOf: Map<number, number[]>,
): Visit[] {
  const { input } = model;
  const byFacility = new Map<string, number[]>();
  for (const j of needs) {
    const f = input.needs[j]!.facilityId;
    byFacility.set(f, [...(byFacility.get(f) ?? []), j]);
  }
  const memberOf = new Map<number, number>();
  for (const i of members) for (const j of needsOf.get(i) ?? []) memberOf.set(j, i);
  const visits: Visit[] = [];
  let here = input.experts[leader]!.baseFacilityId;
  let day = input.planningDate;
  const left = new Set(byFacility.keys());
  while (left.size > 0) {
    let next = '';
    let best = Number.POSITIVE_INFINITY;
    for (const f of [...left].sort()) {
      const h = input.travel(here, f) ?? Number.POSITIVE_INFINITY;
      if (next === '' || h < best) {
        next = f;
        best = h;
      }
    }
    left.delete(next);
    const js = byFacility.get(next)!;
    const perMember = new Map<number, number>();
    for (const j of js) {
      const i = memberOf.get(j) ?? leader;
      perMember.set(i, (perMember.get(i) ?? 0) + model.effort[j]!);
    }
    const days = Math.ceil(Math.max(...perMember.values()));
    const travelHours = Number.isFinite(best) ? Math.round(best * 100) / 100 : 0;
    day = addDays(day, Math.ceil(travelHours / 8));
    visits.push({ facilityId: next, arriveOn: day, days, travelHours, needs: js });
    day = addDays(day, days);
    here = next;
  }
  return visits;
}
