import type { Insertable, Transaction } from 'kysely';
import type { DB, NeedKind, NeedsTable } from '../db/schema';
import type { NeedStatus } from '../needs/workflow';
import type { Random } from './random';
import { DEMO_TODAY } from './staffing';
import type { FacilityRow, Scenario } from './types';

export type NeedRow = Required<Omit<Insertable<NeedsTable>, 'updated_at'>>;

/** Per specialty: the service a facility lacks, a device that may stand idle, a management gap. */
const topics: Record<string, { service: string; device: string; management: string; weight: number }> = {
  general_surgery: {
    service: '腹腔镜阑尾切除术',
    device: '腹腔镜设备',
    management: '手术分级管理',
    weight: 8,
  },
  anaesthesiology: { service: '椎管内麻醉', device: '麻醉机', management: '麻醉质量控制', weight: 8 },
  internal_medicine: {
    service: '高血压糖尿病规范管理',
    device: '动态血压监测仪',
    management: '慢病随访',
    weight: 9,
  },
  cardiology: { service: '急性心梗溶栓', device: '心电监护仪', management: '胸痛中心建设', weight: 6 },
  obstetrics_gynaecology: {
    service: '剖宫产手术',
    device: '胎心监护仪',
    management: '孕产妇高危筛查',
    weight: 10,
  },
  paediatrics: { service: '新生儿窒息复苏', device: '新生儿暖箱', management: '儿童保健', weight: 9 },
  emergency_medicine: { service: '创伤急救', device: '除颤仪', management: '急诊分诊', weight: 8 },
  orthopaedics: { service: '骨折闭合复位固定', device: 'C型臂X光机', management: '骨科康复转诊', weight: 5 },
  medical_imaging: { service: '超声诊断', device: '彩色多普勒超声仪', management: '影像质控', weight: 9 },
  ophthalmology: { service: '白内障筛查', device: '裂隙灯', management: '眼病筛查登记', weight: 4 },
  stomatology: { service: '龋齿充填', device: '牙科综合治疗台', management: '口腔感染控制', weight: 3 },
  infectious_diseases: { service: '包虫病筛查', device: '生物安全柜', management: '传染病报告', weight: 5 },
  nursing: { service: '静脉输液规范操作', device: '输液泵', management: '护理质量管理', weight: 6 },
  traditional_chinese_medicine: {
    service: '针灸推拿适宜技术',
    device: '中药煎药机',
    management: '中医馆建设',
    weight: 3,
  },
  public_health: { service: '儿童免疫规划', device: '疫苗冷链设备', management: '健康档案管理', weight: 5 },
  hospital_management: { service: '绩效考核', device: '信息系统', management: '院感管理', weight: 4 },
};
const specialtyWeights = Object.entries(topics).map(([code, t]) => [code, t.weight] as const);
const kinds: (readonly [NeedKind, number])[] = [
  ['clinical_service', 4],
  ['skill_gap', 4],
  ['equipment', 2],
  ['management', 1.5],
];

const wording: Record<NeedKind, ((t: (typeof topics)[string]) => [string, string])[]> = {
  clinical_service: [
    (t) => [`无法开展${t.service}`, `本院目前无法开展${t.service}，患者需长途转诊至县级以上医院。`],
    (t) => [`${t.service}需转诊，群众就医难`, `群众反映${t.service}需要转诊，路途远、费用高。`],
  ],
  skill_gap: [
    (t) => [`${t.service}技能不足，需要带教`, `本院医务人员${t.service}经验不足，希望专家现场带教。`],
    (t) => [`缺少会做${t.service}的医生`, `仅有一名医生接受过${t.service}培训，需培养更多人员。`],
  ],
  equipment: [
    (t) => [`${t.device}闲置，无人会操作`, `捐赠的${t.device}长期闲置，本院人员不会使用和维护。`],
    (t) => [`缺少${t.device}`, `开展相关诊疗缺少${t.device}，需配置并培训操作人员。`],
  ],
  management: [
    (t) => [`${t.management}制度不健全`, `${t.management}缺少规范流程，需要专家指导建立制度。`],
    (t) => [`需要指导${t.management}`, `希望专家帮助完善${t.management}。`],
  ],
};

const DAY = 86_400_000;
const iso = (d: string) => new Date(`${d}T00:00:00Z`).getTime();

/**
 * About 60 needs per batch at the demo scale (≈ 600 over 10 batches), mostly from township
 * centres. Older batches' needs are mostly resolved and verified; the current batch's are
 * still moving through the workflow. Remote needs take longer and are resolved less often —
 * the last-mile gap the coverage map is meant to show. A few are retyped duplicates, merged.
 */
export function generateNeeds(core: Scenario, random: Random): NeedRow[] {
  const today = iso(DEMO_TODAY);
  const recipient = core.facilities.filter((f) => f.level !== 'supporter_hospital');
  const weightOf = (f: FacilityRow) =>
    f.level === 'township_health_centre'
      ? 6
      : f.level === 'county_hospital'
        ? 5
        : f.level === 'village_clinic'
          ? 0.4
          : 3;
  const facilities = recipient.map((f) => [f, weightOf(f)] as const);
  const townshipCount = core.regions.filter((r) => r.level === 'township').length;
  const population = new Map(core.regions.map((r) => [r.id, r.population ?? 0]));
  const perBatch = Math.max(10, Math.round(townshipCount * 1.7));
  const needs: NeedRow[] = [];

  for (const batch of core.batches) {
    const start = iso(batch.starts_on);
    const end = Math.min(iso(batch.ends_on), today);
    for (let i = 0; i < perBatch; i++) {
      const reported = start + Math.floor(random.next() * Math.max(1, end - start));
      const earlier = needs.length > 0 && random.chance(0.05) ? random.pick(needs.slice(-40)) : null;
      const facility = earlier
        ? (recipient.find((f) => f.id === earlier.facility_id) as FacilityRow)
        : random.weighted(facilities);
      const specialty = earlier ? earlier.specialty_code : random.weighted(specialtyWeights);
      const kind = earlier ? earlier.kind : random.weighted(kinds);
      const topic = topics[specialty] as (typeof topics)[string];
      const [title, description] = earlier
        ? [`${earlier.title}（再次反映）`, earlier.description]
        : random.pick(wording[kind])(topic);
      const hours = Number(facility.travel_hours_to_seat);
      const regionPopulation = population.get(facility.region_id) ?? 5000;
      const row: NeedRow = {
        programme_id: core.programme.id,
        id: random.uuid(),
        facility_id: facility.id,
        specialty_code: specialty,
        kind,
        title,
        description,
        // A need touches part of its township or county; a prefecture-wide figure would drown the rest.
        population_affected: Math.max(
          20,
          Math.round(Math.min(regionPopulation, 60_000) * random.float(0.02, 0.4)),
        ),
        urgency: random.weighted([
          [1, 2],
          [2, 4],
          [3, 3],
          [4, 1],
        ]),
        remoteness_hours: hours,
        competencies: kind === 'management' ? [] : [topic.service],
        effort_expert_days: random.chance(0.6) ? random.int(2, 24) * 5 : null,
        status: 'reported',
        status_reason: null,
        merged_into: null,
        micro_team_id: null,
        matched_by: null,
        batch_id: batch.id,
        source: 'scenario',
        reported_by: null,
        reported_at: new Date(reported),
        triaged_at: null,
        matched_at: null,
        started_at: null,
        resolved_at: null,
        verified_at: null,
        closed_at: null,
        created_at: new Date(reported),
      };
      advance(row, random, hours, today, earlier);
      needs.push(row);
    }
  }
  return needs;
}

/** Moves a need along the workflow with realistic delays, stopping at today. */
function advance(row: NeedRow, random: Random, hours: number, today: number, duplicateOf: NeedRow | null) {
  let at = (row.reported_at as Date).getTime();
  const step = (days: number) => {
    at += Math.round(days * DAY);
    return at <= today ? new Date(at) : null;
  };
  const close = (status: NeedStatus, reason: string) => {
    const when = step(random.float(3, 20));
    if (!when) return;
    row.status = status;
    row.status_reason = reason;
    row.closed_at = when;
  };
  if (duplicateOf && duplicateOf.status !== 'merged' && duplicateOf.status !== 'rejected') {
    row.merged_into = duplicateOf.id;
    close('merged', '与已上报需求重复');
    if (row.status !== 'merged') row.merged_into = null;
    return;
  }
  if (random.chance(0.06))
    return close(
      'rejected',
      random.pick(['不属于对口支援范围', '已由本县自行解决', '信息不全，请补充后重新上报']),
    );
  const triaged = step(random.float(2, 20));
  if (!triaged) return;
  row.status = 'triaged';
  row.triaged_at = triaged;
  // Far townships wait longer for a team, and more of them never get one.
  if (random.chance(Math.min(0.5, 0.05 + hours * 0.06))) return;
  const matched = step(random.float(5, 30) * (1 + hours / 4));
  if (!matched) return;
  row.status = 'matched';
  row.matched_at = matched;
  row.matched_by = 'scenario';
  const started = step(random.float(3, 20));
  if (!started) return;
  row.status = 'in_progress';
  row.started_at = started;
  const resolved = step(random.float(20, 120) * (1 + hours / 5));
  if (!resolved) return;
  row.status = 'resolved';
  row.resolved_at = resolved;
  if (random.chance(0.15)) return;
  const verified = step(random.float(5, 40));
  if (!verified) return;
  row.status = 'verified';
  row.verified_at = verified;
}

/** Generates the scenario's needs and inserts them inside the loader's transaction. */
export async function insertNeeds(trx: Transaction<DB>, core: Scenario, random: Random): Promise<number> {
  const rows = generateNeeds(core, random);
  for (let i = 0; i < rows.length; i += 500) {
    await trx
      .insertInto('needs')
      .values(rows.slice(i, i + 500))
      .execute();
  }
  return rows.length;
}
