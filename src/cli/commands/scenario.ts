import { writeFileSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import { passwordProblem } from '../../auth/passwords';
import { loadConfig } from '../../config';
import { openDatabase } from '../../db/database';
import { migrate } from '../../db/migrate';
import { DEMO_SCALE, DEMO_SEED, generateScenario } from '../../scenario/generate';
import { isScenarioLoaded, loadScenario } from '../../scenario/load';

const parseSeed = (value: string): number => {
  const seed = Number(value);
  if (!Number.isSafeInteger(seed)) throw new InvalidArgumentError('expected an integer');
  return seed;
};
const parseScale = (value: string): number => {
  const scale = Number(value);
  if (!Number.isFinite(scale) || scale < 1) throw new InvalidArgumentError('expected a number ≥ 1');
  return scale;
};

/** `zutuan scenario generate|load`: the deterministic demo scenario (J省 → K地区). */
export function scenarioCommand(): Command {
  const scenario = new Command('scenario').description('the deterministic demo scenario (J省 → K地区)');
  scenario
    .command('generate')
    .description('generate the scenario and write it as JSON')
    .option('--seed <n>', 'random seed (integer)', parseSeed, DEMO_SEED)
    .option(
      '--scale <s>',
      'size: 1 is the demo prefecture; 100 approaches national size',
      parseScale,
      DEMO_SCALE,
    )
    .option('--out <file>', 'write to this file instead of standard output')
    .action((options: { seed: number; scale: number; out?: string }) => {
      const json = JSON.stringify(generateScenario({ seed: options.seed, scale: options.scale }));
      if (options.out) writeFileSync(options.out, `${json}\n`);
      else process.stdout.write(`${json}\n`);
    });
  scenario
    .command('load')
    .description(
      'generate the scenario and load it into the configured database (which must hold no programme)',
    )
    .option('--seed <n>', 'random seed (integer)', parseSeed, DEMO_SEED)
    .option(
      '--scale <s>',
      'size: 1 is the demo prefecture; 100 approaches national size',
      parseScale,
      DEMO_SCALE,
    )
    .option('--password <p>', 'password of every demo account (default: ZUTUAN_DEMO_PASSWORD)')
    .action(async (options: { seed: number; scale: number; password?: string }) => {
      const config = loadConfig();
      const password = options.password ?? config.demoPassword;
      if (!password)
        throw new Error('give the demo accounts a password with --password or ZUTUAN_DEMO_PASSWORD');
      const weak = passwordProblem(password);
      if (weak) throw new Error(`demo password refused: ${weak}`);
      const database = await openDatabase(
        config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir },
      );
      try {
        await migrate(database);
        if (await isScenarioLoaded(database.db)) {
          throw new Error(
            'the database already holds a programme; the scenario loads only into an empty database',
          );
        }
        const generated = generateScenario({ seed: options.seed, scale: options.scale });
        const bar = process.stderr.isTTY
          ? new cliProgress.SingleBar(
              {
                stream: process.stderr,
                format: 'loading {bar} {percentage}% | {value}/{total} rows | {table}',
              },
              cliProgress.Presets.shades_classic,
            )
          : null;
        let started = false;
        await loadScenario(database.db, generated, {
          password,
          onProgress: ({ table, done, total }) => {
            if (!bar) return;
            if (!started) bar.start(total, 0, { table });
            started = true;
            bar.update(done, { table });
          },
        });
        bar?.stop();
        const { regions, organisations, facilities, people, deployments, users } = generated;
        process.stdout.write(
          `loaded scenario seed ${options.seed} scale ${options.scale}: ${regions.length} regions, ${organisations.length} organisations, ` +
            `${facilities.length} facilities, ${people.length} people, ${deployments.length} deployments, ` +
            `demo accounts ${users.map((u) => u.username).join(', ')}\n`,
        );
      } finally {
        await database.close();
      }
    });
  return scenario;
}
