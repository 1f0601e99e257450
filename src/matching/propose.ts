import type { MatchingInput, MatchingModel } from './model';
import { buildMatchingModel } from './model-build';
import { type GapSolver, type MatchingPlan, type PlanProgress, solveMatching } from './plan';
import { type AssignmentReason, assignmentReasons, type UnservedDetail, unservedDetails } from './reasons';
import type { MatchingRules } from './rules';
import { formTeams, type ProposedTeam } from './teams';

/** A proposal (组团方案): teams, the needs each serves with reasons, the needs left out and why. */
export type TeamProposal = {
  model: MatchingModel;
  plan: MatchingPlan;
  teams: ProposedTeam[];
  reasons: Map<number, AssignmentReason>;
  unserved: Map<number, UnservedDetail>;
  warnings: string[];
  timings: { modelSeconds: number; solveSeconds: number; teamSeconds: number };
};

/** Builds the model, solves it, forms the teams and explains every choice. */
export async function proposeTeams(
  input: MatchingInput,
  rules: MatchingRules,
  solve: GapSolver,
  onProgress?: PlanProgress,
): Promise<TeamProposal> {
  const t0 = performance.now();
  const model = buildMatchingModel(input, rules);
  const t1 = performance.now();
  const plan = await solveMatching(model, solve, onProgress);
  const t2 = performance.now();
  const { teams, warnings } = formTeams(model, plan);
  const reasons = assignmentReasons(model, plan);
  const unserved = unservedDetails(model, plan);
  const t3 = performance.now();
  return {
    model,
    plan,
    teams,
    reasons,
    unserved,
    warnings: [...plan.warnings, ...warnings],
    timings: {
      modelSeconds: (t1 - t0) / 1000,
      solveSeconds: (t2 - t1) / 1000,
      teamSeconds: (t3 - t2) / 1000,
    },
  };
}
