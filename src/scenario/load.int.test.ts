import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/support/database';
import { verifyPassword } from '../auth/passwords';
import type { Database } from '../db/database';
import { DEMO_USERNAMES, generateScenario } from './generate';
import { isScenarioLoaded, loadScenario } from './load';

const PASSWORD = 'demo-password-for-tests';
const scenario = generateScenario({ seed: 1, scale: 1 });
let database: Database;
let loadSeconds = 0;
const progress: { table: string; done: number; total: number }[] = [];

beforeAll(async () => {
  database = await freshDatabase();
  expect(await isScenarioLoaded(database.db)).toBe(false);
  const started = performance.now();
  await loadScenario(database.db, scenario, { password: PASSWORD, onProgress: (p) => progress.push(p) });
  loadSeconds = (performance.now() - started) / 1000;
});
afterAll(() => database?.close());

const countOf = async (table: string, where = 'true') =>
  (await database.query<{ n: number }>(`select count(*)::int as n from ${table} where ${where}`))[0]?.n;

describe('loadScenario', () => {
  it('loads every row of scale 1 in reasonable time', async () => {
    expect(await isScenarioLoaded(database.db)).toBe(true);
    expect(await countOf('programmes')).toBe(1);
    expect(await countOf('regions')).toBe(scenario.regions.length);
    expect(await countOf('regions', "level = 'county'")).toBe(4);
    expect(await countOf('organisations')).toBe(scenario.organisations.length);
    expect(await countOf('facilities')).toBe(scenario.facilities.length);
    expect(await countOf('people', "kind = 'expert'")).toBe(94);
    expect(await countOf('people', "kind = 'local_staff'")).toBe(400);
    expect(await countOf('batches')).toBe(10);
    expect(await countOf('deployments')).toBe(scenario.deployments.length);
    expect(await countOf('users')).toBe(7);
    expect(loadSeconds).toBeLessThan(20);
    expect(progress.at(-1)?.done).toBe(progress.at(-1)?.total);
  });

  it('writes one audit row for the load', async () => {
    const rows = await database.db.selectFrom('audit_log').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'scenario.loaded',
      entity: 'programme',
      entity_id: scenario.programme.id,
      programme_id: scenario.programme.id,
    });
  });

  it('gives every demo account the same hash of the demo password', async () => {
    const users = await database.db.selectFrom('users').select(['username', 'password_hash']).execute();
    expect(users.map((u) => u.username).sort()).toEqual(Object.values(DEMO_USERNAMES).sort());
    expect(new Set(users.map((u) => u.password_hash)).size).toBe(1);
    expect(await verifyPassword(users[0]?.password_hash ?? '', PASSWORD)).toBe(true);
  });

  it('keeps the organisation subtree of the first county queryable by path', async () => {
    const { firstCountyHealthCommissionId } = scenario.landmarks;
    const subtree = await database.db
      .selectFrom('organisations')
      .select(['type'])
      .where('path', 'like', `%/${firstCountyHealthCommissionId}/%`)
      .execute();
    expect(subtree.filter((o) => o.type === 'recipient_hospital')).toHaveLength(1);
    expect(subtree.filter((o) => o.type === 'township_health_centre').length).toBeGreaterThanOrEqual(8);
    const hours = await database.query<{ max: number }>(
      "select max(travel_hours_to_seat) as max from facilities where level = 'township_health_centre'",
    );
    expect(hours[0]?.max).toBeGreaterThanOrEqual(3);
  });
});
