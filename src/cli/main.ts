import { Command, CommanderError } from 'commander';
import { dbCommand } from './commands/db';
import { exportCommand } from './commands/export';
import { gapCommand } from './commands/gap';
import { logCommand } from './commands/log';
import { matchCommand } from './commands/match';
import { scenarioCommand } from './commands/scenario';
import { devCommand, serveCommand } from './commands/serve';
import { userCommand } from './commands/user';

/** Builds the `zutuan` command line; each capability contributes its own subcommand. */
export function buildCli(): Command {
  const program = new Command('zutuan')
    .description('Zutuan (组团): group-style paired medical assistance platform')
    .showHelpAfterError()
    .exitOverride();
  program.addCommand(serveCommand());
  program.addCommand(devCommand());
  program.addCommand(dbCommand());
  program.addCommand(userCommand());
  program.addCommand(gapCommand());
  program.addCommand(logCommand());
  program.addCommand(scenarioCommand());
  program.addCommand(exportCommand());
  program.addCommand(matchCommand());
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    process.stderr.write(`zutuan: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
