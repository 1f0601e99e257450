import { Command } from 'commander';
import { loadConfig } from '../../config';
import { openDatabase } from '../../db/database';
import { migrate } from '../../db/migrate';

/** `zutuan db migrate`: apply pending migrations to the configured database. */
export function dbCommand(): Command {
  const db = new Command('db').description('database administration');
  db.command('migrate')
    .description('apply pending migrations (safe to run from several processes at once)')
    .action(async () => {
      const config = loadConfig();
      const database = config.databaseUrl
        ? await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 1 })
        : await openDatabase({ dataDir: config.dataDir });
      try {
        const applied = await migrate(database);
        process.stdout.write(
          applied.length ? `applied: ${applied.join(', ')}\n` : 'the database is up to date\n',
        );
      } finally {
        await database.close();
      }
    });
  return db;
}
