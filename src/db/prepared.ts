import type { PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';

/**
 * Hot statements opt into server-side prepared statements by starting with a marker comment:
 *
 *     sql`/* prepare:log_nodes_by_id *\/ select ...`
 *
 * On a PostgreSQL server such a statement is parsed and planned once per connection and then
 * only bound and executed (measured: an inclusion-proof read goes from ~0.5 ms to ~0.3 ms).
 * Only fixed statement texts may carry a marker: the name identifies the text for the life of
 * the connection, so a marker on text that varies would run the first text it saw. On PGlite
 * the marker is just a comment. Named statements need session pooling (a PgBouncer in
 * transaction mode must be 1.21+ with max_prepared_statements set), and migrations run before
 * a process serves requests, so a prepared plan never outlives the schema it was made for.
 */
const MARKER = /^\/\* prepare:([a-z0-9_]+) \*\//;

export function preparedName(sqlText: string): string | undefined {
  return MARKER.exec(sqlText)?.[1];
}

/** The pool Kysely's PostgresDialect uses, with marked statements sent as named statements. */
export function preparingPool(pool: pg.Pool): PostgresPool {
  return {
    connect: async () => wrapClient(await pool.connect()),
    end: () => pool.end(),
  };
}

function wrapClient(client: pg.PoolClient): PostgresPoolClient {
  return {
    query: ((textOrConfig: unknown, values?: readonly unknown[]) => {
      if (typeof textOrConfig === 'string') {
        const name = preparedName(textOrConfig);
        if (name) return namedQuery(client, name, textOrConfig, values as unknown[]);
        return client.query(textOrConfig, values as unknown[]);
      }
      // Cursors and other query objects (streaming) pass through untouched.
      return client.query(textOrConfig as pg.Submittable);
    }) as unknown as PostgresPoolClient['query'],
    release: (destroy?: boolean) => client.release(destroy),
  };
}

/**
 * Sends a named statement. The name is set on a Query built from the text: handed a config
 * object instead, pg copies it property descriptor by property descriptor on every call (pg
 * 8.23 `cloneQueryConfig`), which was ~3% of the CPU of an API write.
 */
function namedQuery(client: pg.PoolClient, name: string, text: string, values: unknown[]) {
  return new Promise<pg.QueryResult>((resolve, reject) => {
    const query = new pg.Query(text, values, (error, result) =>
      error ? reject(error) : resolve(result as unknown as pg.QueryResult),
    );
    (query as pg.Query & { name: string }).name = name;
    client.query(query);
  });
}
