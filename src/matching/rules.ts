import { z } from 'zod';

/** A (need, expert) choice the commander pins or forbids while reviewing a proposal. */
export const pairChoice = z.object({ needId: z.uuid(), personId: z.uuid() }).strict();
export type PairChoice = z.infer<typeof pairChoice>;

/**
 * The commander's rules for one proposal (stored with it). Defaults are what a proposal uses
 * when a rule is left out; docs/matching.md ("Team formation") explains each.
 */
export const matchingRules = z
  .object({
    /** The first day of the plan (default: today, or the batch's first day if later). */
    planningDate: z.iso.date().optional(),
    /** The last day of the plan (default: the batch's last day). */
    horizonEnd: z.iso.date().optional(),
    minTeamSize: z.number().int().min(1).max(10).default(2),
    maxTeamSize: z.number().int().min(1).max(10).default(5),
    /** Longest one-way trip from an expert's base to a need's facility, in hours. */
    maxTravelHours: z.number().min(0).max(48).default(4),
    /** Priority points one hour of round-trip travel costs (λ). */
    travelWeight: z.number().min(0).max(100).default(1),
    /** Share of an expert's working days free for grassroots needs (the rest is the host's work). */
    dutyShare: z.number().min(0.05).max(1).default(0.5),
    /** Effort assumed for a need triaged without one, in expert-days. */
    defaultEffortDays: z.number().positive().max(1000).default(10),
    mustServe: z.array(z.uuid()).max(5000).default([]),
    /** Experts who stay at the prefecture hospital: only needs there. */
    stayAtPrefecture: z.array(z.uuid()).max(5000).default([]),
    pins: z.array(pairChoice).max(5000).default([]),
    forbids: z.array(pairChoice).max(5000).default([]),
    /** Wall-clock budget of the solver, in seconds. */
    timeLimitSeconds: z.number().min(1).max(600).default(30),
  })
  .strict()
  .refine((r) => r.minTeamSize <= r.maxTeamSize, {
    message: 'the smallest team size must not exceed the largest',
    path: ['minTeamSize'],
  });
export type MatchingRulesInput = z.input<typeof matchingRules>;
export type MatchingRules = z.output<typeof matchingRules>;

/** The rules with every default filled in. */
export const resolveRules = (input: MatchingRulesInput = {}): MatchingRules => matchingRules.parse(input);
