import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AT_RISK_LAG, progressOf, targetStatus } from './target-status';

// A year-long target: 2024-01-01 → 2025-01-01 (366 days), raising 0.2 → 0.6.
const raise = { baseline: 0.2, targetValue: 0.6, baselineOn: '2024-01-01', dueOn: '2025-01-01' };
// Lowering: 30 days → 10 days over the same year.
const lower = { baseline: 30, targetValue: 10, baselineOn: '2024-01-01', dueOn: '2025-01-01' };

describe('targetStatus', () => {
  it('is met when the value reaches the target, before, on or after the due date', () => {
    for (const today of ['2024-03-01', '2025-01-01', '2025-06-01']) {
      expect(targetStatus({ ...raise, today, current: 0.6 })).toMatchObject({
        status: 'met',
        reason: 'reached',
      });
      expect(targetStatus({ ...raise, today, current: 0.9 }).status).toBe('met');
      expect(targetStatus({ ...lower, today, current: 10 }).status).toBe('met');
      expect(targetStatus({ ...lower, today, current: 4 }).status).toBe('met');
    }
  });

  it('is missed after the due date without reaching it, on the due date itself it is not yet', () => {
    expect(targetStatus({ ...raise, today: '2025-01-02', current: 0.59 })).toMatchObject({
      status: 'missed',
      reason: 'past_due',
    });
    expect(targetStatus({ ...lower, today: '2025-01-02', current: 11 }).status).toBe('missed');
    expect(targetStatus({ ...raise, today: '2025-01-02', current: null }).status).toBe('missed');
    expect(targetStatus({ ...raise, today: '2025-01-01', current: 0.5 }).status).toBe('at_risk');
  });

  it('is at risk without data before the due date', () => {
    expect(targetStatus({ ...raise, today: '2024-02-01', current: null })).toMatchObject({
      status: 'at_risk',
      reason: 'no_data',
      progress: null,
    });
  });

  it('is on track while progress lags the schedule by at most ten points', () => {
    // Half-way through the year (2024-07-02 is day 183 of 366 → elapsed 0.5).
    const mid = '2024-07-02';
    expect(targetStatus({ ...raise, today: mid, current: 0.4 })).toMatchObject({
      status: 'on_track',
      reason: 'on_schedule',
      elapsed: 0.5,
    });
    // progress 0.4 = lag 0.1 exactly: still on track.
    expect(targetStatus({ ...raise, today: mid, current: 0.36 }).status).toBe('on_track');
    // progress 0.375 → lag 0.125: at risk.
    expect(targetStatus({ ...raise, today: mid, current: 0.35 })).toMatchObject({
      status: 'at_risk',
      reason: 'behind_schedule',
    });
    expect(targetStatus({ ...lower, today: mid, current: 20 }).status).toBe('on_track');
    expect(targetStatus({ ...lower, today: mid, current: 23 }).status).toBe('at_risk');
  });

  it('is on track at the start within the allowed lag, and at risk when moving the wrong way later', () => {
    expect(targetStatus({ ...raise, today: '2024-01-01', current: 0.2 }).status).toBe('on_track');
    expect(targetStatus({ ...raise, today: '2024-01-01', current: 0.17 }).status).toBe('on_track');
    expect(targetStatus({ ...raise, today: '2024-04-01', current: 0.1 }).status).toBe('at_risk');
  });

  it('forgives a lag when the recent trajectory reaches the target by the due date', () => {
    const today = '2024-10-01';
    const late = { ...raise, today, current: 0.36 };
    expect(targetStatus(late).status).toBe('at_risk');
    // +0.1 per month since August: 0.36 on Oct 1 → ~0.66 by Jan 1.
    expect(
      targetStatus({
        ...late,
        trajectory: [
          { on: '2024-08-01', value: 0.16 },
          { on: '2024-10-01', value: 0.36 },
        ],
      }),
    ).toMatchObject({ status: 'on_track', reason: 'behind_schedule_trend_ok' });
    // A flat trajectory does not.
    expect(
      targetStatus({
        ...late,
        trajectory: [
          { on: '2024-08-01', value: 0.36 },
          { on: '2024-10-01', value: 0.36 },
        ],
      }).reason,
    ).toBe('behind_schedule');
    // One point is no trajectory.
    expect(targetStatus({ ...late, trajectory: [{ on: today, value: 0.36 }] }).status).toBe('at_risk');
  });

  it('treats a target equal to its baseline as "hold at least this level"', () => {
    const hold = { baseline: 5, targetValue: 5, baselineOn: '2024-01-01', dueOn: '2025-01-01' };
    expect(targetStatus({ ...hold, today: '2024-06-01', current: 5 }).status).toBe('met');
    expect(targetStatus({ ...hold, today: '2024-06-01', current: 4 }).status).toBe('at_risk');
    expect(progressOf(5, 5, 6)).toBe(1);
  });

  it('always answers one of the four statuses, and met exactly when the value has reached the target', () => {
    const date = fc
      .integer({ min: 0, max: 2000 })
      .map((d) => new Date(Date.UTC(2023, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        fc.option(fc.double({ min: -1000, max: 1000, noNaN: true })),
        date,
        fc.integer({ min: 1, max: 1000 }),
        date,
        (baseline, targetValue, current, baselineOn, length, today) => {
          const dueOn = new Date(Date.parse(baselineOn) + length * 86_400_000).toISOString().slice(0, 10);
          const r = targetStatus({ baseline, targetValue, baselineOn, dueOn, today, current });
          const reached =
            current !== null && (targetValue >= baseline ? current >= targetValue : current <= targetValue);
          expect(r.status === 'met').toBe(reached);
          if (!reached && today > dueOn) expect(r.status).toBe('missed');
          if (r.status === 'on_track' && r.progress !== null)
            expect(r.progress).toBeGreaterThanOrEqual(r.elapsed - AT_RISK_LAG - 1e-9);
        },
      ),
    );
  });
});
