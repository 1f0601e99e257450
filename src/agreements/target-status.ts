/**
 * A target's status, computed from its indicator — never typed by hand.
 *
 * Progress is the fraction of the way from the baseline to the target value that the current
 * value has covered (the direction follows from the two: a target above its baseline is to be
 * raised, below it to be lowered; equal means "hold at least this level"). The schedule is the
 * fraction of the time from the baseline date to the due date that has passed. Then, in order:
 *
 * 1. **met** — the current value has reached the target value (on or before or after the due date).
 * 2. **missed** — the due date has passed without reaching it.
 * 3. **at risk** — no current value yet, or progress lags the schedule by more than
 *    `AT_RISK_LAG` (0.10 = ten percentage points of the way), unless the recent trajectory
 *    (at least two dated values) extrapolates linearly to the target by the due date.
 * 4. **on track** — otherwise.
 */
export const targetStatuses = ['on_track', 'at_risk', 'missed', 'met'] as const;
export type TargetStatus = (typeof targetStatuses)[number];

/** How far (as a fraction of the way from baseline to target) progress may lag the schedule. */
export const AT_RISK_LAG = 0.1;

export type TargetStatusInput = {
  baseline: number;
  targetValue: number;
  baselineOn: string;
  dueOn: string;
  today: string;
  current: number | null;
  /** Dated values of the indicator, oldest first (optional). */
  trajectory?: readonly { on: string; value: number }[];
};

export type TargetStatusResult = {
  status: TargetStatus;
  /** Machine-readable reason; the UI translates it. */
  reason: 'reached' | 'past_due' | 'no_data' | 'behind_schedule' | 'behind_schedule_trend_ok' | 'on_schedule';
  /** Fraction of the way covered (null without a value; 1 when a "hold" target is held). */
  progress: number | null;
  /** Fraction of the time passed, 0–1. */
  elapsed: number;
};

const DAY = 86_400_000;
const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / DAY;

/** Whether `value` has reached the target in the target's direction. */
export function hasReached(baseline: number, targetValue: number, value: number): boolean {
  return targetValue >= baseline ? value >= targetValue : value <= targetValue;
}

/** The fraction of the way from baseline to target covered by `value` (may be < 0 or > 1). */
export function progressOf(baseline: number, targetValue: number, value: number): number {
  if (targetValue === baseline) return value >= targetValue ? 1 : 0;
  return (value - baseline) / (targetValue - baseline);
}

/** The value a linear fit through the trajectory's first and last points reaches on `on`. */
function extrapolate(trajectory: readonly { on: string; value: number }[], on: string): number | null {
  if (trajectory.length < 2) return null;
  const first = trajectory[0] as { on: string; value: number };
  const last = trajectory[trajectory.length - 1] as { on: string; value: number };
  const span = days(first.on, last.on);
  if (span <= 0) return null;
  return last.value + ((last.value - first.value) / span) * days(last.on, on);
}

/** The status of a target today, with the reason (see the rules above). */
export function targetStatus(input: TargetStatusInput): TargetStatusResult {
  const { baseline, targetValue, current } = input;
  const total = days(input.baselineOn, input.dueOn);
  const elapsed = total <= 0 ? 1 : Math.min(1, Math.max(0, days(input.baselineOn, input.today) / total));
  const progress = current === null ? null : progressOf(baseline, targetValue, current);
  if (current !== null && hasReached(baseline, targetValue, current))
    return { status: 'met', reason: 'reached', progress, elapsed };
  if (input.today > input.dueOn) return { status: 'missed', reason: 'past_due', progress, elapsed };
  if (progress === null) return { status: 'at_risk', reason: 'no_data', progress, elapsed };
  if (progress >= elapsed - AT_RISK_LAG - 1e-9)
    return { status: 'on_track', reason: 'on_schedule', progress, elapsed };
  const projected = extrapolate(input.trajectory ?? [], input.dueOn);
  if (projected !== null && hasReached(baseline, targetValue, projected))
    return { status: 'on_track', reason: 'behind_schedule_trend_ok', progress, elapsed };
  return { status: 'at_risk', reason: 'behind_schedule', progress, elapsed };
}
