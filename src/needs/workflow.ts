/**
 * The life of a need (微问题) as a pure state machine. Every change of status goes through
 * `transition`; the service refuses anything it rejects with INVALID_TRANSITION (409).
 *
 *   reported ─triage→ triaged ─match→ matched ─start→ in_progress ─resolve→ resolved ─verify→ verified
 *   reported|triaged|matched ─reject→ rejected        reported|triaged ─merge→ merged
 */
export const needStatuses = [
  'reported',
  'triaged',
  'matched',
  'in_progress',
  'resolved',
  'verified',
  'rejected',
  'merged',
] as const;
export type NeedStatus = (typeof needStatuses)[number];

export const needActions = ['triage', 'match', 'start', 'resolve', 'verify', 'reject', 'merge'] as const;
export type NeedAction = (typeof needActions)[number];

/** Statuses in which a need still waits for help (counted as unmet on the coverage map). */
export const openStatuses: readonly NeedStatus[] = ['reported', 'triaged', 'matched', 'in_progress'];
/** Statuses that end a need's life: nothing may follow them. */
export const finalStatuses: readonly NeedStatus[] = ['verified', 'rejected', 'merged'];

const edges: Record<NeedAction, { from: readonly NeedStatus[]; to: NeedStatus }> = {
  triage: { from: ['reported'], to: 'triaged' },
  match: { from: ['triaged'], to: 'matched' },
  start: { from: ['matched'], to: 'in_progress' },
  resolve: { from: ['in_progress'], to: 'resolved' },
  verify: { from: ['resolved'], to: 'verified' },
  reject: { from: ['reported', 'triaged', 'matched'], to: 'rejected' },
  merge: { from: ['reported', 'triaged'], to: 'merged' },
};

export type Transition = { ok: true; to: NeedStatus } | { ok: false; reason: string };

/** The status a need moves to when `action` is taken in `status`, or why it may not be taken. */
export function transition(status: NeedStatus, action: NeedAction): Transition {
  const edge = edges[action];
  if (edge.from.includes(status)) return { ok: true, to: edge.to };
  if (finalStatuses.includes(status)) return { ok: false, reason: `a ${status} need cannot change any more` };
  return {
    ok: false,
    reason: `cannot ${action} a ${status} need (only from ${edge.from.join(' or ')})`,
  };
}

/**
 * A witness's dispute sends a resolved need back to its team (resolved → in_progress). Only the
 * witnessing workflow (src/witness/) takes this step, so it is not among the users' actions.
 */
export function reopenTransition(status: NeedStatus): Transition {
  if (status === 'resolved') return { ok: true, to: 'in_progress' };
  return { ok: false, reason: `only a resolved need can go back to its team, not a ${status} one` };
}

/** The actions open to a need in `status` (for the UI's buttons). */
export const availableActions = (status: NeedStatus): NeedAction[] =>
  needActions.filter((a) => edges[a].from.includes(status));
