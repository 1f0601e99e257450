/**
 * The priority of a need, 0–100, as a weighted sum of four parts each scaled to 0–1
 * (documented in docs/needs.md):
 *
 *   urgency     40 × urgency / 4                         (1 routine … 4 critical)
 *   population  25 × min(1, ln(1 + people) / ln(1 + 10 000))
 *   remoteness  20 × min(1, travel hours to the seat / 6)
 *   waiting     15 × min(1, days since reported / 180)
 *
 * Population is on a log scale so a county-wide need does not drown every township one;
 * remoteness and waiting saturate so a need is not ranked first only for being old or far.
 */
export const priorityWeights = { urgency: 40, population: 25, remoteness: 20, waiting: 15 } as const;
export const POPULATION_SATURATION = 10_000;
export const REMOTENESS_SATURATION_HOURS = 6;
export const WAITING_SATURATION_DAYS = 180;

export type PriorityInput = {
  urgency: number;
  populationAffected: number;
  remotenessHours: number;
  reportedAt: Date;
  /** When the need stopped waiting (resolved/closed); waiting is counted up to `now` otherwise. */
  stoppedAt?: Date | null;
};
export type PriorityParts = { urgency: number; population: number; remoteness: number; waiting: number };
export type Priority = { score: number; parts: PriorityParts; waitingDays: number };

const DAY_MS = 86_400_000;
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const round1 = (x: number) => Math.round(x * 10) / 10;

/** A need's priority score with its four weighted parts (they add up to the score). */
export function priorityOf(input: PriorityInput, now: Date): Priority {
  const end = input.stoppedAt ?? now;
  const waitingDays = Math.max(0, (end.getTime() - input.reportedAt.getTime()) / DAY_MS);
  const raw = {
    urgency: priorityWeights.urgency * clamp01(input.urgency / 4),
    population:
      priorityWeights.population *
      clamp01(Math.log1p(Math.max(0, input.populationAffected)) / Math.log1p(POPULATION_SATURATION)),
    remoteness: priorityWeights.remoteness * clamp01(input.remotenessHours / REMOTENESS_SATURATION_HOURS),
    waiting: priorityWeights.waiting * clamp01(waitingDays / WAITING_SATURATION_DAYS),
  };
  const score = raw.urgency + raw.population + raw.remoteness + raw.waiting;
  return {
    score: round1(score),
    parts: {
      urgency: round1(raw.urgency),
      population: round1(raw.population),
      remoteness: round1(raw.remoteness),
      waiting: round1(raw.waiting),
    },
    waitingDays: Math.floor(waitingDays),
  };
}
