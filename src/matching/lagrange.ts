import { knapsack, knapsackItems, type SparseSlice } from './sparse-slice';

/**
 * Multipliers are kept on this grid, so that every sum of the bound (integer profits, multipliers
 * of at most a few thousand) is exact in double precision and the bound needs no safety margin.
 */
const GRID = 1024;
const onGrid = (x: number) => Math.round(x * GRID) / GRID;

export type LagrangeState = {
  /** One price per need slot (value terms, ≥ 0). */
  price: Float64Array;
  /** Best (lowest) upper bound on the slice's value found so far; an integer. */
  bound: number;
  /** How many experts took each need in the last evaluation (0, 1 or more). */
  takenBy: Int32Array;
  /** The expert slot that took each need last (any of them when several did), else −1. */
  takerOf: Int32Array;
  /** Polyak step factor, halved after `patience` steps without a better bound. */
  step: number;
  stall: number;
  patience: number;
};

export function lagrangeStart(slice: SparseSlice): LagrangeState {
  return {
    price: uniformStart(slice),
    bound: Number.POSITIVE_INFINITY,
    takenBy: new Int32Array(slice.needs),
    takerOf: new Int32Array(slice.needs).fill(-1),
    // From the uniform-price start a small, quickly shrinking step does best (measured on the
    // national batch: the bound of 100 steps is where 400 got with step 1 and patience 15).
    step: 0.25,
    stall: 0,
    patience: 8,
  };
}

/**
 * Starting prices from one price ρ per day of capacity: relaxing the capacities instead gives
 * f(ρ) = Σ_j max(0, max_i p_ij − ρ w_ij) + ρ Σ_i b_i, convex in ρ, minimised by ternary search;
 * then u_j = max(0, max_i p_ij − ρ w_ij) is a feasible LP dual, a far better start than 0.
 */
function uniformStart(slice: SparseSlice): Float64Array {
  const best = (rho: number, out?: Float64Array) => {
    let total = 0;
    for (let b = 0; b < slice.needs; b++) {
      let u = 0;
      for (let k = slice.pairStart[b] as number; k < (slice.pairStart[b + 1] as number); k++)
        u = Math.max(u, (slice.profit[k] as number) - rho * (slice.weight[k] as number));
      total += u;
      if (out) out[b] = onGrid(u);
    }
    return total;
  };
  let capacity = 0;
  for (const c of slice.capacity) capacity += c;
  let hi = 0;
  for (let k = 0; k < slice.profit.length; k++)
    hi = Math.max(hi, (slice.profit[k] as number) / (slice.weight[k] as number));
  let lo = 0;
  for (let round = 0; round < 50; round++) {
    const a = lo + (hi - lo) / 3;
    const b = hi - (hi - lo) / 3;
    if (best(a) + a * capacity <= best(b) + b * capacity) hi = b;
    else lo = a;
  }
  const price = new Float64Array(slice.needs);
  best((lo + hi) / 2, price);
  return price;
}

/**
 * L(u) = Σ_j u_j + Σ_i max{ Σ_j (p_ij − u_j) x_ij : Σ_j w_ij x_ij ≤ b_i } for prices u ≥ 0: the
 * Lagrangian relaxation of "each need served at most once" (Fisher, Jaikumar & Van Wassenhove
 * 1986), one exact knapsack per expert. Every u ≥ 0 gives an upper bound on the value of every
 * plan (must-serve rules dropped, weights rounded down: both only relax the problem). It is at
 * least as strong as the LP relaxation and, with whole-need knapsacks, often much stronger.
 */
export function lagrangeValue(slice: SparseSlice, state: LagrangeState): number {
  const { price, takenBy, takerOf } = state;
  takenBy.fill(0);
  takerOf.fill(-1);
  let total = 0;
  for (let b = 0; b < slice.needs; b++) total += price[b] as number;
  const take: number[] = [];
  const items = knapsackItems(slice.maxPerExpert);
  for (let a = 0; a < slice.experts; a++) {
    const from = slice.agentStart[a] as number;
    items.count = (slice.agentStart[a + 1] as number) - from;
    for (let t = 0; t < items.count; t++) {
      const k = slice.byAgent[from + t] as number;
      items.value[t] = (slice.profit[k] as number) - (price[slice.need[k] as number] as number);
      items.units[t] = slice.unitsLow[k] as number;
    }
    total += knapsack(items, slice.capUnits[a] as number, take);
    for (const t of take) {
      const b = slice.need[slice.byAgent[from + t] as number] as number;
      takenBy[b]!++;
      takerOf[b] = a;
    }
  }
  return total;
}

/**
 * One subgradient step (Held, Wolfe & Crowder 1974) towards prices with a lower L(u), with the
 * Polyak step against the best plan's value `target`; returns the new bound (floored: the
 * optimum is an integer).
 */
export function lagrangeStep(slice: SparseSlice, state: LagrangeState, target: number): number {
  const value = lagrangeValue(slice, state);
  const bound = Math.floor(value);
  if (bound < state.bound) {
    state.bound = bound;
    state.stall = 0;
  } else if (++state.stall >= state.patience) {
    state.step /= 2;
    state.stall = 0;
  }
  const { price, takenBy } = state;
  let norm = 0;
  for (let b = 0; b < slice.needs; b++) {
    const g = 1 - (takenBy[b] as number);
    if (g > 0 && (price[b] as number) <= 0) continue;
    norm += g * g;
  }
  if (norm === 0) return state.bound;
  const t = (state.step * Math.max(1, value - target)) / norm;
  for (let b = 0; b < slice.needs; b++) {
    const g = 1 - (takenBy[b] as number);
    price[b] = Math.max(0, onGrid((price[b] as number) - t * g));
  }
  return state.bound;
}
