import { type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import { recordAudit } from '../audit/audit';
import { hashPassword } from '../auth/passwords';
import type { DB } from '../db/schema';
import { type GeoCollection, saveMapFeatures, saveRoadNetwork } from '../geo/store';
import { insertAgreements } from './agreements';
import { scenarioRandom } from './generate';
import { insertMentorship } from './mentorship';
import { insertNeeds } from './needs';
import type { Scenario } from './types';

export type LoadProgress = { table: string; done: number; total: number };
export type LoadOptions = {
  /** The password of every demo account; hashed once. */
  password: string;
  onProgress?: (progress: LoadProgress) => void;
};

const CHUNK_ROWS = 500;
const SCENARIO_LOCK_KEY = 7_305_162_022;

/** Is any programme in the database (then the scenario, or real data, is already there)? */
export async function isScenarioLoaded(db: Kysely<DB>): Promise<boolean> {
  return (await db.selectFrom('programmes').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** The rows per table, in foreign-key order. */
export function scenarioRowCounts(scenario: Scenario): Record<string, number> {
  return {
    programmes: 1,
    regions: scenario.regions.length,
    organisations: scenario.organisations.length,
    facilities: scenario.facilities.length,
    people: scenario.people.length,
    batches: scenario.batches.length,
    deployments: scenario.deployments.length,
    users: scenario.users.length,
  };
}

/**
 * Inserts a generated scenario in one transaction, in chunks and in foreign-key order, with
 * one audit row `scenario.loaded`. Parents precede children in the scenario's arrays, so the
 * self-referencing regions and organisations insert in order.
 */
export async function loadScenario(
  db: Kysely<DB>,
  scenario: Scenario,
  options: LoadOptions,
): Promise<boolean> {
  const passwordHash = await hashPassword(options.password);
  const counts = scenarioRowCounts(scenario);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  let done = 0;
  const report = (table: string, rows: number) => {
    done += rows;
    options.onProgress?.({ table, done, total });
  };
  return db.transaction().execute(async (trx) => {
    // Several processes may start together against one server: the first loads, the others see it loaded.
    await sql`select pg_advisory_xact_lock(${SCENARIO_LOCK_KEY})`.execute(trx);
    const existing = await trx
      .selectFrom('programmes')
      .select('id')
      .where('code', '=', scenario.programme.code)
      .executeTakeFirst();
    if (existing) return false;
    await trx.insertInto('programmes').values(scenario.programme).execute();
    report('programmes', 1);
    await insertChunks(trx, 'regions', scenario.regions, report);
    await insertChunks(trx, 'organisations', scenario.organisations, report);
    await insertChunks(trx, 'facilities', scenario.facilities, report);
    await insertChunks(trx, 'people', scenario.people, report);
    await insertChunks(trx, 'batches', scenario.batches, report);
    await insertChunks(trx, 'deployments', scenario.deployments, report);
    await insertChunks(
      trx,
      'users',
      scenario.users.map((u) => ({ ...u, password_hash: passwordHash })),
      report,
    );
    await saveMapFeatures(trx, scenario.programme.id, scenario.geo as GeoCollection);
    await saveRoadNetwork(trx, scenario.programme.id, scenario.roads);
    await insertNeeds(trx, scenario, scenarioRandom(scenario.seed).fork('needs'));
    await insertMentorship(trx, scenario, scenarioRandom(scenario.seed).fork('mentorship'));
    await insertAgreements(trx, scenario, scenarioRandom(scenario.seed).fork('agreements'));
    await recordAudit(
      trx,
      { programmeId: scenario.programme.id, actorUserId: null, requestId: null },
      {
        action: 'scenario.loaded',
        entity: 'programme',
        entityId: scenario.programme.id,
        after: { seed: scenario.seed, scale: scenario.scale, rows: counts },
      },
    );
    return true;
  });
}

type LoadedTable =
  | 'regions'
  | 'organisations'
  | 'facilities'
  | 'people'
  | 'batches'
  | 'deployments'
  | 'users';

async function insertChunks<T extends LoadedTable>(
  trx: Transaction<DB>,
  table: T,
  rows: readonly Insertable<DB[T]>[],
  report: (table: string, rows: number) => void,
): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const chunk = rows.slice(start, start + CHUNK_ROWS);
    // Kysely cannot relate a generic table name to its row type; the signature above checks the rows.
    await trx
      .insertInto(table)
      .values(chunk as never)
      .execute();
    report(table, chunk.length);
  }
}
