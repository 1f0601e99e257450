// `npm run bench -- gap [--time-limit S] [--only a,b,gap] [--no-highs]`: our GAP solver against the
// best-known values of the OR-Library/Yagiura sets and against HiGHS as a plain MIP at equal time.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HighsGapResult } from '../src/matching/gap/highs-solve';
import { isFeasibleAssignment } from '../src/matching/gap/instance';
import { parseOrLibraryGap } from '../src/matching/gap/parse';
import { gapWorkerPool } from '../src/matching/gap/pool';
import { solveGapInWorker } from '../src/matching/gap/solve-in-worker';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, '..', 'shared', 'bench', 'gap');

interface Row {
  instance: string;
  type: string;
  jobs: number;
  agents: number;
  best_known: number;
  objective: number | null;
  bound: number;
  gap_percent: number | null;
  seconds: number;
  highs_objective?: number | null;
  highs_bound?: number | null;
  highs_gap_percent?: number | null;
  highs_seconds?: number;
}

const flag = (args: string[], name: string): string | undefined => {
  const k = args.indexOf(name);
  return k >= 0 ? args[k + 1] : undefined;
};

/** Instance family: the letter of the Chu-Beasley/Yagiura types, or `gap` for Cattrysse et al. */
const typeOf = (name: string) => (name.startsWith('gap') ? 'gap' : name.charAt(0));

function bestKnown(): Map<string, number> {
  const lines = readFileSync(join(benchDir, 'best-known.csv'), 'utf8').trim().split(/\r?\n/);
  const header = lines[0]!.split(',');
  const pathCol = header.indexOf('Path');
  const valueCol = header.indexOf('Best known solution value');
  const out = new Map<string, number>();
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    out.set(cells[pathCol]!.split('/').pop()!, Number(cells[valueCol]));
  }
  return out;
}

const gapTo = (value: number | null, best: number) =>
  value === null ? null : Math.round((1e6 * (value - best)) / Math.abs(best)) / 1e4;
const round3 = (x: number) => Math.round(x * 1000) / 1000;
const mean = (xs: number[]) => (xs.length === 0 ? null : round3(xs.reduce((a, b) => a + b, 0) / xs.length));

function highsAtEqualTime(
  instance: ReturnType<typeof parseOrLibraryGap>,
  seconds: number,
): Promise<HighsGapResult> {
  const stop = new Int32Array(new SharedArrayBuffer(4));
  const deadlineEpochMs = Date.now() + seconds * 1000;
  // HiGHS honours its own time_limit loosely; interrupt it shortly after the limit.
  const guard = setTimeout(() => Atomics.store(stop, 0, 1), seconds * 1000 + 500);
  let result: HighsGapResult | undefined;
  let failure = '';
  return gapWorkerPool()
    .run({ kind: 'highs', instance, deadlineEpochMs, stop }, (m) => {
      if (m.type === 'highs-done') result = m.result;
      if (m.type === 'error') failure = m.message;
    })
    .then(() => {
      clearTimeout(guard);
      if (!result) throw new Error(`HiGHS failed: ${failure}`);
      return result;
    });
}

export default async function gapBench(args: string[]): Promise<void> {
  const timeLimit = Number(flag(args, '--time-limit') ?? 10);
  const only = flag(args, '--only')?.split(',');
  const withHighs = !args.includes('--no-highs');
  const known = bestKnown();
  const names = readdirSync(join(benchDir, 'instances'))
    .filter((name) => known.has(name) && (!only || only.includes(typeOf(name))))
    .sort();
  const rows: Row[] = [];
  for (const name of names) {
    const instance = parseOrLibraryGap(readFileSync(join(benchDir, 'instances', name), 'utf8'));
    const best = known.get(name)!;
    const ours = await solveGapInWorker(instance, { timeLimitSeconds: timeLimit });
    if (ours.feasible && !isFeasibleAssignment(instance, ours.assignment))
      throw new Error(`${name}: infeasible plan`);
    const row: Row = {
      instance: name,
      type: typeOf(name),
      jobs: instance.jobs,
      agents: instance.agents,
      best_known: best,
      objective: ours.feasible ? ours.objective : null,
      bound: ours.bound,
      gap_percent: gapTo(ours.feasible ? ours.objective : null, best),
      seconds: round3(ours.seconds),
    };
    if (withHighs) {
      const h = await highsAtEqualTime(instance, timeLimit);
      row.highs_objective = h.objective;
      row.highs_bound = Number.isFinite(h.bound) ? round3(h.bound) : null;
      row.highs_gap_percent = gapTo(h.objective, best);
      row.highs_seconds = round3(h.seconds);
    }
    rows.push(row);
    process.stdout.write(`${JSON.stringify(row)}\n`);
  }
  process.stdout.write(`${JSON.stringify(summarise(rows, timeLimit, withHighs))}\n`);
  await gapWorkerPool().close();
}

function summarise(rows: Row[], timeLimit: number, withHighs: boolean) {
  const byType: Record<string, unknown> = {};
  for (const type of [...new Set(rows.map((r) => r.type))].sort()) {
    const group = rows.filter((r) => r.type === type);
    const gaps = group.map((r) => r.gap_percent ?? Number.POSITIVE_INFINITY);
    const highsGaps = group
      .map((r) => r.highs_gap_percent)
      .filter((g): g is number => g !== null && g !== undefined);
    byType[type] = {
      count: group.length,
      mean_gap_percent: mean(gaps),
      max_gap_percent: round3(Math.max(...gaps)),
      at_best_known: gaps.filter((g) => g <= 0).length,
      ...(withHighs && {
        highs_mean_gap_percent: mean(highsGaps),
        highs_max_gap_percent: highsGaps.length > 0 ? round3(Math.max(...highsGaps)) : null,
        highs_without_plan: group.length - highsGaps.length,
        highs_at_best_known: highsGaps.filter((g) => g <= 0).length,
      }),
    };
  }
  const versus = (pick: (ours: number, highs: number) => boolean) =>
    rows.filter((r) =>
      pick(r.gap_percent ?? Number.POSITIVE_INFINITY, r.highs_gap_percent ?? Number.POSITIVE_INFINITY),
    ).length;
  return {
    summary: true,
    time_limit_seconds: timeLimit,
    instances: rows.length,
    at_best_known: rows.filter((r) => (r.gap_percent ?? 1) <= 0).length,
    by_type: byType,
    ...(withHighs && {
      ours_better: versus((o, h) => o < h),
      ties: versus((o, h) => o === h),
      highs_better: versus((o, h) => o > h),
    }),
  };
}
