import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database';

const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
// Any constant works; it only has to be the same in every process of this application.
const MIGRATION_LOCK_KEY = 7_305_162_021;

/** The migration files in order (NNNN_name.sql); the same SQL runs on PGlite and PostgreSQL 15+. */
export function migrationFiles(): { name: string; sql: string }[] {
  return readdirSync(migrationsDir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(migrationsDir, name), 'utf8') }));
}

/**
 * Applies pending migrations in one transaction under a PostgreSQL advisory lock, so several
 * processes starting together against one server apply each migration exactly once.
 */
export async function migrate(database: Database): Promise<string[]> {
  return database.rawTransaction(async (q) => {
    await q('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await q(
      `create table if not exists schema_migrations (
         name text primary key,
         applied_at timestamptz not null default now()
       )`,
    );
    const done = new Set(
      (await q<{ name: string }>('select name from schema_migrations')).map((r) => r.name),
    );
    const applied: string[] = [];
    for (const m of migrationFiles()) {
      if (done.has(m.name)) continue;
      await q(m.sql);
      await q('insert into schema_migrations (name) values ($1)', [m.name]);
      applied.push(m.name);
    }
    return applied;
  });
}
