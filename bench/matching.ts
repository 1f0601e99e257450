// `npm run bench -- matching [--experts N] [--needs N] [--scale S] [--seconds T]`: team formation on a
// national-size batch (the whole pipeline: model, per-specialty GAPs on worker threads — the
// engine for small slices, the sparse solver in two lanes for large ones — teams, reasons), and
// on the demo scenario's current batch. Prints JSON; docs/matching.md ("Performance") has figures.

import { buildRoadGraph } from '../src/coverage/shortest-paths';
import { gapWorkerPool } from '../src/matching/gap/pool';
import type { MatchingInput } from '../src/matching/model';
import { proposeTeams } from '../src/matching/propose';
import { resolveRules } from '../src/matching/rules';
import { workerSolver } from '../src/matching/solver';
import { sparseWorkerPool } from '../src/matching/sparse-pool';
import { roadTravel } from '../src/matching/travel';
import { priorityOf } from '../src/needs/priority';
import { DEMO_SEED, generateScenario, scenarioRandom } from '../src/scenario/generate';
import { generateMatchingBatch } from '../src/scenario/matching-batch';
import { generateNeeds } from '../src/scenario/needs';

const arg = (args: string[], name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};

let peakRss = 0;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

async function run(input: MatchingInput, seconds: number) {
  const started = performance.now();
  const p = await proposeTeams(input, resolveRules({ timeLimitSeconds: seconds }), workerSolver);
  const served = p.plan.assignment.filter((a) => a !== null).length;
  const reasons: Record<string, number> = {};
  for (const d of p.unserved.values()) reasons[d.reason] = (reasons[d.reason] ?? 0) + 1;
  return {
    experts: input.experts.length,
    needs: input.needs.length,
    facilities: input.facilities.size,
    subproblems: p.plan.specialties.length,
    largest: p.plan.specialties.reduce((m, s) => Math.max(m, (s.experts + 1) * s.needs), 0),
    seconds: Math.round(performance.now() - started) / 1000,
    timings: p.timings,
    objective: p.plan.objective,
    bound: p.plan.bound,
    gapPercent: Math.round(p.plan.gap * 10000) / 100,
    served,
    teams: p.teams.length,
    unservedReasons: reasons,
  };
}

function demoInput(): MatchingInput {
  const core = generateScenario({ seed: DEMO_SEED, scale: 1 });
  const needs = generateNeeds(core, scenarioRandom(DEMO_SEED).fork('needs'));
  const batch = core.batches.at(-1)!;
  const today = new Date('2026-11-29T00:00:00Z');
  const base = generateMatchingBatch(core, scenarioRandom(DEMO_SEED).fork('matching'), {
    experts: 0,
    needs: 0,
  });
  const people = new Map(core.people.map((p) => [p.id, p]));
  const graph = buildRoadGraph(core.roads.nodes, core.roads.edges);
  const nodeOfFacility = new Map<string, number>();
  for (const n of core.roads.nodes)
    if (n.facilityId) nodeOfFacility.set(n.facilityId, graph.indexOf.get(n.id)!);
  return {
    ...base,
    planningDate: '2026-11-29' > batch.starts_on ? '2026-11-29' : batch.starts_on,
    experts: core.deployments
      .filter((d) => d.batch_id === batch.id)
      .map((d) => ({
        personId: d.person_id,
        name: people.get(d.person_id)?.full_name ?? '',
        title: people.get(d.person_id)?.title ?? null,
        specialtyCode: d.specialty_code,
        baseFacilityId: d.host_facility_id,
        startsOn: d.starts_on,
        endsOn: d.ends_on,
      })),
    needs: needs
      .filter((n) => n.status === 'triaged')
      .map((n) => ({
        id: n.id,
        title: n.title,
        facilityId: n.facility_id,
        specialtyCode: n.specialty_code,
        competencies: n.competencies,
        effortDays: n.effort_expert_days,
        priority: priorityOf(
          {
            urgency: n.urgency,
            populationAffected: n.population_affected,
            remotenessHours: n.remoteness_hours,
            reportedAt: n.reported_at as Date,
          },
          today,
        ).score,
      })),
    travel: roadTravel({ graph, nodeOfFacility }),
  };
}

export default async function (args: string[]) {
  const timer = setInterval(sample, 100);
  const experts = arg(args, 'experts', 3000);
  const needCount = arg(args, 'needs', 20_000);
  const scale = arg(args, 'scale', 54);
  const seconds = arg(args, 'seconds', 45);
  const genStarted = performance.now();
  const core = generateScenario({ seed: DEMO_SEED, scale });
  const input = generateMatchingBatch(core, scenarioRandom(DEMO_SEED).fork('matching'), {
    experts,
    needs: needCount,
  });
  const generateSeconds = Math.round(performance.now() - genStarted) / 1000;
  sample();
  const national = await run(input, seconds);
  const demo = await run(demoInput(), 10);
  clearInterval(timer);
  sample();
  await gapWorkerPool().close();
  await sparseWorkerPool().close();
  process.stdout.write(
    `${JSON.stringify(
      {
        benchmark: 'matching',
        cores: (await import('node:os')).availableParallelism(),
        generateSeconds,
        national,
        demo,
        peakRssMb: Math.round(peakRss / 2 ** 20),
      },
      null,
      2,
    )}\n`,
  );
}
