import { describe, expect, it } from 'vitest';
import { afterFailure, mayAttempt } from './throttle';

const policy = { freeAttempts: 3, maxFailures: 5, lockMinutes: 15 };
const t0 = new Date('2026-01-01T00:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);

describe('login throttle', () => {
  it('allows the first attempts freely', () => {
    let state = { failedLogins: 0, lastFailedAt: null, lockedUntil: null } as ReturnType<typeof afterFailure>;
    for (let i = 0; i < 3; i++) {
      expect(mayAttempt(state, policy, t0)).toEqual({ allowed: true });
      state = afterFailure(state, policy, t0);
    }
    expect(state.failedLogins).toBe(3);
    expect(mayAttempt(state, policy, t0)).toEqual({
      allowed: false,
      reason: 'throttled',
      retryAfterSeconds: 1,
    });
    expect(mayAttempt(state, policy, at(1))).toEqual({ allowed: true });
  });

  it('doubles the wait and then locks', () => {
    const s4 = afterFailure({ failedLogins: 3, lastFailedAt: t0, lockedUntil: null }, policy, at(1));
    expect(s4.locked).toBe(false);
    expect(mayAttempt(s4, policy, at(2))).toMatchObject({ reason: 'throttled', retryAfterSeconds: 1 });
    expect(mayAttempt(s4, policy, at(3))).toEqual({ allowed: true });
    const s5 = afterFailure(s4, policy, at(3));
    expect(s5.locked).toBe(true);
    expect(s5.lockedUntil).toEqual(at(3 + 15 * 60));
    expect(mayAttempt(s5, policy, at(600))).toMatchObject({ allowed: false, reason: 'locked' });
    expect(mayAttempt(s5, policy, at(3 + 15 * 60))).toEqual({ allowed: true });
  });

  it('starts counting afresh after a lock runs out', () => {
    const locked = { failedLogins: 0, lastFailedAt: t0, lockedUntil: at(60) };
    expect(afterFailure(locked, policy, at(61))).toMatchObject({ failedLogins: 1, locked: false });
  });
});
