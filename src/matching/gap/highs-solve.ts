import loadHighs from 'highs';
import { gapAsLpFormat } from './highs-model';
import { assignmentCost, type GapInstance, isFeasibleAssignment } from './instance';

let highsRuntime: ReturnType<typeof loadHighs> | undefined;

/** What HiGHS reports for a GAP instance within its time limit. */
export interface HighsGapResult {
  /** Cost of the best plan found, or null when HiGHS found none. */
  objective: number | null;
  /** HiGHS's proven lower bound (its MIP dual bound). */
  bound: number;
  assignment: number[] | null;
  status: string;
  seconds: number;
}

/**
 * Solves the GAP as a plain binary program with HiGHS (Huangfu & Hall 2018, Math. Prog. Comp. 10;
 * WASM build), optionally from a starting plan. Blocks the calling thread: call it from a worker.
 */
export async function solveGapWithHighs(
  instance: GapInstance,
  timeLimitSeconds: number,
  shouldStop: () => boolean = () => false,
  start?: ArrayLike<number>,
): Promise<HighsGapResult> {
  const started = performance.now();
  highsRuntime ??= loadHighs();
  const highs = await highsRuntime;
  const model = highs.createModel({ format: 'lp', data: gapAsLpFormat(instance) });
  try {
    model.options.set({
      output_flag: false,
      time_limit: Math.max(0.1, timeLimitSeconds - (performance.now() - started) / 1000),
    });
    if (start) {
      const colValue = new Float64Array(instance.agents * instance.jobs);
      for (let j = 0; j < instance.jobs; j++) colValue[start[j]! * instance.jobs + j] = 1;
      model.setSolution({ colValue });
    }
    model.run({
      [highs.constants.callbackType.mipInterrupt]: (event) => {
        if (shouldStop()) event.interrupt();
      },
      [highs.constants.callbackType.simplexInterrupt]: (event) => {
        if (shouldStop()) event.interrupt();
      },
    });
    const status = model.getModelStatus();
    const names = highs.constants.modelStatus;
    const label =
      (Object.keys(names) as (keyof typeof names)[]).find((k) => names[k] === status) ?? String(status);
    const rawBound = Number(model.info.get('mip_dual_bound'));
    const { agents: m, jobs: n } = instance;
    let assignment: number[] | null = null;
    if (status !== names.infeasible && Number(model.info.get('primal_solution_status')) === 2) {
      const x = model.getSolution().colValue;
      const plan = new Array<number>(n).fill(-1);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) if (x[i * n + j]! > 0.5) plan[j] = i;
      if (isFeasibleAssignment(instance, plan)) assignment = plan;
    }
    const objective = assignment ? assignmentCost(instance, assignment) : null;
    const bound =
      status === names.infeasible
        ? Number.POSITIVE_INFINITY
        : Number.isFinite(rawBound)
          ? rawBound
          : Number.NEGATIVE_INFINITY;
    return { objective, bound, assignment, status: label, seconds: (performance.now() - started) / 1000 };
  } finally {
    model.dispose();
  }
}
