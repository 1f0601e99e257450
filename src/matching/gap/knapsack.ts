/**
 * Scratch space for the 0-1 knapsack subproblems of the Lagrangian relaxation, reused across calls
 * so the subgradient loop allocates nothing.
 */
export class KnapsackWorkspace {
  private table = new Float64Array(0);
  private taken = new Uint8Array(0);
  private order = new Int32Array(0);
  private ratio = new Float64Array(0);

  /**
   * Maximises sum(profit[t] x[t]) subject to sum(weight[t] x[t]) <= capacity over items 0..count-1
   * (all profits positive). Sets `chosen[t]` to 1 for the items of the plan found and returns an
   * UPPER bound on the optimum: exact by dynamic programming (Bellman) when the weights are integers
   * and the table fits `cellBudget`, otherwise Dantzig's LP bound (Martello & Toth 1990, §2.2) with
   * the greedy plan. `critical` receives the profit/weight ratio of the break item (an LP dual price).
   */
  solve(
    profit: Float64Array,
    weight: Float64Array,
    count: number,
    capacity: number,
    chosen: Uint8Array,
    integral: boolean,
    cellBudget: number,
    critical: { ratio: number },
  ): number {
    let totalWeight = 0;
    let totalProfit = 0;
    for (let t = 0; t < count; t++) {
      totalWeight += weight[t]!;
      totalProfit += profit[t]!;
    }
    if (totalWeight <= capacity) {
      chosen.fill(1, 0, count);
      critical.ratio = 0;
      return totalProfit;
    }
    const lp = this.dantzig(profit, weight, count, capacity, chosen, critical);
    const cap = Math.floor(capacity);
    if (!integral || count * (cap + 1) > cellBudget) return lp;
    return this.dynamicProgram(profit, weight, count, cap, chosen);
  }

  private dantzig(
    profit: Float64Array,
    weight: Float64Array,
    count: number,
    capacity: number,
    chosen: Uint8Array,
    critical: { ratio: number },
  ): number {
    if (this.order.length < count) {
      this.order = new Int32Array(count * 2);
      this.ratio = new Float64Array(count * 2);
    }
    const order = this.order.subarray(0, count);
    const ratio = this.ratio;
    for (let t = 0; t < count; t++) {
      order[t] = t;
      ratio[t] = weight[t]! > 0 ? profit[t]! / weight[t]! : Number.POSITIVE_INFINITY;
    }
    order.sort((a, b) => ratio[b]! - ratio[a]!);
    chosen.fill(0, 0, count);
    let room = capacity;
    let value = 0;
    let bound = -1;
    for (let k = 0; k < count; k++) {
      const t = order[k]!;
      const w = weight[t]!;
      if (w <= room) {
        room -= w;
        value += profit[t]!;
        chosen[t] = 1;
      } else if (bound < 0) {
        bound = value + (room * profit[t]!) / w;
        critical.ratio = ratio[t]!;
      }
    }
    return bound < 0 ? value : bound;
  }

  private dynamicProgram(
    profit: Float64Array,
    weight: Float64Array,
    count: number,
    cap: number,
    chosen: Uint8Array,
  ): number {
    const width = cap + 1;
    if (this.table.length < width) this.table = new Float64Array(width * 2);
    if (this.taken.length < count * width) this.taken = new Uint8Array(count * width * 2);
    const dp = this.table;
    dp.fill(0, 0, width);
    const taken = this.taken;
    for (let t = 0; t < count; t++) {
      const w = weight[t]!;
      const p = profit[t]!;
      const row = t * width;
      taken.fill(0, row, row + width);
      for (let c = cap; c >= w; c--) {
        const v = dp[c - w]! + p;
        if (v > dp[c]!) {
          dp[c] = v;
          taken[row + c] = 1;
        }
      }
    }
    chosen.fill(0, 0, count);
    let c = cap;
    for (let t = count - 1; t >= 0; t--) {
      if (taken[t * width + c]) {
        chosen[t] = 1;
        c -= weight[t]!;
      }
    }
    return dp[cap]!;
  }
}
