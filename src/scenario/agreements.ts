import type { Transaction } from 'kysely';
import type { ClauseInput } from '../agreements/schema';
import type { AgreementType } from '../agreements/tables';
import type { DB } from '../db/schema';
import { catalogue, computeIndicator } from '../indicators/catalogue';
import type { Breakdown } from '../indicators/types';
import { addDays } from './calendar';
import type { Random } from './random';
import { DEMO_TODAY } from './staffing';
import type { Scenario } from './types';

type Trx = Transaction<DB>;
type Plan = 'met' | 'on_track' | 'at_risk';
type DemoTarget = { indicatorId: string; breakdown?: Breakdown; plan: Plan; description: string };
type DemoAgreement = {
  type: AgreementType;
  title: string;
  summary: string;
  clause: string;
  duties: [party: 'supporter' | 'recipient' | 'command', duty: string][];
  target: DemoTarget;
  responsible: 'supporter' | 'recipient' | 'command';
};

/** One agreement of each type, each with a target on a real indicator of the demo. */
const demoAgreements: DemoAgreement[] = [
  {
    type: 'agreement',
    title: '组团式医疗人才援助协议(第十批)',
    summary: '支援方与受援方就第十批组团式援助的派驻、带教与考核达成协议。',
    clause: '支援方按批次派驻专家团队，受援方提高本地医务人员独立开展诊疗服务的比例。',
    duties: [
      ['supporter', '按期派驻专家并签订师徒结对协议'],
      ['recipient', '选派骨干跟师学习，按月报送诊疗服务记录'],
    ],
    target: { indicatorId: 'services.local_share', plan: 'met', description: '本地医务人员服务占比达到预期' },
    responsible: 'recipient',
  },
  {
    type: 'memorandum',
    title: '基层微问题协同解决备忘录',
    summary: '前方指挥部与受援方卫健委就基层需求的受理与解决形成备忘录。',
    clause: '受援方及时上报基层需求，指挥部统筹组团解决。',
    duties: [
      ['recipient', '按月梳理并上报乡镇卫生院需求'],
      ['command', '统筹匹配微团队并跟踪解决'],
    ],
    target: { indicatorId: 'needs.resolved', plan: 'met', description: '解决一批基层需求' },
    responsible: 'command',
  },
  {
    type: 'plan',
    title: '单点依赖服务清零方案',
    summary: '逐项消除只能由援派专家开展的服务。',
    clause: '对单点依赖服务逐项制定带教计划，确保批次轮换后服务不中断。',
    duties: [
      ['supporter', '对每项单点依赖服务指定带教专家'],
      ['recipient', '保障学员脱产学习时间'],
    ],
    target: {
      indicatorId: 'dependence.single_points_of_failure',
      plan: 'at_risk',
      description: '单点依赖服务数降为零',
    },
    responsible: 'supporter',
  },
  {
    type: 'letter_of_intent',
    title: '师徒结对深化合作意向书',
    summary: '双方有意扩大师徒结对规模，提升本地人员胜任等级。',
    clause: '扩大师徒结对，提高达到独立胜任(4级)的本地人员数量。',
    duties: [['supporter', '每名长期专家至少结对两名学员']],
    target: {
      indicatorId: 'mentorship.level4_apprentices',
      plan: 'on_track',
      description: '独立胜任人次翻番',
    },
    responsible: 'supporter',
  },
  {
    type: 'consensus',
    title: '需求响应时效共识',
    summary: '三方就缩短基层需求解决时间达成共识。',
    clause: '缩短基层需求从上报到解决的时间。',
    duties: [
      ['command', '每周调度未解决需求'],
      ['recipient', '及时确认需求解决情况'],
    ],
    target: {
      indicatorId: 'needs.median_days_to_resolution',
      plan: 'at_risk',
      description: '需求解决天数中位数减半',
    },
    responsible: 'recipient',
  },
];

const round = (v: number) => Math.round(v * 1000) / 1000;

/**
 * Baseline, target and dates that give the planned status against today's value: met (the
 * target is just reached), on track (early in the period, moving the right way), at risk (late
 * in the period with little progress).
 */
function targetFor(plan: Plan, current: number, higherIsBetter: boolean) {
  const sign = higherIsBetter ? 1 : -1;
  const step = Math.max(Math.abs(current) * 0.5, 1);
  switch (plan) {
    case 'met':
      return {
        baseline: round(current - sign * step),
        targetValue: round(current),
        baselineOn: addDays(DEMO_TODAY, -300),
        dueOn: addDays(DEMO_TODAY, 60),
      };
    case 'on_track':
      return {
        baseline: round(current - sign * step * 0.1),
        targetValue: round(current + sign * step * 2),
        baselineOn: addDays(DEMO_TODAY, -30),
        dueOn: addDays(DEMO_TODAY, 335),
      };
    case 'at_risk':
      return {
        baseline: round(current),
        targetValue: round(higherIsBetter ? current + step : Math.max(0, current - step)),
        baselineOn: addDays(DEMO_TODAY, -300),
        dueOn: addDays(DEMO_TODAY, 60),
      };
  }
}

/**
 * Inserts the demo agreements (one of each type) between the command, the supporter's and the
 * recipient's health commissions, with targets set against the demo's own indicator values so
 * some are met and some at risk, and reviews one overdue, one due and one later.
 */
export async function insertAgreements(trx: Trx, core: Scenario, random: Random): Promise<number> {
  const p = core.programme.id;
  const orgs = core.organisations;
  const command = orgs.find((o) => o.type === 'command_hq');
  const supporter = orgs.find((o) => o.type === 'health_commission' && o.side === 'supporter');
  const recipient = orgs.find((o) => o.type === 'health_commission' && o.side === 'recipient');
  if (!command || !supporter || !recipient) return 0;
  const party = {
    command: command.id as string,
    supporter: supporter.id as string,
    recipient: recipient.id as string,
  };
  const reviewOffsets = [-7, 10, 120, 200, 300];
  for (const [i, a] of demoAgreements.entries()) {
    const def = catalogue.find((d) => d.id === a.target.indicatorId);
    if (!def) continue;
    const values = await computeIndicator(trx, p, def.id, a.target.breakdown ?? 'programme');
    const current = values.find((v) => v.key === null)?.value ?? 0;
    const t = targetFor(a.target.plan, current, def.better === 'higher');
    const effectiveOn = addDays(DEMO_TODAY, -300 - random.int(0, 60));
    const { id } = await trx
      .insertInto('agreements')
      .values({
        programme_id: p,
        type: a.type,
        title: a.title,
        summary: a.summary,
        effective_on: effectiveOn,
        expires_on: addDays(effectiveOn, 3 * 365),
        owner_organisation_id: party.command,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('agreement_parties')
      .values(Object.values(party).map((o) => ({ programme_id: p, agreement_id: id, organisation_id: o })))
      .execute();
    const clause: ClauseInput = {
      text: a.clause,
      duties: a.duties.map(([who, duty]) => ({ organisationId: party[who], duty })),
      targets: [],
    };
    const { id: clauseId } = await trx
      .insertInto('agreement_clauses')
      .values({ programme_id: p, agreement_id: id, number: 1, text: clause.text })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('clause_duties')
      .values(
        clause.duties.map((d) => ({
          programme_id: p,
          clause_id: clauseId,
          agreement_id: id,
          organisation_id: d.organisationId,
          duty: d.duty,
        })),
      )
      .execute();
    await trx
      .insertInto('agreement_targets')
      .values({
        programme_id: p,
        agreement_id: id,
        clause_id: clauseId,
        indicator_id: def.id,
        breakdown: a.target.breakdown ?? 'programme',
        breakdown_key: null,
        specialty_code: null,
        description: a.target.description,
        responsible_organisation_id: party[a.responsible],
        baseline: t.baseline,
        target_value: t.targetValue,
        baseline_on: t.baselineOn,
        due_on: t.dueOn,
      })
      .execute();
    await trx
      .insertInto('agreement_reviews')
      .values({
        programme_id: p,
        agreement_id: id,
        due_on: addDays(DEMO_TODAY, reviewOffsets[i] ?? 90),
        responsible_organisation_id: party[a.responsible],
      })
      .execute();
  }
  return demoAgreements.length;
}
