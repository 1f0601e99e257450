import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { loadConfig } from '../../config';
import { buildApp } from '../../http/app';
import { ensureWebBuilt } from '../../http/web-build';
import { startJobQueue, startWorkers } from '../../jobs/queue';
import { workers } from '../../jobs/workers';
import { createLogger, openPlatformDatabase } from '../../platform';
import { ensureDemoScenario } from '../../scenario/demo';

/** Starts the platform: migrate, load the demo on first start, listen; returns its address. */
async function startPlatform(options: { build: boolean }): Promise<string> {
  const config = loadConfig();
  const logger = createLogger(config);
  if (options.build) await ensureWebBuilt((line) => process.stderr.write(`${line}\n`));
  const database = await openPlatformDatabase(config);
  const demo = await ensureDemoScenario(database, config, (line) => process.stderr.write(`${line}\n`));
  const { app } = await buildApp({ config, database, logger });
  const jobs = await startJobQueue(database, logger);
  await startWorkers(jobs, workers, logger);
  const close = async () => {
    await app.close();
    await jobs.stop({ graceful: true, timeout: 5000 });
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
  if (demo) lines.push(`  log in as: ${demo.usernames.join(', ')}`, `  password: ${demo.passwordHint}`);
  process.stdout.write(`${lines.join('\n')}\n\n`);
  return url;
}

/** `zutuan serve`: the platform with the built web app. */
export function serveCommand(): Command {
  return new Command('serve')
    .description('run the platform (API and web app)')
    .option('--no-build', 'do not build the web app even when it is missing or stale')
    .action(async (options: { build: boolean }) => {
      await startPlatform(options);
    });
}

/** `zutuan dev`: the API as `serve` does, and the web app from Vite with hot reload, proxying /api. */
export function devCommand(): Command {
  return new Command('dev')
    .description('run the API and a hot-reloading web app (Vite) in front of it')
    .action(async () => {
      const api = await startPlatform({ build: false });
      const { createServer } = await import('vite');
      const root = resolve(import.meta.dirname, '../../..');
      const vite = await createServer({
        configFile: join(root, 'web/vite.config.ts'),
        server: { port: 5173, host: '127.0.0.1', proxy: { '/api': api } },
      });
      await vite.listen();
      process.stdout.write(`Web app with hot reload: http://127.0.0.1:${vite.config.server.port}\n`);
    });
}
