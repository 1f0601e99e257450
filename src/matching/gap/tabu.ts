import type { GapInstance } from './instance';
import { polishPlan } from './polish';

/** Settings of one tabu search run. */
export interface TabuOptions {
  /** Starting plan (may overload agents). */
  start: Int32Array;
  /** Candidate agents per job: row j of `candidates` (`width` wide) holds `candidateCount[j]` agents. */
  candidates: Int32Array;
  candidateCount: Int32Array;
  width: number;
  /** Wall-clock deadline (performance.now() milliseconds). */
  deadline: number;
  random: () => number;
  /** Stop as soon as a feasible plan of this cost or less is found (e.g. the rounded-up bound). */
  target: number;
  /** Polled now and then; true ends the search. */
  shouldStop?: () => boolean;
  /** Called with each new best feasible plan. */
  onImprove?: (cost: number, assignment: Int32Array) => void;
}

/** Best feasible plan of a tabu search, or null when none was met. */
export interface TabuResult {
  assignment: Int32Array | null;
  cost: number;
  iterations: number;
}

const excess = (load: number, cap: number) => (load > cap ? load - cap : 0);

/**
 * Tabu search over shift and swap moves with capacity violation allowed at an adaptive per-agent
 * penalty (strategic oscillation), after Díaz & Fernández (2001), "A tabu search heuristic for the
 * generalized assignment problem", EJOR 132, and the adaptive weights of Yagiura, Ibaraki & Glover
 * (2004), "An ejection chain approach for the generalized assignment problem", INFORMS J. Comput. 16.
 * When a run stalls, its best plan is polished by exact reoptimisation of small agent groups
 * (polish.ts) and the search restarts from the best plan with a random kick.
 */
export function tabuSearch(instance: GapInstance, options: TabuOptions): TabuResult {
  const { agents: m, jobs: n, cost, weight, capacity } = instance;
  const { candidates, candidateCount, width, random } = options;
  const asg = Int32Array.from(options.start);
  const load = new Float64Array(m);
  const members = new Int32Array(m * n);
  const size = new Int32Array(m);
  const position = new Int32Array(n);
  const isCandidate = new Uint8Array(m * n);
  for (let j = 0; j < n; j++)
    for (let k = 0; k < candidateCount[j]!; k++) isCandidate[candidates[j * width + k]! * n + j] = 1;
  const tabuUntil = new Int32Array(m * n);
  const heaviest = new Float64Array(m);
  const alpha = new Float64Array(m);
  let meanRatio = 0;
  for (let k = 0; k < m * n; k++) meanRatio += Math.abs(cost[k]!) / Math.max(weight[k]!, 1e-9);
  const alpha0 = Math.max(meanRatio / (m * n), 1e-3);
  const alphaMin = alpha0 * 1e-3;

  // byGain[(b * m + a) * n ..]: the jobs now at agent b in ascending order of the cost change
  // cost[a][k] - cost[b][k] of sending them to agent a, so swap scans can stop early.
  const byGain = new Int32Array(m * m * n);
  const gainSize = new Int32Array(m * m);
  const gain = (k: number, a: number, b: number) => cost[a * n + k]! - cost[b * n + k]!;
  const gainPosition = (list: number, count: number, g: number, a: number, b: number) => {
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (gain(byGain[list + mid]!, a, b) < g) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const enter = (k: number, b: number) => {
    for (let a = 0; a < m; a++) {
      if (a === b) continue;
      const slot = b * m + a;
      const list = slot * n;
      const count = gainSize[slot]!;
      const at = gainPosition(list, count, gain(k, a, b), a, b);
      byGain.copyWithin(list + at + 1, list + at, list + count);
      byGain[list + at] = k;
      gainSize[slot] = count + 1;
    }
  };
  const leave = (k: number, b: number) => {
    for (let a = 0; a < m; a++) {
      if (a === b) continue;
      const slot = b * m + a;
      const list = slot * n;
      const count = gainSize[slot]!;
      let at = gainPosition(list, count, gain(k, a, b), a, b);
      while (byGain[list + at] !== k) at++;
      byGain.copyWithin(list + at, list + at + 1, list + count);
      gainSize[slot] = count - 1;
    }
  };
  let curCost = 0;
  const reset = (from: Int32Array) => {
    asg.set(from);
    load.fill(0);
    size.fill(0);
    curCost = 0;
    for (let j = 0; j < n; j++) {
      const i = asg[j]!;
      load[i]! += weight[i * n + j]!;
      curCost += cost[i * n + j]!;
      position[j] = size[i]!;
      members[i * n + size[i]!++] = j;
    }
    alpha.fill(alpha0);
    gainSize.fill(0);
    for (let j = 0; j < n; j++) enter(j, asg[j]!);
  };
  const move = (j: number, b: number) => {
    const a = asg[j]!;
    const last = members[a * n + --size[a]!]!;
    members[a * n + position[j]!] = last;
    position[last] = position[j]!;
    position[j] = size[b]!;
    members[b * n + size[b]!++] = j;
    leave(j, a);
    enter(j, b);
    load[a]! -= weight[a * n + j]!;
    load[b]! += weight[b * n + j]!;
    curCost += cost[b * n + j]! - cost[a * n + j]!;
    asg[j] = b;
  };
  reset(options.start);
  // First-improvement descent over shifts: cheap, and on large instances it does most of the
  // early work that would otherwise cost one full neighbourhood scan per move.
  for (let pass = 0; pass < 100 && performance.now() < options.deadline; pass++) {
    let improved = false;
    for (let j = 0; j < n; j++) {
      const a = asg[j]!;
      const wa = weight[a * n + j]!;
      const leave =
        alpha[a]! * (excess(load[a]! - wa, capacity[a]!) - excess(load[a]!, capacity[a]!)) - cost[a * n + j]!;
      let bestB = -1;
      let bestD = -1e-9;
      for (let t = 0, cnt = candidateCount[j]!; t < cnt; t++) {
        const b = candidates[j * width + t]!;
        if (b === a) continue;
        const lb = load[b]!;
        const d =
          leave +
          cost[b * n + j]! +
          alpha[b]! * (excess(lb + weight[b * n + j]!, capacity[b]!) - excess(lb, capacity[b]!));
        if (d < bestD) {
          bestD = d;
          bestB = b;
        }
      }
      if (bestB >= 0) {
        move(j, bestB);
        improved = true;
      }
    }
    if (!improved) break;
  }
  let totalExcess = 0;
  for (let i = 0; i < m; i++) totalExcess += excess(load[i]!, capacity[i]!);

  const best = new Int32Array(n);
  let bestCost = Number.POSITIVE_INFINITY;
  const record = () => {
    if (curCost < bestCost) {
      bestCost = curCost;
      best.set(asg);
      options.onImprove?.(bestCost, best);
    }
  };
  if (totalExcess <= 1e-9) record();

  // Best feasible plan since the last restart: a stall is measured against it, and it is polished.
  const runBest = new Int32Array(n);
  let runBestCost = Number.POSITIVE_INFINITY;
  const eps = 1e-9;
  // The local optimum a stalled run ended near gets a few percent of the remaining time of
  // exact reoptimisation over small groups of agents (see polish.ts).
  const polishRunBest = () => {
    const now = performance.now();
    runBestCost = polishPlan(instance, runBest, runBestCost, random, now + 0.03 * (options.deadline - now));
    if (runBestCost < bestCost - eps) {
      bestCost = runBestCost;
      best.set(runBest);
      options.onImprove?.(bestCost, best);
    }
  };
  const tenureBase = Math.max(4, Math.round(Math.sqrt(n) * 0.5));
  const stallLimit = Math.max(2000, 20 * n);
  let lastImprovement = 0;
  let iter = 0;
  while (bestCost > options.target + eps) {
    iter++;
    if (((iter & 15) === 0 || n > 300) && (performance.now() >= options.deadline || options.shouldStop?.()))
      break;
    let bestDelta = Number.POSITIVE_INFINITY;
    let moveJ = -1;
    let moveB = -1;
    let swapK = -1;
    let ties = 0;
    const consider = (delta: number, j: number, b: number, k: number) => {
      if (delta < bestDelta - eps) {
        bestDelta = delta;
        moveJ = j;
        moveB = b;
        swapK = k;
        ties = 1;
      } else if (delta <= bestDelta + eps && random() * ++ties < 1) {
        moveJ = j;
        moveB = b;
        swapK = k;
      }
    };
    // Shifts: job j leaves agent a for agent b.
    for (let j = 0; j < n; j++) {
      const a = asg[j]!;
      const la = load[a]!;
      const ca = capacity[a]!;
      const wa = weight[a * n + j]!;
      const exLeaveA = excess(la - wa, ca) - excess(la, ca);
      const leaveA = alpha[a]! * exLeaveA - cost[a * n + j]!;
      for (let t = 0, cnt = candidateCount[j]!; t < cnt; t++) {
        const b = candidates[j * width + t]!;
        if (b === a) continue;
        const lb = load[b]!;
        const cb = capacity[b]!;
        const exB = excess(lb + weight[b * n + j]!, cb) - excess(lb, cb);
        if (
          tabuUntil[b * n + j]! > iter &&
          !(
            totalExcess + exLeaveA + exB <= eps &&
            curCost + cost[b * n + j]! - cost[a * n + j]! < bestCost - eps
          )
        ) {
          continue;
        }
        consider(leaveA + cost[b * n + j]! + alpha[b]! * exB, j, b, -1);
      }
    }
    heaviest.fill(0);
    for (let k = 0; k < n; k++) {
      const i = asg[k]!;
      if (weight[i * n + k]! > heaviest[i]!) heaviest[i] = weight[i * n + k]!;
    }
    // Swaps: j (at a) and k (at b) trade places. Partners k come in ascending cost change, and the
    // scan stops once even the least possible penalty change could not beat the best move so far.
    for (let j = 0; j < n; j++) {
      const a = asg[j]!;
      const la = load[a]!;
      const ca = capacity[a]!;
      const ea = excess(la, ca);
      const wa = weight[a * n + j]!;
      // Least penalty change at a: it loses j and gains k (whose need is at least 0).
      const reliefA = alpha[a]! * (ea - excess(la - wa, ca));
      for (let t = 0, cnt = candidateCount[j]!; t < cnt; t++) {
        const b = candidates[j * width + t]!;
        if (b === a) continue;
        const lb = load[b]!;
        const cb = capacity[b]!;
        const eb = excess(lb, cb);
        const base = cost[b * n + j]! - cost[a * n + j]!;
        const wb = weight[b * n + j]!;
        // Least penalty change at b: it gains j and loses at most its heaviest job. Tighter than
        // "all excess of a and b removed", so scans over overloaded agents stop much earlier.
        const relief = reliefA + alpha[b]! * (eb - excess(lb + wb - heaviest[b]!, cb));
        const isTabu = tabuUntil[b * n + j]! > iter;
        const slot = b * m + a;
        const list = slot * n;
        const sb = gainSize[slot]!;
        for (let p = 0; p < sb; p++) {
          const k = byGain[list + p]!;
          const dCost = base + cost[a * n + k]! - cost[b * n + k]!;
          if (dCost - relief >= bestDelta) break;
          if (!isCandidate[a * n + k]) continue;
          const exA2 = excess(la - wa + weight[a * n + k]!, ca) - ea;
          const exB2 = excess(lb + wb - weight[b * n + k]!, cb) - eb;
          if (
            (isTabu || tabuUntil[a * n + k]! > iter) &&
            !(totalExcess + exA2 + exB2 <= eps && curCost + dCost < bestCost - eps)
          ) {
            continue;
          }
          consider(dCost + alpha[a]! * exA2 + alpha[b]! * exB2, j, b, k);
        }
      }
    }
    if (moveJ < 0) {
      // Every move is tabu: forget the tabu list.
      tabuUntil.fill(0);
      continue;
    }
    const a = asg[moveJ]!;
    const b = moveB;
    const tenure = () => iter + tenureBase + Math.floor(random() * tenureBase);
    tabuUntil[a * n + moveJ] = tenure();
    move(moveJ, b);
    if (swapK >= 0) {
      tabuUntil[b * n + swapK] = tenure();
      move(swapK, a);
    }
    totalExcess = 0;
    for (let i = 0; i < m; i++) totalExcess += excess(load[i]!, capacity[i]!);
    if (totalExcess <= eps) {
      record();
      if (curCost < runBestCost - eps) {
        lastImprovement = iter;
        runBestCost = curCost;
        runBest.set(asg);
      }
      for (let i = 0; i < m; i++) alpha[i] = Math.max(alphaMin, alpha[i]! * 0.9);
    } else {
      raiseWeights(instance, load, alpha);
    }
    if (iter - lastImprovement > stallLimit && bestCost < Number.POSITIVE_INFINITY) {
      if (runBestCost < Number.POSITIVE_INFINITY) polishRunBest();
      runBestCost = Number.POSITIVE_INFINITY;
      const kicked = Int32Array.from(best);
      const kicks = Math.max(2, Math.round(n * 0.05));
      for (let r = 0; r < kicks; r++) {
        const j = Math.floor(random() * n);
        kicked[j] = candidates[j * width + Math.floor(random() * candidateCount[j]!)]!;
      }
      reset(kicked);
      totalExcess = 0;
      for (let i = 0; i < m; i++) totalExcess += excess(load[i]!, capacity[i]!);
      tabuUntil.fill(0);
      lastImprovement = iter;
    }
  }
  return { assignment: bestCost < Number.POSITIVE_INFINITY ? best : null, cost: bestCost, iterations: iter };
}

/**
 * Raises the penalty weight of each overloaded agent in proportion to its share of the largest
 * overload, as in Yagiura, Ibaraki & Glover (2004): the agents that are furthest over capacity are
 * pushed back first, and a gentle rise (at most 5 % per iteration) keeps the walk close to the
 * capacity boundary instead of jumping deep into the feasible region.
 */
function raiseWeights(instance: GapInstance, load: Float64Array, alpha: Float64Array): void {
  const { agents: m, capacity } = instance;
  let worst = 0;
  for (let i = 0; i < m; i++) worst = Math.max(worst, load[i]! - capacity[i]!);
  if (worst <= 0) return;
  for (let i = 0; i < m; i++) {
    const over = load[i]! - capacity[i]!;
    if (over > 0) alpha[i]! *= 1 + (0.05 * over) / worst;
  }
}
