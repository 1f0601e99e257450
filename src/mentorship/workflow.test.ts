import { describe, expect, it } from 'vitest';
import { availableActions, mentorshipActions, mentorshipStatuses, transition } from './workflow';

/** Every allowed edge, written out by hand; every other (status, action) pair must be refused. */
const allowed: Record<string, string> = {
  'proposed/accept': 'active',
  'proposed/withdraw': 'withdrawn',
  'active/extend': 'extended',
  'active/complete': 'completed',
  'active/end_early': 'ended_early',
  'extended/extend': 'extended',
  'extended/complete': 'completed',
  'extended/end_early': 'ended_early',
};

describe('mentorship contract workflow', () => {
  for (const status of mentorshipStatuses) {
    for (const action of mentorshipActions) {
      const key = `${status}/${action}`;
      const expected = allowed[key];
      it(`${key} → ${expected ?? 'refused'}`, () => {
        const result = transition(status, action);
        if (expected) expect(result).toEqual({ ok: true, to: expected });
        else {
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.reason).toContain(status);
        }
      });
    }
  }

  it('has exactly the hand-listed edges', () => {
    const count = mentorshipStatuses.flatMap((s) =>
      mentorshipActions.filter((a) => transition(s, a).ok),
    ).length;
    expect(count).toBe(Object.keys(allowed).length);
  });

  it('stays proposed until the last party accepts', () => {
    expect(transition('proposed', 'accept', 2)).toEqual({ ok: true, to: 'proposed' });
    expect(transition('proposed', 'accept', 1)).toEqual({ ok: true, to: 'proposed' });
    expect(transition('proposed', 'accept', 0)).toEqual({ ok: true, to: 'active' });
    expect(transition('active', 'accept', 0).ok).toBe(false);
  });

  it('final statuses allow nothing and say so', () => {
    for (const s of ['completed', 'ended_early', 'withdrawn'] as const) {
      expect(availableActions(s)).toEqual([]);
      const r = transition(s, 'extend');
      expect(r.ok === false && r.reason).toBe(`a ${s} contract cannot change any more`);
    }
  });

  it('lists the actions open to each running status', () => {
    expect(availableActions('proposed')).toEqual(['accept', 'withdraw']);
    expect(availableActions('active')).toEqual(['extend', 'complete', 'end_early']);
    expect(availableActions('extended')).toEqual(['extend', 'complete', 'end_early']);
  });
});
