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
  /**
   * The same pairs as lists (unserved agent left out): need slot b may go to the expert slots
   * `candidates.agent[candidates.start[b] .. candidates.start[b + 1])`. Few pairs are allowed at
   * national scale (under 2 %), so loops over these lists replace scans of whole columns.
   */
  candidates: CandidateLists;
};

/** Compressed lists of the allowed expert slots of each need slot. */
export type CandidateLists = { start: Int32Array; agent: Int32Array };

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
