import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { loadConfig } from '../../config';
import { openDatabase } from '../../db/database';
import { migrate } from '../../db/migrate';
import { iatiActivitiesXml } from '../../iati/activity';
import { loadIatiProgramme } from '../../iati/load';

/** `zutuan export iati`: the programme as IATI 2.03 activity XML, for the open aid-data ecosystem. */
export function exportCommand(): Command {
  const command = new Command('export').description('export the programme for publishing elsewhere');
  command
    .command('iati')
    .description('write the programme as IATI 2.03 activity XML (batches as child activities, with results)')
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--programme <code>', 'the programme code (default: the first programme)')
    .option('--prefix <id>', 'the IATI organisation identifier prefix of the publisher', 'XM-ZUTUAN')
    .action(async (options: { out?: string; programme?: string; prefix: string }) => {
      const config = loadConfig();
      const database = await openDatabase(
        config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir },
      );
      try {
        await migrate(database);
        const xml = iatiActivitiesXml(
          await loadIatiProgramme(database.db, options.programme, options.prefix),
          new Date(),
        );
        if (options.out) writeFileSync(options.out, xml);
        else process.stdout.write(xml);
      } finally {
        await database.close();
      }
    });
  return command;
}
