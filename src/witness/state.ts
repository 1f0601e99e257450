import type { Party } from './parties';

/**
 * A witness request as a pure state machine. A request is open until every required party has
 * attested (→ witnessed, final) or one party disputes (→ disputed: back to the record's owner).
 * The owner reopens a disputed request (→ open, next round: earlier attestations no longer count).
 *
 *   open ─attest (not the last)→ open      open ─attest (the last)→ witnessed
 *   open ─dispute→ disputed ─reopen→ open (round + 1)
 */
export const witnessStatuses = ['open', 'witnessed', 'disputed'] as const;
export type WitnessStatus = (typeof witnessStatuses)[number];

export type WitnessState = {
  status: WitnessStatus;
  round: number;
  /** Parties that must attest. */
  required: readonly Party[];
  /** Parties that attested in the current round. */
  attested: readonly Party[];
};

export type WitnessEvent =
  | { type: 'attest'; party: Party }
  | { type: 'dispute'; party: Party }
  | { type: 'reopen' };

export type WitnessStep = { ok: true; state: WitnessState } | { ok: false; reason: string };

const refuse = (reason: string): WitnessStep => ({ ok: false, reason });

/** The state after `event`, or why the event may not happen now. */
export function witnessStep(state: WitnessState, event: WitnessEvent): WitnessStep {
  switch (event.type) {
    case 'attest':
    case 'dispute': {
      if (state.status !== 'open') return refuse(`the record is ${state.status}, not waiting for witness`);
      if (!state.required.includes(event.party))
        return refuse(`the ${event.party} party is not asked to witness it`);
      if (state.attested.includes(event.party))
        return refuse(`the ${event.party} party has already attested`);
      if (event.type === 'dispute') return { ok: true, state: { ...state, status: 'disputed' } };
      const attested = [...state.attested, event.party];
      const complete = state.required.every((p) => attested.includes(p));
      return { ok: true, state: { ...state, attested, status: complete ? 'witnessed' : 'open' } };
    }
    case 'reopen':
      if (state.status !== 'disputed')
        return refuse(`only a disputed record can be reopened, not a ${state.status} one`);
      return { ok: true, state: { ...state, status: 'open', round: state.round + 1, attested: [] } };
  }
}

/** Required parties that have not attested yet in the current round. */
export const waitingFor = (state: WitnessState): Party[] =>
  state.status === 'open' ? state.required.filter((p) => !state.attested.includes(p)) : [];
