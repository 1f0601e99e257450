import type { GapInstance } from './instance';

/** Settings of one tabu search run. */
export interface TabuOptions {
  /** Starting plan (may overload agents). */
  start: Int32Array;
  /** Candidate agents per job, `width` per row (see candidateAgents). */
  candidates: Int32Array;
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
 * Restarts from the best plan with a random kick when it stalls.
 */
export function tabuSearch(instance: GapInstance, options: TabuOptions): TabuResult {
  const { agents: m, jobs: n, cost, weight, capacity } = instance;
  const { candidates, width, random } = options;
  const asg = Int32Array.from(options.start);
  const load = new Float64Array(m);
  const members = new Int32Array(m * n);
  const size = new Int32Array(m);
  const position = new Int32Array(n);
  const isCandidate = new Uint8Array(m * n);
  for (let j = 0; j < n; j++)
    for (let k = 0; k < width; k++) isCandidate[candidates[j * width + k]! * n + j] = 1;
  const tabuUntil = new Int32Array(m * n);
  const alpha = new Float64Array(m);
  let meanRatio = 0;
  for (let k = 0; k < m * n; k++) meanRatio += Math.abs(cost[k]!) / Math.max(weight[k]!, 1e-9);
  const alpha0 = Math.max(meanRatio / (m * n), 1e-3);
  const alphaMin = alpha0 * 1e-3;

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
  };
  const move = (j: number, b: number) => {
    const a = asg[j]!;
    const last = members[a * n + --size[a]!]!;
    members[a * n + position[j]!] = last;
    position[last] = position[j]!;
    position[j] = size[b]!;
    members[b * n + size[b]!++] = j;
    load[a]! -= weight[a * n + j]!;
    load[b]! += weight[b * n + j]!;
    curCost += cost[b * n + j]! - cost[a * n + j]!;
    asg[j] = b;
  };
  reset(options.start);
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

  const tenureBase = Math.max(4, Math.round(Math.sqrt(n) * 1.2));
  const stallLimit = Math.max(2000, 20 * n);
  let lastImprovement = 0;
  let iter = 0;
  const eps = 1e-9;
  while (bestCost > options.target + eps) {
    iter++;
    if ((iter & 15) === 0 && (performance.now() >= options.deadline || options.shouldStop?.())) break;
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
    for (let j = 0; j < n; j++) {
      const a = asg[j]!;
      const la = load[a]!;
      const ca = capacity[a]!;
      const ea = excess(la, ca);
      const wa = weight[a * n + j]!;
      const leaveA = alpha[a]! * (excess(la - wa, ca) - ea) - cost[a * n + j]!;
      const exLeaveA = excess(la - wa, ca) - ea;
      for (let t = 0; t < width; t++) {
        const b = candidates[j * width + t]!;
        if (b === a) continue;
        const lb = load[b]!;
        const cb = capacity[b]!;
        const wb = weight[b * n + j]!;
        const exB = excess(lb + wb, cb) - excess(lb, cb);
        const delta = leaveA + cost[b * n + j]! + alpha[b]! * exB;
        const isTabu = tabuUntil[b * n + j]! > iter;
        if (
          !isTabu ||
          (totalExcess + exLeaveA + exB <= eps &&
            curCost + cost[b * n + j]! - cost[a * n + j]! < bestCost - eps)
        ) {
          consider(delta, j, b, -1);
        }
        // Swap j with a job k of agent b that may go to a; each pair once, from its larger index.
        const sb = size[b]!;
        for (let p = 0; p < sb; p++) {
          const k = members[b * n + p]!;
          if (k < j || !isCandidate[a * n + k]) continue;
          const na = la - wa + weight[a * n + k]!;
          const nb = lb + wb - weight[b * n + k]!;
          const exA2 = excess(na, ca) - ea;
          const exB2 = excess(nb, cb) - excess(lb, cb);
          const dCost = cost[b * n + j]! - cost[a * n + j]! + cost[a * n + k]! - cost[b * n + k]!;
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
      if (curCost < bestCost - eps) lastImprovement = iter;
      record();
      for (let i = 0; i < m; i++) alpha[i] = Math.max(alphaMin, alpha[i]! * 0.9);
    } else {
      for (let i = 0; i < m; i++) if (load[i]! > capacity[i]! + eps) alpha[i]! *= 1.1;
    }
    if (iter - lastImprovement > stallLimit && bestCost < Number.POSITIVE_INFINITY) {
      const kicked = Int32Array.from(best);
      const kicks = Math.max(2, Math.round(n * 0.05));
      for (let r = 0; r < kicks; r++) {
        const j = Math.floor(random() * n);
        kicked[j] = candidates[j * width + Math.floor(random() * width)]!;
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
