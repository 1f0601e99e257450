import { describe, expect, it } from 'vitest';
import { transition } from '../needs/workflow';
import { generateScenario, scenarioRandom } from './generate';
import { generateNeeds } from './needs';
import { DEMO_TODAY } from './staffing';

const core = generateScenario({ seed: 1, scale: 1 });
const needs = generateNeeds(core, scenarioRandom(1).fork('needs'));

describe('generateNeeds', () => {
  it('gives about 600 needs spread over the 10 batches, deterministically', () => {
    expect(needs.length).toBeGreaterThan(500);
    expect(needs.length).toBeLessThan(700);
    expect(new Set(needs.map((n) => n.batch_id)).size).toBe(10);
    expect(generateNeeds(core, scenarioRandom(1).fork('needs'))).toEqual(needs);
  });

  it('only reaches statuses the workflow allows, with dates in order and never after today', () => {
    const order = [
      'reported_at',
      'triaged_at',
      'matched_at',
      'started_at',
      'resolved_at',
      'verified_at',
    ] as const;
    const today = new Date(`${DEMO_TODAY}T00:00:00Z`).getTime();
    for (const n of needs) {
      const times = order
        .map((k) => n[k])
        .filter((d): d is Date => d instanceof Date)
        .map((d) => d.getTime());
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(Math.max(...times, n.closed_at ? (n.closed_at as Date).getTime() : 0)).toBeLessThanOrEqual(
        today,
      );
      const path = {
        triaged_at: 'triage',
        matched_at: 'match',
        started_at: 'start',
        resolved_at: 'resolve',
        verified_at: 'verify',
      } as const;
      let status = 'reported' as Parameters<typeof transition>[0];
      for (const [k, action] of Object.entries(path)) {
        if (!n[k as keyof typeof path]) break;
        const t = transition(status, action);
        expect(t.ok).toBe(true);
        if (t.ok) status = t.to;
      }
      if (n.status === 'merged' || n.status === 'rejected')
        expect(transition(status, n.status === 'merged' ? 'merge' : 'reject').ok).toBe(true);
      else expect(n.status).toBe(status);
    }
  });

  it('has a realistic spread: mostly verified in old batches, open in the current one, merged duplicates', () => {
    const current = core.landmarks.currentBatchId;
    const share = (rows: typeof needs, pred: (n: (typeof needs)[number]) => boolean) =>
      rows.filter(pred).length / rows.length;
    const old = needs.filter((n) => n.batch_id !== current);
    expect(share(old, (n) => n.status === 'verified' || n.status === 'resolved')).toBeGreaterThan(0.5);
    const now = needs.filter((n) => n.batch_id === current);
    expect(
      share(now, (n) => ['reported', 'triaged', 'matched', 'in_progress'].includes(n.status as string)),
    ).toBeGreaterThan(0.4);
    const merged = needs.filter((n) => n.status === 'merged');
    expect(merged.length).toBeGreaterThan(5);
    const ids = new Map(needs.map((n, i) => [n.id, i]));
    for (const m of merged) expect(ids.get(m.merged_into as string)).toBeLessThan(ids.get(m.id) as number);
  });
});
