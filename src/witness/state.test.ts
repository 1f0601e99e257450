import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Party, parties } from './parties';
import { type WitnessEvent, type WitnessState, waitingFor, witnessStatuses, witnessStep } from './state';

const all: Party[] = [...parties];
const state = (over: Partial<WitnessState> = {}): WitnessState => ({
  status: 'open',
  round: 1,
  required: all,
  attested: [],
  ...over,
});

describe('witness state machine', () => {
  it('stays open until the last required party attests, then is witnessed', () => {
    let s = state();
    for (const [i, party] of all.entries()) {
      const step = witnessStep(s, { type: 'attest', party });
      if (!step.ok) throw new Error(step.reason);
      s = step.state;
      expect(s.status).toBe(i === all.length - 1 ? 'witnessed' : 'open');
      expect(s.attested).toEqual(all.slice(0, i + 1));
    }
    expect(waitingFor(s)).toEqual([]);
  });

  it('a dispute by any required party sends an open request to disputed; reopening starts a new round', () => {
    for (const party of all) {
      const step = witnessStep(state({ attested: ['command'].filter((p) => p !== party) as Party[] }), {
        type: 'dispute',
        party,
      });
      expect(step).toMatchObject({ ok: true, state: { status: 'disputed', round: 1 } });
      if (!step.ok) continue;
      const reopened = witnessStep(step.state, { type: 'reopen' });
      expect(reopened).toEqual({
        ok: true,
        state: { status: 'open', round: 2, required: all, attested: [] },
      });
    }
  });

  it('refuses a party that already attested, a party not required, and any statement unless open', () => {
    expect(witnessStep(state({ attested: ['command'] }), { type: 'attest', party: 'command' })).toMatchObject(
      {
        ok: false,
        reason: expect.stringMatching(/already attested/),
      },
    );
    expect(witnessStep(state({ attested: ['command'] }), { type: 'dispute', party: 'command' }).ok).toBe(
      false,
    );
    expect(
      witnessStep(state({ required: ['command', 'recipient'] }), { type: 'attest', party: 'supporter' }),
    ).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not asked/),
    });
  });

  // Every (status, event) pair, written out: which are allowed and where they lead.
  const events: WitnessEvent[] = [
    ...all.map((party) => ({ type: 'attest', party }) as const),
    ...all.map((party) => ({ type: 'dispute', party }) as const),
    { type: 'reopen' },
  ];
  for (const status of witnessStatuses) {
    for (const event of events) {
      const name = `${status} / ${event.type}${'party' in event ? ` ${event.party}` : ''}`;
      it(name, () => {
        const step = witnessStep(state({ status }), event);
        const expected =
          status === 'open' && event.type === 'attest'
            ? 'open'
            : status === 'open' && event.type === 'dispute'
              ? 'disputed'
              : status === 'disputed' && event.type === 'reopen'
                ? 'open'
                : undefined;
        if (expected) expect(step).toMatchObject({ ok: true, state: { status: expected } });
        else expect(step).toMatchObject({ ok: false, reason: expect.stringContaining(status) });
      });
    }
  }

  it('never witnesses before every required party has attested, whatever the order of events', () => {
    const event = fc.oneof(
      fc.record({ type: fc.constant('attest' as const), party: fc.constantFrom(...all) }),
      fc.record({ type: fc.constant('dispute' as const), party: fc.constantFrom(...all) }),
      fc.constant({ type: 'reopen' as const }),
    );
    fc.assert(
      fc.property(fc.subarray(all, { minLength: 1 }), fc.array(event, { maxLength: 30 }), (required, evs) => {
        let s = state({ required });
        for (const e of evs) {
          const step = witnessStep(s, e);
          if (!step.ok) continue;
          const next = step.state;
          if (next.status === 'witnessed')
            expect(required.every((p) => next.attested.includes(p))).toBe(true);
          expect(new Set(next.attested).size).toBe(next.attested.length);
          expect(next.round).toBeGreaterThanOrEqual(s.round);
          if (s.status === 'witnessed') throw new Error('a witnessed request changed');
          s = next;
        }
      }),
    );
  });
});
