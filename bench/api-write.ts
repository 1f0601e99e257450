// `npm run bench -- api-write [--seconds 10] [--connections 16]`: authenticated creates (each
// with its audit row) over HTTP, on PGlite and on a PostgreSQL server, against raw single-row
// inserts through `pg` on the same server. Prints one JSON object.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Result as AutocannonResult } from 'autocannon';
import pg from 'pg';
import { hashPassword } from '../src/auth/passwords';
import { loadConfig } from '../src/config';
import { type Database, openDatabase } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { buildApp } from '../src/http/app';
import { ids, insertFixture, PASSWORD } from '../test/support/fixture';
import { postgresForBench } from './support/postgres';

const run = promisify(execFile);

const arg = (args: string[], name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};

const personBody = () =>
  JSON.stringify({
    organisationId: ids.countyAHospital,
    kind: 'local_staff',
    fullName: '压测',
    specialtyCode: 'nursing',
  });

/**
 * Runs autocannon in a child process, so the load generator does not share the server's
 * event loop (in-process it would take half the server's CPU and halve the figure).
 */
async function loadFromAnotherProcess(options: {
  url: string;
  connections: number;
  duration: number;
  method: string;
  headers: Record<string, string>;
  body: string;
}): Promise<AutocannonResult> {
  const args = [
    '-j',
    '-c',
    String(options.connections),
    '-d',
    String(options.duration),
    '-m',
    options.method,
    '-b',
    options.body,
  ];
  for (const [k, v] of Object.entries(options.headers)) args.push('-H', `${k}=${v}`);
  args.push(options.url);
  const bin = join(dirname(fileURLToPath(import.meta.url)), '../node_modules/.bin/autocannon');
  const { stdout } = await run(bin, args, { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as AutocannonResult;
}

async function measureApi(database: Database, seconds: number, connections: number) {
  await migrate(database);
  await insertFixture(database.db, await hashPassword(PASSWORD));
  const config = loadConfig({ LOG_LEVEL: 'silent', PORT: '0', ZUTUAN_DB_POOL_SIZE: String(connections) });
  const { app } = await buildApp({ config, database, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const result = await loadFromAnotherProcess({
    url: `${url}/api/people`,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: personBody(),
  });
  const audited = await database.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('action', '=', 'person.created')
    .executeTakeFirstOrThrow();
  await app.close();
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    created: result['2xx'],
    auditRows: Number(audited.n),
    errors: result.errors + result.non2xx,
  };
}

async function measureRawInserts(url: string, seconds: number, connections: number) {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  const deadline = Date.now() + seconds * 1000;
  let count = 0;
  await Promise.all(
    Array.from({ length: connections }, async (_, c) => {
      let i = 0;
      while (Date.now() < deadline) {
        await pool.query(
          'insert into people (programme_id, organisation_id, kind, full_name, specialty_code) values ($1, $2, $3, $4, $5)',
          [ids.programme, ids.countyAHospital, 'local_staff', `raw${c}-${i++}`, 'nursing'],
        );
        count++;
      }
    }),
  );
  await pool.end();
  return { insertsPerSecond: Math.round(count / seconds) };
}

async function freshServerDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export default async function apiWrite(args: string[]) {
  const seconds = arg(args, 'seconds', 10);
  const connections = arg(args, 'connections', 16);
  const out: Record<string, unknown> = { benchmark: 'api-write', seconds, connections };

  const embedded = await openDatabase({ dataDir: null });
  out.pglite = await measureApi(embedded, seconds, connections);
  await embedded.close();

  const server = postgresForBench();
  if (!server) {
    out.postgres = { skipped: 'no PostgreSQL server: set BENCH_DATABASE_URL or apt-get install postgresql' };
  } else {
    try {
      const apiUrl = await freshServerDatabase(server.url, 'zutuan_bench_api');
      const database = await openDatabase({ databaseUrl: apiUrl, poolSize: connections });
      const api = await measureApi(database, seconds, connections);
      await database.close();
      const rawUrl = await freshServerDatabase(server.url, 'zutuan_bench_raw');
      const rawDb = await openDatabase({ databaseUrl: rawUrl, poolSize: 2 });
      await migrate(rawDb);
      await insertFixture(rawDb.db, 'not-a-login');
      await rawDb.close();
      const raw = await measureRawInserts(rawUrl, seconds, connections);
      out.postgres = {
        ...api,
        rawInsertsPerSecond: raw.insertsPerSecond,
        ratioToRawInserts: Math.round((api.requestsPerSecond / raw.insertsPerSecond) * 100) / 100,
        targets: { requestsPerSecond: 1000, p99Ms: 50, ratio: 0.4 },
      };
    } finally {
      server.stop();
    }
  }
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}
