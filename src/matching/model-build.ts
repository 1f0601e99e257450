import {
  expertCapacity,
  type MatchingInput,
  type MatchingModel,
  type MatchingNeed,
  type PairBlock,
  pairCost,
  pairWeight,
  type SpecialtyModel,
} from './model';
import type { MatchingRules } from './rules';

/**
 * Hours memoised per (base, facility): thousands of experts share a few hundred bases, and a
 * lookup in a typed row is far cheaper than the road search behind `input.travel`.
 */
type TravelMemo = {
  /** Column of a need's facility in every row. */
  column: (facility: string) => number;
  /** The row of a base: hours to each column, NaN until asked, NO_ROAD when there is none. */
  row: (base: string) => Float64Array;
  hours: (base: string, facility: string) => number | null;
};

/** No road between the two (kept apart from "not computed yet", NaN). */
const NO_ROAD = -1;

function memoTravel(input: MatchingInput): TravelMemo {
  const index = new Map<string, number>();
  const names: string[] = [];
  for (const n of input.needs)
    if (!index.has(n.facilityId)) {
      index.set(n.facilityId, names.length);
      names.push(n.facilityId);
    }
  const rows = new Map<string, Float64Array>();
  const row = (base: string) => {
    let r = rows.get(base);
    if (!r) {
      r = new Float64Array(names.length).fill(Number.NaN);
      rows.set(base, r);
    }
    return r;
  };
  return {
    column: (facility) => index.get(facility) as number,
    row,
    hours(base, facility) {
      const f = index.get(facility);
      if (f === undefined) return input.travel(base, facility);
      const r = row(base);
      if (Number.isNaN(r[f])) r[f] = input.travel(base, facility) ?? NO_ROAD;
      return r[f] === NO_ROAD ? null : (r[f] as number);
    },
  };
}

/** The rules turned into index lookups, so the per-pair test builds no strings. */
type PairRules = {
  /** Pinned expert (index of input.experts) of each need index. */
  pinned: Map<number, number>;
  forbidden: Map<number, Set<number>>;
  stay: Uint8Array;
  mustServe: Set<string>;
};

function indexRules(input: MatchingInput, rules: MatchingRules, warnings: string[]): PairRules {
  const expertIndex = new Map(input.experts.map((e, i) => [e.personId, i]));
  const needIndex = new Map(input.needs.map((n, j) => [n.id, j]));
  const pinned = new Map<number, number>();
  for (const pin of rules.pins) {
    const i = expertIndex.get(pin.personId);
    const j = needIndex.get(pin.needId);
    if (i === undefined || j === undefined) {
      warnings.push(`pin ignored: need ${pin.needId} or expert ${pin.personId} is not in this batch`);
    } else if (input.experts[i]?.specialtyCode !== input.needs[j]?.specialtyCode) {
      warnings.push(`pin ignored: need ${pin.needId} and expert ${pin.personId} differ in specialty`);
    } else pinned.set(j, i);
  }
  const forbidden = new Map<number, Set<number>>();
  for (const f of rules.forbids) {
    const i = expertIndex.get(f.personId);
    const j = needIndex.get(f.needId);
    if (i === undefined || j === undefined) continue;
    const set = forbidden.get(j) ?? new Set<number>();
    set.add(i);
    forbidden.set(j, set);
  }
  const stay = new Uint8Array(input.experts.length);
  for (const id of rules.stayAtPrefecture) {
    const i = expertIndex.get(id);
    if (i !== undefined) stay[i] = 1;
  }
  return { pinned, forbidden, stay, mustServe: new Set(rules.mustServe) };
}

type Context = {
  input: MatchingInput;
  rules: MatchingRules;
  capacity: number[];
  effort: number[];
  travel: TravelMemo;
  pairRules: PairRules;
};

/** Why expert i may not serve need j, or null when the pair is allowed. */
function pairBlock(ctx: Context, i: number, j: number): PairBlock | null {
  const { input, pairRules: r } = ctx;
  const need = input.needs[j] as MatchingNeed;
  const pin = r.pinned.get(j);
  if (r.forbidden.get(j)?.has(i)) return 'rules';
  if (pin !== undefined && pin !== i) return 'rules';
  if (r.stay[i] && need.facilityId !== input.prefectureHospitalId) return 'rules';
  const h = ctx.travel.hours(input.experts[i]!.baseFacilityId, need.facilityId);
  if (h === null) return 'no_road';
  if (h > ctx.rules.maxTravelHours && pin !== i) return 'too_far';
  if (!(pairWeight(ctx.effort[j] as number, h) <= (ctx.capacity[i] as number))) return 'too_large';
  return null;
}

/** One need's allowed expert slots and their one-way hours. */
type NeedRow = { j: number; slots: number[]; hours: number[] };

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
  const pairRules = indexRules(input, rules, warnings);
  const ctx: Context = { input, rules, capacity, effort, travel: memoTravel(input), pairRules };

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
    const rows: NeedRow[] = [];
    const travelRows = g.experts.map((i) => ctx.travel.row(input.experts[i]!.baseFacilityId));
    for (const j of g.needs) {
      const row = allowedRow(ctx, g.experts, travelRows, j);
      if (row.slots.length > 0) {
        rows.push(row);
        continue;
      }
      // Only needs nobody may serve keep the per-expert blocks, for their reason.
      const blocks = g.experts.map((i) => pairBlock(ctx, i, j)).filter((b): b is PairBlock => b !== null);
      blocked.set(j, blocks);
      const need = input.needs[j] as MatchingNeed;
      if (pairRules.mustServe.has(need.id))
        warnings.push(`must-serve need ${need.id} has no expert who may serve it`);
      if (pairRules.pinned.has(j))
        warnings.push(`pin of need ${need.id} cannot hold: the pair breaks a limit`);
    }
    if (rows.length > 0) specialties.push(specialtyModel(ctx, code, g.experts, rows));
  }
  return { input, rules, capacity, effort, specialties, blocked, warnings };
}

/** The allowed expert slots of need j: the travel limit first (it rules out most pairs), then the rest. */
function allowedRow(ctx: Context, experts: number[], rows: Float64Array[], j: number): NeedRow {
  const { input, rules, travel } = ctx;
  const need = input.needs[j] as MatchingNeed;
  const f = travel.column(need.facilityId);
  const pin = ctx.pairRules.pinned.get(j);
  const out: NeedRow = { j, slots: [], hours: [] };
  for (let a = 0; a < experts.length; a++) {
    const i = experts[a] as number;
    const row = rows[a] as Float64Array;
    if (Number.isNaN(row[f])) travel.hours(input.experts[i]!.baseFacilityId, need.facilityId);
    const h = row[f] as number;
    if ((h > rules.maxTravelHours && pin !== i) || h === NO_ROAD) continue;
    if (pairBlock(ctx, i, j) !== null) continue;
    out.slots.push(a);
    out.hours.push(h);
  }
  return out;
}

/** The dense instance the GAP engine takes, plus the same allowed pairs as lists. */
function specialtyModel(ctx: Context, code: string, experts: number[], rows: NeedRow[]): SpecialtyModel {
  const { input, rules, capacity, effort, pairRules } = ctx;
  const m = experts.length + 1;
  const n = rows.length;
  const cost = new Float64Array(m * n);
  const weight = new Float64Array(m * n);
  const allowed = new Uint8Array(m * n);
  const cap = new Float64Array(m);
  experts.forEach((i, a) => {
    cap[a] = capacity[i] as number;
    weight.fill((cap[a] as number) + 1, a * n, (a + 1) * n);
  });
  // The unserved agent: cost 0, one unit per need, room for all of them.
  cap[m - 1] = n;
  const start = new Int32Array(n + 1);
  const agent = new Int32Array(rows.reduce((s, r) => s + r.slots.length, 0));
  rows.forEach((row, b) => {
    const need = input.needs[row.j] as MatchingNeed;
    start[b + 1] = (start[b] as number) + row.slots.length;
    row.slots.forEach((a, k) => {
      const h = row.hours[k] as number;
      const c = a * n + b;
      cost[c] = pairCost(need.priority, h, rules);
      weight[c] = pairWeight(effort[row.j] as number, h);
      allowed[c] = 1;
      agent[(start[b] as number) + k] = a;
    });
    const serveOnly = pairRules.mustServe.has(need.id) || pairRules.pinned.has(row.j);
    weight[(m - 1) * n + b] = serveOnly ? n + 1 : 1;
    allowed[(m - 1) * n + b] = serveOnly ? 0 : 1;
  });
  return {
    specialtyCode: code,
    experts,
    needs: rows.map((r) => r.j),
    instance: { agents: m, jobs: n, cost, weight, capacity: cap },
    allowed,
    candidates: { start, agent },
  };
}
