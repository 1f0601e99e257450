import type { MatchingModel, PairBlock } from './model';
import { pairValue, pairWeight } from './model';
import type { MatchingPlan } from './plan';

/** Why a need got its expert: the parts of the value the solver weighed. */
export type AssignmentReason = {
  specialtyCode: string;
  /** Competencies the need asks for (covered by the expert's specialty). */
  competencies: string[];
  travelHours: number;
  effortDays: number;
  /** Effort plus round-trip travel: what the need takes of the expert's days. */
  weightDays: number;
  priority: number;
  travelCost: number;
  value: number;
};

export const unservedReasons = [
  'no_specialist',
  'rules',
  'too_far',
  'too_large',
  'capacity_spent',
  'not_worth',
] as const;
/**
 * no_specialist: no expert of the specialty is available in the plan's dates; rules: the
 * commander's rules exclude every expert who could go; too_far: every such expert is beyond the
 * trip limit (or has no road); too_large: the effort and travel exceed every nearby expert's free
 * days; capacity_spent: experts could go but their days are taken by higher-value needs;
 * not_worth: an expert has room but the travel costs more than the need's priority.
 */
export type UnservedReason = (typeof unservedReasons)[number];
export type UnservedDetail = {
  reason: UnservedReason;
  /** Experts of the specialty free in the plan's dates. */
  specialists: number;
  /** Experts who could be chosen (all rules and limits met). */
  eligible: number;
  /** The shortest one-way trip from any specialist's base (null: no road). */
  nearestHours: number | null;
  effortDays: number;
};

const blockRank: Record<PairBlock, number> = { too_large: 3, too_far: 2, no_road: 1, rules: 0 };

/** The reason for each assignment of a plan, keyed by need index. */
export function assignmentReasons(model: MatchingModel, plan: MatchingPlan): Map<number, AssignmentReason> {
  const out = new Map<number, AssignmentReason>();
  const { input, rules } = model;
  plan.assignment.forEach((i, j) => {
    if (i === null) return;
    const need = input.needs[j]!;
    const expert = input.experts[i]!;
    const h = input.travel(expert.baseFacilityId, need.facilityId) ?? 0;
    const effortDays = model.effort[j]!;
    out.set(j, {
      specialtyCode: need.specialtyCode,
      competencies: need.competencies,
      travelHours: round2(h),
      effortDays,
      weightDays: pairWeight(effortDays, h),
      priority: need.priority,
      travelCost: round2(rules.travelWeight * 2 * h),
      value: round2(pairValue(need.priority, h, rules)),
    });
  });
  return out;
}

/** The reason each need is left unserved, computed from the model and the plan's loads. */
export function unservedDetails(model: MatchingModel, plan: MatchingPlan): Map<number, UnservedDetail> {
  const { input } = model;
  const load = new Map<number, number>();
  plan.assignment.forEach((i, j) => {
    if (i === null) return;
    const h = input.travel(input.experts[i]!.baseFacilityId, input.needs[j]!.facilityId) ?? 0;
    load.set(i, (load.get(i) ?? 0) + pairWeight(model.effort[j]!, h));
  });
  const slotOf = new Map<number, { s: number; b: number }>();
  model.specialties.forEach((s, si) => {
    s.needs.forEach((j, b) => {
      slotOf.set(j, { s: si, b });
    });
  });
  // Specialists per specialty once, not a scan of every expert per unserved need.
  const bySpecialty = new Map<string, { e: (typeof input.experts)[number]; i: number }[]>();
  input.experts.forEach((e, i) => {
    if (!(model.capacity[i]! > 0)) return;
    const list = bySpecialty.get(e.specialtyCode) ?? [];
    list.push({ e, i });
    bySpecialty.set(e.specialtyCode, list);
  });
  const out = new Map<number, UnservedDetail>();
  plan.assignment.forEach((assigned, j) => {
    if (assigned !== null) return;
    const need = input.needs[j]!;
    const specialists = bySpecialty.get(need.specialtyCode) ?? [];
    let nearest: number | null = null;
    for (const { e } of specialists) {
      const h = input.travel(e.baseFacilityId, need.facilityId);
      if (h !== null && (nearest === null || h < nearest)) nearest = h;
    }
    const base = {
      specialists: specialists.length,
      nearestHours: nearest === null ? null : round2(nearest),
      effortDays: model.effort[j]!,
    };
    if (specialists.length === 0) {
      out.set(j, { reason: 'no_specialist', eligible: 0, ...base });
      return;
    }
    const slot = slotOf.get(j);
    if (!slot) {
      const blocks = model.blocked.get(j) ?? [];
      const worst = blocks.reduce<PairBlock>((a, b) => (blockRank[b] > blockRank[a] ? b : a), 'rules');
      const reason: UnservedReason = worst === 'no_road' ? 'too_far' : worst;
      out.set(j, { reason, eligible: 0, ...base });
      return;
    }
    const s = model.specialties[slot.s]!;
    const { jobs: n, weight, capacity } = s.instance;
    const { start, agent } = s.candidates;
    let eligible = 0;
    let roomy = false;
    for (let k = start[slot.b]!; k < start[slot.b + 1]!; k++) {
      const a = agent[k]!;
      const c = a * n + slot.b;
      eligible++;
      const used = load.get(s.experts[a]!) ?? 0;
      // After fillSpareCapacity, an expert with room left has it only where the need is not worth it.
      if (used + weight[c]! <= capacity[a]! + 1e-9) roomy = true;
    }
    out.set(j, {
      reason: roomy ? 'not_worth' : eligible > 0 ? 'capacity_spent' : 'rules',
      eligible,
      ...base,
    });
  });
  return out;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
