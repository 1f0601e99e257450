import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { type ListenHandlers, listenEmbedded, listenOnServer, type Unlisten } from './listen';
import { PGliteDialect, SessionLock } from './pglite-dialect';
import { preparingPool } from './prepared';
import type { DB } from './schema';

export type Db = Kysely<DB>;

export type RawQuery = <R = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<R[]>;

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Runs one statement outside Kysely (job queue adapter, benchmarks); without parameters it may hold several. */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /** Runs `fn` in one transaction on one session, with raw SQL (migrations). */
  rawTransaction<T>(fn: (q: RawQuery) => Promise<T>): Promise<T>;
  /** Subscribes to NOTIFY on `channel` (see listen.ts); resolves to the unsubscribe function. */
  listen(channel: string, handlers: ListenHandlers): Promise<Unlisten>;
  close(): Promise<void>;
  /** Only for embedded databases: the PGlite instance (tests clone it). */
  pglite?: PGlite;
};

// Normalise values so both drivers return the same JS types: bigint and numeric as numbers
// (counts and sums here stay far below 2^53), dates as 'YYYY-MM-DD' strings, timestamps as Date.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
pg.types.setTypeParser(INT8, (v) => Number(v));
pg.types.setTypeParser(NUMERIC, (v) => Number(v));
pg.types.setTypeParser(DATE, (v) => v);
const pgliteParsers = {
  [pgliteTypes.INT8]: (v: string) => Number(v),
  [pgliteTypes.NUMERIC]: (v: string) => Number(v),
  [pgliteTypes.DATE]: (v: string) => v,
};

export type OpenOptions =
  | { databaseUrl: string; poolSize?: number }
  | { dataDir: string | null; loadDataDir?: Blob | File };

/** Opens PostgreSQL at a URL, or embedded PGlite in a folder (null: in memory). */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if ('databaseUrl' in options) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    pool.on('error', () => {}); // idle-client errors surface on the next query instead
    return {
      db: new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) }),
      kind: 'postgres',
      query: async (sql, params) => (await pool.query(sql, params as unknown[])).rows,
      rawTransaction: async (fn) => {
        const client = await pool.connect();
        try {
          await client.query('begin');
          const result = await fn(async (sql, params) => (await client.query(sql, params as unknown[])).rows);
          await client.query('commit');
          return result;
        } catch (error) {
          await client.query('rollback').catch(() => {});
          throw error;
        } finally {
          client.release();
        }
      },
      listen: (channel, handlers) => listenOnServer(options.databaseUrl, channel, handlers),
      close: () => pool.end(),
    };
  }
  let dataDir: string | undefined;
  if (options.dataDir) {
    dataDir = join(options.dataDir, 'pgdata');
    mkdirSync(dirname(dataDir), { recursive: true });
  }
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: pgliteParsers,
  });
  const lock = new SessionLock();
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite, lock) });
  // Without parameters PGlite's exec runs several statements; it returns one result per statement.
  const raw: RawQuery = async (sql, params) =>
    params?.length
      ? ((await pglite.query(sql, params)).rows as never)
      : (((await pglite.exec(sql)).at(-1)?.rows ?? []) as never);
  return {
    db,
    kind: 'pglite',
    pglite,
    query: (sql, params) => lock.run(() => raw(sql, params)),
    rawTransaction: (fn) =>
      lock.run(async () => {
        await pglite.exec('begin');
        try {
          const result = await fn(raw);
          await pglite.exec('commit');
          return result;
        } catch (error) {
          await pglite.exec('rollback');
          throw error;
        }
      }),
    listen: (channel, handlers) => lock.run(() => listenEmbedded(pglite, channel, handlers)),
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}
