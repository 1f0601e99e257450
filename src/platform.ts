import pino, { type Logger } from 'pino';
import type { Config } from './config';
import { type Database, openDatabase } from './db/database';
import { migrate } from './db/migrate';

/** Opens the configured database (PostgreSQL at DATABASE_URL, else PGlite in the data folder) and migrates it. */
export async function openPlatformDatabase(config: Config): Promise<Database> {
  const database = config.databaseUrl
    ? await openDatabase({ databaseUrl: config.databaseUrl, poolSize: config.dbPoolSize })
    : await openDatabase({ dataDir: config.dataDir });
  try {
    await migrate(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/**
 * The process logger: JSON lines to stdout. Request lines carry the path without its query
 * string (queries may hold names) and never bodies, cookies or headers.
 */
export function createLogger(config: Config): Logger {
  return pino({
    level: config.logLevel,
    redact: { paths: ['req.headers', 'password', '*.password'], remove: true },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
    },
  });
}
