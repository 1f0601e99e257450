import { describe, expect, it } from 'vitest';
import { availableActions, needActions, needStatuses, reopenTransition, transition } from './workflow';

/** Every allowed edge, written out by hand; every other (status, action) pair must be refused. */
const allowed: Record<string, string> = {
  'reported/triage': 'triaged',
  'triaged/match': 'matched',
  'matched/start': 'in_progress',
  'in_progress/resolve': 'resolved',
  'resolved/verify': 'verified',
  'reported/reject': 'rejected',
  'triaged/reject': 'rejected',
  'matched/reject': 'rejected',
  'reported/merge': 'merged',
  'triaged/merge': 'merged',
};

describe('need workflow', () => {
  for (const status of needStatuses) {
    for (const action of needActions) {
      const key = `${status}/${action}`;
      const expected = allowed[key];
      it(`${key} → ${expected ?? 'refused'}`, () => {
        const result = transition(status, action);
        if (expected) expect(result).toEqual({ ok: true, to: expected });
        else {
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.reason).toMatch(status);
        }
      });
    }
  }

  it('has exactly the hand-listed edges', () => {
    const count = needStatuses.flatMap((s) => needActions.filter((a) => transition(s, a).ok)).length;
    expect(count).toBe(Object.keys(allowed).length);
  });

  it('final statuses allow nothing and say so', () => {
    for (const s of ['verified', 'rejected', 'merged'] as const) {
      expect(availableActions(s)).toEqual([]);
      const r = transition(s, 'triage');
      expect(r.ok === false && r.reason).toBe(`a ${s} need cannot change any more`);
    }
  });

  it('lists the actions open to a reported need', () => {
    expect(availableActions('reported')).toEqual(['triage', 'reject', 'merge']);
    expect(availableActions('in_progress')).toEqual(['resolve']);
  });
});

describe('a witness dispute', () => {
  it('sends only a resolved need back to its team', () => {
    for (const status of needStatuses) {
      const result = reopenTransition(status);
      if (status === 'resolved') expect(result).toEqual({ ok: true, to: 'in_progress' });
      else expect(result).toMatchObject({ ok: false, reason: expect.stringContaining(status) });
    }
  });
});
