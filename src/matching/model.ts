import type { GapInstance } from './gap/instance';
import type { MatchingRules } from './rules';

/** An expert on deployment in the batch, as team formation sees them. */
export type MatchingExpert = {
  personId: string;
  name: string;
  title: string | null;
  specialtyCode: string;
  /** The host facility of the deployment: where trips start. */
  baseFacilityId: string;
  /** Deployment dates (ISO days). */
  startsOn: string;
  endsOn: string;
};

/** A triaged open need, with its priority score computed on the planning date. */
export type MatchingNeed = {
  id: string;
  title: string;
  facilityId: string;
  specialtyCode: string;
  competencies: string[];
  effortDays: number | null;
  priority: number;
};

export type MatchingFacility = {
  id: string;
  name: string;
  countyId: string | null;
  countyName: string | null;
  townshipName: string | null;
  lat: number;
  lon: number;
};

/** One-way travel hours between two facilities over the road network (null: no road). */
export type TravelHours = (fromFacilityId: string, toFacilityId: string) => number | null;

export type MatchingInput = {
  planningDate: string;
  horizonEnd: string;
  prefectureHospitalId: string | null;
  experts: MatchingExpert[];
  needs: MatchingNeed[];
  facilities: Map<string, MatchingFacility>;
  specialtyNames: Map<string, { zh: string; en: string }>;
  travel: TravelHours;
};

/** Why a pair (expert, need) of the same specialty may not be chosen. */
export type PairBlock = 'rules' | 'too_far' | 'too_large' | 'no_road';

/** Working hours in a day of travel: round-trip hours become days at this rate. */
export const TRAVEL_HOURS_PER_DAY = 8;
/** Costs are tenths of a priority point, so that they are integers and bounds can be rounded up. */
export const COST_SCALE = 10;

/** One independent GAP: the experts and needs of one specialty, plus the "unserved" agent last. */
export type SpecialtyModel = {
  specialtyCode: string;
  experts: number[];
  needs: number[];
  instance: GapInstance;
  /** Whether each (expert slot, need slot) pair is allowed, row-major like the instance. */
  allowed: Uint8Array;
};

export type MatchingModel = {
  input: MatchingInput;
  rules: MatchingRules;
  /** Available expert-days of each expert (index of input.experts). */
  capacity: number[];
  /** Effort of each need in expert-days (default filled in). */
  effort: number[];
  specialties: SpecialtyModel[];
  /** For needs outside every subproblem (no allowed expert): index → blocks seen per expert. */
  blocked: Map<number, PairBlock[]>;
  /** Warnings for the commander (a pin that cannot hold, a must-serve need nobody can serve). */
  warnings: string[];
};

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

/** Monday-to-Friday days from `from` to `to`, both included (0 when `to` is before `from`). */
export function workingDays(from: string, to: string): number {
  const a = dayOf(from);
  const b = dayOf(to);
  let count = 0;
  for (let d = a; d <= b; d++) {
    const weekday = (d + 4) % 7; // 1970-01-01 was a Thursday (4)
    if (weekday !== 0 && weekday !== 6) count++;
  }
  return count;
}

const halfDays = (x: number) => Math.ceil(x * 2 - 1e-9) / 2;

/** Expert-days an expert can give to needs between the planning date and the horizon's end. */
export function expertCapacity(expert: MatchingExpert, input: MatchingInput, rules: MatchingRules): number {
  // ISO days compare as strings: the later start and the earlier end.
  const from = [expert.startsOn, input.planningDate].sort()[1] as string;
  const to = [expert.endsOn, input.horizonEnd].sort()[0] as string;
  return Math.floor(workingDays(from, to) * rules.dutyShare * 2) / 2;
}

/** Resource a need takes from an expert: its effort plus the round-trip travel, in days. */
export const pairWeight = (effort: number, oneWayHours: number) =>
  effort + halfDays((2 * oneWayHours) / TRAVEL_HOURS_PER_DAY);

/** Value of serving a need from a base: priority minus λ per hour of round-trip travel. */
export const pairValue = (priority: number, oneWayHours: number, rules: MatchingRules) =>
  priority - rules.travelWeight * 2 * oneWayHours;

/** The integer cost the solver minimises for a pair (tenths of a point, negated value). */
export const pairCost = (priority: number, oneWayHours: number, rules: MatchingRules) =>
  -Math.round(COST_SCALE * pairValue(priority, oneWayHours, rules));

/**
 * Builds the assignment model: one GAP per specialty (no pair crosses specialties, so the
 * subproblems are independent and their optima and bounds add up). A pair is allowed when the
 * specialty matches (expert competencies are taken to be their specialty's: the registry holds
 * none per expert), the one-way trip is within the limit (a pin overrides it), the effort and
 * travel fit the expert's days, and no rule forbids it. Forbidden pairs weigh more than the
 * expert's capacity, as the solver expects.
 */
export function buildMatchingModel(input: MatchingInput, rules: MatchingRules): MatchingModel {
  const warnings: string[] = [];
  const capacity = input.experts.map((e) => expertCapacity(e, input, rules));
  const effort = input.needs.map((n) => n.effortDays ?? rules.defaultEffortDays);
  const expertIndex = new Map(input.experts.map((e, i) => [e.personId, i]));
  const needIndex = new Map(input.needs.map((n, j) => [n.id, j]));
  const stay = new Set(rules.stayAtPrefecture);
  const mustServe = new Set(rules.mustServe);
  const forbidden = new Set(rules.forbids.map((f) => `${f.needId}|${f.personId}`));
  const pinned = new Map<string, string>();
  for (const pin of rules.pins) {
    const i = expertIndex.get(pin.personId);
    const j = needIndex.get(pin.needId);
    if (i === undefined || j === undefined) {
      warnings.push(`pin ignored: need ${pin.needId} or expert ${pin.personId} is not in this batch`);
    } else if (input.experts[i]?.specialtyCode !== input.needs[j]?.specialtyCode) {
      warnings.push(`pin ignored: need ${pin.needId} and expert ${pin.personId} differ in specialty`);
    } else pinned.set(pin.needId, pin.personId);
  }

  const bySpecialty = new Map<string, { experts: number[]; needs: number[] }>();
  const group = (code: string) => {
    let g = bySpecialty.get(code);
    if (!g) {
      g = { experts: [], needs: [] };
      bySpecialty.set(code, g);
    }
    return g;
  };
  input.experts.forEach((e, i) => {
    if ((capacity[i] as number) > 0) group(e.specialtyCode).experts.push(i);
  });
  input.needs.forEach((n, j) => {
    group(n.specialtyCode).needs.push(j);
  });

  const blocked = new Map<number, PairBlock[]>();
  const specialties: SpecialtyModel[] = [];
  for (const [code, g] of [...bySpecialty].sort(([a], [b]) => a.localeCompare(b))) {
    const allowedRows: { j: number; allowed: boolean[]; hours: number[] }[] = [];
    for (const j of g.needs) {
      const need = input.needs[j] as MatchingNeed;
      const pin = pinned.get(need.id);
      const blocks: PairBlock[] = [];
      const hours: number[] = [];
      const allowed = g.experts.map((i) => {
        const expert = input.experts[i] as MatchingExpert;
        const h = input.travel(expert.baseFacilityId, need.facilityId);
        hours.push(h ?? 0);
        const block = pairBlock(expert, need, h, pin, {
          stay: stay.has(expert.personId),
          forbidden: forbidden.has(`${need.id}|${expert.personId}`),
          prefectureHospitalId: input.prefectureHospitalId,
          maxHours: rules.maxTravelHours,
          fits: h !== null && pairWeight(effort[j] as number, h) <= (capacity[i] as number),
        });
        if (block) blocks.push(block);
        return block === null;
      });
      if (allowed.some(Boolean)) allowedRows.push({ j, allowed, hours });
      else {
        blocked.set(j, blocks);
        if (mustServe.has(need.id))
          warnings.push(`must-serve need ${need.id} has no expert who may serve it`);
        if (pin) warnings.push(`pin of need ${need.id} cannot hold: the pair breaks a limit`);
      }
    }
    if (allowedRows.length === 0) continue;
    const m = g.experts.length + 1;
    const n = allowedRows.length;
    const cost = new Float64Array(m * n);
    const weight = new Float64Array(m * n);
    const allowedFlat = new Uint8Array(m * n);
    const cap = new Float64Array(m);
    g.experts.forEach((i, a) => {
      cap[a] = capacity[i] as number;
    });
    // The unserved agent: cost 0, one unit per need, room for all of them.
    cap[m - 1] = n;
    allowedRows.forEach((row, b) => {
      const need = input.needs[row.j] as MatchingNeed;
      row.allowed.forEach((ok, a) => {
        const h = row.hours[a] as number;
        const c = a * n + b;
        cost[c] = ok ? pairCost(need.priority, h, rules) : 0;
        weight[c] = ok ? pairWeight(effort[row.j] as number, h) : (cap[a] as number) + 1;
        allowedFlat[c] = ok ? 1 : 0;
      });
      const serveOnly = mustServe.has(need.id) || pinned.has(need.id);
      weight[(m - 1) * n + b] = serveOnly ? n + 1 : 1;
      allowedFlat[(m - 1) * n + b] = serveOnly ? 0 : 1;
    });
    specialties.push({
      specialtyCode: code,
      experts: g.experts,
      needs: allowedRows.map((r) => r.j),
      instance: { agents: m, jobs: n, cost, weight, capacity: cap },
      allowed: allowedFlat,
    });
  }
  return { input, rules, capacity, effort, specialties, blocked, warnings };
}

function pairBlock(
  expert: MatchingExpert,
  need: MatchingNeed,
  hours: number | null,
  pin: string | undefined,
  o: {
    stay: boolean;
    forbidden: boolean;
    prefectureHospitalId: string | null;
    maxHours: number;
    fits: boolean;
  },
): PairBlock | null {
  if (o.forbidden) return 'rules';
  if (pin !== undefined && pin !== expert.personId) return 'rules';
  if (o.stay && need.facilityId !== o.prefectureHospitalId) return 'rules';
  if (hours === null) return 'no_road';
  if (hours > o.maxHours && pin !== expert.personId) return 'too_far';
  if (!o.fits) return 'too_large';
  return null;
}
