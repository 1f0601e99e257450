import type { LagrangeState } from './lagrange';
import { knapsack, knapsackItems, type SparseSlice } from './sparse-slice';

/** Value a must-serve (or pinned) need adds on top of its own while searching: serve those first. */
const SERVE_FIRST = 1e9;

/** A plan over a sparse slice: the pair serving each need slot (−1: unserved) and the loads. */
export class SparsePlan {
  readonly pairOf: Int32Array;
  readonly load: Float64Array;
  /** Search value: profits plus SERVE_FIRST per served must-serve need. */
  score = 0;

  constructor(readonly slice: SparseSlice) {
    this.pairOf = new Int32Array(slice.needs).fill(-1);
    this.load = new Float64Array(slice.experts);
  }

  /** What serving by pair k adds to the search value. */
  gain(k: number): number {
    const s = this.slice;
    return (s.profit[k] as number) + (s.serveOnly[s.need[k] as number] ? SERVE_FIRST : 0);
  }

  fits(k: number): boolean {
    const a = this.slice.agent[k] as number;
    return (
      (this.load[a] as number) + (this.slice.weight[k] as number) <= (this.slice.capacity[a] as number) + 1e-9
    );
  }

  assign(k: number): void {
    const b = this.slice.need[k] as number;
    this.unassign(b);
    this.pairOf[b] = k;
    this.load[this.slice.agent[k] as number]! += this.slice.weight[k] as number;
    this.score += this.gain(k);
  }

  unassign(b: number): void {
    const k = this.pairOf[b] as number;
    if (k < 0) return;
    this.pairOf[b] = -1;
    this.load[this.slice.agent[k] as number]! -= this.slice.weight[k] as number;
    this.score -= this.gain(k);
  }

  /** The plan's value (tenths of a point), must-serve bonus left out. */
  value(): number {
    let v = 0;
    for (const k of this.pairOf) if (k >= 0) v += this.slice.profit[k] as number;
    return v;
  }

  /** Must-serve needs the plan leaves out. */
  missingServeOnly(): number {
    let missing = 0;
    for (let b = 0; b < this.slice.needs; b++)
      if (this.slice.serveOnly[b] && (this.pairOf[b] as number) < 0) missing++;
    return missing;
  }

  copyFrom(other: SparsePlan): void {
    this.pairOf.set(other.pairOf);
    this.load.set(other.load);
    this.score = other.score;
  }
}

/**
 * A plan from the Lagrangian's answer: each need first goes to the expert whose knapsack took
 * it (most valuable needs first), then the rest, must-serve first, to the allowed expert with
 * room who values it most; a local search then polishes it.
 */
export function planFromPrices(slice: SparseSlice, state: LagrangeState, plan: SparsePlan): void {
  const order = byBestGain(slice, plan);
  for (const b of order) {
    const a = state.takerOf[b] as number;
    if (a < 0) continue;
    for (let k = slice.pairStart[b] as number; k < (slice.pairStart[b + 1] as number); k++)
      if (slice.agent[k] === a && plan.gain(k) > 0 && plan.fits(k)) plan.assign(k);
  }
  for (const b of order) if ((plan.pairOf[b] as number) < 0) bestFit(slice, plan, b);
}

function byBestGain(slice: SparseSlice, plan: SparsePlan): number[] {
  const best = new Float64Array(slice.needs);
  for (let b = 0; b < slice.needs; b++)
    for (let k = slice.pairStart[b] as number; k < (slice.pairStart[b + 1] as number); k++)
      best[b] = Math.max(best[b] as number, plan.gain(k));
  return [...best.keys()].sort((x, y) => (best[y] as number) - (best[x] as number) || x - y);
}

/** Serves need b by the allowed expert with room who values it most, if any. */
function bestFit(slice: SparseSlice, plan: SparsePlan, b: number): void {
  let pick = -1;
  for (let k = slice.pairStart[b] as number; k < (slice.pairStart[b + 1] as number); k++) {
    if (!(plan.gain(k) > 0) || !plan.fits(k)) continue;
    if (pick < 0 || plan.gain(k) > plan.gain(pick)) pick = k;
  }
  if (pick >= 0) plan.assign(pick);
}

const take: number[] = [];
let scratch = knapsackItems(64);

/**
 * Re-packs expert a: the best set among its own needs and the unserved ones it may serve (an
 * exact knapsack, weights rounded up to half days so the result fits). `skip` leaves one need out.
 * Returns the value gained (0 when repacking does not help) and applies it when `apply` is set.
 */
function repack(plan: SparsePlan, a: number, apply: boolean, skip = -1): number {
  const s = plan.slice;
  const items: number[] = [];
  let current = 0;
  for (let t = s.agentStart[a] as number; t < (s.agentStart[a + 1] as number); t++) {
    const k = s.byAgent[t] as number;
    const b = s.need[k] as number;
    if (plan.pairOf[b] === k) current += plan.gain(k);
    if (b !== skip && (plan.pairOf[b] === k || plan.pairOf[b] === -1)) items.push(k);
  }
  if (scratch.value.length < items.length) scratch = knapsackItems(items.length * 2);
  scratch.count = items.length;
  items.forEach((k, t) => {
    scratch.value[t] = plan.gain(k);
    scratch.units[t] = s.unitsHigh[k] as number;
  });
  const best = knapsack(scratch, s.capUnits[a] as number, take);
  const skipped =
    skip >= 0 && s.agent[plan.pairOf[skip] as number] === a ? plan.gain(plan.pairOf[skip] as number) : 0;
  const gained = best - (current - skipped);
  if (!apply || gained <= 1e-9) return gained;
  const chosen = take.map((t) => items[t] as number);
  for (const k of items) if (plan.pairOf[s.need[k] as number] === k) plan.unassign(s.need[k] as number);
  for (const k of chosen) plan.assign(k);
  return gained;
}

/**
 * Local search until no move helps or time is up: repack each expert; then shift a need to
 * another expert with room when the days it frees let its expert repack to a higher value (an
 * ejection of length one; Yagiura, Ibaraki & Glover 2004 chain these). Letting a repack also
 * take needs from other experts was tried: slower, and no better on the national batch.
 */
export function polish(plan: SparsePlan, deadline: number): void {
  const s = plan.slice;
  let improved = true;
  while (improved && performance.now() < deadline) {
    improved = false;
    for (let a = 0; a < s.experts; a++) if (repack(plan, a, true) > 1e-9) improved = true;
    for (let b = 0; b < s.needs && performance.now() < deadline; b++) {
      const k = plan.pairOf[b] as number;
      if (k >= 0 && shift(plan, b, k)) improved = true;
    }
  }
}

function shift(plan: SparsePlan, b: number, k: number): boolean {
  const s = plan.slice;
  const a = s.agent[k] as number;
  let best = 1e-9;
  let pick = -1;
  for (let k2 = s.pairStart[b] as number; k2 < (s.pairStart[b + 1] as number); k2++) {
    if (k2 === k || !plan.fits(k2)) continue;
    // Moving b away only pays when the days it frees let a take more than the move loses.
    const total = plan.gain(k2) - plan.gain(k) + repack(plan, a, false, b);
    if (total > best) {
      best = total;
      pick = k2;
    }
  }
  if (pick < 0) return false;
  plan.assign(pick);
  repack(plan, a, true);
  return true;
}
