/**
 * Failed-login policy, pure so it can be tested alone. After `freeAttempts` failures each
 * further attempt must wait 2^(failures - freeAttempts) seconds (throttle); at `maxFailures`
 * the account locks for `lockMinutes`. A success resets the count.
 */
export type ThrottlePolicy = { freeAttempts: number; maxFailures: number; lockMinutes: number };

export type AccountState = { failedLogins: number; lastFailedAt: Date | null; lockedUntil: Date | null };

export type ThrottleVerdict =
  | { allowed: true }
  | { allowed: false; reason: 'locked'; until: Date }
  | { allowed: false; reason: 'throttled'; retryAfterSeconds: number };

/** May a login attempt be checked now? */
export function mayAttempt(state: AccountState, policy: ThrottlePolicy, now: Date): ThrottleVerdict {
  if (state.lockedUntil && state.lockedUntil > now)
    return { allowed: false, reason: 'locked', until: state.lockedUntil };
  if (state.failedLogins >= policy.freeAttempts && state.lastFailedAt) {
    const waitMs = 1000 * 2 ** (state.failedLogins - policy.freeAttempts);
    const readyAt = state.lastFailedAt.getTime() + waitMs;
    if (readyAt > now.getTime()) {
      return {
        allowed: false,
        reason: 'throttled',
        retryAfterSeconds: Math.ceil((readyAt - now.getTime()) / 1000),
      };
    }
  }
  return { allowed: true };
}

/** The account state after a failed attempt; `locked` tells whether this failure locked it. */
export function afterFailure(
  state: AccountState,
  policy: ThrottlePolicy,
  now: Date,
): AccountState & { locked: boolean } {
  // A lock that has run out starts a fresh count.
  const previous = state.lockedUntil && state.lockedUntil <= now ? 0 : state.failedLogins;
  const failedLogins = previous + 1;
  const locked = failedLogins >= policy.maxFailures;
  return {
    failedLogins: locked ? 0 : failedLogins,
    lastFailedAt: now,
    lockedUntil: locked ? new Date(now.getTime() + policy.lockMinutes * 60_000) : null,
    locked,
  };
}
