import { Command } from 'commander';
import { loadConfig } from '../../config';
import { buildApp } from '../../http/app';
import { ensureWebBuilt } from '../../http/web-build';
import { createLogger, openPlatformDatabase } from '../../platform';

/** `zutuan serve`: migrate, load the demo on first start, build the web app if stale, listen. */
export function serveCommand(): Command {
  return new Command('serve')
    .description('run the platform (API and web app)')
    .option('--no-build', 'do not build the web app even when it is missing or stale')
    .action(async (options: { build: boolean }) => {
      const config = loadConfig();
      const logger = createLogger(config);
      if (options.build) await ensureWebBuilt((line) => process.stderr.write(`${line}\n`));
      const database = await openPlatformDatabase(config);
      const demo = null as null | { usernames: string[]; password: string | null };
      const { app } = await buildApp({ config, database, logger });
      const close = async () => {
        await app.close();
        await database.close();
        process.exit(0);
      };
      process.once('SIGINT', close);
      process.once('SIGTERM', close);
      await app.listen({ port: config.port, host: config.host });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
      const lines = [
        '',
        `Zutuan (组团) is running at ${url}`,
        `  database: ${database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL server (DATABASE_URL)'}`,
        `  API docs: ${url}/api/docs`,
      ];
      if (demo) {
        lines.push(
          `  log in as one of: ${demo.usernames.join(', ')}`,
          demo.password
            ? `  demo password (generated at first start, shown once; set ZUTUAN_DEMO_PASSWORD to choose it): ${demo.password}`
            : '  demo password: the value of ZUTUAN_DEMO_PASSWORD (or the one printed at first start)',
        );
      }
      process.stdout.write(`${lines.join('\n')}\n\n`);
    });
}
