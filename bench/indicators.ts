// `npm run bench -- indicators [--scale S] [--runs N]`: every catalogue indicator computed for a
// whole programme on a national-size scenario (the demo generator scaled up, with its needs,
// mentorships, assessments and service records) in PostgreSQL. Prints JSON: p50 and max per
// indicator (and per breakdown), flagging any programme figure above 300 ms; and the dependence
// dashboard's time.

import { type Database, openDatabase } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { dependenceDashboard } from '../src/dependence/report';
import { catalogue, computeIndicator } from '../src/indicators/catalogue';
import { DEMO_SEED, generateScenario } from '../src/scenario/generate';
import { loadScenario } from '../src/scenario/load';
import { postgresForBench } from './support/postgres';

const LIMIT_MS = 300;
const arg = (args: string[], name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const round = (n: number) => Math.round(n * 10) / 10;

async function time(runs: number, fn: () => Promise<unknown>) {
  await fn(); // warm the cache and the plan
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  return { p50: round(ms[Math.floor(ms.length / 2)] ?? 0), max: round(ms.at(-1) ?? 0) };
}

export default async function indicatorsBench(args: string[]): Promise<void> {
  const scale = arg(args, 'scale', 10);
  const runs = arg(args, 'runs', 5);
  const server = postgresForBench();
  if (!server) {
    process.stdout.write(`${JSON.stringify({ skipped: 'no PostgreSQL server (set BENCH_DATABASE_URL)' })}\n`);
    return;
  }
  const name = `zutuan_bench_indicators_${process.pid}`;
  const admin = await openDatabase({ databaseUrl: server.url, poolSize: 1 });
  let database: Database | undefined;
  try {
    await admin.query(`create database ${name}`);
    const url = new URL(server.url);
    url.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
    await migrate(database);
    const version = (await database.query<{ v: string }>(`select current_setting('server_version') as v`))[0]
      ?.v;
    const generated = performance.now();
    const scenario = generateScenario({ seed: DEMO_SEED, scale });
    await loadScenario(database.db, scenario, { password: 'bench-password-1234' });
    await database.query('analyze');
    const loadSeconds = round((performance.now() - generated) / 1000);
    const count = async (table: string) =>
      Number((await database!.query<{ n: number }>(`select count(*) as n from ${table}`))[0]?.n ?? 0);
    const rows = Object.fromEntries(
      await Promise.all(
        [
          'facilities',
          'people',
          'needs',
          'assessments',
          'service_records',
          'mentorships',
          'agreement_targets',
        ].map(async (t) => [t, await count(t)] as const),
      ),
    );
    const p = scenario.programme.id;
    const indicators = [];
    for (const d of catalogue) {
      const programme = await time(runs, () => computeIndicator(database!.db, p, d.id, 'programme'));
      const breakdowns: Record<string, { p50: number; max: number }> = {};
      for (const b of d.breakdowns)
        if (b !== 'programme')
          breakdowns[b] = await time(runs, () => computeIndicator(database!.db, p, d.id, b));
      indicators.push({ id: d.id, programme, overLimit: programme.max > LIMIT_MS, breakdowns });
    }
    const dashboard = await time(runs, () => dependenceDashboard(database!.db, p, {}));
    process.stdout.write(
      `${JSON.stringify(
        {
          database: `postgresql ${version}`,
          scale,
          runs,
          loadSeconds,
          rows,
          limitMs: LIMIT_MS,
          overLimit: indicators.filter((i) => i.overLimit).map((i) => i.id),
          indicators,
          dependenceDashboard: dashboard,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await database?.close();
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin.close();
    server.stop();
  }
}
