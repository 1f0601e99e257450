import type { MatchingFacility, MatchingModel } from './model';
import type { MatchingPlan } from './plan';
import { type Visit, visitPlan } from './visits';

/** A micro-team of a proposal: members (indices of input.experts), leader, needs and plan. */
export type ProposedTeam = {
  members: number[];
  leader: number;
  needs: number[];
  countyId: string | null;
  statementZh: string;
  statementEn: string;
  priorityTotal: number;
  visits: Visit[];
};

const titleRank: Record<string, number> = {
  chief_physician: 8,
  associate_chief_physician: 7,
  attending_physician: 6,
  nurse_in_charge: 5,
  resident_physician: 4,
  nurse: 3,
  technician: 2,
  administrator: 1,
};

type Pool = { countyId: string | null; members: number[]; lat: number; lon: number };

/**
 * Groups the experts of a plan into micro-teams of the rules' size: experts are pooled by the
 * county where most of their served priority lies, a pool too small for a team takes idle
 * experts based nearest to it or joins the nearest pool, and a pool too big for one team is
 * cut into near-equal teams by a sweep around its centre (members with nearby needs together).
 * The leader is the most senior title, then the most priority served.
 */
export function formTeams(
  model: MatchingModel,
  plan: MatchingPlan,
): { teams: ProposedTeam[]; warnings: string[] } {
  const { input, rules } = model;
  const warnings: string[] = [];
  const needsOf = new Map<number, number[]>();
  plan.assignment.forEach((i, j) => {
    if (i !== null) needsOf.set(i, [...(needsOf.get(i) ?? []), j]);
  });
  const facility = (id: string) => input.facilities.get(id);
  const pools = new Map<string, Pool>();
  const served = [...needsOf.keys()].sort((a, b) => a - b);
  for (const i of served) {
    const byCounty = new Map<string, number>();
    for (const j of needsOf.get(i)!) {
      const f = facility(input.needs[j]!.facilityId);
      const key = f?.countyId ?? '';
      byCounty.set(key, (byCounty.get(key) ?? 0) + input.needs[j]!.priority);
    }
    const county = [...byCounty].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
    let pool = pools.get(county);
    if (!pool) {
      pool = { countyId: county || null, members: [], lat: 0, lon: 0 };
      pools.set(county, pool);
    }
    pool.members.push(i);
  }
  const spot = (i: number): [number, number] => {
    const js = needsOf.get(i);
    const fs = (js ?? []).map((j) => facility(input.needs[j]!.facilityId)).filter((f) => f !== undefined);
    if (fs.length === 0) {
      const base = facility(input.experts[i]!.baseFacilityId);
      return [base?.lat ?? 0, base?.lon ?? 0];
    }
    return [mean(fs.map((f) => f.lat)), mean(fs.map((f) => f.lon))];
  };
  const centre = (p: Pool) => {
    const s = p.members.map(spot);
    p.lat = mean(s.map((x) => x[0]));
    p.lon = mean(s.map((x) => x[1]));
  };
  for (const p of pools.values()) centre(p);

  // Small pools: first idle experts based nearest, then merge with the nearest pool.
  const idle = input.experts
    .map((_, i) => i)
    .filter(
      (i) =>
        !needsOf.has(i) &&
        model.capacity[i]! > 0 &&
        !rules.stayAtPrefecture.includes(input.experts[i]!.personId),
    );
  const list = [...pools.values()].sort((a, b) => (a.countyId ?? '').localeCompare(b.countyId ?? ''));
  for (const p of list) {
    while (p.members.length < rules.minTeamSize && idle.length > 0) {
      idle.sort((a, b) => dist(spot(a), p) - dist(spot(b), p) || a - b);
      p.members.push(idle.shift()!);
    }
  }
  let merged = true;
  while (merged) {
    merged = false;
    const small = list.find((p) => p.members.length < rules.minTeamSize);
    if (small && list.length > 1) {
      const others = list.filter((p) => p !== small);
      const target = others.sort(
        (a, b) => dist([small.lat, small.lon], a) - dist([small.lat, small.lon], b),
      )[0]!;
      target.members.push(...small.members);
      list.splice(list.indexOf(small), 1);
      centre(target);
      merged = true;
    }
  }

  const teams: ProposedTeam[] = [];
  for (const p of list) {
    const size = p.members.length;
    let k = Math.ceil(size / rules.maxTeamSize);
    if (Math.floor(size / k) < rules.minTeamSize && size >= rules.minTeamSize)
      k = Math.max(1, Math.floor(size / rules.minTeamSize));
    const swept = [...p.members].sort((a, b) => angle(spot(a), p) - angle(spot(b), p) || a - b);
    for (let t = 0; t < k; t++) {
      const members = swept.slice(Math.floor((t * size) / k), Math.floor(((t + 1) * size) / k));
      if (members.length < rules.minTeamSize || members.length > rules.maxTeamSize)
        warnings.push(
          `a team of ${members.length} is outside the size rule ${rules.minTeamSize}–${rules.maxTeamSize}`,
        );
      teams.push(makeTeam(model, members, needsOf, p.countyId));
    }
  }
  return { teams, warnings };
}

function makeTeam(
  model: MatchingModel,
  members: number[],
  needsOf: Map<number, number[]>,
  countyId: string | null,
): ProposedTeam {
  const { input } = model;
  const served = (i: number) => (needsOf.get(i) ?? []).reduce((s, j) => s + input.needs[j]!.priority, 0);
  const leader = [...members].sort(
    (a, b) =>
      (titleRank[input.experts[b]!.title ?? ''] ?? 0) - (titleRank[input.experts[a]!.title ?? ''] ?? 0) ||
      served(b) - served(a) ||
      a - b,
  )[0]!;
  const needs = members.flatMap((i) => needsOf.get(i) ?? []).sort((a, b) => a - b);
  const priorityTotal = Math.round(needs.reduce((s, j) => s + input.needs[j]!.priority, 0) * 10) / 10;
  const facilities = [...new Set(needs.map((j) => input.needs[j]!.facilityId))]
    .map((id) => input.facilities.get(id))
    .filter((f): f is MatchingFacility => f !== undefined);
  const townships = new Set(facilities.map((f) => f.townshipName ?? f.id)).size;
  // Name every county the team's visits reach (a team may cross a county line), not just the first's.
  const counties = [...new Set(facilities.map((f) => f.countyName).filter((c): c is string => !!c))].sort();
  const countyZh =
    counties.length === 0 ? null : `${counties.slice(0, 3).join('、')}${counties.length > 3 ? '等' : ''}`;
  const countyEn =
    counties.length === 0
      ? null
      : `${counties.slice(0, 3).join(', ')}${counties.length > 3 ? ' and others' : ''}`;
  const specialties = [...new Set(needs.map((j) => input.needs[j]!.specialtyCode))].sort();
  const zhNames = specialties.map((c) => input.specialtyNames.get(c)?.zh ?? c).join('、');
  const enNames = specialties.map((c) => input.specialtyNames.get(c)?.en ?? c).join(', ');
  const statementZh =
    needs.length === 0
      ? '暂无分配需求，作为机动力量支援本县工作'
      : `负责${countyZh ?? '地区'}${townships}个乡镇（${facilities.length}个医疗机构）的${zhNames}需求，共${needs.length}项，优先级合计${priorityTotal}`;
  const statementEn =
    needs.length === 0
      ? 'No needs assigned yet; a reserve supporting the county'
      : `Responsible for ${needs.length} ${enNames} need${needs.length > 1 ? 's' : ''} at ${facilities.length} facilit${facilities.length > 1 ? 'ies' : 'y'} in ${townships} township${townships > 1 ? 's' : ''} of ${countyEn ?? 'the prefecture'}, total priority ${priorityTotal}`;
  return {
    members: [...members].sort((a, b) => (a === leader ? -1 : b === leader ? 1 : a - b)),
    leader,
    needs,
    countyId,
    statementZh,
    statementEn,
    priorityTotal,
    visits: visitPlan(model, leader, members, needs, needsOf),
  };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const dist = (a: [number, number], p: { lat: number; lon: number }) => Math.hypot(a[0] - p.lat, a[1] - p.lon);
const angle = (a: [number, number], p: { lat: number; lon: number }) =>
  Math.atan2(a[0] - p.lat, a[1] - p.lon);
