import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { preparingPool } from '../../src/db/prepared';

// Server-side prepared statements exist only on a PostgreSQL server: on PGlite the marker is a
// comment and there is nothing to check, so this file runs with TEST_DATABASE_URL (as in CI).
const serverUrl = inject('serverUrl');
const pool = serverUrl ? new pg.Pool({ connectionString: serverUrl, max: 1 }) : null;
const db = pool ? new Kysely<unknown>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) }) : null;
afterAll(() => db?.destroy());

describe.skipIf(!db)('marked statements on a PostgreSQL server', () => {
  const plusOne = (n: number) =>
    sql<{ n: number }>`/* prepare:zt_test_plus_one */ select ${n}::int + 1 as n`.execute(db!);

  it('are prepared once per connection and run with each call’s values', async () => {
    expect((await plusOne(1)).rows).toEqual([{ n: 2 }]);
    expect((await plusOne(41)).rows).toEqual([{ n: 42 }]);
    const prepared = await sql<{ name: string }>`select name from pg_prepared_statements`.execute(db!);
    expect(prepared.rows.map((r) => r.name)).toContain('zt_test_plus_one');
  });

  it('reject with the server’s error and leave the connection usable', async () => {
    const failing = sql`/* prepare:zt_test_divide */ select 1 / ${0}::int as n`.execute(db!);
    await expect(failing).rejects.toThrow(/division by zero/);
    expect((await plusOne(2)).rows).toEqual([{ n: 3 }]);
  });
});
