/**
 * The life of a mentorship contract (师徒结对) as a pure state machine. Every change of status
 * goes through `transition`; the service refuses anything it rejects with INVALID_TRANSITION.
 *
 *   proposed ─accept (each party; the last one)→ active ─extend→ extended ─extend→ extended
 *   active|extended ─complete→ completed        active|extended ─end_early (reason)→ ended_early
 *   proposed ─withdraw (reason)→ withdrawn
 *
 * A proposed contract stays proposed until the mentor, every apprentice and the recipient
 * hospital have accepted (each acceptance is recorded); the last acceptance starts it.
 */
export const mentorshipStatuses = [
  'proposed',
  'active',
  'extended',
  'completed',
  'ended_early',
  'withdrawn',
] as const;
export type MentorshipStatus = (typeof mentorshipStatuses)[number];

export const mentorshipActions = ['accept', 'extend', 'complete', 'end_early', 'withdraw'] as const;
export type MentorshipAction = (typeof mentorshipActions)[number];

/** Statuses in which the contract is running: teaching and assessments belong to it. */
export const runningStatuses: readonly MentorshipStatus[] = ['active', 'extended'];
/** Statuses that end a contract's life: nothing may follow them. */
export const finalStatuses: readonly MentorshipStatus[] = ['completed', 'ended_early', 'withdrawn'];

const edges: Record<MentorshipAction, { from: readonly MentorshipStatus[]; to: MentorshipStatus }> = {
  accept: { from: ['proposed'], to: 'active' },
  extend: { from: ['active', 'extended'], to: 'extended' },
  complete: { from: ['active', 'extended'], to: 'completed' },
  end_early: { from: ['active', 'extended'], to: 'ended_early' },
  withdraw: { from: ['proposed'], to: 'withdrawn' },
};

export type Transition = { ok: true; to: MentorshipStatus } | { ok: false; reason: string };

/**
 * The status a contract moves to when `action` is taken in `status`, or why it may not be.
 * `pendingAcceptances` is how many parties have still to accept *after* this action (only
 * `accept` reads it): the contract becomes active when it reaches 0.
 */
export function transition(
  status: MentorshipStatus,
  action: MentorshipAction,
  pendingAcceptances = 0,
): Transition {
  const edge = edges[action];
  if (edge.from.includes(status)) {
    if (action === 'accept' && pendingAcceptances > 0) return { ok: true, to: 'proposed' };
    return { ok: true, to: edge.to };
  }
  if (finalStatuses.includes(status)) {
    return { ok: false, reason: `a ${status} contract cannot change any more` };
  }
  return { ok: false, reason: `cannot ${action} a ${status} contract (only from ${edge.from.join(' or ')})` };
}

/** The actions open to a contract in `status` (for the UI's buttons). */
export const availableActions = (status: MentorshipStatus): MentorshipAction[] =>
  mentorshipActions.filter((a) => edges[a].from.includes(status));

/** Actions that need a written reason. */
export const needsReason = (action: MentorshipAction): boolean =>
  action === 'end_early' || action === 'withdraw';
