import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { parseOrLibraryGap } from '../../matching/gap/parse';
import { solveGapInWorker } from '../../matching/gap/solve-in-worker';

const parseSeconds = (value: string): number => {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new InvalidArgumentError('expected a positive number of seconds');
  return seconds;
};

/** `zutuan gap solve FILE...`: solves OR-Library GAP instances and prints one line per instance. */
export function gapCommand(): Command {
  const gap = new Command('gap').description('Generalized Assignment Problem (GAP) solver');
  gap
    .command('solve')
    .description('solve OR-Library GAP files: minimum-cost plan with a proven lower bound')
    .argument('<files...>', 'instance files in OR-Library format')
    .option('--time-limit <seconds>', 'wall-clock limit per instance', parseSeconds, 10)
    .option('--json', 'print one JSON object per line')
    .action(async (files: string[], options: { timeLimit: number; json?: boolean }) => {
      // Read and check every file before solving so a bad file fails fast.
      const instances = files.map((file) => {
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch (error) {
          throw new Error(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
        }
        try {
          return { file, instance: parseOrLibraryGap(text) };
        } catch (error) {
          throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
        }
      });
      for (const { file, instance } of instances) {
        const s = await solveGapInWorker(instance, { timeLimitSeconds: options.timeLimit });
        const name = basename(file);
        if (options.json) {
          const line = {
            instance: name,
            objective: s.objective,
            bound: s.bound,
            seconds: round(s.seconds),
            assignment: s.assignment,
          };
          process.stdout.write(
            `${JSON.stringify(s.feasible ? line : { ...line, feasible: false, status: s.status })}\n`,
          );
        } else if (s.feasible) {
          const gapPercent = s.objective === 0 ? 0 : (100 * (s.objective - s.bound)) / Math.abs(s.objective);
          process.stdout.write(
            `${name}: cost ${s.objective}, lower bound ${s.bound} (${s.status === 'optimal' ? 'optimal' : `gap ${gapPercent.toFixed(2)}%`}), ${instance.agents} agents, ${instance.jobs} jobs, ${s.seconds.toFixed(2)} s\n`,
          );
        } else {
          const why = s.status === 'infeasible' ? 'no feasible plan exists' : 'no feasible plan found';
          process.stdout.write(
            `${name}: ${why} (${instance.agents} agents, ${instance.jobs} jobs, ${s.seconds.toFixed(2)} s)\n`,
          );
        }
        if (!s.feasible) process.exitCode = 3;
      }
    });
  return gap;
}

const round = (seconds: number) => Math.round(seconds * 1000) / 1000;
