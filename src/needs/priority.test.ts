import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { priorityOf } from './priority';

const now = new Date('2026-06-01T00:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

describe('priorityOf', () => {
  it('works a case out by hand', () => {
    // urgency 3 → 40·0.75 = 30; 99 people → 25·ln(100)/ln(10001) = 25·0.5 = 12.5;
    // 3 h → 20·0.5 = 10; 90 days → 15·0.5 = 7.5; total 60.
    const p = priorityOf(
      { urgency: 3, populationAffected: 99, remotenessHours: 3, reportedAt: daysAgo(90) },
      now,
    );
    expect(p.parts).toEqual({ urgency: 30, population: 12.5, remoteness: 10, waiting: 7.5 });
    expect(p.score).toBe(60);
    expect(p.waitingDays).toBe(90);
  });

  it('saturates every part at its weight', () => {
    const p = priorityOf(
      { urgency: 4, populationAffected: 1e6, remotenessHours: 20, reportedAt: daysAgo(1000) },
      now,
    );
    expect(p.parts).toEqual({ urgency: 40, population: 25, remoteness: 20, waiting: 15 });
    expect(p.score).toBe(100);
  });

  it('stops waiting when the need was resolved', () => {
    const p = priorityOf(
      {
        urgency: 1,
        populationAffected: 0,
        remotenessHours: 0,
        reportedAt: daysAgo(100),
        stoppedAt: daysAgo(64),
      },
      now,
    );
    expect(p.waitingDays).toBe(36);
    expect(p.parts.waiting).toBe(3);
    expect(p.score).toBe(13);
  });

  it('a more urgent, larger, remoter or older need never ranks lower', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.double({ min: 0, max: 12, noNaN: true }),
        fc.integer({ min: 0, max: 400 }),
        (u, pop, hours, days) => {
          const base = {
            urgency: u,
            populationAffected: pop,
            remotenessHours: hours,
            reportedAt: daysAgo(days),
          };
          const s = priorityOf(base, now).score;
          expect(priorityOf({ ...base, urgency: Math.min(4, u + 1) }, now).score).toBeGreaterThanOrEqual(s);
          expect(priorityOf({ ...base, populationAffected: pop + 10 }, now).score).toBeGreaterThanOrEqual(s);
          expect(priorityOf({ ...base, remotenessHours: hours + 1 }, now).score).toBeGreaterThanOrEqual(s);
          expect(priorityOf({ ...base, reportedAt: daysAgo(days + 1) }, now).score).toBeGreaterThanOrEqual(s);
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(100);
        },
      ),
    );
  });
});
